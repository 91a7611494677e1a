import Foundation
import Testing
@testable import ReliefCore

/// CDS Hooks requests read into the candidates decision support checks, and decisions written as cards.
@Suite struct CDSHooksReadingTests {
    private let today = CalendarDate("2026-11-18")!
    private let patient = UUID()

    private func call(_ hook: String, _ orders: [JSONValue], selections: [String]? = nil) -> Result<CDSHooks.Call, FHIRFailures> {
        var context: [String: JSONValue] = ["patientId": .string(patient.lowercasedText),
                                            "draftOrders": ["resourceType": "Bundle", "entry": .array(orders.map { ["resource": $0] })]]
        if let selections { context["selections"] = .array(selections.map(JSONValue.string)) }
        return CDSHooks.read(["hook": .string(hook), "hookInstance": "1", "context": .object(context)],
                             for: hook == "order-select" ? .orderSelect : .orderSign, today: today)
    }

    @Test func aCPTCodedOrderIsEveryInterventionBilledUnderItWithItsSiteAndDay() throws {
        // setup
        let order: JSONValue = ["resourceType": "ServiceRequest", "id": "a", "code": ["coding": [["system": .string(FHIR.System.cpt), "code": "64483"]]],
                                "bodySite": [["text": "L5-S1", "coding": [["system": .string(FHIR.System.laterality), "code": "right"]]]],
                                "occurrenceDateTime": "2026-12-02T09:00:00-05:00"]
        // act
        let orders = try call("order-sign", [order]).get().orders
        // check
        #expect(Set(orders.map(\.candidate.intervention.id)) == ["esi-transforaminal-lumbar", "selective-nerve-root-block"])
        #expect(orders.allSatisfy { $0.reference == "ServiceRequest/a" && $0.candidate.date == CalendarDate("2026-12-02") })
        #expect(orders.allSatisfy { $0.candidate.site.levels.map(\.description) == ["L5-S1"] && $0.candidate.site.side == .right })
        #expect(orders.allSatisfy { $0.candidate.site.region == .lumbar })
    }

    @Test func reliefsOwnCodeWinsAndAnUnselectedOrUnknownOrderIsNotChecked() throws {
        // setup
        let own: JSONValue = ["resourceType": "ServiceRequest", "id": "b", "code": ["coding": [
            ["system": .string(FHIR.System.intervention), "code": "facet-rfa-lumbar"], ["system": .string(FHIR.System.cpt), "code": "64635"]]]]
        let laboratory: JSONValue = ["resourceType": "ServiceRequest", "id": "c", "code": ["coding": [["system": "http://loinc.org", "code": "6301-6"]]]]
        // act
        let signed = try call("order-sign", [own, laboratory]).get().orders
        let selected = try call("order-select", [own, laboratory], selections: ["ServiceRequest/c"]).get().orders
        // check
        #expect(signed.map(\.candidate.intervention.id) == ["facet-rfa-lumbar"] && signed[0].candidate.date == today)
        #expect(selected.isEmpty)
    }

    @Test func aCallWithoutItsPatientOrForAnotherHookIsRefused() {
        // act
        let wrong = CDSHooks.read(["hook": "patient-view", "hookInstance": "1", "context": ["patientId": .string(patient.uuidString)]], for: .orderSign, today: today)
        let noPatient = CDSHooks.read(["hook": "order-sign", "hookInstance": "1", "context": ["patientId": "Patient/7"]], for: .orderSign, today: today)
        // check
        #expect(throws: FHIRFailures.self) { try wrong.get() }
        #expect((try? noPatient.get()) == nil)
    }

    @Test func anOverdueFollowUpSaysHowLate() {
        // act
        let card = CDSHooks.overdueCard(intervention: "esi-transforaminal-lumbar", performedOn: CalendarDate("2026-10-01")!, dueOn: CalendarDate("2026-11-08")!,
                                        today: today)
        // check
        #expect(card.object?["summary"] == "Follow-up after Lumbar transforaminal epidural steroid injection overdue by 10 days" && card.object?["indicator"] == "warning")
    }
}
