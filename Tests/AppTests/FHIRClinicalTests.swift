import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// The clinical resources over FHIR: a chart entered through the forms, read back by search (with its parameters,
/// paging, `_include` and `_summary=count`), by id, and whole by `$everything`; audited, and refused to the front desk.
@Suite struct FHIRClinicalTests {
    /// A chart with a diagnosis, an opioid (so an MME total), a PHQ-9 and a signed epidural.
    private func chart(_ context: TestContext) async throws -> PatientRecord {
        let patient = try await context.makePatient()
        let nurse = try await context.signedIn(.nurse)
        let physician = try await context.signedIn(.physician)
        try await physician.get(SitePath.newChartEntry(.diagnosis)(patient.id))
        try await physician.post(SitePath.chartEntries(.diagnosis)(patient.id), pairs: [("condition", "M54.16"), ("laterality", "left"), ("status", "active"),
                                                                                        ("certainty", "confirmed")])
        try await nurse.get(SitePath.newChartEntry(.medication)(patient.id))
        try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: [("drug", "oxycodone"), ("strength", "10"), ("unit", "mg"),
                                                                                     ("unitsPerDose", "1"), ("frequency", "q6h"), ("route", "oral"), ("status", "active")])
        try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, "phq-9"))
        try await nurse.post(SitePath.questionnaireResponses(patient.id, "phq-9"),
                             pairs: QuestionnaireCatalogue.phq9.items.map { ($0.linkId, "1") } + [(QuestionnaireSubmission.completedOnField, "11/18/2026")])
        try await context.signedProcedure(patient, site: [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L5-S1"), ("side", "left")],
                                          record: [("start", "9:05"), ("end", "9:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                                                   ("painBefore", "8"), ("painAfter", "1"), ("disposition", "home")], nurse: nurse, physician: physician)
        return patient
    }

    @Test(arguments: TestDatabase.available)
    func aChartIsSearchedReadAndExportedWholeAsFHIR(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await chart(context)
            let api = try await APIClient.make(try await context.signedIn(.nurse, email: "fhir-client@test.relief"))
            let of = "?patient=\(patient.id.lowercasedText)"
            // act
            let conditions = try await api.get(SitePath.fhirResources(.condition)() + of + "&code=http://hl7.org/fhir/sid/icd-10-cm%7CM54.16&_include=Condition:patient")
            let wrongCode = try await api.get(SitePath.fhirResources(.condition)() + of + "&code=M54.17")
            let surveys = try await api.get(SitePath.fhirResources(.observation)() + of + "&category=survey&_summary=count")
            let phq9 = try await api.get(SitePath.fhirResources(.observation)() + of + "&code=http://loinc.org%7C44261-6&date=ge2026-11-18&date=lt2026-11-19")
            let before = try await api.get(SitePath.fhirResources(.observation)() + of + "&date=lt2026-11-18")
            let mme = try await api.get(SitePath.fhirResources(.observation)() + of + "&code=\(FHIRObservation.mmeCode.system!)%7C\(FHIRObservation.mmeCode.code)")
            let epidurals = try await api.get(SitePath.fhirResources(.procedure)() + of + "&code=64483&status=completed&_revinclude=Provenance:target")
            let procedureID = try #require(epidurals.json["entry"][0]["resource"]["id"].string)
            let read = try await context.app.testing().sendRequest(.GET, SitePath.fhirResource(.procedure)(procedureID),
                                                                    headers: ["Authorization": "Bearer \(api.token)"])
            let byID = try await api.get(SitePath.fhirResources(.procedure)() + "?_id=\(procedureID),\(UUID().lowercasedText)")
            let asObservation = try await api.get(SitePath.fhirResource(.observation)(procedureID))
            let everything = try await api.get(SitePath.fhirEverything(patient.id))
            // check
            #expect(conditions.status == .ok && conditions.json["total"] == 1)
            #expect(conditions.json["entry"].items.map { $0["search"]["mode"] } == ["match", "include"])
            #expect(conditions.json["entry"][0]["resource"]["code"]["coding"][0]["code"] == "M54.16" && conditions.json["entry"][1]["resource"]["resourceType"] == "Patient")
            #expect(wrongCode.json["total"] == 0 && wrongCode.json["entry"] == .null)
            #expect(surveys.json["total"] == 1 && surveys.json["entry"] == .null)
            #expect(phq9.json["total"] == 1 && phq9.json["entry"][0]["resource"]["valueQuantity"]["value"] == 9 && before.json["total"] == 0)
            #expect(mme.json["total"] == 1 && mme.json["entry"][0]["resource"]["valueQuantity"]["value"] == 60)
            #expect(epidurals.json["total"] == 1 && epidurals.json["entry"][0]["resource"]["bodySite"][0]["text"] == "Low back (lumbar), L5-S1, left")
            let signature = epidurals.json["entry"][1]
            #expect(signature["search"]["mode"] == "include" && signature["resource"]["resourceType"] == "Provenance")
            #expect(signature["resource"]["target"][0]["reference"] == .string("Procedure/\(procedureID)") && signature["resource"]["agent"][0]["type"]["coding"][0]["code"] == "legal")
            #expect(read.status == .ok && read.headers.first(name: .eTag) == "W/\"1\"" && read.headers.contentType?.subType == "fhir+json")
            #expect(byID.json["total"] == 1 && byID.json["entry"][0]["resource"]["id"] == .string(procedureID), "by id, with no patient named")
            #expect(asObservation.status == .notFound && asObservation.json["resourceType"] == "OperationOutcome")
            let kinds = Set(everything.json["entry"].items.compactMap { $0["resource"]["resourceType"].string })
            #expect(kinds == ["Patient", "Condition", "MedicationStatement", "Observation", "QuestionnaireResponse", "Procedure", "Appointment", "Encounter",
                              "Provenance"], "\(kinds)")
            #expect(everything.json["total"] == .number(Double(everything.json["entry"].count)))
            let searches = try await context.auditEvents(.recordView).filter { $0.detail?.hasPrefix("FHIR") == true }
            #expect(searches.count == 10 && searches.allSatisfy { $0.patientID == patient.id }, "\(searches.map(\.detail))")
        }
    }

    @Test(arguments: TestDatabase.available)
    func pagesFollowByIdAndRefusalsAreOperationOutcomes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await chart(context)
            let api = try await APIClient.make(try await context.signedIn(.nurse, email: "fhir-client@test.relief"))
            let frontDesk = try await APIClient.make(try await context.signedIn(.coordinator))
            let observations = SitePath.fhirResources(.observation)()
            // act: pages of one
            var seen: [String] = [], next: String? = observations + "?patient=Patient/\(patient.id.lowercasedText)&_count=1", pages = 0
            while let page = next, pages < 10 {
                let address = try #require(URLComponents(string: page))
                let bundle = try await api.get(address.path + "?" + (address.percentEncodedQuery ?? ""))
                seen += bundle.json["entry"].items.compactMap { $0["resource"]["id"].string }
                next = bundle.json["link"].items.first { $0["relation"] == "next" }?["url"].string
                pages += 1
            }
            let whole = try await api.get(observations + "?code=72514-3")
            let badDate = try await api.get(observations + "?patient=\(patient.id.lowercasedText)&date=2026-11-18T09:00")
            let forbidden = try await frontDesk.get(observations + "?patient=\(patient.id.lowercasedText)")
            // check: the PHQ-9 and the MME total, each once
            #expect(seen.count == 2 && Set(seen).count == 2 && pages == 2)
            #expect(whole.status == .badRequest && whole.json["issue"][0]["expression"][0] == "patient")
            #expect(badDate.status == .badRequest && badDate.json["issue"][0]["expression"][0] == "date" && badDate.json["issue"][0]["code"] == "invalid")
            #expect(forbidden.status == .forbidden && forbidden.json["issue"][0]["code"] == "forbidden")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFrontDeskReadsAppointmentsStaffAndRoomsButNotTheChart(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await chart(context)
            let frontDesk = try await APIClient.make(try await context.signedIn(.coordinator))
            let provider = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.physician.rawValue).first())
            // act
            let appointments = try await frontDesk.get(SitePath.fhirResources(.appointment)() + "?patient=\(patient.id.lowercasedText)&status=fulfilled")
            let rooms = try await frontDesk.get(SitePath.fhirResources(.location)() + "?name=suite")
            let room = try await frontDesk.get(SitePath.fhirResource(.location)("suite-1"))
            let badRoom = try await frontDesk.get(SitePath.fhirResource(.location)("suite_1"))
            let staff = try await frontDesk.get(SitePath.fhirResources(.practitioner)() + "?_id=\(try provider.requireID().lowercasedText)")
            let scoped = try await frontDesk.get(SitePath.fhirResources(.location)() + "?patient=\(patient.id.lowercasedText)")
            let chart = try await frontDesk.get(SitePath.fhirResources(.condition)() + "?patient=\(patient.id.lowercasedText)")
            // check
            #expect(appointments.json["total"] == 1 && appointments.json["entry"][0]["resource"]["participant"].count == 3)
            #expect(rooms.json["total"] == 1 && room.status == .ok && room.json["name"] == "Suite 1" && badRoom.status == .notFound)
            #expect(staff.json["total"] == 1 && staff.json["entry"][0]["resource"]["name"][0]["text"] == .string(provider.name))
            #expect(scoped.status == .badRequest && scoped.json["issue"][0]["expression"][0] == "patient")
            #expect(chart.status == .forbidden)
        }
    }
}

