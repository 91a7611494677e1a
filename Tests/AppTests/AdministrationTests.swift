import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct AdministrationTests {
    @Test(arguments: TestDatabase.available)
    func anAdministratorAddsStaffWithATemporaryPassword(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            try await admin.get(SitePath.newUser())
            // act
            let created = try await admin.post(SitePath.adminUsers(), form: ["name": "Dr. New", "email": "New@Clinic.org", "role": "physician"])
            // check
            #expect(created.status == .ok)
            let password = try #require(created.text.components(separatedBy: "<code>").dropFirst().first?.components(separatedBy: "</code>").first)
            let user = try #require(try await User.query(on: context.app.db).filter(\.$email == "new@clinic.org").first())
            #expect(user.mustChangePassword)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(try await context.auditEvents(.userCreate).first?.resourceID == user.id?.uuidString)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login())
            let login = try await browser.post(SitePath.login(), form: ["email": "new@clinic.org", "password": password])
            #expect(login.location == SitePath.accountPassword())
        }
    }

    @Test(arguments: TestDatabase.available)
    func badAccountInputIsShownFieldByField(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            try await admin.get(SitePath.newUser())
            // act
            let response = try await admin.post(SitePath.adminUsers(), form: ["name": "", "email": "admin@test.relief", "role": "wizard"])
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter the person&#39;s name.") || response.text.contains("Enter the person's name."))
            #expect(response.text.contains("An account with this email already exists."))
            #expect(response.text.contains("Choose one of the staff roles."))
            #expect(try await User.query(on: context.app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func disablingAnAccountEndsItsSessions(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let nurse = try await context.signedIn(.nurse)
            let nurseUser = try #require(try await User.query(on: context.app.db).filter(\.$email == "nurse@test.relief").first())
            try await admin.get(SitePath.user(nurseUser.id!))
            // act
            let response = try await admin.post(SitePath.userDisable(nurseUser.id!))
            // check
            #expect(response.status == .seeOther)
            #expect(try await nurse.get(SitePath.patients()).location?.hasPrefix(SitePath.login()) == true)
            #expect(try await context.auditEvents(.userDisable).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theLastAdministratorCannotBeRemoved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let self_ = try #require(try await User.query(on: context.app.db).filter(\.$email == "admin@test.relief").first())
            try await admin.get(SitePath.user(self_.id!))
            // act
            let demote = try await admin.post(SitePath.user(self_.id!), form: ["name": "Admin", "role": "nurse", "version": "\(self_.version)"])
            let disable = try await admin.post(SitePath.userDisable(self_.id!))
            // check
            #expect(demote.status == .unprocessableEntity)
            #expect(demote.text.contains("at least one active administrator"))
            #expect(disable.status == .conflict)
            #expect(try await User.find(self_.id, on: context.app.db)?.role == "admin")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStaleAccountEditIsAConflict(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let nurse = try await context.makeUser(.nurse)
            try await admin.get(SitePath.user(nurse.id!))
            try await admin.post(SitePath.user(nurse.id!), form: ["name": "Renamed", "role": "nurse", "version": "1"])
            // act
            let stale = try await admin.post(SitePath.user(nurse.id!), form: ["name": "Other", "role": "physician", "version": "1"])
            // check
            #expect(stale.status == .conflict)
            #expect(try await User.find(nurse.id, on: context.app.db)?.name == "Renamed")
        }
    }

    @Test(arguments: TestDatabase.available)
    func resettingAPasswordForcesAChange(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let nurse = try await context.makeUser(.nurse)
            try await admin.get(SitePath.user(nurse.id!))
            // act
            let response = try await admin.post(SitePath.userPasswordReset(nurse.id!))
            // check
            #expect(response.status == .ok)
            let saved = try #require(try await User.find(nurse.id, on: context.app.db))
            #expect(saved.mustChangePassword)
            #expect(try await context.auditEvents(.userPasswordReset).count == 1)
        }
    }
}

