import Foundation

/// A medication on the chart as a MedicationStatement (US Core 6.1 profiles none): the drug by Relief's catalogue id
/// with its name (free text alone when typed), the status, the days taken, the dose as written and in structure
/// (amount, timing, as needed, route), the indication and the prescriber.
public enum FHIRMedicationStatement {
    public static func record(_ entry: MedicationEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let status = header.enteredInError ? "entered-in-error" : entry.medicationStatus.rawValue
        // A drug id the catalogue no longer lists keeps its id, as text too.
        let codes = entry.drugID.map { [FHIRToken(FHIR.System.drug, $0)] } ?? []
        let name = entry.label.isEmpty ? entry.drugID ?? "" : entry.label
        var periods: [String: FHIRPeriod] = [:]
        if let start = entry.startDate { periods["effective"] = .days(start, through: entry.endDate, in: timeZone) }
        let effective = FHIR.object([("start", FHIR.date(entry.startDate)), ("end", FHIR.date(entry.endDate))])
        return FHIRRecord(.medicationStatement, header, members: [
            ("status", .string(status)),
            ("medicationCodeableConcept", FHIR.concept(codes.map { FHIR.coding($0.system!, $0.code, entry.drug?.name) }, text: name)),
            ("effectivePeriod", effective),
            ("dateAsserted", .string(FHIR.instant(header.recorded))),
            ("informationSource", entry.prescriber.isEmpty ? nil : ["display": .string(entry.prescriber)]),
            ("reasonCode", entry.indication.isEmpty ? nil : [FHIR.concept([], text: entry.indication)]),
            ("dosage", dosage(entry).map { [$0] }),
        ], tokens: ["code": codes, "status": [FHIRToken("http://hl7.org/fhir/CodeSystem/medication-statement-status", status)]],
           periods: periods)
    }

    private static func dosage(_ entry: MedicationEntry) -> JSONValue? {
        guard entry.dosage != nil || entry.route != nil || !entry.instructions.isEmpty else { return nil }
        let dose = entry.dosage.flatMap(quantity)
        return FHIR.object([
            ("text", .string(entry.doseText)),
            ("patientInstruction", entry.instructions.isEmpty ? nil : .string(entry.instructions)),
            ("timing", entry.dosage.map { timing($0.frequency) }),
            ("asNeededBoolean", entry.dosage.map { .bool($0.frequency == .asNeeded) }),
            ("route", entry.route.map { FHIR.concept([], text: $0.title) }),
            ("doseAndRate", dose.map { [["doseQuantity": $0]] }),
        ])
    }

    /// The amount of one dose in UCUM: the strength times the units taken (a solution's millilitres give milligrams).
    private static func quantity(_ dosage: Dosage) -> JSONValue? {
        let ucum: String
        switch dosage.unit {
        case .milligram, .milligramPerMillilitre: ucum = "mg"
        case .microgram: ucum = "ug"
        case .microgramPerHour: ucum = "ug/h"
        case .gram: ucum = "g"
        case .internationalUnit: ucum = "[iU]"
        case .percent: return nil
        }
        return ["value": .number(dosage.strength * dosage.unitsPerDose), "unit": .string(ucum), "system": .string(FHIR.System.ucum), "code": .string(ucum)]
    }

    private static func timing(_ frequency: DoseFrequency) -> JSONValue {
        let repeats: JSONValue? = switch frequency {
        case .timesDaily(let count): ["frequency": .number(Double(count)), "period": 1, "periodUnit": "d"]
        case .everyHours(let hours): ["frequency": 1, "period": .number(Double(hours)), "periodUnit": "h"]
        case .atBedtime: ["frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"]]
        case .weekly: ["frequency": 1, "period": 1, "periodUnit": "wk"]
        case .asNeeded: nil
        }
        return FHIR.object([("repeat", repeats), ("code", FHIR.concept([], text: frequency.title))])
    }
}
