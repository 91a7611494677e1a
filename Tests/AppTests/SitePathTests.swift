import Foundation
import ReliefCore
import Testing
import Vapor
@testable import App

/// Addresses are declared once and give both the link and the route.
@Suite struct SitePathTests {
    @Test func anAddressGivesItsLinkAndItsRoute() {
        // setup
        let patient = UUID(uuidString: "0A0B0C0D-0000-4000-8000-000000000001")!
        let note = UUID(uuidString: "0A0B0C0D-0000-4000-8000-000000000002")!
        // act / check
        #expect(SitePath.home() == "/" && SitePath.home.route.map(\.description) == [""])
        #expect(SitePath.evaluation(patient, note) == "/patients/0a0b0c0d-0000-4000-8000-000000000001/evaluations/0a0b0c0d-0000-4000-8000-000000000002")
        #expect(SitePath.signEvaluation.route.map(\.description) == ["patients", ":patient", "evaluations", ":evaluation", "sign"])
        #expect(SitePath.chartEntry(.diagnosis)(patient, note).hasSuffix("/diagnoses/0a0b0c0d-0000-4000-8000-000000000002"))
        #expect(SitePath.newQuestionnaireResponse(patient, "phq-9") == "/patients/0a0b0c0d-0000-4000-8000-000000000001/questionnaires/phq-9/new")
        #expect(SitePath.kioskAnswers("odi/../x") == "/kiosk/questionnaire/odi%2F..%2Fx", "a value cannot add a segment")
    }
}
