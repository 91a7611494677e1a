import Foundation
import Testing
@testable import ReliefCore

/// The Patient mapping and the search parameters, without a server.
@Suite struct FHIRPatientMappingTests {
    @Test func aSparseRegistrationLeavesNoEmptyElement() {
        // setup: no phone, address, language or contact
        let registration = PatientRegistration(values: [.familyName: "Ng", .givenName: "Lee", .birthDate: "1970-05-06", .sexAtBirth: "UNK"])
        // act
        let resource = FHIRPatient(id: UUID(), mrn: "00000042", registration: registration, version: 3, updated: Date(timeIntervalSince1970: 0)).resource
        // check: FHIR forbids empty strings, arrays and objects
        let members = resource.object ?? [:]
        #expect(members["telecom"] == nil && members["address"] == nil && members["communication"] == nil && members["contact"] == nil)
        #expect(members["gender"] == "unknown" && members["birthDate"] == "1970-05-06")
        #expect(members["meta"]?.object?["lastUpdated"] == "1970-01-01T00:00:00.000Z" && members["meta"]?.object?["versionId"] == "3")
    }

    @Test(arguments: [
        ([("birthdate", "le1961-03-04")], nil), ([("gender", "other")], nil), ([("identifier", "urn:relief:mrn|00000001")], nil),
        ([("identifier", "http://hospital.example/mrn|1")], "identifier"), ([("birthdate", "1961")], "birthdate"), ([("_count", "201")], "_count"),
        ([("_count", "0x10")], "_count"), ([("family", "Mül\u{0}ler")], "family"), ([("family", "a"), ("family", "b")], "family"),
        ([("_id", "not-a-uuid")], "_id"), ([("_sort", "name")], "_sort"),
    ] as [([(String, String)], String?)])
    func eachParameterIsCheckedAndABadOneIsNamed(parameters: [(String, String)], fault: String?) {
        // act
        let (search, problem) = FHIRPatientSearch.parse(parameters)
        // check
        #expect((search == nil) == (fault != nil) && problem?.parameter == fault)
    }
}
