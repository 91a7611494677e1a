import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// A token limited to reading: it reads the API and FHIR, and every change is refused and audited.
@Suite struct APITokenReachTests {
    @Test(arguments: TestDatabase.available)
    func aReadOnlyTokenReadsButEveryChangeIsRefused(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let reader = try await APIClient.make(nurse, name: "registry", readOnly: true)
            // act
            let read = try await reader.get("/api/v1/patients/\(patient.id.uuidString)")
            let fhir = try await reader.get(SitePath.fhirPatient(patient.id))
            let change = try await reader.send(.POST, "/api/v1/patients", ["familyName": "Ng", "givenName": "Lee", "birthDate": "1970-05-06"])
            let account = try await nurse.get(SitePath.account())
            // check
            #expect(read.status == .ok && fhir.status == .ok)
            #expect(change.status == .forbidden && change.json["error"] == "This API token may only read.", "\(change.json)")
            #expect(try await context.app.db.sql.raw("SELECT id FROM patients").all().count == 1)
            #expect(account.text.contains("<td>Read only</td>"))
            #expect(try await context.auditEvents(.permissionDenied).contains { $0.resourceID == "POST /api/v1/patients" })
            #expect(try await context.auditEvents(.tokenCreate).first?.detail == "registry (read only)")
        }
    }
}
