import Fluent
import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// Questionnaires on a tablet: a one-time code, only the chosen questionnaires, then closed.
@Suite struct KioskTests {
    private func code(in page: TestingHTTPResponse) throws -> String {
        let marker = try #require(page.text.range(of: "name=\"code\" value=\""))
        return String(page.text[marker.upperBound...].prefix { $0 != "\"" })
    }

    /// The front desk hands these questionnaires out for the patient; returns the tablet code.
    private func handOut(_ context: TestContext, _ patient: PatientRecord, _ questionnaires: [String]) async throws -> String {
        let desk = try await context.signedIn(.coordinator, email: "desk-\(UUID().uuidString.prefix(8))@test.relief")
        try await desk.get(SitePath.kioskStart(patient.id))
        return try code(in: try await desk.post(SitePath.kioskStart(patient.id), pairs: questionnaires.map { ("questionnaires", $0) }))
    }

    /// A tablet that opened the code and, when `confirmed`, answered "Yes, this is me".
    private func tablet(_ context: TestContext, code: String, confirmed: Bool) async throws -> Browser {
        let tablet = Browser(app: context.app)
        try await tablet.get(SitePath.kiosk())
        try await tablet.post(SitePath.kiosk(), form: ["code": code])
        if confirmed {
            try await tablet.get(SitePath.kioskConfirm())
            try await tablet.post(SitePath.kioskConfirm(), pairs: [("answer", "yes")])
        }
        return tablet
    }

    private func phq9(_ values: [Int]) -> [(String, String)] {
        values.enumerated().map { ("phq-9-\($0.offset + 1)", String($0.element)) }
    }

