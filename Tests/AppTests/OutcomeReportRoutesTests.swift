import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The practice's outcome report: signed procedures' rows kept up to date as follow-ups are answered, summed by
/// intervention with responders, relief duration and complications, filtered, and exported as CSV.
@Suite struct OutcomeReportRoutesTests {
    private static let site = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L5-S1"), ("side", "left")]

    /// A signed epidural for a new patient today (11/18/2026), pain 8 before; its procedure record's id.
    private func signed(_ context: TestContext, _ name: String, start: String, nurse: Browser, physician: Browser) async throws -> UUID {
        let patient = try await context.makePatient([.familyName: name])
        try await context.signedProcedure(patient, site: Self.site, record: [
            ("start", start), ("end", "10:50"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "30"), ("sedation", "local"),
            ("painBefore", "8"), ("painAfter", "3"), ("disposition", "home")], start: start, nurse: nurse, physician: physician)
        return try #require(try await FollowUpRecord.query(on: context.app.db).filter(\.$patientID == patient.id).first()?.procedureID)
    }

    /// Answers the procedure's follow-up due `days` after it, on that day.
    private func answer(_ context: TestContext, _ procedure: UUID, days: Int, relief: Int, pain: Int) async throws {
        let record = try #require(try await FollowUpRecord.query(on: context.app.db).filter(\.$procedureID == procedure).filter(\.$daysAfter == days).first())
        let user = try #require(try await User.query(on: context.app.db).first()?.requireID())
        let answers = FollowUpAnswers(completedOn: CalendarDate(year: 2026, month: 11, day: 18)!.adding(days: days), contact: .phone, reliefPercent: relief,
                                      painNow: pain, medicationsReviewed: true)
        #expect(try await FollowUpQueries.answer(record, answers, from: record.version, by: user, now: context.clock.now, on: context.app.db) { _, _ in } == .done)
    }

