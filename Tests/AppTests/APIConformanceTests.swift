import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// The server takes exactly what the OpenAPI document says, and answers only with what it documents.
@Suite struct APIConformanceTests {
    @Test(arguments: TestDatabase.available)
    func bodiesAreHeldToTheirDocumentedShape(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let notes = "/api/v1/patients/\(patient.id)/evaluations"
            let note = "\(notes)/\(try #require(try await api.send(.POST, notes, .object(["fields": .object([:])])).json["id"].string))"
            try await api.send(.POST, note + "/sign", .object(["version": 1, "fields": .object(["chiefComplaint": "Back pain"])]))
            // act
            let nullDate = try await api.send(.POST, notes, .object(["fields": .object(["occurredOn": .null])]))
            let usDate = try await api.send(.POST, notes, .object(["fields": .object(["occurredOn": "01/02/2026"])]))
            let shortDate = try await api.send(.POST, notes, .object(["fields": .object(["occurredOn": "2026-1-2"])]))
            let unknownKey = try await api.send(.POST, note + "/addenda", .object(["text": "Sleeps badly.", "signedBy": "someone"]))
            let nullVersion = try await api.send(.PUT, "/api/v1/patients/\(patient.id)", .object(["version": .null, "fields": .object([:])]))
            let wrongCode = try await api.send(.POST, "/api/v1/patients/\(patient.id)/medications",
                                               .object(["fields": .object(["drug": "oxycodone", "status": "maybe"])]))
            let fine = try await api.send(.POST, note + "/addenda", .object(["text": "Sleeps badly."]))
            // check
            #expect(nullDate.status == .unprocessableEntity && nullDate.json["fields"]["occurredOn"] == "Send a value, or leave this out.")
            #expect(usDate.status == .unprocessableEntity && usDate.json["fields"]["occurredOn"] == "Send a date as YYYY-MM-DD.")
            #expect(shortDate.status == .unprocessableEntity && shortDate.json["fields"]["occurredOn"] == "Send a date as YYYY-MM-DD.")
            #expect(unknownKey.status == .unprocessableEntity && unknownKey.json["fields"]["signedBy"] == "Not a field of this record.")
            #expect(nullVersion.status == .unprocessableEntity && nullVersion.json["fields"]["version"] != .null)
            #expect(wrongCode.status == .unprocessableEntity && wrongCode.json["fields"]["status"] == "Send one of the listed codes.")
            #expect(fine.status == .created)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUndeclaredMethodIs405WithTheMethodsTheAddressTakes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.physician))
            // act
            let trace = try await context.app.testing().sendRequest(.TRACE, "/api/v1/me", headers: ["Authorization": "Bearer \(api.token)"])
            let delete = try await context.app.testing().sendRequest(.DELETE, "/api/v1/patients/\(patient.id)",
                                                                     headers: ["Authorization": "Bearer \(api.token)"])
            let unknown = try await context.app.testing().sendRequest(.TRACE, "/api/v1/nothing-here", headers: ["Authorization": "Bearer \(api.token)"])
            // check
            #expect(trace.status == .methodNotAllowed && trace.headers.first(name: "Allow") == "GET, HEAD")
            #expect(delete.status == .methodNotAllowed && delete.headers.first(name: "Allow") == "GET, HEAD, PUT")
            #expect(unknown.status == .notFound)
        }
    }

    @Test func aStoredMultiLineFieldIsDocumentedAsTakingLineBreaks() throws {
        // act
        let stored = APISchema.storedFields(AllergyEntry.schema).json["properties"]
        // check: a note sent with a carriage return and a line feed reads back as sent, and its schema says so
        let note = try #require(stored["note"]["pattern"].string), name = try #require(stored["otherName"]["pattern"].string)
        #expect("a\r\nb".wholeMatch(of: try Regex(note)) != nil)
        #expect("a\nb".wholeMatch(of: try Regex(name)) == nil)
    }

    @Test func everyBodyTakingOperationDocumentsItsUnsupportedMediaTypeAnswer() throws {
        // act
        let withBodies = APIRoutes.endpoints.filter { $0.request != nil }
        // check
        #expect(!withBodies.isEmpty && withBodies.allSatisfy { $0.failureStatuses.contains(.unsupportedMediaType) })
    }

    @Test(arguments: TestDatabase.available)
    func eachFieldsLimitsAreDocumentedAndHeldToByTheAPIItself(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let person: [String: JSONValue] = ["familyName": "Okafor", "givenName": "Ada", "birthDate": "1970-01-02", "sexAtBirth": "F"]
            func register(_ changes: [String: JSONValue]) async throws -> (status: HTTPStatus, json: JSONValue) {
                try await api.send(.POST, "/api/v1/patients", .object(["fields": .object(person.merging(changes) { $1 }), "confirmDuplicate": true]))
            }
            let treatments = "/api/v1/patients/\(patient.id)/prior-treatments"
            // act
            let document = try await api.get("/api/v1/openapi.json").json["components"]["schemas"]
            let state = try await register(["state": "ZZZZ"])
            let lineBreak = try await register(["familyName": "Okafor\nSmith"])
            let tooLong = try await register(["city": .string(String(repeating: "é", count: 201))])
            let missing = try await api.send(.POST, "/api/v1/patients", .object(["fields": .object(["familyName": "Okafor"])]))
            let outOfRange = try await api.send(.POST, treatments, .object(["fields": .object(["kind": "physical-therapy", "reliefPercent": 101])]))
            let versionZero = try await api.send(.PUT, "/api/v1/patients/\(patient.id)", .object(["version": 0, "fields": .object(person)]))
            let fine = try await register(["state": "NY", "city": .string(String(repeating: "é", count: 200))])
            // check
            let fields = document["PatientWrite"]["properties"]["fields"]
            #expect(fields["required"] == ["familyName", "givenName", "birthDate", "sexAtBirth"])
            #expect(fields["properties"]["city"]["maxLength"] == 200 && fields["properties"]["city"]["pattern"].string?.hasPrefix("^[^") == true)
            if case .array(let codes) = fields["properties"]["state"]["enum"] { #expect(codes.contains("NY")) } else { Issue.record("no state codes") }
            #expect(document["PriorTreatmentWrite"]["properties"]["fields"]["properties"]["reliefPercent"]["maximum"] == 100)
            #expect(document["PatientUpdate"]["properties"]["version"]["minimum"] == 1)
            #expect(state.status == .unprocessableEntity && state.json["fields"]["state"] == "Send one of the listed codes.")
            #expect(lineBreak.status == .unprocessableEntity && lineBreak.json["fields"]["familyName"] == .string(TextRules.lineBreakMessage))
            #expect(tooLong.status == .unprocessableEntity && tooLong.json["fields"]["city"] == "Keep this under 200 characters.")
            #expect(missing.status == .unprocessableEntity && missing.json["fields"]["birthDate"] == "This is required.")
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.json["fields"]["reliefPercent"] == "Send a whole number from 0 to 100.")
            #expect(versionZero.status == .unprocessableEntity && versionZero.json["fields"]["version"] != .null)
            #expect(fine.status == .created)
        }
    }
}