/// The work-up over FHIR: the order as a ServiceRequest, its result as a DiagnosticReport read by its own id.
@Suite struct FHIRWorkupTests {
    @Test(arguments: TestDatabase.available)
    func aResultedOrderIsServedWithItsReport(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let base = try await DecisionSupportRoutesTests.radicularPatient(context, api)
            let patient = String(base.split(separator: "/").last!).lowercased()
            // act
            let orders = try await api.get(SitePath.fhirResources(.serviceRequest)() + "?patient=\(patient)&status=completed")
            let reports = try await api.get(SitePath.fhirResources(.diagnosticReport)() + "?patient=\(patient)&category=RAD&date=2026-11-10")
            let reportID = try #require(reports.json["entry"][0]["resource"]["id"].string)
            let read = try await api.get(SitePath.fhirResource(.diagnosticReport)(reportID))
            let byID = try await api.get(SitePath.fhirResources(.diagnosticReport)() + "?_id=\(reportID)")
            let wrongType = try await api.get(SitePath.fhirResource(.serviceRequest)(reportID))
            // check
            #expect(orders.json["total"] == 1 && orders.json["entry"][0]["resource"]["code"]["coding"][0]["code"] == "mri")
            #expect(reports.json["total"] == 1 && reportID.hasSuffix("-report"))
            #expect(read.status == .ok && read.json["basedOn"][0]["reference"] == .string("ServiceRequest/\(reportID.dropLast("-report".count))"))
            #expect(byID.json["total"] == 1 && wrongType.status == .notFound)
        }
    }
}

