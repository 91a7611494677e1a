import Foundation
import Testing
@testable import ReliefCore

/// The clinical search parameters: reading them, and FHIR's token and date comparisons.
@Suite struct FHIRSearchTests {
    private let patient = UUID()
    private let utc = TimeZone(identifier: "UTC")!

    private func parse(_ pairs: [(String, String)], _ type: FHIRResourceType = .observation) -> Result<FHIRSearch, FHIRSearch.Problem> {
        FHIRSearch.parse(type, [("patient", patient.lowercasedText)] + pairs, timeZone: utc)
    }

    private func record(day: String, code: FHIRToken = FHIRToken(FHIR.System.loinc, "72514-3")) -> FHIRRecord {
        let header = FHIRRecordHeader(id: UUID(), patientID: patient, version: 1, recorded: .now, updated: .now)
        return FHIRRecord(.observation, header, members: [], tokens: ["code": [code]], periods: ["date": .day(CalendarDate(day)!, in: utc)])
    }

    @Test(arguments: [
        ([], nil), ([("code", "http://loinc.org|72514-3,44261-6")], nil), ([("code", "|x")], nil), ([("code", "http://loinc.org|")], nil),
        ([("date", "ge2026-01"), ("date", "lt2027")], nil), ([("date", "2026-11-18T10:00:00Z")], nil), ([("_summary", "count")], nil),
        ([("_include", "Observation:patient")], nil), ([("code", "|")], "code"), ([("code", "a,,b")], "code"), ([("date", "2026-13")], "date"),
        ([("date", "xx2026")], "date"), ([("date", "2026-11-18T10:00")], "date"), ([("_count", "0x10")], "_count"), ([("onset-date", "2026")], "onset-date"),
        ([("code", "a\u{0}b")], "code"), ([("_summary", "true")], "_summary"), ([("_include", "Condition:patient")], "_include"),
        ([("patient", "Patient/1")], "patient"), ([("_id", "a_b")], "_id"), ([("_id", "room-1,a.b")], nil),
    ] as [([(String, String)], String?)])
    func eachParameterIsCheckedAndABadOneIsNamed(pairs: [(String, String)], fault: String?) {
        // act
        let result = parse(pairs)
        // check
        switch result {
        case .success: #expect(fault == nil)
        case .failure(let problem): #expect(problem.parameter == fault, "\(problem.message)")
        }
    }

    @Test func aClinicalSearchNamesItsPatientOrIds() throws {
        // act
        let neither = FHIRSearch.parse(.condition, [("code", "M54.16")], timeZone: utc)
        let byID = FHIRSearch.parse(.condition, [("_id", UUID().lowercasedText)], timeZone: utc)
        // check
        guard case .failure(let problem) = neither else { Issue.record("searched the whole practice"); return }
        #expect(problem.parameter == "patient")
        #expect((try? byID.get()) != nil)
    }

    @Test(arguments: [
        ("2026-11-18", true), ("eq2026-11", true), ("2026", true), ("ne2026-11-18", false), ("gt2026-11-17", true), ("gt2026-11-18", false),
        ("ge2026-11-18", true), ("lt2026-11-19", true), ("lt2026-11-18", false), ("le2026-11-18", true), ("sa2026-11-17", true), ("sa2026-11-18", false),
        ("eb2026-11-19", true), ("2026-11-18T12:00:00Z", false), ("gt2026-11-18T12:00:00Z", true),
    ])
    func datesCompareAsFHIRSays(value: String, matches: Bool) throws {
        // setup: an observation made on 18 November
        let search = try parse([("date", value)]).get()
        // act / check
        #expect(search.matches(record(day: "2026-11-18")) == matches)
    }

    @Test func tokensMatchByCodeSystemOrBoth() throws {
        // setup
        let observation = record(day: "2026-11-18")
        // act / check
        #expect(try parse([("code", "72514-3")]).get().matches(observation))
        #expect(try parse([("code", "http://loinc.org|72514-3")]).get().matches(observation))
        #expect(try parse([("code", "http://loinc.org|")]).get().matches(observation))
        #expect(try !parse([("code", "|72514-3")]).get().matches(observation), "|code is a code without a system")
        #expect(try !parse([("code", "urn:other|72514-3")]).get().matches(observation))
        #expect(try parse([("code", "44261-6,72514-3")]).get().matches(observation))
        #expect(try !parse([("code", "72514-3"), ("code", "44261-6")]).get().matches(observation), "repeated parameters must all match")
    }

    @Test func anotherPatientsRecordNeverMatches() throws {
        // setup
        let search = try FHIRSearch.parse(.observation, [("patient", "Patient/" + UUID().lowercasedText)], timeZone: utc).get()
        // act / check
        #expect(!search.matches(record(day: "2026-11-18")))
    }

    @Test func pagesFollowTheLastIdAndTheLastPageHasNoNext() throws {
        // setup: five observations in id order, pages of two
        let records = (0..<5).map { _ in record(day: "2026-11-18") }.sorted { $0.id < $1.id }
        var search = try parse([("_count", "2")]).get()
        // act
        let first = search.page(of: records)
        search.after = first.next
        let second = search.page(of: records)
        search.after = second.next
        let third = search.page(of: records)
        search.after = records[3].id
        let exact = search.page(of: records)
        // check
        #expect(first.page.map(\.id) == records[0..<2].map(\.id) && first.next == records[1].id)
        #expect(second.page.map(\.id) == records[2..<4].map(\.id) && third.page.map(\.id) == [records[4].id] && third.next == nil)
        #expect(exact.page.count == 1 && exact.next == nil, "a page ending on the last match has no next")
    }
}
