import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// The intervention catalogue as staff browse it and scripts read it.
@Suite struct InterventionCatalogueRoutesTests {
    @Test(arguments: TestDatabase.available)
    func staffNarrowTheCatalogueByKindOfPainAndRegion(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let coordinator = try await context.signedIn(.coordinator)
            // act
            let all = try await coordinator.get(SitePath.interventions())
            let radicular = try await coordinator.get(SitePath.interventions() + "?pain=radicular&region=lumbar")
            let axial = try await coordinator.get(SitePath.interventions() + "?pain=axial&region=lumbar")
            let hostile = try await coordinator.get(SitePath.interventions() + "?pain=%00radicular&region=0x1")
            // check
            #expect(all.status == .ok && all.text.contains("Intradiscal electrothermal annuloplasty (IDET)") && all.text.contains("No lasting benefit shown"))
            #expect(all.text.contains("href=\"/interventions\" aria-current=\"page\""))
            #expect(radicular.text.contains("Lumbar transforaminal epidural steroid injection") && !radicular.text.contains("Lumbar medial branch block"))
            #expect(axial.text.contains("Lumbar medial branch block") && !axial.text.contains("Lumbar interlaminar epidural"))
            #expect(hostile.status == .badRequest && hostile.text.contains("Choose a kind of pain from the list.") && hostile.text.contains("Choose a region from the list."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEntryShowsItsCodingRisksAndSources(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let admin = try await context.signedIn(.admin)
            // act
            let facet = try await nurse.get(SitePath.intervention("facet-rfa-cervical"))
            let idet = try await nurse.get(SitePath.intervention("idet"))
            let therapy = try await nurse.get(SitePath.intervention("physical-therapy"))
            let unknown = try await nurse.get(SitePath.intervention("facet-rfa-cervical%00"))
            let refused = try await admin.get(SitePath.intervention("idet"))
            // check
            #expect(facet.status == .ok && facet.text.contains("+64634 each additional joint") && facet.text.contains("Intermediate bleeding risk"))
            #expect(facet.text.contains("REFERENCE §1a ASRA 2018") && facet.text.contains("Doing nothing"))
            #expect(idet.text.contains("class=\"notice warning\"") && idet.text.contains("no benefit at one year"))
            #expect(therapy.status == .ok && !therapy.text.contains("id=\"section-coding\""))
            #expect(unknown.status == .notFound)
            #expect(refused.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIListsTheVersionedCatalogue(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            // act
            let list = try await api.get("/api/v1/interventions")
            let one = try await api.get("/api/v1/interventions/facet-injection-lumbar")
            let missing = try await api.get("/api/v1/interventions/..%2Fpatients")
            // check
            #expect(list.status == .ok && list.json["version"] == .string(InterventionCatalogue.version))
            #expect(list.json["interventions"].count == InterventionCatalogue.all.count)
            #expect(one.json["coding"][0]["perLevel"][1] == .object(["code": "64494", "label": "second level", "addOn": true]))
            #expect(one.json["bleedingRisk"]["class"] == "low" && one.json["bleedingRisk"]["source"]["evidence"] == "V1")
            #expect(one.json["indications"] == ["facet", "axial"])
            #expect(missing.status == .notFound)
        }
    }
}
