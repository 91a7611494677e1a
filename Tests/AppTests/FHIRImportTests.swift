import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import SQLKit
import VaporTesting
@testable import App

private let synthea = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/fhir/synthea-r4")

/// Importing another system's records: Synthea's bundles from the command line (once, then again adding nothing),
/// and bundles posted to `/fhir/R4` as a batch (each entry answered) or a transaction (all or nothing).
@Suite struct FHIRImportTests {
    private func bundle(_ type: String, _ entries: [JSONValue]) -> JSONValue {
        ["resourceType": "Bundle", "type": .string(type), "entry": .array(entries)]
    }

    private func entry(_ fullUrl: String, _ resource: JSONValue, method: String = "POST") -> JSONValue {
        ["fullUrl": .string(fullUrl), "resource": resource, "request": ["method": .string(method), "url": .string(resource["resourceType"].string ?? "")]]
    }

    private func condition(_ patient: String, code: String, onset: String) -> JSONValue {
        [
            "resourceType": "Condition", "subject": ["reference": .string(patient)], "onsetDateTime": .string(onset),
            "clinicalStatus": ["coding": [["system": .string(FHIR.System.conditionClinical), "code": "active"]]],
            "code": ["coding": [["system": .string(FHIR.System.snomed), "code": .string(code), "display": "Chronic low back pain"]], "text": "Chronic low back pain"],
        ]
    }

