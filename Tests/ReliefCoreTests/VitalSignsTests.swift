import Foundation
import Testing
@testable import ReliefCore

/// Vital signs: the form's checks, the body mass index, and the trip to US Core vital-sign Observations and back.
@Suite struct VitalSignsTests {
    private let today = CalendarDate("2026-12-07")!

    private func parse(_ pairs: [(String, String)]) -> (VitalSignsEntry?, [String: String]) {
        VitalSignsEntry.parse(FormFields([("takenOn", "12/07/2026")] + pairs), today: today)
    }

    private var fullSet: VitalSignsEntry {
        parse([("takenAt", "9:30 AM"), ("systolic", "128"), ("diastolic", "82"), ("heartRate", "72"), ("respiratoryRate", "16"),
               ("temperature", "98.6"), ("temperatureUnit", "F"), ("oxygenSaturation", "97"), ("height", "70"), ("heightUnit", "in"),
               ("weight", "180"), ("weightUnit", "lb"), ("note", "Seated, after five minutes' rest.")]).0!
    }

    @Test func aSetNeedsOneMeasurementAndBothPressuresInOrder() {
        // act
        let (_, empty) = parse([])
        let (_, half) = parse([("systolic", "120")])
        let (_, swapped) = parse([("systolic", "80"), ("diastolic", "120")])
        let (_, noon) = parse([("takenAt", "25:00"), ("heartRate", "70")])
        let (pulse, none) = parse([("heartRate", "70")])
        // check
        #expect(empty == ["systolic": "Enter at least one measurement."])
        #expect(half["diastolic"] != nil && swapped["diastolic"] != nil && noon["takenAt"] != nil)
        #expect(pulse?.signs == [.heartRate] && none.isEmpty)
    }

    @Test func eachValueIsCheckedInTheUnitItWasTypedIn() {
        // act
        let celsius = parse([("temperature", "37.2"), ("temperatureUnit", "C")])
        let fahrenheitTooLow = parse([("temperature", "37.2"), ("temperatureUnit", "F")])
        let kilograms = parse([("weight", "300"), ("weightUnit", "kg")])
        let hex = parse([("weight", "0x50")])
        // check
        #expect(celsius.0?.temperature == 37.2 && celsius.0?.temperatureUnit == .celsius)
        #expect(fahrenheitTooLow.1["temperature"] == "Enter a number from 86 to 113.")
        #expect(kilograms.0?.weight == 300)
        #expect(hex.1["weight"] != nil)
    }

    @Test func theBodyMassIndexIsWorkedOutUnlessGiven() {
        // setup: 70 in and 180 lb is 1.778 m and 81.65 kg
        let given = parse([("height", "178"), ("heightUnit", "cm"), ("weight", "80"), ("weightUnit", "kg"), ("bmi", "25.1")]).0!
        // act / check
        #expect(fullSet.bodyMassIndex == 25.8)
        #expect(given.bodyMassIndex == 25.1)
        #expect(fullSet.fields["bmi"].isEmpty, "a worked-out index is not stored as typed")
    }

    @Test func everySignBecomesAUSCoreObservationAndReadsBackIntoTheSameSet() throws {
        // setup
        let setID = UUID()
        let header = FHIRRecordHeader(id: setID, patientID: UUID(), version: 2, recorded: Date(timeIntervalSince1970: 1_790_000_000),
                                      updated: Date(timeIntervalSince1970: 1_790_000_000))
        let newYork = TimeZone(identifier: "America/New_York")!
        // act
        let records = FHIRVitalSigns.records(fullSet, header, timeZone: newYork)
        var rebuilt: VitalSignsEntry?
        for record in records {
            var reader = FHIRResourceReader(record.resource, as: .observation, id: nil)
            _ = reader.patientReference()
            guard case .vitalSigns(_, let one) = FHIRObservation.importing(&reader, today: today) else { Issue.record("\(record.id) not read"); continue }
            #expect(reader.issues.isEmpty, "\(reader.issues)")
            rebuilt = rebuilt.map { $0.adding(one) ?? $0 } ?? one
        }
        // check
        #expect(records.map(\.id) == VitalSign.allCases.map { "\(setID.lowercasedText)-\($0.rawValue)" })
        #expect(records.allSatisfy { $0.resource.object?["meta"]?.object?["profile"]?.array?.first?.string?.hasPrefix("http://hl7.org/fhir/us/core/") == true })
        let pressure = records[0].resource.object!
        #expect(pressure["valueQuantity"] == nil && pressure["component"]?.array?.count == 2)
        #expect(pressure["effectiveDateTime"] == "2026-12-07T09:30:00-05:00")
        var expected = fullSet
        expected.bmi = 25.8
        #expect(rebuilt == expected)
    }

