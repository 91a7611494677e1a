import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// Personal API tokens: shown once, stored hashed, stopped by revocation, expiry or a disabled account, and a
/// checked token remembered only briefly.
@Suite struct APITokenTests {
    @Test(arguments: TestDatabase.available)
    func aTokenIsShownOnceStoredHashedAndStopsWhenRevokedExpiredOrTheAccountIsDisabled(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            let nurse = try await APIClient.make(browser, name: "export")
            let shortLived = try await APIClient.make(browser, name: "short", expiresIn: "30")
            // act
            let me = try await nurse.get("/api/v1/me")
            let account = try await browser.get(SitePath.account())
            let stored = try await context.app.db.sql.raw("SELECT token_hash, hint FROM api_tokens").all()
            let forged = try await APIClient(app: context.app, token: "relief_not-a-token").get("/api/v1/me")
            let tokenID = try #require(try await context.app.db.sql.raw("SELECT id FROM api_tokens WHERE name = 'export'").first()?
                .decode(column: "id", as: UUID.self))
            try await browser.get(SitePath.account())
            let revoke = try await browser.post(SitePath.revokeAPIToken(tokenID))
            let afterRevoke = try await nurse.get("/api/v1/me")
            let beforeExpiry = try await shortLived.get("/api/v1/me")
            context.clock.advance(minutes: 31 * 24 * 60)
            let afterExpiry = try await shortLived.get("/api/v1/me")
            // check
            #expect(me.status == .ok && me.json["role"] == "nurse" && me.json["via"] == "api-token")
            #expect(me.json["permissions"].count == PermissionTable.grants[.nurse]!.count)
            #expect(nurse.token.hasPrefix("relief_") && !account.text.contains(nurse.token))
            #expect(account.text.contains(String(nurse.token.prefix(13))))
            #expect(stored.count == 2)
            for row in stored { #expect(try row.decode(column: "token_hash", as: String.self) != nurse.token) }
            #expect(forged.status == .unauthorized && forged.json["error"] != .null)
            #expect(revoke.status == .seeOther)
            #expect(afterRevoke.status == .unauthorized && beforeExpiry.status == .ok && afterExpiry.status == .unauthorized)
            #expect(try await context.auditEvents(.tokenCreate).count == 2)
            #expect(try await context.auditEvents(.tokenRevoke).count == 1)
            #expect(try await context.auditEvents(.loginFailure).filter { $0.resourceType == "APIToken" }.count == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCheckedTokenIsRememberedBrieflyButAChangeHereAppliesAtOnce(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurseBrowser = try await context.signedIn(.nurse)
            let api = try await APIClient.make(nurseBrowser)
            let nurse = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.nurse.rawValue).first())
            let admin = try await context.signedIn(.admin)
            #expect(try await api.get("/api/v1/me").status == .ok)
            // act: revoked by another instance (straight in the database), then a role changed here
            try await context.app.db.sql.raw("UPDATE api_tokens SET revoked_at = \(bind: context.clock.now)").run()
            let withinCache = try await api.get("/api/v1/me")
            context.clock.advance(minutes: 0.1)
            let afterCache = try await api.get("/api/v1/me")
            try await context.app.db.sql.raw("UPDATE api_tokens SET revoked_at = NULL").run()
            #expect(try await api.get("/api/v1/me").json["role"] == "nurse")
            try await admin.get(SitePath.user(nurse.id!))
            try await admin.post(SitePath.user(nurse.id!), form: ["name": nurse.name, "role": "therapist", "version": "\(nurse.version)"])
            let afterRoleChange = try await api.get("/api/v1/me")
            // check
            #expect(withinCache.status == .ok, "another instance's revocation shows within the cache time")
            #expect(afterCache.status == .unauthorized)
            #expect(afterRoleChange.json["role"] == "therapist")
        }
    }
}
