import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The chart cache: never older than what is committed, whoever wrote it.
@Suite struct ChartCacheTests {
    private static let empty = ChartData(alerts: [], encounters: [], medications: [], allergies: [], treatments: [], procedures: [], diagnoses: [], vitals: [], outsideVisits: [], labResults: [],
                                         responses: [], painMap: nil, painMapCount: 0, outstanding: [], opioidSafety: [], drugScreens: [], implants: [])

    @Test func aNewVersionIsReadAgainAndTheLeastRecentlyUsedChartsLeaveFirst() async throws {
        // setup
        let cache = ChartCache(capacity: 10)
        let patients = (0..<11).map { _ in UUID() }
        var loads = 0
        func open(_ patient: UUID, version: Int) async throws {
            _ = try await cache.data(patientID: patient, version: version) { loads += 1; return Self.empty }
        }
        // act
        for patient in patients.prefix(10) { try await open(patient, version: 1) }
        try await open(patients[0], version: 1)  // used again: stays
        try await open(patients[10], version: 1)  // over capacity: the least recently used leaves
        let beforeRevisits = loads
        try await open(patients[0], version: 1)
        try await open(patients[1], version: 1)
        try await open(patients[0], version: 2)
        // check
        #expect(beforeRevisits == 11)
        #expect(loads == 13, "patient 0 was kept, patient 1 was dropped, a new version is read again")
    }

    @Test func anOffCacheReadsEveryTime() async throws {
        // setup
        let cache = ChartCache(capacity: 0)
        var loads = 0
        // act
        for _ in 0..<3 { _ = try await cache.data(patientID: UUID(), version: 1) { loads += 1; return Self.empty } }
        // check
        #expect(loads == 3)
    }

    @Test(arguments: TestDatabase.available)
    func everyTableOnTheChartCountsUpTheVersionAndAWriteFromElsewhereShowsAtOnce(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let base = "/api/v1/patients/\(patient.id)"
            func version() async throws -> Int { try #require(try await PatientQueries.findForChart(patient.id, on: context.app.db)).chartVersion }
            var versions = [try await version()]
            // act: one write to each table the chart reads, through the API
            _ = try await api.send(.POST, base + "/medications", .object(["fields": .object(["drug": "oxycodone", "strength": 5, "unit": "mg",
                                                                                           "frequency": "q6h", "status": "active"])]))
            versions.append(try await version())
            let note = try await api.send(.POST, base + "/evaluations", .object(["fields": .object([:])]))  // encounter and evaluation
            versions.append(try await version())
            _ = try await api.send(.PUT, base + "/evaluations/\(try #require(note.json["id"].string))",
                                   .object(["version": 1, "fields": .object(["chiefComplaint": "Neck pain", "redFlag": ["weight-loss"]])]))
            versions.append(try await version())
            _ = try await api.send(.POST, base + "/questionnaire-responses", .object(["questionnaire": "pain-intensity",
                                                                                    "fields": .object(["pain-intensity-1": 7])]))
            versions.append(try await version())
            _ = try await api.send(.POST, base + "/workup-orders", .object(["fields": .object(["test": "cbc", "reason": "Before the procedure"])]))
            versions.append(try await version())
            let cached = try await physician.get(SitePath.patient(patient.id))
            // another instance resolves the alert: only the database knows
            try await context.app.db.sql.raw("UPDATE chart_alerts SET resolved_at = \(bind: context.clock.now), resolution = 'checked' WHERE patient_id = \(bind: patient.id)").run()
            versions.append(try await version())
            let after = try await physician.get(SitePath.patient(patient.id))
            // check
            #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 }, "\(versions)")
            #expect(cached.text.contains("Red flag: Unexplained weight loss"))
            #expect(!after.text.contains("Red flag: Unexplained weight loss"), "the resolution shows at once")
            #expect(after.text.contains("Oxycodone") && after.text.contains("Complete blood count"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRenderedChartIsNeverShownToAnotherRoleOrSessionOrOnAnotherDay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let therapist = try await context.signedIn(.therapist)
            let api = try await APIClient.make(physician)
            _ = try await api.send(.POST, "/api/v1/patients/\(patient.id)/workup-orders",
                                   .object(["fields": .object(["test": "inr", "reason": "On warfarin"])]))
            // act
            let mine = try await physician.get(SitePath.patient(patient.id))
            let again = try await physician.get(SitePath.patient(patient.id))
            let theirs = try await therapist.get(SitePath.patient(patient.id))
            context.clock.advance(minutes: 15 * 24 * 60)
            try await physician.login(email: "physician@test.relief", password: TestContext.password)
            let later = try await physician.get(SitePath.patient(patient.id))
            // check
            #expect(mine.text == again.text)
            #expect(mine.text.contains("Start note") && !theirs.text.contains("Start note"), "the therapist cannot start notes")
            let (myToken, theirToken) = (try #require(Browser.csrf(in: mine.text)), try #require(Browser.csrf(in: theirs.text)))
            #expect(myToken != theirToken && !theirs.text.contains(myToken), "each session's forms carry its own token")
            #expect(!mine.text.contains("overdue") && later.text.contains("overdue"), "fifteen days on, the open order is overdue")
            #expect(try await context.auditEvents(.patientView).count == 4, "every view is audited, cached or not")
        }
    }

    @Test(arguments: TestDatabase.available)
    func loadingTheDemoPracticeLeavesTheVersionTriggersInPlace(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await DemoLoader.generate(context.app, patients: 3, seed: 7)
            let patient = try #require(try await context.app.db.sql.raw("SELECT id FROM patients LIMIT 1").first()?.decode(column: "id", as: UUID.self))
            let before = try #require(try await PatientQueries.findForChart(patient, on: context.app.db)).chartVersion
            // act
            let alert = ChartAlert(patientID: patient, kind: ChartAlertKind.redFlag, code: "fever-chills", message: "Red flag: fever",
                                   sourceType: "Evaluation", sourceID: UUID(), by: nil, now: context.clock.now)
            try await alert.create(on: context.app.db)
            // check
            #expect(try await PatientQueries.findForChart(patient, on: context.app.db)?.chartVersion == before + 1)
            #expect(try await context.patientCount() == 3)
        }
    }
}
