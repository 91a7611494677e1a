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
            try await browser.get(SitePath.login())
            // act
            let response = try await browser.post(SitePath.login(), form: ["email": "  NURSE@test.relief ", "password": TestContext.password])
            // check
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers.setCookie?[SessionAuthenticator.cookieName])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(try await browser.get(SitePath.patients()).status == .ok)
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
            try await browser.get(SitePath.login())
            // act
            let response = try await browser.post(SitePath.login(), form: ["email": "physician@test.relief", "password": "not the password"])
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
    func fiveFailuresMakeThatAddressWaitForThatAccountWhileThePersonSignsInElsewhere(database: TestDatabase) async throws {
        try await withRelief(database, adjust: { $0.trustedProxies = TrustedProxies(list: "127.0.0.1")! }) { context in
            // setup: both come through the clinic's proxy on this machine
            try await context.makeUser(.coordinator)
            let email = "coordinator@test.relief"
            let attacker = Browser(app: context.app, method: .liveHTTP)
            let person = Browser(app: context.app, method: .liveHTTP)
            func signIn(_ browser: Browser, from address: String, password: String) async throws -> HTTPStatus {
                try await browser.get(SitePath.login())
                return try await browser.post(SitePath.login(), form: ["email": email, "password": password],
                                              headers: ["X-Forwarded-For": address]).status
            }
            var answers: [HTTPStatus] = []
            for _ in 1...5 { answers.append(try await signIn(attacker, from: "203.0.113.9", password: "wrong wrong wrong")) }
            // act
            let attackerRight = try await signIn(attacker, from: "203.0.113.9", password: TestContext.password)
            let personRight = try await signIn(person, from: "198.51.100.7", password: TestContext.password)
            context.clock.advance(minutes: 15.1)
            let afterwards = try await signIn(attacker, from: "203.0.113.9", password: TestContext.password)
            // check
            #expect(answers == Array(repeating: .unauthorized, count: 5))
            #expect(attackerRight == .tooManyRequests)
            // (the live client follows the sign-in's redirect)
            #expect(![.unauthorized, .tooManyRequests].contains(personRight), "the account is not locked")
            #expect(![.unauthorized, .tooManyRequests].contains(afterwards))
            #expect(try await context.auditEvents(.loginSuccess).count == 2)
            let failures = try await context.auditEvents(.loginFailure)
            #expect(Set(failures.compactMap(\.ip)) == ["203.0.113.9"] && failures.last?.detail == "address throttled")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aForwardedAddressIsBelievedOnlyFromATrustedProxy(database: TestDatabase) async throws {
        try await withRelief(database, throttle: LoginThrottle(maxFailuresPerAddress: 3)) { context in
            // setup: no trusted proxy, so a guesser cannot pick a fresh address per try
            let browser = Browser(app: context.app, method: .liveHTTP)
            try await browser.get(SitePath.login())
            // act
            var answers: [HTTPStatus] = []
            for index in 1...4 {
                answers.append(try await browser.post(SitePath.login(), form: ["email": "guess\(index)@x.org", "password": "abc"],
                                                      headers: ["X-Forwarded-For": "203.0.113.\(index)"]).status)
            }
            // check
            #expect(answers == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            #expect(Set(try await context.auditEvents(.loginFailure).compactMap(\.ip)) == ["127.0.0.1"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func knownAndUnknownAccountsAnswerAlikeAndTheAdministratorIsTold(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makeUser(.nurse)
            let admin = try await context.signedIn(.admin)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login())
            // act
            var known: [String] = [], unknown: [String] = []
            for _ in 1...6 {
                let answer = try await browser.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": "guess guess"])
                known.append("\(answer.status.code) \(answer.text.contains(LoginController.wrongCredentials))")
            }
            for _ in 1...6 {
                let answer = try await browser.post(SitePath.login(), form: ["email": "nobody@test.relief", "password": "guess guess"])
                unknown.append("\(answer.status.code) \(answer.text.contains(LoginController.wrongCredentials))")
            }
            let users = try await admin.get(SitePath.adminUsers())
            // check
            #expect(known == unknown, "\(known) \(unknown)")
            #expect(known.prefix(5).allSatisfy { $0 == "401 true" } && known.last == "429 false")
            #expect(users.text.contains("id=\"failed-sign-ins\"") && users.text.contains("Test Nurse (6)"))
            #expect(!users.text.contains("Locked"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneAddressMayFailOnlySoOften(database: TestDatabase) async throws {
        try await withRelief(database, throttle: LoginThrottle(maxFailuresPerAddress: 3)) { context in
            // setup
            try await context.makeUser(.nurse)
            let browser = Browser(app: context.app)
            try await browser.get(SitePath.login())
            for index in 1...3 { try await browser.post(SitePath.login(), form: ["email": "guess\(index)@x.org", "password": "abc"]) }
            // act
            let response = try await browser.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password])
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
            try await browser.get(SitePath.login())
            // act
            let disabled = try await browser.post(SitePath.login(), form: ["email": user.email, "password": TestContext.password])
            let unknown = try await browser.post(SitePath.login(), form: ["email": "nobody@test.relief", "password": TestContext.password])
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
            let response = try await browser.post(SitePath.logout())
            // check
            #expect(response.status == .seeOther)
            #expect(response.location == SitePath.login())
            let replay = Browser(app: context.app)
            let headers: HTTPHeaders = ["Cookie": "\(SessionAuthenticator.cookieName)=\(oldCookie)"]
            let after = try await replay.send(.GET, SitePath.patients(), headers: headers, body: nil)
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix(SitePath.login()) == true)
            #expect(try await context.auditEvents(.logout).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anIdleSessionEndsAfterThirtyMinutes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            context.clock.advance(minutes: 29)
            let stillActive = try await browser.get(SitePath.patients())
            // act
            context.clock.advance(minutes: 30.5)
            let expired = try await browser.get(SitePath.patients())
            // check
            #expect(stillActive.status == .ok)
            #expect(expired.status == .seeOther)
            #expect(expired.location?.contains("expired=1") == true)
            #expect(try await UserSession.query(on: context.app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionInUseOutlivesAShortTimeoutAndEndsOnlyWhenLeftIdle(database: TestDatabase) async throws {
        try await withRelief(database, adjust: { $0.sessionIdleTimeout = 60 }) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            var statuses: [HTTPStatus] = []
            // act: a page every 20 seconds for three minutes, then 61 seconds away
            for _ in 1...9 {
                context.clock.advance(minutes: 1.0 / 3)
                statuses.append(try await browser.get(SitePath.patients()).status)
            }
            context.clock.advance(minutes: 61.0 / 60)
            let idle = try await browser.get(SitePath.patients())
            // check
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
            #expect(idle.status == .seeOther && idle.location?.contains("expired=1") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionEndedByAnotherInstanceStopsWorkingWithinTheCacheLifetime(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: the session is checked once, so it is cached
            let browser = try await context.signedIn(.nurse)
            #expect(try await browser.get(SitePath.patients()).status == .ok)
            // act: another instance signs it out behind this one's back
            try await context.app.db.sql.raw("DELETE FROM user_sessions").run()
            let withinLifetime = try await browser.get(SitePath.patients())
            context.clock.advance(minutes: 6.0 / 60)
            let afterLifetime = try await browser.get(SitePath.patients())
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
            let missing = try await browser.post(SitePath.patients(), form: form, csrf: .some(nil))
            let wrong = try await browser.post(SitePath.patients(), form: form, csrf: "forged-token")
            let loginWithout = try await Browser(app: context.app).post(SitePath.login(), form: ["email": "a@b.org", "password": "x"], csrf: .some(nil))
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
            try await browser.get(SitePath.login())
            let login = try await browser.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password])
            // act
            let blocked = try await browser.get(SitePath.patients())
            try await browser.get(SitePath.accountPassword())
            let weak = try await browser.post(SitePath.accountPassword(), form: [
                "currentPassword": TestContext.password, "newPassword": "short", "confirmPassword": "short"])
            let changed = try await browser.post(SitePath.accountPassword(), form: [
                "currentPassword": TestContext.password, "newPassword": "a much better passphrase", "confirmPassword": "a much better passphrase"])
            // check
            #expect(login.location == SitePath.accountPassword())
            #expect(blocked.location == SitePath.accountPassword())
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("Use at least 12 characters."))
            #expect(changed.status == .seeOther)
            #expect(try await browser.get(SitePath.patients()).status == .ok)
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
        #expect(LoginController.safeNext("//evil.example/x") == SitePath.home())
        #expect(LoginController.safeNext("https://evil.example") == SitePath.home())
        #expect(LoginController.safeNext("/\\evil.example") == SitePath.home())
        for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", " //evil.example", "/ /x", "/\u{0}x", "/%2F%2Fok"] {
            #expect(LoginController.safeNext(sneaky) == (sneaky == "/%2F%2Fok" ? sneaky : SitePath.home()), "\(sneaky.debugDescription)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTabInTheNextPathDoesNotLeaveTheSiteAfterSignIn(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makeUser(.nurse)
            let browser = Browser(app: context.app)
            let page = try await browser.get("/login?next=%2F%09%2Fevil.example")
            // act
            let response = try await browser.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password,
                                                                         "next": "/\t/evil.example"])
            // check
            #expect(page.status == .ok)
            #expect(response.status == .seeOther && response.location == SitePath.home())
        }
    }
}
