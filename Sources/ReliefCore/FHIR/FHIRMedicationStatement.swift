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
            ("medicationCodeableConcept", FHIR.concept(codes.map { FHIR.coding($0.system!, $0.code, entry.drug?.name) } + FHIR.codings(entry.sourceCodings), text: name)),
            ("effectivePeriod", effective),
            ("dateAsserted", .string(FHIR.instant(header.recorded))),
            ("informationSource", entry.prescriber.isEmpty ? nil : ["display": .string(entry.prescriber)]),
            ("reasonCode", entry.indication.isEmpty ? nil : [FHIR.concept([], text: entry.indication)]),
            ("dosage", dosage(entry).map { [$0] }),
        ], tokens: ["code": codes + FHIR.tokens(entry.sourceCodings), "status": [FHIRToken("http://hl7.org/fhir/CodeSystem/medication-statement-status", status)]],
           periods: periods)
    }

    private static func dosage(_ entry: MedicationEntry) -> JSONValue? {
        guard entry.dosage != nil || entry.route != nil || !entry.instructions.isEmpty else { return nil }
        let dose = entry.dosage.flatMap { quantity($0) }
        return FHIR.object([
            ("text", .string(entry.doseText)),
            ("patientInstruction", entry.instructions.isEmpty ? nil : .string(entry.instructions)),
            ("timing", entry.dosage.map { timing($0.frequency) }),
            ("asNeededBoolean", entry.dosage.map { .bool($0.frequency == .asNeeded) }),
            ("route", entry.route.map { FHIR.concept([], text: $0.title) }),
            ("doseAndRate", dose.map { [["doseQuantity": $0]] }),
            ("maxDosePerPeriod", entry.dosage.flatMap(maximum)),
        ])
    }

    /// The amount of one dose in UCUM: the strength times the units taken (a solution's millilitres give milligrams).
    private static func quantity(_ dosage: Dosage, times count: Double = 1) -> JSONValue? {
        guard let ucum = ucum[dosage.unit.amountUnit] else { return nil }
        return ["value": .number(dosage.strength * dosage.unitsPerDose * count), "unit": .string(ucum), "system": .string(FHIR.System.ucum), "code": .string(ucum)]
    }

    /// As needed: the most a day, as the amount of the most doses over one day.
    private static func maximum(_ dosage: Dosage) -> JSONValue? {
        guard dosage.frequency == .asNeeded, let most = dosage.maxDosesPerDay, let amount = quantity(dosage, times: most) else { return nil }
        return ["numerator": amount, "denominator": ["value": 1, "unit": "d", "system": .string(FHIR.System.ucum), "code": "d"]]
    }

    /// Strength units in UCUM; a percentage has no amount per dose.
    static let ucum: [StrengthUnit: String] = [.milligram: "mg", .microgram: "ug", .microgramPerHour: "ug/h", .gram: "g", .internationalUnit: "[iU]"]

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

extension FHIRMedicationStatement {
    /// The medication a resource describes: the drug by Relief's catalogue id, else its text; status and days; the first
    /// dosage's amount, schedule, as-needed maximum, route and instructions. A dose that reads back as the stored
    /// one keeps the stored strength and units (FHIR has the amount only).
    public static func entry(_ reader: inout FHIRResourceReader, base: MedicationEntry?) -> MedicationEntry {
        var entry = medication(&reader)
        entry.medicationStatus = reader.code("status", MedicationStatus.byCode) ?? .active
        if let period = reader.element("effectivePeriod") {
            entry.startDate = reader.date(period.object?["start"], at: "effectivePeriod.start")
            entry.endDate = reader.date(period.object?["end"], at: "effectivePeriod.end")
        }
        if let effective = reader.element("effectiveDateTime") { entry.startDate = reader.date(effective, at: "effectiveDateTime") }
        _ = reader.element("dateAsserted") // Relief records when it was recorded here
        if let source = reader.element("informationSource") {
            entry.prescriber = reader.string(source.object?["display"], at: "informationSource.display") ?? ""
        }
        entry.indication = reasons(&reader)
        dosage("dosage", into: &entry, base: base?.dosage, &reader)
        reader.unread()
        return entry
    }

