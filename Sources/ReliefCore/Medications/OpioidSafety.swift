/// What the opioid-safety panel keeps beside the medication list: the opioid agreement signed, a prescription
/// monitoring (PDMP) check and its result, naloxone offered. Urine drug screens come from the work-up's results.
/// FHIR: the agreement a Consent (category opioid treatment agreement), the check and the offer Procedures.
public enum OpioidSafetyKind: String, Coded, Codable {
    case agreement
    case pdmpCheck = "pdmp-check"
    case naloxone

    public var title: String {
        switch self {
        case .agreement: "Opioid agreement signed"
        case .pdmpCheck: "Prescription monitoring (PDMP) checked"
        case .naloxone: "Naloxone offered"
        }
    }
}

public enum PDMPResult: String, Coded, Codable {
    case consistent
    case concerns
    case unavailable

    public var title: String {
        switch self {
        case .consistent: "Consistent with what is prescribed here"
        case .concerns: "Shows other prescribers, early fills or other concerns"
        case .unavailable: "Could not be checked (system unavailable)"
        }
    }
}

public enum NaloxoneOutcome: String, Coded, Codable {
    case prescribed
    case hasOne = "has-one"
    case declined

    public var title: String {
        switch self {
        case .prescribed: "Prescribed"
        case .hasOne: "Already has naloxone at home"
        case .declined: "Declined"
        }
    }
}

/// One documented step: what, on which day, with its result, and a note.
public struct OpioidSafetyRecord: Hashable, Codable, Sendable {
    public var kind: OpioidSafetyKind
    public var recordedOn: CalendarDate
    public var pdmpResult: PDMPResult?
    public var naloxone: NaloxoneOutcome?
    public var note: String

    public init(kind: OpioidSafetyKind, recordedOn: CalendarDate, pdmpResult: PDMPResult? = nil, naloxone: NaloxoneOutcome? = nil, note: String = "") {
        self.kind = kind
        self.recordedOn = recordedOn
        self.pdmpResult = pdmpResult
        self.naloxone = naloxone
        self.note = note
    }

    /// Reads `kind`, `recordedOn` (not in the future), `pdmpResult` for a check, `naloxone` for an offer, `note`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (OpioidSafetyRecord?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("kind", OpioidSafetyKind.self, required: "Choose what is recorded.")
        let day = reader.date("recordedOn", what: "The day", required: true)
        let result = kind == .pdmpCheck ? reader.one("pdmpResult", PDMPResult.self, required: "Choose what the check showed.") : nil
        let naloxone = kind == .naloxone ? reader.one("naloxone", NaloxoneOutcome.self, required: "Choose what came of the offer.") : nil
        let note = reader.text("note", limit: 1000, required: result == .concerns ? "Say what the check showed." : nil, multiline: true)
        guard reader.problems.isEmpty, let kind, let day else { return (nil, reader.problems) }
        return (OpioidSafetyRecord(kind: kind, recordedOn: day, pdmpResult: result, naloxone: naloxone, note: note), [:])
    }

    /// "Prescription monitoring (PDMP) checked 11/02/2026: consistent with what is prescribed here"
    public var summary: String {
        let outcome = pdmpResult?.title.lowercased() ?? naloxone?.title.lowercased()
        return "\(kind.title) \(recordedOn.display)" + (outcome.map { ": \($0)" } ?? "") + (note.isEmpty ? "" : " (\(note))")
    }
}

/// A urine drug screen as the panel reads it: resulted on a day, expected or not.
public struct DrugScreen: Hashable, Sendable {
    public let resultedOn: CalendarDate
    public let unexpected: Bool

    public init(resultedOn: CalendarDate, unexpected: Bool) {
        self.resultedOn = resultedOn
        self.unexpected = unexpected
    }
}

/// One line of the panel: done, due soon, overdue, or not needed, with why.
public struct OpioidSafetyCheck: Hashable, Sendable {
    public enum Item: String, Sendable, CaseIterable {
        case agreement, drugScreen = "drug-screen", pdmp, naloxone

        public var title: String {
            switch self {
            case .agreement: "Opioid agreement"
            case .drugScreen: "Urine drug screen"
            case .pdmp: "Prescription monitoring (PDMP)"
            case .naloxone: "Naloxone"
            }
        }
    }

    public enum State: String, Sendable {
        case done, dueSoon = "due-soon", overdue, notNeeded = "not-needed"
    }

    public let item: Item
    public let state: State
    public let message: String
    public let facts: [String]
    public let source: ClinicalSource
}

