import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// Evaluation notes and the work-up through the JSON API: the same parsers, state rules, permissions and audit as
/// the pages.
@Suite struct APINotesAndWorkupTests {
    static let draft: JSONValue = .object([
        "chiefComplaint": "Low back pain into the left leg", "onsetDate": "2026-05-01", "onsetMechanism": "gradual",
        "character": ["aching", "electric"], "painNow": 6, "painWorst": 8, "painLeast": 3, "map.lower-back:left": 6,
        "redFlag": ["fever-chills"], "assessment": "Left L5 radiculopathy", "plan": "MRI lumbar spine",
    ])

    static let mri: JSONValue = .object(["test": "mri", "region": "lumbar", "contrast": "without",
                                         "reason": "Left L5 radiculopathy: disc or stenosis?"])

    @Test(arguments: TestDatabase.available)
    func aNoteIsDraftedSignedByAPhysicianThenOnlyAmended(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let list = "/api/v1/patients/\(patient.id)/evaluations"
            // act
            let started = try await nurse.send(.POST, list, .object(["fields": .object([:])]))
            let later = try await nurse.send(.POST, list, .object(["fields": .object(["kind": "telehealth", "occurredOn": "2026-11-17"])]))
            let future = try await nurse.send(.POST, list, .object(["fields": .object(["kind": "phone", "occurredOn": "2026-11-19"])]))
            let note = "\(list)/\(try #require(started.json["id"].string))"
            let early = try await nurse.send(.POST, note + "/addenda", .object(["text": "Forgot the sleep history"]))
            let saved = try await nurse.send(.PUT, note, .object(["version": 1, "fields": Self.draft]))
            let stale = try await nurse.send(.PUT, note, .object(["version": 1, "fields": Self.draft]))
            let impossible = try await nurse.send(.PUT, note, .object(["version": 2, "fields": .object(["painNow": 11, "onsetDate": "2027-01-01"])]))
            let nurseSign = try await nurse.send(.POST, note + "/sign", .object(["version": 2, "fields": Self.draft]))
            let signed = try await physician.send(.POST, note + "/sign", .object(["version": 2, "fields": Self.draft]))
            let afterSign = try await nurse.send(.PUT, note, .object(["version": 3, "fields": Self.draft]))
            let addendum = try await nurse.send(.POST, note + "/addenda", .object(["text": "Sleeps 4 hours a night."]))
            let empty = try await nurse.send(.POST, note + "/addenda", .object(["text": "  "]))
            let read = try await physician.get(note)
            let all = try await physician.get(list)
            let alerts = try await physician.get("/api/v1/patients/\(patient.id)/alerts")
            // check
            #expect(started.status == .created && started.json["status"] == "draft" && started.json["version"] == 1)
            #expect(started.json["encounterKind"] == "new-patient-evaluation" && started.json["occurredOn"] == "2026-11-18")
            #expect(later.json["encounterKind"] == "telehealth" && later.json["occurredOn"] == "2026-11-17")
            #expect(future.status == .unprocessableEntity && future.json["fields"]["occurredOn"] != .null)
            #expect(early.status == .unprocessableEntity && early.json["fields"]["text"] == "Addenda are for signed notes; edit the draft instead.")
            #expect(saved.status == .ok && saved.json["version"] == 2 && saved.json["fields"]["painNow"] == 6)
            #expect(saved.json["computed"]["chronic"] == true && saved.json["computed"]["durationMonths"] == 6, "\(saved.json["computed"])")
            #expect(saved.json["computed"]["positiveRedFlags"] == ["fever-chills"] && saved.json["computed"]["painRegions"] == 1)
            #expect(stale.status == .conflict)
            // the documented range is checked before the record's own rules (the onset date ahead)
            #expect(impossible.status == .unprocessableEntity && impossible.json["fields"]["painNow"] == "Send a whole number from 0 to 10.")
            #expect(nurseSign.status == .forbidden)
            #expect(signed.status == .ok && signed.json["status"] == "signed" && signed.json["signedAt"] != .null)
            #expect(afterSign.status == .conflict && afterSign.json["error"].string?.contains("addendum") == true)
            #expect(addendum.status == .created && addendum.json["text"] == "Sleeps 4 hours a night.")
            #expect(empty.status == .unprocessableEntity)
            #expect(read.json["addenda"].count == 1 && read.json["fields"]["assessment"] == "Left L5 radiculopathy")
            #expect(all.json["evaluations"].items.map { $0["encounterKind"] } == ["new-patient-evaluation", "telehealth"], "newest visit first")
            #expect(alerts.json["open"].items.map { $0["code"] } == ["fever-chills"], "a red flag saved through the API raises the chart alert")
            #expect(try await context.auditEvents(.evaluationSign).count == 1)
            #expect(try await context.auditEvents(.evaluationUpdateConflict).count == 2)
            #expect(try await context.auditEvents(.addendumCreate).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOrderGoesThroughItsStepsWithTheFormsChecksAndOnlyAPhysicianReviews(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let front = try await APIClient.make(try await context.signedIn(.coordinator))
            let list = "/api/v1/patients/\(patient.id)/workup-orders"
            // act
            let noRegion = try await nurse.send(.POST, list, .object(["fields": .object(["test": "mri", "reason": "Stenosis?"])]))
            let ordered = try await nurse.send(.POST, list, .object(["fields": Self.mri]))
            let order = "\(list)/\(try #require(ordered.json["id"].string))"
            let earlyReview = try await physician.send(.POST, order + "/review", .object(["version": 1, "fields": .object([:])]))
            let scheduled = try await nurse.send(.POST, order + "/schedule", .object(["version": 1, "fields": .object(["scheduledFor": "2026-11-25"])]))
            let halfRow = try await nurse.send(.POST, order + "/result", .object(["version": 2, "fields": .object([
                "report": "Protrusion", "finding.1.level": "L4-5"])]))
            let resulted = try await nurse.send(.POST, order + "/result", .object(["version": 2, "fields": .object([
                "report": "L4-5 left paracentral protrusion contacting the traversing L5 root.", "abnormal": true,
                "finding.1.kind": "disc-herniation", "finding.1.level": "L4-5", "finding.1.side": "left"])]))
            let staleResult = try await nurse.send(.POST, order + "/cancel", .object(["version": 2, "fields": .object(["cancelReason": "x"])]))
            let nurseReview = try await nurse.send(.POST, order + "/review", .object(["version": 3, "fields": .object([:])]))
            let reviewed = try await physician.send(.POST, order + "/review", .object(["version": 3, "fields": .object(["reviewComment": "Plan TFESI."])]))
            let cancelLate = try await nurse.send(.POST, order + "/cancel", .object(["version": 4, "fields": .object(["cancelReason": "No longer needed"])]))
            let frontDesk = try await front.get(list)
            let all = try await physician.get(list)
            // check
            #expect(noRegion.status == .unprocessableEntity && noRegion.json["fields"]["region"] == "Choose the region to image.")
            #expect(ordered.status == .created && ordered.json["label"] == "MRI lumbar spine — without contrast" && ordered.json["status"] == "ordered")
            #expect(earlyReview.status == .conflict)
            #expect(scheduled.json["status"] == "scheduled" && scheduled.json["scheduledFor"] == "2026-11-25")
            #expect(halfRow.status == .unprocessableEntity && halfRow.json["fields"]["finding.1.kind"] != .null)
            #expect(resulted.json["status"] == "resulted" && resulted.json["result"]["finding.1.kind"] == "disc-herniation")
            #expect(resulted.json["result"]["abnormal"] == true)
            #expect(staleResult.status == .conflict)
            #expect(nurseReview.status == .forbidden)
            #expect(reviewed.json["status"] == "reviewed" && reviewed.json["reviewComment"] == "Plan TFESI." && reviewed.json["reviewedBy"] != .null)
            #expect(cancelLate.status == .conflict)
            #expect(frontDesk.status == .forbidden)
            #expect(all.json["orders"].count == 1 && all.json["orders"][0]["overdue"] == false)
            #expect(try await context.auditEvents(.resultReview).count == 1)
            #expect(try await context.auditEvents(.recordUpdate).filter { $0.resourceType == "ServiceRequest" }.count == 2)
        }
    }
}