    @Test(arguments: TestDatabase.available)
    func thePatientAnswersOnlyTheChosenQuestionnairesAndTheTabletCloses(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: the front desk hands out PHQ-9 then PEG
            let patient = try await context.makePatient()
            let desk = try await context.signedIn(.coordinator)
            try await desk.get(SitePath.kioskStart(patient.id))
            let handed = try await desk.post(SitePath.kioskStart(patient.id), pairs: [("questionnaires", "phq-9"), ("questionnaires", "peg")])
            let code = try code(in: handed)
            let tablet = Browser(app: context.app)
            try await tablet.get(SitePath.kiosk())
            // act
            let opened = try await tablet.post(SitePath.kiosk(), form: ["code": KioskCode.display(code).lowercased()])
            let unconfirmed = try await tablet.get(SitePath.kioskQuestionnaire())
            let isThisYou = try await tablet.get(SitePath.kioskConfirm())
            let confirmed = try await tablet.post(SitePath.kioskConfirm(), pairs: [("answer", "yes")])
            let first = try await tablet.get(SitePath.kioskQuestionnaire())
            let outOfOrder = try await tablet.post(SitePath.kioskAnswers("peg"), pairs: [("peg-1", "5"), ("peg-2", "5"), ("peg-3", "5")])
            let incomplete = try await tablet.post(SitePath.kioskAnswers("phq-9"), pairs: Array(phq9([1, 1, 1]).prefix(3)))
            let answered = try await tablet.post(SitePath.kioskAnswers("phq-9"), pairs: phq9([1, 1, 1, 1, 0, 0, 0, 0, 0]))
            let second = try await tablet.get(SitePath.kioskQuestionnaire())
            let last = try await tablet.post(SitePath.kioskAnswers("peg"), pairs: [("peg-1", "6"), ("peg-2", "4"), ("peg-3", "5")])
            let afterwards = try await tablet.get(SitePath.kioskQuestionnaire())
            let reused = Browser(app: context.app)
            try await reused.get(SitePath.kiosk())
            let again = try await reused.post(SitePath.kiosk(), form: ["code": code])
            // check
            #expect(handed.status == .ok && handed.text.contains("kiosk-code"))
            #expect(opened.status == .seeOther && opened.location == SitePath.kioskConfirm())
            #expect(unconfirmed.location == SitePath.kioskConfirm())
            #expect(isThisYou.text.contains("Is this you?") && isThisYou.text.contains("<strong>Zoë</strong>, born in 1961"))
            #expect(!isThisYou.text.contains("Müller") && !isThisYou.text.contains(patient.mrn))
            #expect(confirmed.location == SitePath.kioskQuestionnaire())
            #expect(first.text.contains("PHQ-9 (depression)") && first.text.contains("Questionnaire 1 of 2"))
            #expect(!first.text.contains("class=\"attribution"), "no licence or source notes for the patient")
            #expect(first.text.contains("<label class=\"answer\" for=\"phq-9-1-0\"><input"), "the whole box is the answer's label")
            #expect(!first.text.contains(patient.registration[.familyName]) && !first.text.contains(patient.mrn) && !first.text.contains("Sign out"))
            #expect(outOfOrder.status == .seeOther && outOfOrder.location == SitePath.kioskQuestionnaire())
            #expect(incomplete.status == .unprocessableEntity && incomplete.text.contains("Answer this question."))
            #expect(answered.location == SitePath.kioskQuestionnaire())
            #expect(second.text.contains("PEG") && second.text.contains("Questionnaire 2 of 2"))
            #expect(last.location == SitePath.kioskDone())
            #expect(afterwards.status == .seeOther && afterwards.location == SitePath.kiosk())
            #expect(again.status == .unprocessableEntity && again.text.contains("was used already or has expired"))
            let responses = try await QuestionnaireResponse.query(on: context.app.db).sort(\.$questionnaire).all()
            #expect(responses.map(\.questionnaire) == ["peg", "phq-9"] && responses.allSatisfy { $0.enteredVia == "kiosk" && $0.createdBy == nil })
            #expect(responses.first?.score == 5)
            let audit = try await context.auditEvents(.recordCreate)
            #expect(audit.count == 2 && audit.allSatisfy { $0.userEmail == "kiosk" && $0.patientID == patient.id })
            #expect(try await context.auditEvents(.kioskStart).count == 1)
            #expect(try await context.auditEvents(.kioskOpen).count == 1)
            #expect(try await context.auditEvents(.kioskConfirm).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTabletHandedToTheWrongPatientClosesBeforeShowingAnything(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let tablet = try await tablet(context, code: try await handOut(context, patient, ["phq-9"]), confirmed: false)
            // act
            let garbled = try await tablet.post(SitePath.kioskConfirm(), pairs: [("answer", "n\u{0}o")])
            let notMe = try await tablet.post(SitePath.kioskConfirm(), pairs: [("answer", "no")])
            let questionnaire = try await tablet.get(SitePath.kioskQuestionnaire())
            let answers = try await tablet.post(SitePath.kioskAnswers("phq-9"), pairs: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]))
            // check
            #expect(garbled.status == .seeOther && garbled.location == SitePath.kioskConfirm(), "asked again, not closed")
            #expect(notMe.status == .ok && notMe.text.contains("hand the tablet back"))
            #expect(questionnaire.location == SitePath.kiosk() && answers.location == SitePath.kiosk())
            #expect(try await KioskSession.query(on: context.app.db).first()?.closedAt != nil)
            #expect(try await QuestionnaireResponse.query(on: context.app.db).count() == 0)
            #expect(try await context.auditEvents(.kioskNotMe).map(\.patientID) == [patient.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theODIIsHandedOutOnceItsLicensedWordingIsImported(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let desk = try await context.signedIn(.coordinator)
            let options = (0...5).map { #"{"value": \#($0), "text": "Licensed answer \#($0)"}"# }.joined(separator: ",")
            let items = (1...10).map { #"{"linkId": "odi-\#($0)", "text": "Licensed section \#($0)", "options": [\#(options)]}"# }
            let wording = #"{"questionnaire": "odi", "copyright": "© Licensed to the test practice", "items": [\#(items.joined(separator: ","))]}"#
            _ = try await QuestionnaireQueries.importFromCommandLine(Data(wording.utf8), on: context.app)
            // act
            let handout = try await desk.get(SitePath.kioskStart(patient.id))
            let tablet = try await tablet(context, code: try await handOut(context, patient, ["odi"]), confirmed: true)
            let form = try await tablet.get(SitePath.kioskQuestionnaire())
            // check
            #expect(handout.text.contains("Oswestry Disability Index"))
            #expect(form.text.contains("1. Licensed section 1") && form.text.contains("Licensed answer 5"))
            #expect(!form.text.contains("© Licensed"), "the licence note is for staff")
        }
    }

    @Test(arguments: TestDatabase.available)
    func staffChooseTheOrderOfTheQuestionnaires(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let desk = try await context.signedIn(.coordinator)
            try await desk.get(SitePath.kioskStart(patient.id))
            let ticked = [("questionnaires", "phq-9"), ("questionnaires", "gad-7"), ("questionnaires", "peg")]
            // act
            let badNumber = try await desk.post(SitePath.kioskStart(patient.id), pairs: ticked + [("order.peg", "0x1")])
            let handed = try await desk.post(SitePath.kioskStart(patient.id), pairs: ticked + [("order.peg", "1"), ("order.gad-7", "2")])
            // check
            #expect(badNumber.status == .unprocessableEntity && badNumber.text.contains("Number the order with 1, 2, 3"))
            #expect(badNumber.text.contains("value=\"0x1\""), "what was typed comes back")
            #expect(handed.status == .ok)
            #expect(try await KioskSession.query(on: context.app.db).first()?.questionnaireIDs == ["peg", "gad-7", "phq-9"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func handingOverOwnDeviceSignsTheStaffMemberOut(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.kioskStart(patient.id))
            let handed = try await nurse.post(SitePath.kioskStart(patient.id), pairs: [("questionnaires", "pain-intensity")])
            // act
            let opened = try await nurse.post(SitePath.kiosk(), form: ["code": try code(in: handed)])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            try await nurse.get(SitePath.kioskConfirm())
            try await nurse.post(SitePath.kioskConfirm(), pairs: [("answer", "yes")])
            let questionnaire = try await nurse.get(SitePath.kioskQuestionnaire())
            // check
            #expect(opened.status == .seeOther)
            #expect(chart.status == .seeOther && chart.location?.hasPrefix(SitePath.login()) == true)
            #expect(questionnaire.status == .ok && questionnaire.text.contains("Pain intensity"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aHandoutNeedsQuestionnairesAPatientCanRead(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let desk = try await context.signedIn(.coordinator)
            let page = try await desk.get(SitePath.kioskStart(patient.id))
            // act: nothing chosen, and ODI whose licensed wording is not imported
            let empty = try await desk.post(SitePath.kioskStart(patient.id), pairs: [])
            let licensed = try await desk.post(SitePath.kioskStart(patient.id), pairs: [("questionnaires", "odi")])
            // check
            #expect(!page.text.contains("Oswestry"))
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Choose at least one questionnaire"))
            #expect(licensed.status == .unprocessableEntity)
            #expect(try await KioskSession.query(on: context.app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongCodesAreAuditedTheTabletMustWaitAndStaffSeeTheBurst(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let desk = try await context.signedIn(.coordinator)
            let code = try await handOut(context, patient, ["peg"])
            let tablet = Browser(app: context.app)
            try await tablet.get(SitePath.kiosk())
            let throttle = PatientAccessThrottle()
            // act
            var wrong: [HTTPStatus] = []
            for index in 0..<throttle.maxFailuresPerAddress {
                wrong.append(try await tablet.post(SitePath.kiosk(), form: ["code": "ZZZZ-ZZ\(index % 8 + 2)\(index / 8 + 2)"]).status)
            }
            let right = try await tablet.post(SitePath.kiosk(), form: ["code": code])
            for _ in 0..<(throttle.burst - throttle.maxFailuresPerAddress) { try await tablet.post(SitePath.kiosk(), form: ["code": "nonsense"]) }
            let handout = try await desk.get(SitePath.kioskStart(patient.id))
            // check
            #expect(wrong.allSatisfy { $0 == .unprocessableEntity })
            #expect(right.status == .tooManyRequests && right.text.contains("Ask the staff"))
            let failures = try await context.auditEvents(.kioskFailure)
            #expect(failures.count == throttle.burst + 1)
            #expect(failures.allSatisfy { !($0.detail ?? "").contains("ZZZZ") && !($0.detail ?? "").contains(code) })
            #expect(handout.text.contains("id=\"wrong-codes\"") && handout.text.contains("\(throttle.burst + 1) wrong tablet codes"))
        }
    }
}
