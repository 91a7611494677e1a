import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// CDS Hooks: an EHR's procedure order answered with the planning page's decision, its open alerts on patient-view.
@Suite struct CDSHooksTests {
    private func order(_ id: String, cpt: String, bodySite: String, on day: String) -> JSONValue {
        ["resourceType": "ServiceRequest", "id": .string(id), "status": "draft", "intent": "order",
         "code": ["coding": [["system": .string(FHIR.System.cpt), "code": .string(cpt)]]], "bodySite": [["text": .string(bodySite)]],
         "occurrenceDateTime": .string(day)]
    }

    private func hook(_ hook: String, patient: String, orders: [JSONValue] = [], selections: [String]? = nil) -> JSONValue {
        var context: [String: JSONValue] = ["patientId": .string(patient), "userId": "Practitioner/1"]
        if hook != "patient-view" { context["draftOrders"] = ["resourceType": "Bundle", "type": "collection", "entry": .array(orders.map { ["resource": $0] })] }
        if let selections { context["selections"] = .array(selections.map(JSONValue.string)) }
        return ["hook": .string(hook), "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "context": .object(context)]
    }

    @Test(arguments: TestDatabase.available)
    func aProcedureOrderGetsThePlanningPagesVerdictWithItsHolds(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let base = try await DecisionSupportRoutesTests.radicularPatient(context, api)
            let patient = String(base.split(separator: "/").last!).lowercased()
            let epidural = order("sr-1", cpt: "64483", bodySite: "lumbar L4-L5 left", on: "2026-11-30")
            let laboratory: JSONValue = ["resourceType": "ServiceRequest", "id": "sr-2", "code": ["coding": [["system": "http://loinc.org", "code": "6301-6"]]]]
            let frontDesk = try await APIClient.make(try await context.signedIn(.coordinator))
            // act
            let discovery = try await context.app.testing().sendRequest(.GET, SitePath.cdsServices())
            let signed = try await api.send(.POST, SitePath.cdsService(.orderSign)(), hook("order-sign", patient: patient, orders: [epidural, laboratory]))
            let planning = try await api.get(base + "/decision-support?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=2026-11-30")
            let unselected = try await api.send(.POST, SitePath.cdsService(.orderSelect)(), hook("order-select", patient: patient, orders: [epidural, laboratory],
                                                                                                 selections: ["ServiceRequest/sr-2"]))
            let wrongHook = try await api.send(.POST, SitePath.cdsService(.orderSelect)(), hook("order-sign", patient: patient))
            let nobody = try await api.send(.POST, SitePath.cdsService(.orderSign)(), hook("order-sign", patient: UUID().uuidString))
            let refused = try await frontDesk.send(.POST, SitePath.cdsService(.orderSign)(), hook("order-sign", patient: patient, orders: [epidural]))
            // check
            let services = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: discovery.body))["services"]
            #expect(discovery.status == .ok && services.items.map { $0["hook"] } == ["order-select", "order-sign", "patient-view"])
            #expect(services[0]["prefetch"]["patient"] == "Patient/{{context.patientId}}")
            let card = try #require(signed.json["cards"].items.first { $0["source"]["topic"]["code"] == "esi-transforaminal-lumbar" })
            #expect(signed.json["cards"].count == 2, "64483 is also a selective nerve root block; the laboratory order gets nothing")
            #expect(card["extension"]["relief-verdict"] == planning.json["verdict"] && card["indicator"] == "warning")
            let detail = card["detail"].string ?? ""
            for rule in planning.json["rules"].items { #expect(detail.contains(rule["message"].string ?? "-"), "\(rule["id"])") }
            #expect(detail.contains("last dose 2026-11-24") && detail.contains("restart on 2026-12-01"), "warfarin's hold, dated from the planned day")
            #expect(unselected.status == .ok && unselected.json["cards"].count == 0)
            #expect(wrongHook.status == .badRequest && nobody.status == .notFound && refused.status == .forbidden)
            let audited = try await context.auditEvents(.recordView).filter { $0.detail?.hasPrefix("CDS Hooks") == true }
            #expect(audited.count == 2 && audited.allSatisfy { $0.patientID?.uuidString.lowercased() == patient })
        }
    }

    @Test(arguments: TestDatabase.available)
    func patientViewShowsTheBannersOpenAlerts(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.nurse))
            let patient = try await context.makePatient()
            try await api.send(.POST, "/api/v1/patients/\(patient.id)/medications", .object(["fields": .object([
                "drug": "oxycodone", "strength": 30, "unit": "mg", "frequency": "q6h", "status": "active"])]))
            // act
            let view = try await api.send(.POST, SitePath.cdsService(.patientView)(), hook("patient-view", patient: patient.id.lowercasedText))
            // check
            #expect(view.status == .ok && view.json["cards"].count == 1)
            #expect(view.json["cards"][0]["indicator"] == "warning" && view.json["cards"][0]["summary"].string?.contains("MME") == true)
        }
    }
}
