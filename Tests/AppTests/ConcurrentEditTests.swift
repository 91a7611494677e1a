import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Two users saving the same version of a record at the same moment: one wins, the other gets the conflict answer
/// with their entries kept, never a server error. SQLite runs on disk, with the file locks and WAL of a clinic.
@Suite struct ConcurrentEditTests {
    static let pairs = 20

    private static let medication: JSONValue = .object([
        "drug": "oxycodone", "strength": 5, "unit": "mg", "unitsPerDose": 1, "frequency": "q6h", "status": "active",
    ])

    /// Sends both requests at once and returns their statuses, winner first.
    private func race(_ first: @escaping @Sendable () async throws -> HTTPStatus,
                      _ second: @escaping @Sendable () async throws -> HTTPStatus) async throws -> [UInt] {
        async let one = first()
        async let two = second()
        return try await [one, two].map(\.code).sorted()
    }

    @Test(arguments: TestDatabase.available)
    func sameVersionChartListWritesEndInOneSaveAndOneConflict(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let medications = "/api/v1/patients/\(patient.id)/medications"
            let allergies = "/api/v1/patients/\(patient.id)/allergies"
            let medication = try #require(try await nurse.send(.POST, medications, .object(["fields": Self.medication])).json["id"].string)
            var outcomes: [[UInt]] = []
            // act
            for version in 1...Self.pairs {
                let body: JSONValue = .object(["version": .number(Double(version)), "fields": Self.medication])
                outcomes.append(try await race({ try await nurse.send(.PUT, "\(medications)/\(medication)", body).status },
                                               { try await physician.send(.PUT, "\(medications)/\(medication)", body).status }))
            }
            for _ in 1...Self.pairs {
                let added = try await nurse.send(.POST, allergies, .object(["fields": .object(["substance": "latex", "status": "active"])]))
                let entry = "\(allergies)/\(try #require(added.json["id"].string))"
                outcomes.append(try await race(
                    { try await nurse.send(.PUT, entry, .object(["version": 1, "fields": .object(["substance": "latex", "status": "resolved"])])).status },
                    { try await physician.send(.POST, entry + "/entered-in-error", .object(["version": 1, "reason": "wrong patient"])).status }))
            }
            // check
            #expect(outcomes.allSatisfy { $0 == [200, 409] }, "\(outcomes)")
            #expect(try await AuditChain.verify(on: context.app.db).broken == nil, "appends racing each other keep one chain")
        }
    }

    @Test(arguments: TestDatabase.available)
    func sameVersionNoteEditsAndSignaturesEndInOneSaveAndOneConflict(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await APIClient.make(try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let other = try await APIClient.make(try await context.signedIn(.physician, email: "second@test.relief"))
            let notes = "/api/v1/patients/\(patient.id)/evaluations"
            let body: JSONValue = .object(["version": 1, "fields": APINotesAndWorkupTests.draft])
            var outcomes: [[UInt]] = []
            // act
            for index in 0..<(2 * Self.pairs) {
                let note = "\(notes)/\(try #require(try await nurse.send(.POST, notes, .object(["fields": .object([:])])).json["id"].string))"
                let editor = index.isMultiple(of: 2) ? nurse : other
                outcomes.append(try await race(
                    { try await (index.isMultiple(of: 2) ? editor.send(.PUT, note, body) : editor.send(.POST, note + "/sign", body)).status },
                    { try await physician.send(.POST, note + "/sign", body).status }))
            }
            // check
            #expect(outcomes.allSatisfy { $0 == [200, 409] }, "\(outcomes)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theLoserOfARaceOnAFormGetsTheConflictPageWithTheirEntries(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await nurse.get(SitePath.patient(patient.id))
            let created = try await nurse.post(SitePath.evaluations(patient.id))
            let note = String(try #require(created.location).dropLast("/edit".count))
            try await nurse.get(note + "/edit")
            try await physician.get(note + "/edit")
            var losers: [TestingHTTPResponse] = []
            // act
            for version in 1...Self.pairs {
                async let first = nurse.post(note, pairs: [("version", "\(version)"), ("chiefComplaint", "Nurse's words \(version)")])
                async let second = physician.post(note, pairs: [("version", "\(version)"), ("chiefComplaint", "Physician's words \(version)")])
                let both = try await [first, second]
                #expect(both.map(\.status.code).sorted() == [303, 409], "\(both.map(\.status))")
                losers += both.filter { $0.status == .conflict }
            }
            // check
            #expect(losers.count == Self.pairs)
            #expect(losers.allSatisfy { $0.text.contains("words") })
        }
    }
}