/// The checks long-term opioid therapy asks for, judged on a day: an agreement renewed, drug screens and PDMP checks
/// at the practice's intervals, naloxone offered at ≥ 50 MME/day or with a benzodiazepine. Only for a patient on
/// opioids; advice with its facts and sources, for the clinician to act on.
public enum OpioidSafety {
    /// Days before a renewal or check falls due that it shows as due soon.
    public static let dueSoonDays = 30

    public static func checks(opioids: OpioidSummary, records: [OpioidSafetyRecord], drugScreens: [DrugScreen], today: CalendarDate,
                              criteria: DecisionCriteria) -> [OpioidSafetyCheck] {
        guard !opioids.lines.isEmpty else { return [] }
        let latest = { (kind: OpioidSafetyKind) in records.filter { $0.kind == kind }.max { $0.recordedOn < $1.recordedOn } }
        var checks: [OpioidSafetyCheck] = []
        checks.append(periodic(.agreement, last: latest(.agreement).map { ($0.recordedOn, [$0.summary]) }, every: .opioidAgreementDays,
                               today: today, criteria: criteria, never: "No opioid agreement on file."))
        let screen = drugScreens.max { $0.resultedOn < $1.resultedOn }
        checks.append(periodic(.drugScreen, last: screen.map { ($0.resultedOn, ["Last screen \($0.resultedOn.display): \($0.unexpected ? "unexpected result, review it" : "as expected")"]) },
                               every: .drugScreenDays, today: today, criteria: criteria, never: "No urine drug screen resulted."))
        checks.append(periodic(.pdmp, last: latest(.pdmpCheck).map { ($0.recordedOn, [$0.summary]) }, every: .pdmpCheckDays, today: today,
                               criteria: criteria, never: "No prescription-monitoring check recorded."))
        checks.append(naloxone(opioids: opioids, offered: latest(.naloxone), today: today, criteria: criteria))
        return checks
    }

    /// A check due every `every` days after the last.
    private static func periodic(_ item: OpioidSafetyCheck.Item, last: (day: CalendarDate, facts: [String])?, every criterion: Criterion,
                                 today: CalendarDate, criteria: DecisionCriteria, never: String) -> OpioidSafetyCheck {
        let days = criteria[criterion], source = criteria.source(criterion)
        guard let last else { return OpioidSafetyCheck(item: item, state: .overdue, message: never, facts: [], source: source) }
        let due = last.day.adding(days: days)
        let state: OpioidSafetyCheck.State = today > due ? .overdue : today >= due.adding(days: -dueSoonDays) ? .dueSoon : .done
        let message = state == .overdue ? "Overdue since \(due.display) (every \(days) days)." : "Next by \(due.display) (every \(days) days)."
        return OpioidSafetyCheck(item: item, state: state, message: message, facts: last.facts, source: source)
    }

    private static func naloxone(opioids: OpioidSummary, offered: OpioidSafetyRecord?, today: CalendarDate, criteria: DecisionCriteria) -> OpioidSafetyCheck {
        let threshold = MorphineEquivalents.reassessThreshold
        let benzodiazepine = opioids.alerts.contains { if case .opioidWithBenzodiazepine = $0 { true } else { false } }
        let dose = "\(Figures.text(opioids.total)) MME/day"
        guard opioids.total >= threshold.value || benzodiazepine else {
            return OpioidSafetyCheck(item: .naloxone, state: .notNeeded, message: "Not indicated by dose or combination.",
                                     facts: ["\(dose), below \(Figures.text(threshold.value)); no benzodiazepine"], source: threshold.source)
        }
        let why = (opioids.total >= threshold.value ? ["\(dose), at or above \(Figures.text(threshold.value))"] : [])
            + (benzodiazepine ? ["with a benzodiazepine"] : [])
        let source = opioids.total >= threshold.value ? threshold.source : OpioidSummary.benzodiazepineSource
        let days = criteria[.naloxoneOfferDays]
        guard let offered, today <= offered.recordedOn.adding(days: days) else {
            return OpioidSafetyCheck(item: .naloxone, state: .overdue, message: "Offer naloxone" + (offered.map { ": last offered \($0.recordedOn.display)." } ?? "."),
                                     facts: why, source: source)
        }
        return OpioidSafetyCheck(item: .naloxone, state: .done, message: "Offered \(offered.recordedOn.display); again after \(days) days.",
                                 facts: why + [offered.summary], source: source)
    }
}