    /// A prescription written elsewhere (a MedicationRequest, as imports bring them), as an entry of the medication
    /// list: what the patient was prescribed, from when, by whom, and how to take it. Cancelled is stopped.
    public static func entry(request reader: inout FHIRResourceReader) -> MedicationEntry {
        var entry = medication(&reader)
        let statuses: [String: MedicationStatus] = ["active": .active, "on-hold": .onHold, "stopped": .stopped, "cancelled": .stopped, "completed": .completed]
        entry.medicationStatus = reader.code("status", statuses) ?? .active
        _ = reader.element("intent") // an order, a plan or a proposal: all say the patient was to take it
        if let authored = reader.element("authoredOn") { entry.startDate = reader.date(authored, at: "authoredOn") }
        if let requester = reader.element("requester")?.object, let name = requester["display"] {
            entry.prescriber = reader.string(name, at: "requester.display") ?? ""
        }
        entry.indication = reasons(&reader)
        dosage("dosageInstruction", into: &entry, base: nil, &reader)
        reader.unread()
        return entry
    }

    /// The drug: Relief's catalogue id; else a product name the catalogue knows (RxNorm's, so MME can be computed);
    /// else the text. Other systems' codes are kept.
    private static func medication(_ reader: inout FHIRResourceReader) -> MedicationEntry {
        var entry = MedicationEntry()
        guard let medication = reader.concept("medicationCodeableConcept") else {
            if reader.element("medicationReference") != nil { reader.issue("medicationReference", "Send the medication as medicationCodeableConcept.") }
            else { reader.issue("medicationCodeableConcept", "Name the medication.") }
            return entry
        }
        entry.sourceCodings = medication.sourceCodings(besides: [FHIR.System.drug])
        if let drug = medication.code(in: FHIR.System.drug) {
            entry.drugID = drug
        } else if let name = medication.codings.first(where: { $0.system == FHIR.System.rxNorm })?.display ?? medication.label,
                  let product = DrugProductName(name) {
            entry.drugID = product.drug.id
            // The list names the opioid a combination's MME comes from; the product stays in sight.
            if product.isCombination { entry.instructions = "As \(name)" }
        } else {
            entry.otherName = medication.label ?? ""
        }
        return entry
    }

    private static func reasons(_ reader: inout FHIRResourceReader) -> String {
        (reader.element("reasonCode")?.array ?? []).enumerated().compactMap { reader.concept($1, at: "reasonCode[\($0)]")?.label }.joined(separator: "; ")
    }

    private static func dosage(_ name: String, into entry: inout MedicationEntry, base: Dosage?, _ reader: inout FHIRResourceReader) {
        let dosages = reader.element(name)?.array ?? []
        if dosages.count > 1 { reader.warn("\(name)[1]", "Relief keeps one dosage; the first was stored.") }
        guard let dosage = dosages.first?.object else { return }
        let path = "\(name)[0]"
        // `text`, `sequence` and the timing's `code` are what Relief writes from the rest, or order only.
        let kept: Set = ["text", "sequence", "patientInstruction", "route", "doseAndRate", "asNeededBoolean", "timing", "maxDosePerPeriod"]
        for key in dosage.keys.sorted() where !kept.contains(key) { reader.warn("\(path).\(key)", "Relief keeps nothing for \(key); it was not stored.") }
        let instruction = reader.string(dosage["patientInstruction"], at: "\(path).patientInstruction") ?? ""
        entry.instructions = [entry.instructions, instruction].filter { !$0.isEmpty }.joined(separator: "; ")
        if let route = reader.concept(dosage["route"], at: "\(path).route")?.label {
            entry.route = MedicationRoute(rawValue: route.lowercased())
            if entry.route == nil { reader.issue("\(path).route", "Relief keeps these routes: \(MedicationRoute.allCases.map(\.rawValue).joined(separator: ", ")).") }
        }
        let product = entry.sourceCodings?.first { $0.system == FHIR.System.rxNorm }?.display.flatMap(DrugProductName.init)
        var amount = dosage["doseAndRate"]?.array?.first?.object?["doseQuantity"]
        let asNeeded = dosage["asNeededBoolean"]?.bool == true
        let scheduled = dosage["timing"].flatMap { frequency($0, at: "\(path).timing.repeat", &reader) }
        // So many of a product whose strength Relief cannot read: said in words, not as a dose it would miscount.
        var described = false
        if let count = amount?.object?["value"], case .number(let value) = count, product?.strength == nil, !hasUnit(amount) {
            let how = [asNeeded ? DoseFrequency.asNeeded.title : nil, scheduled?.title].compactMap { $0 }.joined(separator: ", ").lowercased()
            entry.instructions = [entry.instructions, "\(Figures.text(value)) per dose" + (how.isEmpty ? "" : ", \(how)")].filter { !$0.isEmpty }.joined(separator: "; ")
            reader.warn("\(path).doseAndRate[0].doseQuantity", "No strength for this product: the dose was kept as instructions and no MME can be computed.")
            amount = nil
            described = true
        }
        let dose = amount.flatMap { quantity($0, product: product, at: "\(path).doseAndRate[0].doseQuantity", &reader) }
        guard let dose else {
            if described { return }
            if scheduled != nil, amount != nil { reader.issue("\(path).doseAndRate", "A dose needs its amount (doseQuantity) and how often; give both or neither.") }
            else if scheduled != nil || asNeeded { reader.warn("\(path).doseAndRate", "No amount per dose: the schedule was not stored and no MME can be computed.") }
            return
        }
        guard let frequency = asNeeded ? .asNeeded : scheduled else {
            reader.issue("\(path).timing", "A dose needs its amount and how often (timing.repeat, or asNeededBoolean); give both or neither.")
            return
        }
        var stored = Dosage(strength: dose.strength, unit: dose.unit, unitsPerDose: dose.units, frequency: frequency)
        if let base, base.unit.amountUnit == dose.unit, base.strength * base.unitsPerDose == dose.strength * dose.units {
            stored.strength = base.strength
            stored.unit = base.unit
            stored.unitsPerDose = base.unitsPerDose
        }
        if asNeeded {
            let most = dosage["maxDosePerPeriod"]?.object?["numerator"].flatMap { quantity($0, product: nil, at: "\(path).maxDosePerPeriod.numerator", &reader) }
            // Every so many hours as needed allows as many doses as fit in a day.
            stored.maxDosesPerDay = most.map { $0.strength * $0.units / (dose.strength * dose.units) } ?? scheduled?.perDay
        }
        entry.dosage = stored
    }

