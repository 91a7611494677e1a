import Fluent
import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Links patients open on their own device: made by a nurse, opened once with the birth date, answering one
/// follow-up or filling one diary, throttled per address and per link, every failure audited.
@Suite struct PatientLinkRoutesTests {
    private static let epidural = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L5-S1"), ("side", "left")]
    private static let block = [("intervention", "medial-branch-block-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "bilateral")]
    private static let record = [("start", "9:05"), ("end", "9:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                                 ("medication.1.drug", "lidocaine"), ("medication.1.concentration", "20"), ("medication.1.volume", "0.5"),
                                 ("painBefore", "8"), ("painAfter", "1"), ("disposition", "home")]

    /// The link's path from the page that shows it once.
    private func linkPath(_ page: TestingHTTPResponse) throws -> String {
        let text = page.text
        let start = try #require(text.range(of: "/links/"))
        return "/links/" + text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// A nurse's link for the first follow-up of an epidural signed today.
    private func followUpLink(_ context: TestContext) async throws -> String {
        let nurse = try await context.signedIn(.nurse)
        let physician = try await context.signedIn(.physician)
        let patient = try await context.makePatient()
        try await context.signedProcedure(patient, site: Self.epidural, record: Self.record, nurse: nurse, physician: physician)
        let followUp = try #require(try await FollowUpRecord.query(on: context.app.db).sort(\.$dueOn).first())
        try await nurse.get(SitePath.followUp(patient.id, followUp.requireID()))
        return try linkPath(try await nurse.post(SitePath.followUpLink(patient.id, followUp.requireID())))
    }

    @Test(arguments: TestDatabase.available)
    func aPatientAnswersAFollowUpOnceFromTheirLinkAfterTheirBirthDate(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: an epidural signed today, its 2-week follow-up due 15 days later
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await context.makePatient()
            try await context.signedProcedure(patient, site: Self.epidural, record: Self.record, nurse: nurse, physician: physician)
            let followUp = try #require(try await FollowUpRecord.query(on: context.app.db).sort(\.$dueOn).first())
            let page = try SitePath.followUp(patient.id, followUp.requireID())
            context.clock.advance(minutes: 15 * 24 * 60)
            let caller = try await context.signedIn(.nurse, email: "caller@test.relief")
            try await caller.get(page)
            let given = try await caller.post(SitePath.followUpLink(patient.id, followUp.requireID()))
            let link = try linkPath(given)
            let phone = Browser(app: context.app)
            // act
            let asked = try await phone.get(link)
            let wrong = try await phone.post(link, form: ["birthDate": "03/05/1961"])
            let right = try await phone.post(link, form: ["birthDate": "03/04/1961"])
            let elsewhere = try await Browser(app: context.app).get(link)
            let questions = try await phone.get(SitePath.patientLinkPage())
            let tooMuch = try await phone.post(SitePath.patientLinkPage(), pairs: [("version", "1"), ("reliefPercent", "101"), ("painNow", "2")])
            let sent = try await phone.post(SitePath.patientLinkPage(), pairs: [
                ("version", "1"), ("reliefPercent", "70"), ("painNow", "3"), ("newProblem", "no"), ("completedOn", "01/01/2020"), ("contact", "phone")])
            let afterwards = try await phone.get(SitePath.patientLinkPage())
            let staffView = try await caller.get(page)
            // check
            #expect(given.status == .created && given.text.contains("It works until the end of 12/17/2026"))
            #expect(asked.status == .ok && asked.text.contains("type your date of birth") && !asked.text.contains("Müller"))
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("does not match"))
            #expect(right.status == .seeOther && right.location == SitePath.patientLinkPage())
            #expect(elsewhere.status == .notFound, "the link opens once")
            #expect(questions.status == .ok && questions.text.contains("Since your procedure") && !questions.text.contains("Oswestry"))
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.text.contains("Enter a whole number from 0 to 100."))
            #expect(sent.status == .seeOther && sent.location == SitePath.patientLinkDone())
            #expect(afterwards.status == .seeOther && afterwards.location == SitePath.patientLinkDone())
            let answered = try #require(try await FollowUpRecord.find(followUp.requireID(), on: context.app.db))
            #expect(answered.followUpStatus == .done && answered.updatedBy == nil)
            #expect(answered.decodedAnswers?.contact == .link && answered.decodedAnswers?.completedOn == CalendarDate(context.clock.now))
            #expect(staffView.text.contains("by the patient, from a link") && staffView.text.contains("closed") && staffView.text.contains("answered"))
            // the wrong birth date, about the link; the link opened elsewhere, about no link
            let failures = try await context.auditEvents(.patientLinkFailure)
            #expect(failures.map(\.detail) == ["birth date did not match: \(link.dropFirst(7).prefix(2))…", "an address that opens no link: \(link.dropFirst(7).prefix(2))…"])
            #expect(failures.map { $0.resourceID != nil } == [true, false])
            #expect(try await context.auditEvents(.patientLinkOpen).count == 1)
            #expect(try await context.auditEvents(.recordUpdate).contains { $0.resourceType == "FollowUp" && $0.userEmail == "patient link" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPatientFillsTheBlocksDiaryBesideTheNurseUntilItsLastDay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a medial branch block with lidocaine signed today, pain 8 before
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await context.makePatient()
            let appointment = try await context.signedProcedure(patient, site: Self.block, record: Self.record, nurse: nurse, physician: physician)
            let diary = appointment + "/procedure/diary"
            try await nurse.get(diary)
            let replaced = try linkPath(try await nurse.post(diary + "/link"))
            let link = try linkPath(try await nurse.post(diary + "/link"))
            let phone = Browser(app: context.app)
            // act
            let old = try await Browser(app: context.app).get(replaced)
            try await phone.get(link)
            try await phone.post(link, form: ["birthDate": "1961-03-04"])
            let shown = try await phone.get(SitePath.patientLinkPage())
            let first = try await phone.post(SitePath.patientLinkPage(), pairs: [("version", "0"), ("pain.15", "1")])
            try await nurse.get(diary)
            try await nurse.post(diary, pairs: [("version", "1"), ("pain.30", "1")])
            let stale = try await phone.post(SitePath.patientLinkPage(), pairs: [("version", "1"), ("pain.60", "1")])
            let hour = try await phone.post(SitePath.patientLinkPage(), pairs: [("version", "2"), ("pain.60", "1")])
            let read = try await physician.get(diary)
            context.clock.advance(minutes: 2 * 24 * 60)
            let over = try await phone.get(SitePath.patientLinkPage())
            // check
            #expect(old.status == .notFound, "a newer link closes the earlier one")
            #expect(shown.status == .ok && shown.text.contains("your pain was 8 out of 10") && !shown.text.contains("Positive"))
            #expect(first.status == .seeOther && stale.status == .conflict && stale.text.contains("The practice saved your diary meanwhile"))
            #expect(stale.text.contains(#"name="pain.60""#) && hour.status == .seeOther)
            #expect(read.text.contains("Positive: relief of at least 80 % held through 1 hour (lidocaine)") && read.text.contains("replaced by a newer link"))
            #expect(over.status == .seeOther && over.location == SitePath.patientLinkDone())
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongBirthDatesMakeTheLinkWaitAndWrongLinksMakeTheAddressWaitAtTheTabletToo(database: TestDatabase) async throws {
        try await withRelief(database, adjust: { $0.trustedProxies = TrustedProxies(list: "127.0.0.1")! }) { context in
            // setup: a follow-up link; phones behind the clinic's proxy on this machine
            let link = try await followUpLink(context)
            let throttle = PatientAccessThrottle()
            func open(_ path: String, from address: String, birthDate: String) async throws -> TestingHTTPResponse {
                let phone = Browser(app: context.app, method: .liveHTTP)
                try await phone.get(path, headers: ["X-Forwarded-For": address])
                return try await phone.post(path, form: ["birthDate": birthDate], headers: ["X-Forwarded-For": address])
            }
            // act: one wrong date from each of ten addresses, then the right one from an eleventh
            var wrongDates: [HTTPStatus] = []
            for index in 0..<throttle.maxFailuresPerLink { wrongDates.append(try await open(link, from: "203.0.113.\(index)", birthDate: "01/01/19\(50 + index)").status) }
            let linkWaits = try await open(link, from: "198.51.100.1", birthDate: "03/04/1961")
            // ten guessed addresses from one source, the first with control characters
            let guesser = Browser(app: context.app, method: .liveHTTP)
            var guesses: [HTTPStatus] = []
            for index in 0..<throttle.maxFailuresPerAddress {
                guesses.append(try await guesser.get(index == 0 ? "/links/%00%01%1B" : "/links/guess\(index)", headers: ["X-Forwarded-For": "192.0.2.7"]).status)
            }
            let addressWaits = try await guesser.get(link, headers: ["X-Forwarded-For": "192.0.2.7"])
            try await guesser.get(SitePath.kiosk(), headers: ["X-Forwarded-For": "192.0.2.7"])
            let tablet = try await guesser.post(SitePath.kiosk(), form: ["code": "ABCD-EFGH"], headers: ["X-Forwarded-For": "192.0.2.7"])
            context.clock.advance(minutes: 15.1)
            let later = try await open(link, from: "198.51.100.1", birthDate: "03/04/1961")
            // check
            #expect(wrongDates == Array(repeating: .unprocessableEntity, count: throttle.maxFailuresPerLink))
            #expect(linkWaits.status == .tooManyRequests && linkWaits.text.contains("Please wait 15 minutes"))
            #expect(guesses == Array(repeating: .notFound, count: throttle.maxFailuresPerAddress))
            #expect(addressWaits.status == .tooManyRequests && tablet.status == .tooManyRequests)
            let opened = try await context.auditEvents(.patientLinkOpen)
            #expect(later.status == .ok && opened.count == 1, "opened once the wait is over")
            let failures = try await context.auditEvents(.patientLinkFailure)
            #expect(failures.count == throttle.maxFailuresPerLink * 2 + 2)
            #expect(failures.allSatisfy { !($0.detail ?? "").contains(link.dropFirst(7).prefix(6)) && !($0.detail ?? "").contains("\u{0}") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoDevicesOpeningOneLinkAtOnceOpenItOnce(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a follow-up link; two phones with its birth-date page
            let link = try await followUpLink(context)
            let phones = [Browser(app: context.app), Browser(app: context.app)]
            for phone in phones { try await phone.get(link) }
            // act
            async let first = phones[0].post(link, form: ["birthDate": "03/04/1961"])
            async let second = phones[1].post(link, form: ["birthDate": "03/04/1961"])
            let statuses = try await [first.status, second.status]
            // check: one device has it, the other is told it does not open
            #expect(statuses.sorted { $0.code < $1.code } == [.seeOther, .notFound], "\(statuses)")
            #expect(try await context.auditEvents(.patientLinkOpen).count == 1)
        }
    }
}
