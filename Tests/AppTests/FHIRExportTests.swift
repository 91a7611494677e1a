import Fluent
import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Bulk Data export: kick-off, status, manifest and files, by the asker alone; the round trip counts every record;
/// cancelling; refusals as OperationOutcomes.
@Suite struct FHIRExportTests {
    private struct Answer {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String
        var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))) ?? .null }
    }

    private func send(_ context: TestContext, _ method: HTTPMethod, _ path: String, token: String, async: Bool = false, body: JSONValue? = nil) async throws -> Answer {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/fhir+json"]
        if async { headers.add(name: "Prefer", value: "respond-async") }
        if body != nil { headers.add(name: .contentType, value: "application/fhir+json") }
        let response = try await context.app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(bytes: $0.jsonBytes) })
        return Answer(status: response.status, headers: response.headers, body: response.body.string)
    }

    /// The status address's path from the kick-off's absolute `Content-Location`.
    private func path(_ url: String?) throws -> String {
        let components = try #require(url.flatMap(URLComponents.init(string:)))
        return components.percentEncodedPath
    }

    /// Polls the status until it is no longer 202 (the export runs in the background).
    private func settled(_ context: TestContext, _ status: String, token: String) async throws -> Answer {
        for _ in 0..<200 {
            let answer = try await send(context, .GET, status, token: token)
            if answer.status != .accepted { return answer }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the export did not finish")
        return try await send(context, .GET, status, token: token)
    }

    private func patientWithChart(_ context: TestContext, nurse: Browser) async throws -> PatientRecord {
        let patient = try await context.makePatient()
        try await nurse.get(SitePath.newChartEntry(.medication)(patient.id))
        try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: [("drug", "oxycodone"), ("strength", "10"), ("unit", "mg"),
                                                                                     ("unitsPerDose", "1"), ("frequency", "q6h"), ("route", "oral"), ("status", "active")])
        try await nurse.get(SitePath.newChartEntry(.allergy)(patient.id))
        try await nurse.post(SitePath.chartEntries(.allergy)(patient.id), pairs: [("substance", "latex"), ("status", "active")])
        return patient
    }

    @Test(arguments: TestDatabase.available)
    func anExportHoldsEveryRecordAndOnlyTheAskerFetchesIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: two patients with charts, one without
            let nurse = try await context.signedIn(.nurse)
            let first = try await patientWithChart(context, nurse: nurse)
            _ = try await patientWithChart(context, nurse: nurse)
            try await context.makePatient([.givenName: "Bare"])
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let colleague = try await APIClient.make(try await context.signedIn(.physician, email: "colleague@test.relief"))
            // act
            let kickOff = try await send(context, .GET, SitePath.fhirExport() + "?_type=Patient,MedicationStatement,AllergyIntolerance,Observation",
                                         token: physician.token, async: true)
            let status = try path(kickOff.headers.first(name: "Content-Location"))
            let manifest = try await settled(context, status, token: physician.token)
            let byColleague = try await send(context, .GET, status, token: colleague.token)
            var lines: [String: [JSONValue]] = [:]
            for output in manifest.json["output"].items {
                let file = try await send(context, .GET, try path(output["url"].string), token: physician.token)
                #expect(file.status == .ok && file.headers.contentType?.subType == "fhir+ndjson")
                lines[output["type"].string ?? ""] = file.body.split(separator: "\n").map { try! JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            }
            let colleagueFile = try await send(context, .GET, try path(manifest.json["output"][0]["url"].string), token: colleague.token)
            // check: counts match the database, each line a resource of its file's type
            #expect(kickOff.status == .accepted && manifest.status == .ok && manifest.json["requiresAccessToken"] == true)
            #expect(manifest.json["output"].items.map { $0["type"] } == ["Patient", "AllergyIntolerance", "MedicationStatement", "Observation"])
            #expect(lines["Patient"]?.count == 3 && lines["MedicationStatement"]?.count == 2 && lines["AllergyIntolerance"]?.count == 2)
            #expect(lines["Observation"]?.count == 2, "an MME total each")
            #expect(manifest.json["output"].items.allSatisfy { lines[$0["type"].string ?? ""]?.count == $0["count"].integer })
            #expect(lines.allSatisfy { type, resources in resources.allSatisfy { $0["resourceType"] == .string(type) } })
            #expect(lines["Patient"]?.contains { $0["id"] == .string(first.id.lowercasedText) } == true)
            #expect(byColleague.status == .notFound && colleagueFile.status == .notFound)
            let audited = try await context.auditEvents(.fhirExport)
            #expect(audited.count == 5 && audited.first?.detail?.hasPrefix("asked: system") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aGroupSinceAndCancellingAreHonouredAndRefusalsExplained(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            _ = try await patientWithChart(context, nurse: try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let nurse = try await APIClient.make(try await context.signedIn(.nurse, email: "export-nurse@test.relief"))
            // act
            let future = try await send(context, .GET, SitePath.fhirPatientsExport() + "?_since=2099-01-01T00:00:00Z", token: physician.token, async: true)
            let empty = try await settled(context, try path(future.headers.first(name: "Content-Location")), token: physician.token)
            let noGroup = try await send(context, .GET, SitePath.fhirGroupExport("no-such-procedure"), token: physician.token, async: true)
            let practiceAtPatientLevel = try await send(context, .GET, SitePath.fhirPatientsExport() + "?_type=Practitioner", token: physician.token, async: true)
            let synchronous = try await send(context, .GET, SitePath.fhirExport(), token: physician.token)
            let byNurse = try await send(context, .GET, SitePath.fhirExport(), token: nurse.token, async: true)
            let unsupported = try await send(context, .GET, SitePath.fhirExport() + "?_typeFilter=Condition%3Fcode%3DM54.16", token: physician.token, async: true)
            let again = try await send(context, .GET, SitePath.fhirExport(), token: physician.token, async: true)
            let status = try path(again.headers.first(name: "Content-Location"))
            _ = try await settled(context, status, token: physician.token)
            let cancelled = try await send(context, .DELETE, status, token: physician.token)
            let afterwards = try await send(context, .GET, status, token: physician.token)
            // check
            #expect(empty.status == .ok && empty.json["output"].items.allSatisfy { $0["count"] == 0 })
            #expect(noGroup.status == .notFound && noGroup.json["resourceType"] == "OperationOutcome")
            #expect(practiceAtPatientLevel.status == .badRequest && practiceAtPatientLevel.json["issue"][0]["expression"][0] == "_type")
            #expect(synchronous.status == .badRequest && byNurse.status == .forbidden)
            #expect(unsupported.status == .badRequest && unsupported.json["issue"][0]["expression"][0] == "_typeFilter")
            #expect(cancelled.status == .accepted && afterwards.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKickOffByPostTakesItsParametersFromTheBody(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            _ = try await patientWithChart(context, nurse: try await context.signedIn(.nurse))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let parameters: JSONValue = ["resourceType": "Parameters", "parameter": [
                ["name": "_type", "valueString": "Patient"], ["name": "_type", "valueString": "MedicationStatement"],
                ["name": "_outputFormat", "valueString": "application/fhir+ndjson"],
            ]]
            // act
            let kickOff = try await send(context, .POST, SitePath.fhirPatientsExport(), token: physician.token, async: true, body: parameters)
            let manifest = try await settled(context, try path(kickOff.headers.first(name: "Content-Location")), token: physician.token)
            let notParameters = try await send(context, .POST, SitePath.fhirExport(), token: physician.token, async: true, body: ["resourceType": "Patient"])
            // check
            #expect(kickOff.status == .accepted && manifest.status == .ok)
            #expect(manifest.json["output"].items.compactMap { $0["type"].string } == ["Patient", "MedicationStatement"])
            #expect(notParameters.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anExportLeftByAnInstanceThatStoppedIsTakenOverAndFinished(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: an export claimed by an instance that died three minutes ago, and one another instance is running now
            _ = try await patientWithChart(context, nurse: try await context.signedIn(.nurse))
            let physician = try await context.makeUser(.physician, email: "exporter@test.relief")
            let request = try FHIRExportRequest.parse(.patient, []).get()
            let orphan = try await FHIRExportQueries.create(request, url: "/fhir/R4/Patient/$export", by: physician.requireID(), now: context.clock.now,
                                                            on: context.app.db)
            let live = try await FHIRExportQueries.create(request, url: "/fhir/R4/Patient/$export", by: physician.requireID(), now: context.clock.now,
                                                          on: context.app.db)
            try await context.app.db.sql.raw("""
                UPDATE fhir_exports SET status = 'running', heartbeat_at = \(bind: context.clock.now.addingTimeInterval(-180)) WHERE id = \(bind: orphan)
                """).run()
            try await context.app.db.sql.raw("""
                UPDATE fhir_exports SET status = 'running', heartbeat_at = \(bind: context.clock.now.addingTimeInterval(-10)) WHERE id = \(bind: live)
                """).run()
            // act
            await FHIRExportWorker.round(context.app)
            // check: the orphan finished with its files; the live one is left to its instance
            let finished = try #require(try await FHIRExportQueries.find(orphan, on: context.app.db))
            #expect(finished.status == "completed" && finished.files.first { $0.type == "Patient" }?.count == 1)
            #expect(try await FHIRExportQueries.find(live, on: context.app.db)?.status == "running")
            #expect(FileManager.default.fileExists(atPath: FHIRExportWorker.directory(context.app, orphan).appendingPathComponent("Patient.ndjson").path))
        }
    }
}