    @Test func anotherSystemsCodesAndFractionsAreReadAndWrongUnitsRefused() {
        // setup: Synthea's blood pressure code and an oral temperature in Celsius
        func read(_ code: String, _ members: [String: JSONValue]) -> (FHIRObservation.Imported, [FHIRIssue]) {
            var resource: [String: JSONValue] = ["resourceType": "Observation", "status": "final", "effectiveDateTime": "2019-05-02T14:07:11-04:00",
                                                 "code": ["coding": [["system": "http://loinc.org", "code": .string(code)]]]]
            resource.merge(members) { $1 }
            var reader = FHIRResourceReader(.object(resource), as: .observation, id: nil)
            return (FHIRObservation.importing(&reader, today: today), reader.issues)
        }
        func quantity(_ value: Double, _ code: String) -> JSONValue { ["value": .number(value), "system": "http://unitsofmeasure.org", "code": .string(code)] }
        // act
        let (pressure, pressureIssues) = read("55284-4", ["component": [
            ["code": ["coding": [["system": "http://loinc.org", "code": "8480-6"]]], "valueQuantity": quantity(121.6, "mm[Hg]")],
            ["code": ["coding": [["system": "http://loinc.org", "code": "8462-4"]]], "valueQuantity": quantity(79, "mm[Hg]")],
        ]])
        let (temperature, _) = read("8331-1", ["valueQuantity": quantity(37.1, "Cel")])
        let (grams, gramIssues) = read("29463-7", ["valueQuantity": quantity(80_000, "g")])
        // check
        guard case .vitalSigns(.bloodPressure, let set) = pressure, case .vitalSigns(.temperature, let warm) = temperature else {
            Issue.record("\(pressure) \(temperature)"); return
        }
        #expect(set.systolic == 122 && set.diastolic == 79 && set.takenAt == ClockTime("14:07") && set.takenOn == CalendarDate("2019-05-02"))
        #expect(pressureIssues.map(\.severity) == [.warning], "the rounding is said")
        #expect(warm.temperature == 37.1 && warm.temperatureUnit == .celsius)
        guard case .notKept = grams else { Issue.record("kept grams"); return }
        #expect(gramIssues.first?.expression == "Observation.valueQuantity")
    }

    @Test func setsJoinOnlyWhenTakenTogetherWithoutOverlap() {
        // setup
        let pulse = parse([("takenAt", "9:30"), ("heartRate", "70")]).0!
        let weight = parse([("takenAt", "9:30"), ("weight", "150")]).0!
        let later = parse([("takenAt", "9:45"), ("weight", "150")]).0!
        // act / check
        #expect(pulse.adding(weight)?.signs == [.heartRate, .weight])
        #expect(pulse.adding(later) == nil)
        #expect(pulse.adding(pulse) == nil)
    }

    @Test func aHistoryReadsNewestFirstWhateverOrderItCameIn() {
        // setup: typed out of order, one without a time
        let morning = parse([("takenAt", "8:00"), ("heartRate", "70")]).0!
        let noon = parse([("takenAt", "12:00"), ("heartRate", "72")]).0!
        let undated = parse([("heartRate", "74")]).0!
        var lastWeek = noon
        lastWeek.takenOn = today.adding(days: -7)
        // act
        let ordered = VitalSignsEntry.newestFirst([(1, morning), (2, lastWeek), (3, noon), (4, undated)]).map(\.0)
        // check
        #expect(ordered == [3, 1, 4, 2])
    }
}
