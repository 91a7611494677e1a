import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Informed consent: prepared from a check, signed by the patient on screen or on paper, co-signed by a physician,
/// withdrawn on the record; the database keeps every signed part as it was.
@Suite struct ConsentRoutesTests {
    private let check = "?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&plannedOn=2026-11-30"
    private let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

    /// A prepared consent's address, for a patient on warfarin with left L5 radiculopathy.
    private func prepared(_ context: TestContext, by nurse: Browser) async throws -> (PatientRecord, String) {
        let patient = try await context.makePatient()
        try await nurse.get(SitePath.newChartEntry(.diagnosis)(patient.id))
        try await nurse.post(SitePath.chartEntries(.diagnosis)(patient.id), pairs: [("condition", "M51.16"), ("laterality", "left"), ("status", "active"),
                                                                                   ("certainty", "confirmed")])
        try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: [("drug", "warfarin"), ("strength", "5"), ("unit", "mg"),
                                                                                    ("frequency", "daily"), ("status", "active")])
        try await nurse.get(SitePath.newConsent(patient.id) + check)
        let created = try await nurse.post(SitePath.consents(patient.id), pairs: [
            ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5"), ("side", "left"),
            ("plannedOn", "11/30/2026"), ("validUntil", "02/28/2027"), ("sessions", "1")])
        return (patient, try #require(created.location))
    }