    private func patients(_ context: TestContext) async throws -> Int {
        struct Row: Decodable { let count: Int }
        return try await context.app.db.sql.raw("SELECT COUNT(*) AS count FROM patients").first(decoding: Row.self)?.count ?? 0
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: synthea.path)), arguments: TestDatabase.available)
    func syntheaBundlesImportWithoutErrorsAndAgainAddNothing(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let physician = try await context.makeUser(.physician, email: "importer@test.relief")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            for name in ["Chet_Thompson_eda17701-070d-4fae-9f7d-c8cd6263b63a.json", "Kermit_Trantow_f1a650a5-737e-4fd7-828e-03c3348b9524.json"] {
                try FileManager.default.copyItem(at: synthea.appendingPathComponent(name), to: directory.appendingPathComponent(name))
            }
            // act
            let first = try await FHIRCommandLineImport.run(context.app, path: directory.path, userEmail: physician.email)
            let entriesAfterFirst = try await ChartEntry.query(on: context.app.db).count()
            let second = try await FHIRCommandLineImport.run(context.app, path: directory.path, userEmail: physician.email)
            let entriesAfterSecond = try await ChartEntry.query(on: context.app.db).count()
            // check
            #expect(first.failed.isEmpty, "\(first.lines)")
            #expect(first.count(.created, "Patient") == 2 && first.count(.created, "Condition") > 0 && first.count(.created, "AllergyIntolerance") > 0)
            #expect(first.count(.skipped, "Claim") > 0 && first.lines.contains { $0.contains("billing is not imported") })
            #expect(second.count(.created) == 0 && second.count(.unchanged) == first.count(.created), "\(second.lines)")
            #expect(first.count(.created, "Procedure") > 0, "their procedures, as treatments tried")
            let listed = ["Condition", "AllergyIntolerance", "MedicationRequest", "Procedure", "Encounter"].map { first.count(.created, $0) }.reduce(0, +)
            let vitalSets = try await ChartEntry.query(on: context.app.db).filter(\.$kind == ChartEntryKind.vitalSigns.rawValue).count()
            let labResults = try await ChartEntry.query(on: context.app.db).filter(\.$kind == ChartEntryKind.labResult.rawValue).count()
            #expect(entriesAfterFirst == entriesAfterSecond && entriesAfterFirst == listed + vitalSets + labResults)
            let painScores = try await QuestionnaireResponse.query(on: context.app.db).filter(\.$questionnaire == "pain-intensity").count()
            // A vital sign is served under its set's id with the sign's suffix (`Observation/{set}-bp`).
            let vitalSigns = first.outcomes.filter { $0.action == .created && $0.record.map { $0.hasPrefix("Observation/") && $0.count > "Observation/".count + 36 } == true }.count
            #expect(painScores + vitalSigns + labResults == first.count(.created, "Observation") && painScores > 0 && labResults > 0,
                    "each 0–10 pain score, as the pain questionnaire on its day; each vital sign; each laboratory value")
            #expect(vitalSets > 0 && vitalSets < vitalSigns, "each vital sign, joined with those taken at the same time")
            let oxycodone = try await ChartEntry.query(on: context.app.db).filter(\.$code == "oxycodone").all()
            let dose = try #require(try oxycodone.first?.decoded(as: MedicationEntry.self))
            #expect(dose.dosage == Dosage(strength: 5, unit: .milligram, frequency: .every6Hours), "the opioid of Acetaminophen 325 MG / oxyCODONE 5 MG, every 6 h")
            #expect(dose.instructions.hasPrefix("As Acetaminophen 325 MG / oxyCODONE") && dose.sourceCodings?.first?.code == "1049221")
            let imports = try await context.auditEvents(.patientCreate).filter { $0.detail?.hasPrefix("FHIR import") == true }
            #expect(imports.count == 2 && imports.allSatisfy { $0.userEmail == physician.email && $0.userAgent == UserDirectory.commandLineAgent })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBatchAnswersEachEntryAndATransactionIsAllOrNothing(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let patient: JSONValue = ["resourceType": "Patient", "identifier": [["system": "https://other.example/mrn", "value": "A-17"]],
                                      "name": [["family": "Okafor", "given": ["Ada"]]], "gender": "female", "birthDate": "1984-07-09"]
            let good = [entry("urn:uuid:p1", patient), entry("urn:uuid:c1", condition("urn:uuid:p1", code: "279039007", onset: "2025-02-01"))]
            let bad = [entry("urn:uuid:c2", condition("urn:uuid:p1", code: "161891005", onset: "2025")),
                       entry("urn:uuid:x1", ["resourceType": "Claim", "patient": ["reference": "urn:uuid:p1"]]),
                       entry("urn:uuid:c3", condition("urn:uuid:p1", code: "1", onset: "2025-01-01"), method: "PUT")]
            // act
            let refused = try await api.send(.POST, SitePath.fhirBase(), bundle("transaction", good + bad))
            let patientsAfterRefusal = try await patients(context)
            let batch = try await api.send(.POST, SitePath.fhirBase(), bundle("batch", good + bad))
            let again = try await api.send(.POST, SitePath.fhirBase(), bundle("transaction", good))
            let byNurse = try await nurse.send(.POST, SitePath.fhirBase(), bundle("batch", good))
            let notABundle = try await api.send(.POST, SitePath.fhirBase(), patient)
            // check
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["issue"].items.compactMap { $0["expression"][0].string } == [
                "Bundle.entry[2].resource.onsetDateTime", "Bundle.entry[3].resource", "Bundle.entry[4].request.method",
            ], "\(refused.json)")
            #expect(patientsAfterRefusal == 0, "nothing of a refused transaction is kept")
            #expect(batch.status == .ok && batch.json["type"] == "batch-response")
            #expect(batch.json["entry"].items.map { $0["response"]["status"].string ?? "" } == [
                "201 Created", "201 Created", "422 Unprocessable Entity", "422 Unprocessable Entity", "422 Unprocessable Entity",
            ])
            #expect(batch.json["entry"][1]["response"]["location"].string?.hasPrefix("Condition/") == true)
            #expect(again.status == .ok && again.json["entry"].items.map { $0["response"]["status"] } == ["200 OK", "200 OK"], "found again by identifier and full URL")
            #expect(byNurse.status == .forbidden && notABundle.status == .badRequest)
            #expect(try await patients(context) == 1)
            #expect(try await context.auditEvents(.fhirImport).count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func proceduresDoneElsewhereJoinThePatientsHistory(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let patient: JSONValue = ["resourceType": "Patient", "identifier": [["system": "https://other.example/mrn", "value": "B-2"]],
                                      "name": [["family": "Lindqvist", "given": ["Bo"]]], "gender": "male", "birthDate": "1961-02-14"]
            func procedure(_ code: JSONValue, status: String = "completed", site: String? = nil) -> JSONValue {
                var object: [String: JSONValue] = ["resourceType": "Procedure", "status": .string(status), "subject": ["reference": "urn:uuid:p"],
                                                   "code": code, "performedDateTime": "2026-05-04"]
                object["bodySite"] = site.map { [["text": .string($0)]] }
                return .object(object)
            }
            let entries = [
                entry("urn:uuid:p", patient),
                entry("urn:uuid:e", procedure(["coding": [["system": .string(FHIR.System.cpt), "code": "64493"]]], site: "L4-L5, L5-S1 bilateral")),
                entry("urn:uuid:s", procedure(["coding": [["system": .string(FHIR.System.snomed), "code": "91251008", "display": "Physical therapy procedure"]]])),
                entry("urn:uuid:n", procedure(["text": "Epidural"], status: "not-done")),
            ]
            // act
            let first = try await api.send(.POST, SitePath.fhirBase(), bundle("batch", entries))
            let again = try await api.send(.POST, SitePath.fhirBase(), bundle("batch", entries))
            let patientID = try #require(first.json["entry"][0]["response"]["location"].string?.split(separator: "/").dropFirst().first.map(String.init))
            let served = try await api.send(.GET, "\(SitePath.fhirBase())/Procedure?patient=\(patientID)")
            // check
            #expect(first.json["entry"].items.map { $0["response"]["status"].string ?? "" } == [
                "201 Created", "201 Created", "201 Created", "422 Unprocessable Entity",
            ], "\(first.json)")
            #expect(again.json["entry"].items.prefix(3).allSatisfy { $0["response"]["status"] == "200 OK" })
            let warning = first.json["entry"][1]["response"]["outcome"]["issue"][0]["diagnostics"].string ?? ""
            #expect(warning.contains("billed for Lumbar medial branch block and Lumbar facet joint injection"), "64493 names both: \(warning)")
            let codes = served.json["entry"].items.flatMap { $0["resource"]["code"]["coding"].items.compactMap { $0["code"].string } }
            #expect(codes.contains("medial-branch-block-lumbar") && codes.contains("91251008") && served.json["total"] == 2, "\(served.json)")
            let facet = try #require(served.json["entry"].items.first { $0["resource"]["code"]["coding"].items.contains { $0["code"] == "64493" } })
            #expect(facet["resource"]["bodySite"][0]["text"] == "Low back (lumbar), L4-L5, L5-S1, bilateral")
        }
    }
}
