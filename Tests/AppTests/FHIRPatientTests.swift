import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// The FHIR endpoint's first resource: the CapabilityStatement, Patient read and search with paging, JSON only,
/// OperationOutcomes for every refusal, behind API tokens and the one permission check.
@Suite struct FHIRPatientTests {
    private func raw(_ context: TestContext, _ path: String, token: String? = nil, accept: String? = nil) async throws -> (HTTPStatus, JSONValue, String) {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if let accept { headers.add(name: .accept, value: accept) }
        let response = try await context.app.testing().sendRequest(.GET, path, headers: headers)
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))) ?? .null
        return (response.status, json, response.headers.first(name: .contentType) ?? "")
    }

    @Test(arguments: TestDatabase.available)
    func aPatientIsReadAsUSCoreAndEveryRefusalIsAnOperationOutcome(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient([.email: "zoe@example.com", .preferredName: "Zo"])
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let admin = try await APIClient.make(try await context.signedIn(.admin))
            let path = SitePath.fhirPatient(patient.id)
            // act
            let metadata = try await raw(context, SitePath.fhirMetadata())
            let read = try await raw(context, path, token: nurse.token, accept: "application/fhir+json")
            let anonymous = try await raw(context, path)
            let forbidden = try await raw(context, path, token: admin.token)
            let xml = try await raw(context, path, token: nurse.token, accept: "application/fhir+xml")
            let format = try await raw(context, path + "?_format=xml", token: nurse.token)
            let missing = try await raw(context, SitePath.fhirPatient(UUID()), token: nurse.token)
            let unknownType = try await raw(context, "/fhir/R4/Basic", token: nurse.token)
            // check
            #expect(metadata.0 == .ok && metadata.2.hasPrefix("application/fhir+json") && metadata.1["resourceType"] == "CapabilityStatement")
            #expect(metadata.1["rest"][0]["resource"][0]["searchParam"].items.map { $0["name"] }.contains("birthdate"))
            let resource = read.1
            #expect(read.0 == .ok && resource["resourceType"] == "Patient" && resource["id"] == .string(patient.id.lowercasedText))
            #expect(resource["meta"]["profile"][0] == .string(FHIR.usCorePatient) && resource["meta"]["versionId"] == "1")
            #expect(resource["identifier"][0]["value"] == .string(patient.mrn) && resource["identifier"][0]["type"]["coding"][0]["code"] == "MR")
            #expect(resource["name"][0]["family"] == "Müller" && resource["name"][1]["use"] == "usual" && resource["gender"] == "female")
            #expect(resource["birthDate"] == "1961-03-04" && resource["extension"][0]["valueCode"] == "F")
            #expect(resource["telecom"].items.map { $0["system"] } == ["phone", "email"])
            for (refusal, status, code) in [(anonymous, HTTPStatus.unauthorized, "login"), (forbidden, .forbidden, "forbidden"), (xml, .notAcceptable, "not-supported"),
                                            (format, .notAcceptable, "not-supported"), (missing, .notFound, "not-found"), (unknownType, .notFound, "not-found")] {
                #expect(refusal.0 == status && refusal.1["resourceType"] == "OperationOutcome" && refusal.1["issue"][0]["code"] == .string(code),
                        "\(status): \(refusal.1)")
            }
            #expect(try await context.auditEvents(.patientView).contains { $0.detail == "FHIR read" && $0.patientID == patient.id })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSearchMatchesLikeFHIRAndItsNextLinksStayRightWhilePatientsAreAdded(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: five Müllers and one Smith
            for given in ["Anna", "Ben", "Cara", "Dan", "Eve"] { try await context.makePatient([.givenName: given]) }
            let smith = try await context.makePatient([.familyName: "Smith", .givenName: "Sam", .sexAtBirth: "M", .birthDate: "1980-01-02"])
            let api = try await APIClient.make(try await context.signedIn(.nurse))
            let search = SitePath.fhirPatients()
            // act: pages of two, a patient added between the pages
            var seen: [String] = [], next: String? = search + "?family=mul&_count=2", pages = 0
            while let page = next, pages < 10 {
                // The next link is absolute; the in-process client takes its path and query.
                let address = try #require(URLComponents(string: page))
                let bundle = try await api.get(address.path + "?" + (address.percentEncodedQuery ?? ""))
                seen += bundle.json["entry"].items.map { $0["resource"]["name"][0]["given"][0].string ?? "" }
                next = bundle.json["link"].items.first { $0["relation"] == "next" }?["url"].string
                if pages == 0 { try await context.makePatient([.givenName: "Zed"]) }
                pages += 1
            }
            let male = try await api.get(search + "?gender=male&birthdate=ge1980-01-01")
            let byIdentifier = try await api.get(search + "?identifier=\(FHIR.mrnSystem)%7C\(smith.mrn)")
            let unknown = try await api.get(search + "?shoe-size=9")
            let badDate = try await api.get(search + "?birthdate=ge1980")
            // check: every Müller there from the start exactly once; the one added meanwhile at most once (it comes when
            // its random id sorts after the page already read)
            #expect(seen.filter { $0 != "Zed" }.sorted() == ["Anna", "Ben", "Cara", "Dan", "Eve"] && seen.filter { $0 == "Zed" }.count <= 1, "\(seen)")
            #expect(male.json["entry"].items.map { $0["resource"]["id"] } == [.string(smith.id.lowercasedText)])
            #expect(byIdentifier.json["entry"].count == 1)
            #expect(unknown.status == .badRequest && unknown.json["issue"][0]["expression"][0] == "shoe-size")
            #expect(badDate.status == .badRequest && badDate.json["issue"][0]["code"] == "invalid")
        }
    }
}
