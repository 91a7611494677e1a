import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Work-up orders: order → schedule → result → physician review (then closed), cancel, the worklist.
@Suite struct WorkupTests {
    private let mri: [(String, String)] = [("test", "mri"), ("region", "lumbar"), ("contrast", "without"),
                                           ("reason", "Left L5 radiculopathy: disc or stenosis?"), ("priority", "routine")]

    @Test(arguments: TestDatabase.available)
    func anOrderIsResultedReviewedAndThenClosed(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await nurse.get(SitePath.newWorkupOrder(patient.id))
            // act
            let ordered = try await nurse.post(SitePath.workup(patient.id), pairs: mri)
            let path = try #require(ordered.location)
            try await nurse.get(path)
            let scheduled = try await nurse.post(path + "/schedule", pairs: [("version", "1"), ("scheduledFor", "12/02/2026")])
            let worklist = try await physician.get(SitePath.worklists())
            try await nurse.get(path)
            let resulted = try await nurse.post(path + "/result", pairs: [
                ("version", "2"), ("report", "L4-5 left paracentral protrusion contacting the traversing L5 root."), ("abnormal", "yes"),
                ("finding.1.kind", "disc-herniation"), ("finding.1.level", "L4-5"), ("finding.1.side", "left"), ("finding.1.grade", "moderate"),
            ])
            let nurseReview = try await nurse.post(path + "/review", pairs: [("version", "3"), ("reviewComment", "Seen")])
            let chart = try await physician.get(SitePath.patient(patient.id))
            try await physician.get(path)
            let reviewed = try await physician.post(path + "/review", pairs: [("version", "3"), ("reviewComment", "Matches the exam: plan TFESI.")])
            let afterReview = try await physician.get(path)
            let tooLate = try await physician.post(path + "/cancel", pairs: [("version", "4"), ("cancelReason", "No longer needed")])
            // check
            #expect(ordered.status == .seeOther && scheduled.status == .seeOther && resulted.status == .seeOther)
            #expect(worklist.text.contains("MRI lumbar spine — without contrast") && worklist.text.contains("Scheduled"))
            #expect(nurseReview.status == .forbidden)
            #expect(chart.text.contains("Outstanding tests") && chart.text.contains("Abnormal: Disc herniation L4-5 left, moderate"))
            #expect(reviewed.status == .seeOther)
            #expect(afterReview.text.contains("Matches the exam: plan TFESI.") && !afterReview.text.contains("Sign review"))
            #expect(tooLate.status == .conflict)
            var tampered = false
            do {
                try await context.app.db.sql.raw("UPDATE workup_orders SET review_comment = 'changed'").run()
                tampered = true
            } catch {}
            #expect(!tampered)
            #expect(try await context.auditEvents(.resultReview).count == 1)
            #expect(try await context.auditEvents(.recordCreate).first?.resourceType == "ServiceRequest")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badOrdersAndResultsAreRefusedOnTheirFieldsAndStaleStepsConflict(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.newWorkupOrder(patient.id))
            // act
            let noRegion = try await nurse.post(SitePath.workup(patient.id), pairs: [("test", "ct"), ("reason", "Fracture?")])
            let ordered = try await nurse.post(SitePath.workup(patient.id), pairs: mri)
            let path = try #require(ordered.location)
            try await nurse.get(path)
            let noReport = try await nurse.post(path + "/result", pairs: [("version", "1"), ("finding.1.level", "L4-5")])
            try await nurse.post(path + "/schedule", pairs: [("version", "1"), ("scheduledFor", "12/02/2026")])
            let noReason = try await nurse.post(path + "/cancel", pairs: [("version", "2"), ("cancelReason", "")])
            let stale = try await nurse.post(path + "/cancel", pairs: [("version", "1"), ("cancelReason", "Duplicate")])
            // check
            #expect(noRegion.status == .unprocessableEntity && noRegion.text.contains("Choose the region to image."))
            #expect(noReport.status == .unprocessableEntity && noReport.text.contains("Enter the report text."))
            #expect(noReport.text.contains("Choose what the finding is, or clear its row."))
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Give the reason for cancelling."))
            #expect(stale.status == .conflict)
            let record = try #require(try await WorkupRecord.query(on: context.app.db).first())
            #expect(record.status == "scheduled" && record.result == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFrontDeskSeesOpenOrdersButNoResults(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.newWorkupOrder(patient.id))
            try await nurse.post(SitePath.workup(patient.id), pairs: mri)
            let desk = try await context.signedIn(.coordinator)
            // act
            let worklist = try await desk.get(SitePath.worklists())
            // check
            #expect(worklist.text.contains("MRI lumbar spine") && worklist.text.contains(patient.registration[.familyName]))
            #expect(!worklist.text.contains("waiting for a physician"))
            #expect(!worklist.text.contains("href=\"\(SitePath.workup(patient.id))"), "no link into the clinical record")
        }
    }
}
