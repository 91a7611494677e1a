import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// The administrator says who the practice is; other systems then read it as the FHIR Organization its rooms belong to.
@Suite struct PracticeProfileRoutesTests {
    @Test(arguments: TestDatabase.available)
    func theAdministratorNamesThePracticeAndFHIRClientsSeeItsOrganization(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let admin = try await context.signedIn(.admin)
            let other = try await context.signedIn(.admin, email: "second-admin@test.relief")
            let frontDesk = try await APIClient.make(try await context.signedIn(.coordinator))
            let version = try versionField(try await admin.get(SitePath.practiceProfile()).text)
            let before = try await frontDesk.get(SitePath.fhirResource(.organization)(FHIROrganization.id))
            let details = [("version", version), ("name", "Lakeside Pain Clinic"), ("npi", "1234567893"), ("line", "1 Lake Road"), ("city", "Lakeside"),
                           ("state", "IL"), ("postalCode", "62703"), ("phone", "(555) 201-0199")]
            // act
            let bad = try await admin.post(SitePath.practiceProfile(), pairs: [("version", version), ("name", "Lakeside"), ("npi", "1234567890")])
            let saved = try await admin.post(SitePath.practiceProfile(), pairs: details)
            let stale = try await other.post(SitePath.practiceProfile(), pairs: [("version", version), ("name", "Lakeside Spine and Pain")])
            let organization = try await frontDesk.get(SitePath.fhirResource(.organization)(FHIROrganization.id))
            let byNPI = try await frontDesk.get(SitePath.fhirResources(.organization)() + "?identifier=http://hl7.org/fhir/sid/us-npi|1234567893")
            // check
            #expect(before.status == .notFound, "no Organization until the practice is named")
            #expect(bad.status == .unprocessableEntity && bad.text.contains("check it against the NPPES registry") && bad.text.contains("value=\"Lakeside\""))
            #expect(saved.status == .seeOther)
            #expect(stale.status == .conflict && stale.text.contains("Someone else saved the practice") && stale.text.contains("value=\"Lakeside Spine and Pain\"")
                    && stale.text.contains("<dd>Lakeside Pain Clinic</dd>"), "the loser keeps their typing and sees what was saved")
            #expect(organization.status == .ok && organization.json["name"] == "Lakeside Pain Clinic" && organization.json["identifier"][0]["value"] == "1234567893")
            #expect(byNPI.json["total"] == 1)
            #expect(try await context.auditEvents(.settingsUpdate).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoAdministratorsSavingAtOnceEndInOneSaveAndOneConflict(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup
            let first = try await context.signedIn(.admin)
            let second = try await context.signedIn(.admin, email: "second-admin@test.relief")
            var keptTheirTyping = 0
            // act
            for version in 1...4 {
                async let one = first.post(SitePath.practiceProfile(), pairs: [("version", "\(version)"), ("name", "Name A \(version)")])
                async let two = second.post(SitePath.practiceProfile(), pairs: [("version", "\(version)"), ("name", "Name B \(version)")])
                let both = try await [one, two]
                #expect(both.map(\.status.code).sorted() == [303, 409], "\(both.map(\.status))")
                let (loser, typed, saved) = both[0].status == .conflict ? (both[0], "Name A", "Name B") : (both[1], "Name B", "Name A")
                if loser.text.contains("value=\"\(typed) \(version)\"") && loser.text.contains("<dd>\(saved) \(version)</dd>") { keptTheirTyping += 1 }
            }
            // check
            #expect(keptTheirTyping == 4, "each loser keeps their typing and sees what was saved")
            #expect(try await context.auditEvents(.settingsUpdate).count == 4)
        }
    }
}