    @Test(arguments: TestDatabase.available)
    func theReportSumsSignedProceduresAndTheirFollowUpsByIntervention(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: two epidurals; one 80 % at 2 weeks and 70 % at 6 weeks, the other 20 % at 2 weeks with a headache
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let good = try await signed(context, "Good", start: "9:00", nurse: nurse, physician: physician)
            let poor = try await signed(context, "Poor", start: "10:00", nurse: nurse, physician: physician)
            try await answer(context, good, days: 14, relief: 80, pain: 2)
            try await answer(context, good, days: 42, relief: 70, pain: 3)
            try await answer(context, poor, days: 14, relief: 20, pain: 7)
            let appointment = try #require(try await context.app.db.sql.raw("SELECT appointment_id FROM procedure_records WHERE id = \(bind: poor)")
                .first()?.decode(column: "appointment_id", as: UUID.self))
            let patient = try #require(try await AppointmentRecord.find(appointment, on: context.app.db)?.patientID)
            try await physician.post(SitePath.complications(patient, appointment), pairs: [
                ("version", "0"), ("kind", "pain-flare"), ("onsetOn", "11/18/2026"), ("severity", "mild"), ("management", "Ice"), ("outcome", "ongoing")])
            let admin = try await context.signedIn(.admin)
            // act
            let page = try await physician.get(SitePath.reports())
            let cervical = try await physician.get(SitePath.reports() + "?region=cervical")
            let backwards = try await physician.get(SitePath.reports() + "?from=12/01/2026&to=11/01/2026")
            let csv = try await admin.get(SitePath.outcomesCSV() + "?region=lumbar")
            let nurseReads = try await nurse.get(SitePath.reports())
            // check
            #expect(page.status == .ok && page.text.contains("Lumbar transforaminal epidural steroid injection") && page.text.contains("<svg"))
            #expect(page.text.contains("100 % (1/1)") && page.text.contains("1 (50.0 %): temporary pain flare 1"))
            #expect(cervical.text.contains("No signed procedures match.") && backwards.status == .unprocessableEntity && nurseReads.status == .forbidden)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(csv.headers.contentType?.subType == "csv" && lines.count == 2)
            // 2 procedures, 2 patients, both followed up, none lost; 1/1 responder at 6 weeks; relief: 0 days (ended) and 42 (censored).
            #expect(lines.last?.hasPrefix("esi-transforaminal-lumbar,Lumbar transforaminal epidural steroid injection,2,2,2,0,1,2,1,1,0,0,1,1,0,0,") == true)
            // The tallies kept row by row equal a fresh sum, and the unfiltered report (tallies) equals a filtered one (rows).
            func tallies() async throws -> [String] {
                try await context.app.db.sql.raw("SELECT * FROM outcome_tallies WHERE n <> 0 ORDER BY intervention, relief_days, relief_ended").all().map { row in
                    try (["intervention"] + OutcomeTally.integerColumns).map { column in
                        column == "intervention" ? try row.decode(column: column, as: String.self) : String(try row.decode(column: column, as: Int.self))
                    }.joined(separator: ",")
                }
            }
            let kept = try await tallies()
            try await OutcomeTally.rebuild(on: context.app.db)
            #expect(try await tallies() == kept && kept.count == 2)
            let wide = try await physician.get(SitePath.reports() + "?from=01/01/2000")
            let cells = { (text: String) in text.components(separatedBy: "<tbody>").last ?? "" }
            #expect(cells(wide.text) == cells(page.text))
            let rows = try await context.app.db.sql.raw("SELECT relief_days, relief_ended, peak_relief FROM procedure_outcomes ORDER BY peak_relief").all()
            #expect(try rows.map { try $0.decode(column: "relief_days", as: Int.self) } == [0, 42])
            #expect(try rows.map { try $0.decode(column: "relief_ended", as: Int.self) } == [1, 0])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDatabasesSumsEqualTheReportSummedInSwiftFromTheSameOutcomes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: 40 demo patients (some with their own procedures), then 400 synthetic procedures numbered on from those;
            // and the same procedures' outcomes computed in ReliefCore
            try await DemoLoader.generate(context.app, patients: 40, seed: 7)
            let first = try await context.app.db.sql.raw("SELECT COUNT(*) AS n FROM procedure_records").first()?.decode(column: "n", as: Int.self) ?? 0
            try await DemoLoader.generate(context.app, patients: 0, procedures: 400, seed: 7)
            let today = CalendarDate(context.clock.now)
            let outcomes = (0..<40).flatMap { DemoChart.make(index: $0, seed: 7, today: today).done }
                + (first..<(first + 400)).map { DemoProcedures.synthetic(index: $0, seed: 7, today: today) }
            #expect(outcomes.count == first + 400)
            let patients = try await context.app.db.sql.raw("SELECT intervention, COUNT(DISTINCT patient_id) AS n FROM procedure_outcomes GROUP BY intervention")
                .all().reduce(into: [String: Int]()) { $0[try $1.decode(column: "intervention", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
            // act
            let kept = try await OutcomeReportQueries.report(OutcomeFilter(), on: context.app.db)
            let summed = try await OutcomeReportQueries.report(OutcomeFilter(from: CalendarDate(year: 1900, month: 1, day: 1)), on: context.app.db)
            let swift = OutcomeReport(rows: outcomes.map { OutcomeReport.Row(intervention: $0.note.intervention, $0.outcome) }, patients: patients,
                                      complications: [:])
            // check: the same figures, intervention by intervention, from the tallies, from the rows and from Swift
            func figures(_ report: OutcomeReport) -> [String] {
                report.lines.sorted { $0.intervention < $1.intervention }.map { line in
                    let t = line.totals
                    return [line.intervention, "\(t.procedures)", "\(line.patients)", "\(line.followedUp)", "\(t.lost)", "\(t.peakResponders)",
                            "\(t.responders6w)", "\(t.responders3m)", "\(t.painReduced6w)", "\(t.painReduced3m)", "\(t.returnedToWork)",
                            "\(t.mmeChange.count)", String(format: "%.3f", t.mmeChange.sum), "\(t.functionChange.count)", String(format: "%.3f", t.functionChange.sum),
                            "\(t.pegChange.count)", String(format: "%.3f", t.pegChange.sum),
                            "\(line.duration.steps.map { "\($0.time):\($0.atRisk):\($0.events)" })"].joined(separator: " ")
                }
            }
            #expect(figures(kept).count >= 8)
            #expect(figures(kept) == figures(swift))
            #expect(figures(summed) == figures(swift))
        }
    }
}
