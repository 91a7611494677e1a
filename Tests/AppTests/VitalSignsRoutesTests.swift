import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Vital signs on the chart: a nurse records a set (the day filled in, a mistake sent back with the typing kept), the
/// chart shows the latest, and FHIR serves each sign as a US Core Observation; another system's signs, sent one
/// Observation each, join the set taken at the same time.
@Suite struct VitalSignsRoutesTests {
    @Test(arguments: TestDatabase.available)
    func aNurseRecordsASetAndFHIRServesEachSign(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let today = CalendarDate(context.app.config.now())
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let form = try await nurse.get(SitePath.newChartEntry(.vitalSigns)(patient.id))
            // act
            let wrong = try await nurse.post(SitePath.chartEntries(.vitalSigns)(patient.id), pairs: [
                ("takenOn", today.display), ("systolic", "80"), ("diastolic", "132"), ("weight", "40"), ("weightUnit", "kg"),
            ])
            let saved = try await nurse.post(SitePath.chartEntries(.vitalSigns)(patient.id), pairs: [
                ("takenOn", today.display), ("takenAt", "9:05 AM"), ("systolic", "132"), ("diastolic", "80"), ("heartRate", "68"),
                ("height", "165"), ("heightUnit", "cm"), ("weight", "72.5"), ("weightUnit", "kg"),
            ])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            let search = try await api.get("\(SitePath.fhirBase())/Observation?patient=\(patient.id.lowercasedText)&category=vital-signs")
            let set = try #require(try await ChartEntry.query(on: context.app.db).filter(\.$kind == "vital-signs").first())
            let pressure = try await api.get("\(SitePath.fhirBase())/Observation/\(set.id!.lowercasedText)-bp")
            // check
            #expect(form.text.contains("value=\"\(today.display)\""), "today's date filled in")
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("The diastolic pressure is the lower number") && wrong.text.contains("value=\"132\""))
            #expect(saved.status == .seeOther)
            #expect(chart.text.contains("132/80 mmHg") && chart.text.contains("26.6 kg/m²"), "72.5 kg at 1.65 m")
            let codes = search.json["entry"].items.compactMap { $0["resource"]["code"]["coding"][0]["code"].string }.sorted()
            #expect(codes == ["29463-7", "39156-5", "8302-2", "85354-9", "8867-4"], "\(search.json)")
            #expect(pressure.status == .ok && pressure.json["component"][0]["valueQuantity"]["value"] == 132)
            #expect(pressure.json["meta"]["profile"][0] == "http://hl7.org/fhir/us/core/StructureDefinition/us-core-blood-pressure")
            #expect(try await context.auditEvents(.recordCreate).contains { $0.resourceType == "Observation" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func importedSignsJoinTheSetTakenAtTheSameTime(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            func observation(_ code: String, at time: String, _ members: [String: JSONValue]) -> JSONValue {
                var object: [String: JSONValue] = [
                    "resourceType": "Observation", "status": "final", "subject": ["reference": "urn:uuid:p"], "effectiveDateTime": .string(time),
                    "category": [["coding": [["system": .string(FHIR.System.observationCategory), "code": "vital-signs"]]]],
                    "code": ["coding": [["system": "http://loinc.org", "code": .string(code)]]],
                ]
                object.merge(members) { $1 }
                return .object(object)
            }
            func quantity(_ value: Double, _ unit: String) -> [String: JSONValue] { ["valueQuantity": ["value": .number(value), "system": "http://unitsofmeasure.org", "code": .string(unit)]] }
            let patient: JSONValue = ["resourceType": "Patient", "identifier": [["system": "https://other.example/mrn", "value": "V-1"]],
                                      "name": [["family": "Mensah", "given": ["Kofi"]]], "gender": "male", "birthDate": "1970-03-02"]
            let entries: [JSONValue] = [
                ["fullUrl": "urn:uuid:p", "resource": patient, "request": ["method": "POST", "url": "Patient"]],
                ["fullUrl": "urn:uuid:w", "resource": observation("29463-7", at: "2024-02-01T10:15:00-05:00", quantity(81.2, "kg")), "request": ["method": "POST", "url": "Observation"]],
                ["fullUrl": "urn:uuid:h", "resource": observation("8302-2", at: "2024-02-01T10:15:00-05:00", quantity(180, "cm")), "request": ["method": "POST", "url": "Observation"]],
                ["fullUrl": "urn:uuid:t", "resource": observation("8310-5", at: "2024-06-09", quantity(37.4, "Cel")), "request": ["method": "POST", "url": "Observation"]],
                ["fullUrl": "urn:uuid:g", "resource": observation("2345-7", at: "2024-02-01", quantity(5.4, "mmol/L")), "request": ["method": "POST", "url": "Observation"]],
            ]
            let bundle: JSONValue = ["resourceType": "Bundle", "type": "batch", "entry": .array(entries)]
            // act
            let first = try await api.send(.POST, SitePath.fhirBase(), bundle)
            let again = try await api.send(.POST, SitePath.fhirBase(), bundle)
            // check
            #expect(first.json["entry"].items.map { $0["response"]["status"].string ?? "" } == [
                "201 Created", "201 Created", "201 Created", "201 Created", "422 Unprocessable Entity",
            ], "\(first.json)")
            #expect(again.json["entry"].items.prefix(4).allSatisfy { $0["response"]["status"] == "200 OK" }, "\(again.json)")
            let sets = try await ChartEntry.query(on: context.app.db).filter(\.$kind == "vital-signs").all()
            #expect(sets.count == 2, "the weight and height taken together are one set")
            let joined = try #require(try sets.map { try $0.decoded(as: VitalSignsEntry.self) }.first { $0.weight != nil })
            #expect(joined.height == 180 && joined.weight == 81.2 && joined.takenAt == ClockTime("10:15") && joined.bodyMassIndex == 25.1)
            let location = first.json["entry"][2]["response"]["location"].string ?? ""
            let served = try await api.get("\(SitePath.fhirBase())/\(location.split(separator: "/").prefix(2).joined(separator: "/"))")
            #expect(served.status == .ok && served.json["valueQuantity"]["value"] == 180, "\(location)")
        }
    }
}