    /// A dose: an amount in UCUM; or, with no unit, so many of the product whose name gives the strength (1 tablet of
    /// a "5 MG Oral Tablet").
    private static func quantity(_ value: JSONValue, product: DrugProductName?, at path: String, _ reader: inout FHIRResourceReader)
        -> (strength: Double, unit: StrengthUnit, units: Double)? {
        guard case .number(let amount)? = value.object?["value"], amount > 0 else { reader.issue(path, "Give the amount as a positive number."); return nil }
        let code = value.object?["code"]?.string ?? value.object?["unit"]?.string ?? ""
        if let unit = ucum.first(where: { $0.value == code })?.key ?? StrengthUnit(rawValue: code) { return (amount, unit, 1) }
        if let product, let strength = product.strength, let unit = product.unit, ["", "1", "{tbl}", "{tablet}", "{capsule}", "tablet", "capsule"].contains(code.lowercased()) {
            return (strength, unit, amount)
        }
        reader.issue(path, "Give the unit in UCUM: \(ucum.values.sorted().joined(separator: ", ")).")
        return nil
    }

    private static func hasUnit(_ quantity: JSONValue?) -> Bool {
        !(quantity?.object?["code"]?.string ?? quantity?.object?["unit"]?.string ?? "").isEmpty
    }

    /// A schedule Relief keeps: so many times a day, every so many hours (or days), at bedtime, weekly.
    private static func frequency(_ timing: JSONValue, at path: String, _ reader: inout FHIRResourceReader) -> DoseFrequency? {
        guard let repeats = timing.object?["repeat"]?.object else { return nil }
        let count = repeats["frequency"]?.integer ?? 1, period = repeats["period"]?.integer ?? 1
        let schedule: DoseFrequency? = switch (repeats["periodUnit"]?.string, count, period) {
        case _ where repeats["when"]?.array == ["HS"]: .atBedtime
        case ("d", let count, 1) where DoseFrequency.timesDailyRange.contains(count): .timesDaily(count)
        case ("h", 1, let hours) where DoseFrequency.everyHoursRange.contains(hours): .everyHours(hours)
        case ("d", 1, let days) where DoseFrequency.everyHoursRange.contains(days * 24): .everyHours(days * 24)
        case ("wk", 1, 1): .weekly
        default: nil
        }
        if schedule == nil { reader.issue(path, "Relief keeps 1 to 12 times a day, every 1 to 72 hours, at bedtime or weekly.") }
        return schedule
    }
}

extension StrengthUnit {
    /// The unit a dose's amount is in: a solution's strength per millilitre gives milligrams.
    var amountUnit: StrengthUnit { self == .milligramPerMillilitre ? .milligram : self }
}
