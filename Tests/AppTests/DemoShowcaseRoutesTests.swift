import Fluent
import Foundation
import ReliefCore
import Testing
@testable import App

/// The showcase patients once stored: read back from the database, each plan's procedure gets the verdict its chart
/// was written for, so a demo user sees every rule at work.
@Suite struct DemoShowcaseRoutesTests {
    @Test(arguments: TestDatabase.available)
    func storedShowcasePatientsAreDecidedByTheirRules(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let db = context.app.db
            try await DemoLoader.generate(context.app, patients: DemoShowcase.cases.count, seed: DemoLoader.defaultSeed)
            try await DemoLoader.setExampleSettings(context.app)
            var patients: [PatientRecord] = []
            for row in try await db.sql.raw("SELECT id FROM patients ORDER BY mrn").all() {
                patients.append(try #require(try await PatientQueries.find(try row.decode(column: "id", as: UUID.self), on: db)))
            }
            // act
            var outcomes: [(DemoShowcase.Case, Decision)] = []
            for (shown, patient) in zip(DemoShowcase.cases, patients) {
                let plan = try #require(try await CarePlanQueries.all(patientID: patient.id, on: db).first).decoded()
                let component = try #require(plan.sequenced.first { $0.site?.intervention.isProcedure == true })
                outcomes.append((shown, try await DecisionSupportQueries.decide(Candidate(component.site!, on: component.startOn!), for: patient, on: db)))
            }
            // check
            #expect(outcomes.count == DemoShowcase.cases.count)
            for (shown, decision) in outcomes {
                #expect(decision.rules.contains { $0.id == shown.rule && $0.outcome == shown.outcome },
                        "\(shown.shows): \(decision.rules.map { "\($0.id)=\($0.outcome.rawValue)" })")
            }
            #expect(Set(outcomes.map(\.1.verdict)) == Set(Verdict.allCases))
            // The documented table names each showcase patient as stored.
            let docs = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../docs/decision-support.md"), encoding: .utf8)
            for (shown, patient) in zip(DemoShowcase.cases, patients) {
                let row = "| \(patient.mrn) | \(patient.registration[.givenName]) \(patient.registration[.familyName]) | `\(shown.rule)` | \(shown.shows) |"
                #expect(docs.contains(row), "docs/decision-support.md lacks \(row)")
            }
        }
    }
}
