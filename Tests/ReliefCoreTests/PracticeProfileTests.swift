import Foundation
import Testing
@testable import ReliefCore

/// Who the practice is: its NPI checked by its check digit, its address and phone as registration checks them, and
/// its FHIR Organization with what US Core asks of one.
@Suite struct PracticeProfileTests {
    private let today = CalendarDate("2026-11-18")!

    @Test(arguments: [("1234567893", true), ("1234567890", false), ("123456789", false), ("12345678931", false), ("12345678a3", false),
                      ("1245319599", true), ("1245319590", false)])
    func anNPIIsTenDigitsEndingInItsLuhnCheckDigit(npi: String, valid: Bool) {
        // act, check: CMS's worked example 123456789 → 3; 1245319599 a second, computed by hand
        #expect(NationalProviderIdentifier.isValid(npi) == valid)
    }

    @Test func badDetailsComeBackOnTheirFieldsAndGoodOnesAreKept() throws {
        // setup
        let bad = FormFields([("name", ""), ("npi", "1234567890"), ("state", "Illinois"), ("postalCode", "6270"), ("phone", "555-0100")])
        let good = FormFields([("name", "Lakeside Pain Clinic"), ("npi", "1234567893"), ("line", "1 Lake Road"), ("city", "Lakeside"), ("state", "il"),
                               ("postalCode", "62703-1234"), ("phone", "(555) 201-0199")])
        // act
        let (refused, problems) = PracticeProfile.parse(bad, today: today)
        let (kept, none) = PracticeProfile.parse(good, today: today)
        // check
        #expect(refused == nil && Set(problems.keys) == ["name", "npi", "state", "postalCode", "phone"], "\(problems)")
        let profile = try #require(kept, "\(none)")
        #expect(profile.state == "IL" && PracticeProfile(stored: profile.stored) == profile && PracticeProfile.parse(profile.fields, today: today).0 == profile)
    }

    @Test func thePracticeIsAUSCoreOrganizationWithItsNPI() throws {
        // setup
        var profile = PracticeProfile()
        (profile.name, profile.npi, profile.city, profile.state, profile.phone) = ("Lakeside Pain Clinic", "1234567893", "Lakeside", "IL", "(555) 201-0199")
        // act
        let record = FHIROrganization.record(profile, version: 3, updated: Date(timeIntervalSince1970: 1_790_000_000))
        let resource = try #require(record.resource.object)
        // check
        #expect(resource["id"] == "practice" && resource["active"] == true && resource["name"] == "Lakeside Pain Clinic")
        #expect(resource["meta"]?.object?["profile"]?.array == [.string("http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization")])
        #expect(resource["identifier"] == [["system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"]])
        #expect(resource["telecom"] == [["system": "phone", "value": "(555) 201-0199", "use": "work"]])
        #expect(resource["address"] == [["city": "Lakeside", "state": "IL", "country": "US"]], "no empty line or postal code")
    }
}