    @Test(arguments: TestDatabase.available)
    func aConsentIsPreparedSignedCosignedAndWithdrawnWithEveryPartKept(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let coordinator = try await context.signedIn(.coordinator)
            let (patient, path) = try await prepared(context, by: nurse)
            // act
            let preview = try await nurse.get(SitePath.newConsent(patient.id) + check)
            let shown = try await nurse.get(path)
            let version = try versionField(shown.text)
            let wrongName = try await nurse.post(path + "/sign", pairs: [("version", version), ("signer", "patient"), ("name", "Anna Smith"), ("attest", "yes")])
            let signed = try await nurse.post(path + "/sign", pairs: [("version", version), ("signer", "patient"), ("name", "Zoe Muller"), ("attest", "yes"),
                                                                     ("witness", "R. Ito"), ("signatureImage", "data:image/png;base64," + png.base64EncodedString())])
            let again = try await nurse.post(path + "/sign", pairs: [("version", version), ("signer", "patient"), ("name", "Zoe Muller"), ("attest", "yes")])
            let awaiting = try await physician.get(path)
            let nurseCosigns = try await nurse.post(path + "/cosign", pairs: [("version", try versionField(awaiting.text)), ("attest", "yes")])
            let unticked = try await physician.post(path + "/cosign", pairs: [("version", try versionField(awaiting.text))])
            let cosigned = try await physician.post(path + "/cosign", pairs: [("version", try versionField(awaiting.text)), ("attest", "yes")])
            let active = try await physician.get(path)
            let image = try await nurse.get(path + "/signature")
            let coordinatorReads = try await coordinator.get(path)
            let printed = try await physician.get(path + "/print")
            let noReason = try await nurse.post(path + "/withdraw", pairs: [("version", try versionField(active.text)), ("reason", "")])
            let withdrawn = try await nurse.post(path + "/withdraw", pairs: [("version", try versionField(active.text)), ("reason", "Changed her mind by phone")])
            let after = try await nurse.get(path)
            let list = try await nurse.get(SitePath.consents(patient.id))
            let coordinatorPrepares = try await coordinator.post(SitePath.consents(patient.id), pairs: [("intervention", "esi-caudal")])
            let otherPlan = try await nurse.post(SitePath.consents(patient.id), pairs: [
                ("intervention", "esi-caudal"), ("region", "lumbar"), ("plannedOn", "11/30/2026"), ("validUntil", "12/30/2026"), ("sessions", "1"),
                ("plan", UUID().uuidString)])
            // check
            #expect(preview.text.contains("Risks that apply to you") && preview.text.contains("You take warfarin"))
            #expect(shown.text.contains("consent-status consent-proposed") && shown.text.contains("Sign the consent"))
            #expect(shown.text.contains("Warfarin: stop 5 days before") && shown.text.contains("Doing nothing for now"))
            #expect(wrongName.status == .unprocessableEntity && wrongName.text.contains("name as registered: given and family name"))
            #expect(signed.status == .seeOther && again.status == .seeOther && again.headers.setCookie?["relief_flash"] != nil)
            #expect(awaiting.text.contains("Signed by the patient, Zoe Muller") && awaiting.text.contains("witnessed by R. Ito"))
            #expect(nurseCosigns.status == .forbidden && unticked.status == .unprocessableEntity && cosigned.status == .seeOther)
            #expect(active.text.contains("consent-status consent-active") && !active.text.contains("/cosign"))
            #expect(image.status == .ok && image.headers.contentType?.description == "image/png" && Data(buffer: image.body) == png)
            #expect(printed.status == .ok && printed.text.contains("Co-signed by") && printed.text.contains("print-identity"))
            #expect(noReason.status == .unprocessableEntity && withdrawn.status == .seeOther)
            #expect(after.text.contains("consent-status consent-withdrawn") && after.text.contains("Changed her mind by phone") && !after.text.contains("/sign\""))
            #expect(list.text.contains("Lumbar transforaminal epidural steroid injection, L4-L5, left") && coordinatorPrepares.status == .forbidden)
            #expect(coordinatorReads.status == .forbidden)
            #expect(otherPlan.status == .unprocessableEntity && otherPlan.text.contains("No such treatment plan for this patient."))
            for action in [AuditAction.consentPrepare, .consentSign, .consentCosign, .consentWithdraw] {
                #expect(try await context.auditEvents(action).count == 1, "\(action)")
            }
            // The database itself keeps what was prepared, answered and co-signed, and every row.
            let sql = context.app.db.sql
            for statement in ["UPDATE consents SET document = '{}'", "UPDATE consents SET signer_name = 'Someone else'", "UPDATE consents SET reason = 'x'",
                              "DELETE FROM consents", "UPDATE consent_files SET media_type = 'text/html'", "DELETE FROM consent_files"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSignedPaperIsAttachedAndServedAsADownloadAndAConsentCanBeDeclined(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let (_, path) = try await prepared(context, by: nurse)
            let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8)
            let fields = { (version: String) in [("version", version), ("signer", "representative"), ("name", "Karl Weber"), ("relationship", "Son, health-care proxy"),
                                                 ("attest", "yes")] }
            // act
            let shown = try await nurse.get(path)
            let program = try await nurse.post(path + "/sign", pairs: fields(try versionField(shown.text)), file: ("scanFile", "consent.pdf", "application/pdf", Data([0x4D, 0x5A, 0, 0])))
            let paper = try await nurse.post(path + "/sign", pairs: fields(try versionField(shown.text)), file: ("scanFile", "consent.pdf", "application/pdf", pdf))
            let scan = try await nurse.get(path + "/scan")
            let signed = try await nurse.get(path)
            let (_, second) = try await prepared(context, by: nurse)
            let other = try await nurse.get(second)
            let declined = try await nurse.post(second + "/decline", pairs: [("version", try versionField(other.text)), ("reason", "Wants to try PT first")])
            let closed = try await nurse.get(second)
            // check
            #expect(program.status == .unprocessableEntity && program.text.contains("Attach a PDF, PNG or JPEG file.") && program.text.contains("Karl Weber"))
            #expect(paper.status == .seeOther && signed.text.contains("Karl Weber, Son, health-care proxy") && signed.text.contains("on paper, scanned"))
            #expect(scan.status == .ok && scan.headers.contentType?.description == "application/pdf" && Data(buffer: scan.body) == pdf)
            #expect(scan.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(declined.status == .seeOther && closed.text.contains("Declined by the patient") && closed.text.contains("Wants to try PT first"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoPhysiciansCosigningAtOnceLeaveOneCosignature(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let (_, path) = try await prepared(context, by: nurse)
            let shown = try await nurse.get(path)
            try await nurse.post(path + "/sign", pairs: [("version", try versionField(shown.text)), ("signer", "patient"), ("name", "Zoë Müller"), ("attest", "yes")])
            let first = try await context.signedIn(.physician)
            let second = try await context.signedIn(.physician, email: "second@relief.test")
            let version = try versionField(try await first.get(path).text)
            try await second.get(path)
            // act
            async let one = first.post(path + "/cosign", pairs: [("version", version), ("attest", "yes")])
            async let two = second.post(path + "/cosign", pairs: [("version", version), ("attest", "yes")])
            let outcomes = try await [one, two]
            // check
            #expect(outcomes.allSatisfy { $0.status == .seeOther })
            #expect(try await context.auditEvents(.consentCosign).count == 1)
            let record = try #require(try await ConsentRecord.query(on: context.app.db).first())
            #expect(record.consentStatus == .active && record.version == 3)
            // An active consent: each trigger holds its own part, while the status may still move on to withdrawn.
            let sql = context.app.db.sql
            for statement in ["UPDATE consents SET valid_until = '2030-01-01'", "UPDATE consents SET witness = 'Someone'",
                              "UPDATE consents SET cosigned_at = NULL", "UPDATE consents SET status = 'proposed', answered_at = NULL"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }
}
