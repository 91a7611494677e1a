import Fluent
import Foundation
import SQLKit
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct AuthenticationTests {
    @Test(arguments: TestDatabase.available)
    func signingInStartsASessionWithASafeCookie(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let user = try await context.makeUser(.nurse)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            // act
            let response = try await browser.post(SitePath.login, form: ["email": "  NURSE@test.relief ", "password": TestContext.password])
            // check
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers.setCookie?[SessionAuthenticator.cookieName])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(try await browser.get(SitePath.patients).status == .ok)
            let events = try await context.auditEvents(.loginSuccess)
            #expect(events.count == 1)
            #expect(events.first?.userID == user.id)
            #expect(events.first?.outcome == "success")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aWrongPasswordIsRefusedAndAudited(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makeUser(.physician)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            // act
            let response = try await browser.post(SitePath.login, form: ["email": "physician@test.relief", "password": "not the password"])
            // check
            #expect(response.status == .unauthorized)
            #expect(response.text.contains(LoginController.wrongCredentials))
            #expect(response.text.contains("value=\"physician@test.relief\""))
            #expect(browser.cookies[SessionAuthenticator.cookieName] == nil)
            let failures = try await context.auditEvents(.loginFailure)
            #expect(failures.map(\.detail) == ["wrong password"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func fiveFailuresLockTheAccountForFifteenMinutes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makeUser(.coordinator)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            let email = "coordinator@test.relief"
            for _ in 1...5 { try await browser.post(SitePath.login, form: ["email": email, "password": "wrong wrong wrong"]) }
            // act
            let whileLocked = try await browser.post(SitePath.login, form: ["email": email, "password": TestContext.password])
            context.clock.advance(minutes: 15.1)
            let afterwards = try await browser.post(SitePath.login, form: ["email": email, "password": TestContext.password])
            // check
            #expect(whileLocked.status == .unauthorized)
            #expect(whileLocked.text.contains("locked"))
            #expect(afterwards.status == .seeOther)
            #expect(try await context.auditEvents(.loginFailure).last?.detail == "account locked")
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneAddressMayFailOnlySoOften(database: TestDatabase) async throws {
        try await withRelief(database, throttle: LoginThrottle(maxFailuresPerAddress: 3)) { context in
            // setup
            try await context.makeUser(.nurse)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            for index in 1...3 { try await browser.post(SitePath.login, form: ["email": "guess\(index)@x.org", "password": "abc"]) }
            // act
            let response = try await browser.post(SitePath.login, form: ["email": "nurse@test.relief", "password": TestContext.password])
            // check
            #expect(response.status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.available)
    func unknownAndDisabledAccountsGetTheSameAnswer(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let user = try await context.makeUser(.therapist)
            user.disabledAt = context.clock.now
            try await user.save(on: context.app.db)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            // act
            let disabled = try await browser.post(SitePath.login, form: ["email": user.email, "password": TestContext.password])
            let unknown = try await browser.post(SitePath.login, form: ["email": "nobody@test.relief", "password": TestContext.password])
            // check
            #expect(disabled.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(disabled.text.contains(LoginController.wrongCredentials) && unknown.text.contains(LoginController.wrongCredentials))
        }
    }

    @Test(arguments: TestDatabase.available)
    func signingOutEndsTheSession(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.physician)
            let oldCookie = try #require(browser.cookies[SessionAuthenticator.cookieName])
            // act
            let response = try await browser.post(SitePath.logout)
            // check
            #expect(response.status == .seeOther)
            #expect(response.location == SitePath.login)
            let replay = Browser(app: context.app)
            let headers: HTTPHeaders = ["Cookie": "\(SessionAuthenticator.cookieName)=\(oldCookie)"]
            let after = try await replay.send(.GET, SitePath.patients, headers: headers, body: nil)
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix(SitePath.login) == true)
            #expect(try await context.auditEvents(.logout).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anIdleSessionEndsAfterThirtyMinutes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            context.clock.advance(minutes: 29)
            let stillActive = try await browser.get(SitePath.patients)
            // act
            context.clock.advance(minutes: 30.5)
            let expired = try await browser.get(SitePath.patients)
            // check
            #expect(stillActive.status == .ok)
            #expect(expired.status == .seeOther)
            #expect(expired.location?.contains("expired=1") == true)
            #expect(try await UserSession.query(on: context.app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionEndedByAnotherInstanceStopsWorkingWithinTheCacheLifetime(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: the session is checked once, so it is cached
            let browser = try await context.signedIn(.nurse)
            #expect(try await browser.get(SitePath.patients).status == .ok)
            // act: another instance signs it out behind this one's back
            try await context.app.db.sql.raw("DELETE FROM user_sessions").run()
            let withinLifetime = try await browser.get(SitePath.patients)
            context.clock.advance(minutes: 6.0 / 60)
            let afterLifetime = try await browser.get(SitePath.patients)
            // check
            #expect(withinLifetime.status == .ok)
            #expect(afterLifetime.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func formsWithoutTheRightTokenAreRefused(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.coordinator)
            let form = ["familyName": "Doe", "givenName": "Jane", "birthDate": "01/02/1970", "sexAtBirth": "F"]
            // act
            let missing = try await browser.post(SitePath.patients, form: form, csrf: .some(nil))
            let wrong = try await browser.post(SitePath.patients, form: form, csrf: "forged-token")
            let loginWithout = try await Browser(app: context.app).post(SitePath.login, form: ["email": "a@b.org", "password": "x"], csrf: .some(nil))
            // check
            #expect(missing.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(loginWithout.status == .forbidden)
            #expect(try await context.patientCount() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTemporaryPasswordMustBeReplacedFirst(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makeUser(.nurse, mustChangePassword: true)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login)
            let login = try await browser.post(SitePath.login, form: ["email": "nurse@test.relief", "password": TestContext.password])
            // act
            let blocked = try await browser.get(SitePath.patients)
            try await browser.get(SitePath.accountPassword)
            let weak = try await browser.post(SitePath.accountPassword, form: [
                "currentPassword": TestContext.password, "newPassword": "short", "confirmPassword": "short"])
            let changed = try await browser.post(SitePath.accountPassword, form: [
                "currentPassword": TestContext.password, "newPassword": "a much better passphrase", "confirmPassword": "a much better passphrase"])
            // check
            #expect(login.location == SitePath.accountPassword)
            #expect(blocked.location == SitePath.accountPassword)
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("Use at least 12 characters."))
            #expect(changed.status == .seeOther)
            #expect(try await browser.get(SitePath.patients).status == .ok)
            #expect(try await context.auditEvents(.passwordChange).count == 1)
        }
    }

    @Test func passwordsAreHashedWithBcryptAtCostTwelveByDefault() throws {
        // act
        let config = try AppConfig.fromEnvironment([:])
        // check
        #expect(config.bcryptCost == 12)
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELIEF_BCRYPT_COST": "10"]) }
        #expect(config.sessionIdleTimeout == 30 * 60)
    }

    @Test func settingsWithTyposAreRefusedNotGuessed() throws {
        // act / check
        #expect(try AppConfig.fromEnvironment(["RELIEF_MAX_BODY": "2MB"]).maxBodySize == 2 << 20)
        #expect(try AppConfig.fromEnvironment(["RELIEF_MAX_BODY": "512kb"]).maxBodySize == 512 << 10)
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELIEF_MAX_BODY": "lots"]) }
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELIEF_SESSION_IDLE_MINUTES": "0"]) }
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELIEF_LOG_FORMAT": "xml"]) }
        #expect(try AppConfig.fromEnvironment([:]).chartCacheSize == 2000)
        #expect(try AppConfig.fromEnvironment(["RELIEF_CHART_CACHE": "0"]).chartCacheSize == 0)
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELIEF_CHART_CACHE": "many"]) }
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u@h/db"]).database == .postgres(url: "postgres://u@h/db", searchPath: nil))
    }

    @Test func onlyLocalPathsAreFollowedAfterSignIn() {
        // act / check
        #expect(LoginController.safeNext("/patients?q=smith") == "/patients?q=smith")
        #expect(LoginController.safeNext("//evil.example/x") == SitePath.home)
        #expect(LoginController.safeNext("https://evil.example") == SitePath.home)
        #expect(LoginController.safeNext("/\\evil.example") == SitePath.home)
    }
}
