import Foundation
import ReliefCore
import SQLKit
import Testing
@testable import App

/// The clinical inbox and the worklist: what is open reaches someone, and is acted on where it is listed.
@Suite struct InboxTests {
    private static func phq9(_ api: APIClient, _ patient: PatientRecord) async throws {
        _ = try await api.send(.POST, "/api/v1/patients/\(patient.id)/questionnaire-responses", .object(["questionnaire": "phq-9", "fields": .object(
            Dictionary(uniqueKeysWithValues: (1...9).map { ("phq-9-\($0)", JSONValue.number($0 == 9 ? 2 : 1)) }))]))
    }

    private static func resultedMRI(_ api: APIClient, _ patient: PatientRecord) async throws -> String {
        let list = "/api/v1/patients/\(patient.id)/workup-orders"
        let ordered = try await api.send(.POST, list, .object(["fields": .object(["test": "mri", "region": "lumbar", "contrast": "without", "reason": "Stenosis?"])]))
        let id = try #require(ordered.json["id"].string)
        _ = try await api.send(.POST, "\(list)/\(id)/result", .object(["version": 1, "fields": .object(["report": "Mild stenosis L4-5.", "abnormal": true])]))
        return id
    }

    @Test(arguments: TestDatabase.available)
    func theInboxVersionMovesWithEveryChangeToWhatTheInboxShows(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let ana = try await context.makePatient([.familyName: "Alves", .givenName: "Ana"])
            let nurse = try await context.signedIn(.nurse)
            let nurseAPI = try await APIClient.make(nurse)
            let start = try await InboxQueries.version(on: context.app.db)
            // act
            try await Self.phq9(nurseAPI, ana)
            let raised = try await InboxQueries.version(on: context.app.db)
            try await nurse.get(SitePath.patient(ana.id))
            let read = try await InboxQueries.version(on: context.app.db)
            let cache = InboxCountCache()
            var counted = 0
            for version in [read, read, read + 1] { _ = try await cache.count(at: version) { counted += 1; return counted } }
            // check
            #expect(raised > start, "an alert raised moves the version")
            #expect(read == raised, "reading the chart does not")
            #expect(counted == 2, "counted again only when the version moved")
        }
    }

    @Test(arguments: TestDatabase.available)
    func openAlertsAndResultsReachTheInboxAndAreAcknowledgedResolvedAndReviewedThere(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let ana = try await context.makePatient([.familyName: "Alves", .givenName: "Ana"])
            let ben = try await context.makePatient([.familyName: "Brook", .givenName: "Ben", .birthDate: "1970-01-02"])
            let nurse = try await context.signedIn(.nurse)
            let nurseAPI = try await APIClient.make(nurse)
            try await Self.phq9(nurseAPI, ana)
            let order = try await Self.resultedMRI(nurseAPI, ben)
            let physician = try await context.signedIn(.physician)
            let front = try await context.signedIn(.coordinator)
            // act
            let before = try await physician.get(SitePath.inbox())
            let mine = try await physician.get(SitePath.inbox() + "?mine=1")
            let alertID = try #require(try await EvaluationQueries.openAlerts(patientID: ana.id, on: context.app.db).first?.id)
            try await nurse.get(SitePath.inbox())
            let refused = try await nurse.post(SitePath.acknowledgeInboxItem(alertID), form: ["note": "Called her\u{7}"])
            try await nurse.get(SitePath.inbox())
            let acknowledged = try await nurse.post(SitePath.acknowledgeInboxItem(alertID), form: ["note": "Called her; crisis line given, seen today"])
            let twice = try await physician.post(SitePath.acknowledgeInboxItem(alertID), form: ["note": "me too"])
            let afterAcknowledging = try await physician.get(SitePath.inbox())
            let resolved = try await physician.post(SitePath.resolveAlert(ana.id, alertID), form: ["from": "inbox", "reason": "Safety plan in place"])
            let reviewed = try await physician.post(SitePath.reviewWorkupOrder(ben.id, UUID(uuidString: order)!),
                                                    form: ["from": "inbox", "version": "2", "reviewComment": "Plan ESI"])
            let gone = try await physician.post(SitePath.acknowledgeInboxItem(alertID), form: [:])
            let after = try await physician.get(SitePath.inbox())
            let frontDesk = try await front.get(SitePath.inbox())
            let frontNav = try await front.get(SitePath.patients())
            // check
            #expect(before.text.contains(#"<span class="nav-count" aria-label="2 new">2</span>"#))
            let phq = try #require(before.text.range(of: "PHQ-9 item 9")), mri = try #require(before.text.range(of: "MRI lumbar spine"))
            #expect(phq.lowerBound < mri.lowerBound, "urgent before a result to review")
            #expect(before.text.contains("Alves, Ana") && before.text.contains("Brook, Ben") && before.text.contains("Sign review"))
            #expect(mine.text.contains("Nothing new."), "the nurse raised and ordered both")
            #expect(refused.status == .unprocessableEntity && refused.text.contains("aria-invalid") && refused.text.contains("Called her"))
            #expect(acknowledged.status == .seeOther && twice.status == .seeOther)
            #expect(afterAcknowledging.text.contains(#"aria-label="1 new">1</span>"#))
            #expect(afterAcknowledging.text.contains("Acknowledged, still open (1)"))
            #expect(afterAcknowledging.text.contains(": Called her; crisis line given, seen today"))
            #expect(resolved.location == SitePath.inbox() && reviewed.location == SitePath.inbox())
            #expect(gone.status == .seeOther)
            #expect(after.text.contains("Nothing new.") && !after.text.contains("nav-count"))
            #expect(frontDesk.status == .forbidden && !frontNav.text.contains(">Inbox<"))
            #expect(try await context.auditEvents(.alertAcknowledge).count == 1)
            let rows = try await context.app.db.sql.raw("SELECT COUNT(*) AS n FROM inbox_acknowledgements").first()?.decode(column: "n", as: Int.self)
            #expect(rows == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorBooksDatesOnTheWorklistAndOverdueIsShownOnlyWhenItIs(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient([.phone: "(217) 555-0188"])
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let list = "/api/v1/patients/\(patient.id)/workup-orders"
            let fresh = try await nurse.send(.POST, list, .object(["fields": .object(["test": "xray", "region": "lumbar", "reason": "Alignment?"])]))
            let old = try await nurse.send(.POST, list, .object(["fields": .object(["test": "hba1c", "reason": "Diabetic?"])]))
            try await context.app.db.sql.raw("UPDATE workup_orders SET ordered_on = '2026-10-01' WHERE id = \(bind: UUID(uuidString: old.json["id"].string!)!)").run()
            let front = try await context.signedIn(.coordinator)
            let freshID = try #require(fresh.json["id"].string.flatMap(UUID.init(uuidString:)))
            // act
            let worklist = try await front.get(SitePath.worklists())
            let refused = try await front.post(SitePath.scheduleWorkupOrder(patient.id, freshID), form: ["from": "worklists", "version": "1", "scheduledFor": "13/45/2026"])
            let booked = try await front.post(SitePath.scheduleWorkupOrder(patient.id, freshID), form: ["from": "worklists", "version": "1", "scheduledFor": "12/01/2026"])
            let after = try await front.get(SitePath.worklists())
            let cancel = try await front.post(SitePath.cancelWorkupOrder(patient.id, freshID), form: ["version": "2", "cancelReason": "x"])
            // check
            #expect(worklist.text.contains(#"<a href="/patients/\#(patient.id.lowercasedText)">Müller, Zoë"#))
            #expect(worklist.text.contains(#"href="tel:2175550188""#))
            #expect(!worklist.text.contains("/workup/\(freshID.lowercasedText)\""), "no link to the order for the front desk")
            #expect(worklist.text.components(separatedBy: "— overdue").count == 2, "only the order from October")
            #expect(refused.status == .unprocessableEntity && refused.text.contains(#"value="13/45/2026""#) && refused.text.contains("field-error"))
            #expect(booked.status == .seeOther && booked.location == SitePath.worklists())
            #expect(after.text.contains(#"value="12/01/2026""#) && after.text.contains(">Move<"))
            #expect(cancel.status == .forbidden, "booking is all the front desk changes")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIListsTheInboxAndAcknowledgesOnce(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let therapist = try await APIClient.make(try await context.signedIn(.therapist))
            try await Self.phq9(therapist, patient)
            let order = try await Self.resultedMRI(nurse, patient)
            // act
            let inbox = try await nurse.get("/api/v1/inbox")
            let mine = try await nurse.get("/api/v1/inbox?mine=true")
            let badFilter = try await nurse.get("/api/v1/inbox?mine=yes")
            let first = try await therapist.send(.POST, "/api/v1/inbox/\(order)/acknowledge", .object(["note": "Told Dr Ames"]))
            let second = try await nurse.send(.POST, "/api/v1/inbox/\(order)/acknowledge", .object([:]))
            let nul = try await nurse.send(.POST, "/api/v1/inbox/\(try #require(inbox.json["items"][0]["id"].string))/acknowledge",
                                           .object(["note": "a\u{0}b"]))
            let after = try await nurse.get("/api/v1/inbox")
            // check
            #expect(inbox.json["items"].items.map { $0["type"] } == ["alert", "result"] && inbox.json["new"] == 2)
            #expect(inbox.json["items"][0]["severity"] == "urgent" && inbox.json["items"][1]["orderVersion"] == 2)
            #expect(mine.json["items"].items.map { $0["type"] } == ["result"])
            #expect(badFilter.status == .unprocessableEntity)
            #expect(first.status == .ok && first.json["acknowledgement"]["note"] == "Told Dr Ames")
            #expect(second.status == .conflict)
            #expect(nul.status == .unprocessableEntity)
            #expect(after.json["new"] == 1 && after.json["items"][1]["acknowledgement"]["by"] == "Test Therapist")
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoAcknowledgingTheSameItemAtOnceEndInOneAcknowledgementAndOneConflict(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let therapist = try await APIClient.make(try await context.signedIn(.therapist))
            var outcomes: [[UInt]] = []
            // act
            for _ in 1...ConcurrentEditTests.pairs {
                let order = try await Self.resultedMRI(nurse, patient)
                async let one = nurse.send(.POST, "/api/v1/inbox/\(order)/acknowledge", .object(["note": "nurse"]))
                async let two = therapist.send(.POST, "/api/v1/inbox/\(order)/acknowledge", .object(["note": "therapist"]))
                outcomes.append(try await [one.status, two.status].map(\.code).sorted())
            }
            // check
            #expect(outcomes.allSatisfy { $0 == [200, 409] }, "\(outcomes)")
            let rows = try await context.app.db.sql.raw("SELECT COUNT(*) AS n FROM inbox_acknowledgements").first()?.decode(column: "n", as: Int.self)
            #expect(rows == ConcurrentEditTests.pairs)
            #expect(try await context.auditEvents(.alertAcknowledge).count == ConcurrentEditTests.pairs)
        }
    }
}