@Suite struct AuditTrailTests {
    @Test(arguments: TestDatabase.available)
    func auditRowsCannotBeChangedOrRemoved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.signedIn(.nurse)
            let sql = context.app.db.sql
            // act / check
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET outcome = 'x'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            #expect(try await context.auditEvents(.loginSuccess).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func administratorsFilterTheTrailByPatientAndAction(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let watched = try await context.makePatient()
            let other = try await context.makePatient([.familyName: "Other"])
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.patient(watched.id))
            try await nurse.get(SitePath.patient(other.id))
            let admin = try await context.signedIn(.admin)
            // act
            let page = try await admin.get("\(SitePath.audit())?patient=\(watched.mrn)&action=patient.view")
            let badDate = try await admin.get("\(SitePath.audit())?from=yesterday")
            // check
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<td title=\"patient.view\">Opened a patient</td>").count - 1 == 1)
            #expect(page.text.contains("<td>Müller, Zoë (MRN \(watched.mrn))</td>"))
            #expect(!page.text.contains("Other, Zoë (MRN"))
            #expect(badDate.text.contains("Enter a date as MM/DD/YYYY."))
            #expect(try await context.auditEvents(.auditView).count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func administratorsFindThePatientByNameAndHearWhenNothingMatched(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let watched = try await context.makePatient([.familyName: "Okafor", .givenName: "Grace"])
            try await context.makePatient([.familyName: "Okafor", .givenName: "Ben"])
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.patient(watched.id))
            let admin = try await context.signedIn(.admin)
            // act
            let byName = try await admin.get("\(SitePath.audit())?patient=okafor%2C%20gr")
            let both = try await admin.get("\(SitePath.audit())?patient=okafor")
            let nobody = try await admin.get("\(SitePath.audit())?patient=nobody")
            let quiet = try await admin.get("\(SitePath.audit())?patient=okafor%2C%20ben")
            let chart = try await admin.get(SitePath.patient(watched.id))
            // check
            #expect(byName.text.contains("Patient: Okafor, Grace (MRN \(watched.mrn))."))
            #expect(byName.text.contains("<td>Okafor, Grace (MRN \(watched.mrn))</td>") && byName.text.contains("Opened a patient"))
            #expect(try #require(byName.text.range(of: #"\d{1,2}/\d{2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M"#, options: .regularExpression)) != nil)
            #expect(both.text.contains("Patients matching “okafor”: Okafor, Ben") || both.text.contains("Patients matching “okafor”: Okafor, Grace"))
            #expect(nobody.text.contains("No patient matches “nobody”.") && !nobody.text.contains("<tbody>"))
            #expect(quiet.text.contains("No audit events match these filters."))
            #expect(chart.status == .forbidden, "looking up identity for the audit never opens the chart")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRolesPageIsThePermissionTableAndSettingsSayWhoMayChangeThem(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            // act
            let roles = try await nurse.get(SitePath.roles())
            let settings = try await physician.get(SitePath.clinicalSettings())
            // check
            #expect(roles.status == .ok && roles.text.contains("Your role: Nurse."))
            let granted = roles.text.components(separatedBy: "class=\"granted\"").count - 1
            #expect(granted == Role.staff.map { role in Action.allCases.filter { PermissionTable.allows(role, $0) }.count }.reduce(0, +))
            #expect(roles.text.contains(Action.userManage.explanation))
            #expect(settings.text.contains("Who may change them: Physician."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theTrailExportsAsCSV(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            // act
            let response = try await admin.get("\(SitePath.auditExport())?user=admin@test.relief")
            // check
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let lines = response.text.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("occurred_at,user_email,role,action") == true)
            #expect(lines.contains { $0.contains(",login.success,") })
            #expect(try await context.auditEvents(.auditExport).count == 1)
        }
    }

    @Test func timesReadAsTheClinicWritesThem() async throws {
        // setup
        let app = try await Application.make(.testing)
        try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4))
        let request = Request(application: app, on: app.eventLoopGroup.next())
        func at(_ hour: Int, _ minute: Int) -> Date {
            Calendar.current.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: hour, minute: minute))!
        }
        // act / check
        #expect(request.displayTime(at(0, 5)) == "11/23/2026 12:05 AM")
        #expect(request.displayTime(at(12, 30)) == "11/23/2026 12:30 PM")
        #expect(request.displayTime(at(13, 0)) == "11/23/2026 1:00 PM")
        try await app.asyncShutdown()
    }

    @Test func csvFieldsCannotBecomeFormulas() {
        // act / check
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("plain") == "plain")
    }
}

@Suite struct OperationsTests {
    @Test(arguments: TestDatabase.available)
    func healthAnswersWhenTheDatabaseDoes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // act
            let response = try await Browser(app: context.app).get(SitePath.health())
            // check
            #expect(response.status == .ok)
        }
    }

    @Test func healthReportsAnUnreachableDatabase() async throws {
        // setup: a PostgreSQL address where nothing listens
        let app = try await Application.make(.testing)
        let config = AppConfig(database: .postgres(url: "postgres://relief@127.0.0.1:1/none?sslmode=disable", searchPath: nil))
        try await configure(app, config: config)
        // act
        let response = try await app.testing().sendRequest(.GET, SitePath.health())
        // check
        #expect(response.status == .serviceUnavailable)
        try await app.asyncShutdown()
    }

    @Test(arguments: TestDatabase.available)
    func malformedBodiesAreBadRequests(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            let headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json",
                                        CSRFMiddleware.headerName: browser.csrfToken ?? ""]
            // act
            let response = try await browser.send(.POST, SitePath.patients(), headers: headers, body: ByteBuffer(string: "{\"familyName\": "))
            // check
            #expect(response.status == .badRequest)
            #expect(response.text.contains("\"error\""))
            #expect(try await context.patientCount() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func metricsCountRequestsByRoutePattern(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            try await browser.get(SitePath.patient(UUID()))
            // act
            let response = try await browser.get(SitePath.metrics())
            // check
            #expect(response.text.contains("relief_http_requests_total{method=\"GET\",route=\"/patients/:patient\",status=\"404\"} 1"))
            #expect(response.text.contains("relief_http_request_duration_seconds_bucket"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func everyResponseCarriesTheSecurityHeaders(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = Browser(app: context.app)
            // act
            let responses = [try await browser.get(SitePath.login()), try await browser.get("/no/such/page"),
                             try await browser.get(SitePath.stylesheet())]
            // check
            for response in responses {
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
            #expect(responses[1].status == .notFound)
            #expect(responses[2].headers.contentType == .css)
        }
    }
}
