import Fluent
import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Every route × every role, generated from the routes as registered and the permission table.
@Suite struct PermissionMatrixTests {
    @Test(arguments: TestDatabase.available)
    func everyRouteDeclaresWhoMayUseIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // act
            let unguarded = context.app.routes.all.filter { $0.access == nil }
            // check
            #expect(unguarded.map(\.description) == [])
            #expect(context.app.routes.all.count > 20)
        }
    }

    @Test(arguments: TestDatabase.available)
    func everyRouteParameterNamesWhatItIdentifies(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // act
            let names = context.app.routes.all.flatMap { route in
                route.path.compactMap { component -> String? in if case .parameter(let name) = component { name } else { nil } }
            }
            // check
            #expect(!names.isEmpty && names.allSatisfy { PathParameter(rawValue: $0) != nil }, "\(Set(names).sorted())")
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachRoleReachesExactlyWhatThePermissionTableGrants(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let target = try await context.makeUser(.therapist, email: "target@test.relief")
            var users: [Role: User] = [:]
            for role in Role.allCases { users[role] = try await context.makeUser(role, email: "matrix-\(role.rawValue)@test.relief") }
            var denials = 0
            for route in context.app.routes.all {
                let access = try #require(route.access)
                // Each parameter names what it identifies; any other record's id stands in where none exists (404 is fine).
                let path = "/" + route.path.map { component -> String in
                    guard case .parameter(let name) = component else { return component.description }
                    return PathParameter(rawValue: name) == .user ? target.id!.uuidString : patient.id.uuidString
                }.joined(separator: "/")
                for role in [nil] + Role.allCases.map(Optional.some) {
                    // act
                    let browser = Browser(app: context.app)
                    if let role {
                        try await browser.login(email: users[role]!.email, password: TestContext.password)
                    } else {
                        try await browser.get(SitePath.login())
                    }
                    let response = route.method == .GET
                        ? try await browser.get(path)
                        : try await browser.post(path, method: route.method)
                    // check
                    let label = "\(route.method.rawValue) \(path) as \(role?.rawValue ?? "anonymous")"
                    // The access check sends anonymous users to sign in with `?next=`; signing out sends to plain /login.
                    let toLogin = response.status == .seeOther && response.location?.hasPrefix(SitePath.login() + "?") == true
                    if PermissionTable.allows(role, access) {
                        #expect(response.status != .forbidden && !toLogin, "\(label) should be allowed, got \(response.status)")
                        #expect(response.status.code < 500, "\(label) failed with \(response.status)")
                    } else if role == nil {
                        // The JSON API, FHIR and CDS Hooks answer 401 rather than sending a script to a sign-in page.
                        let machine = ["/api/", "/fhir/", "/cds-services/"].contains { path.hasPrefix($0) }
                        let refused = machine ? response.status == .unauthorized : toLogin
                        #expect(refused, "\(label) should send to sign-in, got \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(label) should be forbidden, got \(response.status)")
                        denials += 1
                    }
                }
            }
            #expect(denials > 0)
            #expect(try await context.auditEvents(.permissionDenied).count == denials)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDenialNamesTheRouteAndTheUser(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.therapist)
            // act
            let response = try await browser.get(SitePath.newPatient())
            // check
            #expect(response.status == .forbidden)
            let denial = try #require(try await context.auditEvents(.permissionDenied).first)
            #expect(denial.resourceID == "GET /patients/new")
            #expect(denial.role == "therapist")
            #expect(denial.outcome == "denied")
        }
    }

    @Test(arguments: TestDatabase.available)
    func navigationShowsOnlyWhatTheRoleMayOpen(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let nurse = try await context.signedIn(.nurse)
            // act
            let adminPage = try await admin.get(SitePath.adminUsers())
            let nursePage = try await nurse.get(SitePath.patients())
            // check
            #expect(adminPage.text.contains("href=\"/admin/users\""))
            #expect(!adminPage.text.contains("href=\"/patients\""))
            #expect(nursePage.text.contains("href=\"/patients\""))
            #expect(!nursePage.text.contains("href=\"/admin/users\""))
        }
    }
}