/// The audit trail over FHIR: auditors page through it by patient, date and action; nobody else reads it.
@Suite struct FHIRAuditEventTests {
    @Test(arguments: TestDatabase.available)
    func anAuditorPagesThroughAPatientsTrail(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            // Three reads of the registration; reading the trail adds record.view rows of its own, which the subtype leaves out.
            for _ in 0..<3 { _ = try await nurse.get(SitePath.fhirPatient(patient.id)) }
            let auditor = try await APIClient.make(try await context.signedIn(.admin))
            let of = SitePath.fhirResources(.auditEvent)() + "?patient=\(patient.id.lowercasedText)&action=R&subtype=patient.view&date=ge2026-11-18&_count=2"
            // act
            let first = try await auditor.get(of)
            let next = try #require(first.json["link"].items.first { $0["relation"] == "next" }?["url"].string.flatMap { URL(string: $0) })
            let second = try await auditor.get(next.path + "?" + (next.query ?? ""))
            let one = try await auditor.get(SitePath.fhirResource(.auditEvent)(first.json["entry"][0]["resource"]["id"].string ?? ""))
            let refused = try await nurse.get(of)
            let counted = try await auditor.get(of + "&_summary=count")
            let exported = try await auditor.get(SitePath.fhirExport() + "?_type=AuditEvent")
            // check
            #expect(first.status == .ok && first.json["entry"].count == 2 && first.json["total"] == .null)
            #expect(second.json["entry"].count == 1 && second.json["link"].items.allSatisfy { $0["relation"] != "next" })
            let event = one.json
            #expect(event["action"] == "R" && event["outcome"] == "0" && event["subtype"][0]["code"] == "patient.view")
            #expect(event["entity"][0]["what"]["reference"] == .string("Patient/\(patient.id.lowercasedText)"))
            #expect(event["agent"][0]["who"]["reference"].string?.hasPrefix("Practitioner/") == true)
            #expect(refused.status == .forbidden && counted.status == .badRequest)
            #expect(exported.status == .forbidden, "an auditor exports nothing; the trail is not in a Bulk export")
        }
    }
}
