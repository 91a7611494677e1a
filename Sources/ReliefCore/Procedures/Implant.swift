/// The implanted devices a pain practice follows (FHIR Device): stimulators and intrathecal pumps.
public enum ImplantKind: String, Coded, Codable {
    case spinalCordStimulator = "spinal-cord-stimulator"
    case dorsalRootGanglionStimulator = "drg-stimulator"
    case peripheralNerveStimulator = "peripheral-nerve-stimulator"
    case intrathecalPump = "intrathecal-pump"

    public var title: String {
        switch self {
        case .spinalCordStimulator: "Spinal cord stimulator"
        case .dorsalRootGanglionStimulator: "Dorsal root ganglion stimulator"
        case .peripheralNerveStimulator: "Peripheral nerve stimulator"
        case .intrathecalPump: "Intrathecal pump"
        }
    }

    public var isPump: Bool { self == .intrathecalPump }
}

/// What the labelling says about MRI (ASTM F2503 terms); "unknown" until the model's labelling is checked.
public enum MRIConditionality: String, Coded, Codable {
    case conditional = "mr-conditional"
    case unsafe = "mr-unsafe"
    case safe = "mr-safe"
    case unknown

    public var title: String {
        switch self {
        case .conditional: "MR Conditional: only under the labelled conditions"
        case .unsafe: "MR Unsafe: no MRI"
        case .safe: "MR Safe"
        case .unknown: "Unknown: check the labelling before any MRI"
        }
    }
}

/// One implanted device: what it is (manufacturer, model, UDI), where its leads or catheter and its generator or pump
/// sit, when it went in (and came out), the trial before it, and its MRI labelling.
public struct Implant: Hashable, Codable, Sendable {
    public var kind: ImplantKind
    public var manufacturer: String
    public var model: String
    /// The Unique Device Identifier as printed (human-readable form, device and production identifiers).
    public var udi: String
    public var leadSites: String
    public var generatorSite: String
    public var implantedOn: CalendarDate
    public var trialOn: CalendarDate?
    public var trialReliefPercent: Int?
    public var explantedOn: CalendarDate?
    public var explantReason: String
    public var mri: MRIConditionality
    public var note: String

    public init(kind: ImplantKind, manufacturer: String, model: String, udi: String = "", leadSites: String = "", generatorSite: String = "",
                implantedOn: CalendarDate, trialOn: CalendarDate? = nil, trialReliefPercent: Int? = nil, explantedOn: CalendarDate? = nil,
                explantReason: String = "", mri: MRIConditionality = .unknown, note: String = "") {
        self.kind = kind
        self.manufacturer = manufacturer
        self.model = model
        self.udi = udi
        self.leadSites = leadSites
        self.generatorSite = generatorSite
        self.implantedOn = implantedOn
        self.trialOn = trialOn
        self.trialReliefPercent = trialReliefPercent
        self.explantedOn = explantedOn
        self.explantReason = explantReason
        self.mri = mri
        self.note = note
    }

    public var isActive: Bool { explantedOn == nil }

    /// "Spinal cord stimulator, Abbott Proclaim XR, implanted 03/02/2025"
    public var label: String {
        "\(kind.title), \(manufacturer) \(model), implanted \(implantedOn.display)" + (explantedOn.map { ", explanted \($0.display)" } ?? "")
    }

    /// Whether the trial reached the relief the practice asks (REFERENCE §4: ≥ 50 %); nil when no trial is recorded.
    public func trialPassed(_ criteria: DecisionCriteria) -> Bool? {
        trialReliefPercent.map { $0 >= criteria[.trialReliefPercent] }
    }

    /// Reads the form; dates never after today, the trial before the implant, the explant after it with a reason, the
    /// UDI in the visible characters a label prints.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (Implant?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("kind", ImplantKind.self, required: "Choose the device.")
        let manufacturer = reader.text("manufacturer", limit: 100, required: "Enter the manufacturer.")
        let model = reader.text("model", limit: 100, required: "Enter the model.")
        let udi = reader.text("udi", limit: 200)
        if !udi.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            reader.problem("udi", "Type the UDI as printed on the label: letters, digits and ( ) + / - . only.")
        }
        let leadSites = reader.text("leadSites", limit: 300)
        let generatorSite = reader.text("generatorSite", limit: 200)
        let implantedOn = reader.date("implantedOn", what: "The implant date", required: true)
        let trialOn = reader.date("trialOn", what: "The trial date")
        let relief = reader.integer("trialReliefPercent", in: 0...100)
        let explantedOn = reader.date("explantedOn", what: "The explant date")
        let explantReason = reader.text("explantReason", limit: 500, required: explantedOn == nil ? nil : "Say why it was removed.", multiline: true)
        let mri = reader.one("mri", MRIConditionality.self) ?? .unknown
        let note = reader.text("note", limit: 2000, multiline: true)
        if let trialOn, let implantedOn, trialOn > implantedOn { reader.problem("trialOn", "The trial comes before the implant (\(implantedOn.display)).") }
        if let explantedOn, let implantedOn, explantedOn < implantedOn { reader.problem("explantedOn", "The explant cannot come before the implant.") }
        if explantedOn == nil, !explantReason.isEmpty { reader.problem("explantedOn", "Enter the explant date, or clear the reason.") }
        guard reader.problems.isEmpty, let kind, let implantedOn else { return (nil, reader.problems) }
        return (Implant(kind: kind, manufacturer: manufacturer, model: model, udi: udi, leadSites: leadSites, generatorSite: generatorSite,
                        implantedOn: implantedOn, trialOn: trialOn, trialReliefPercent: relief, explantedOn: explantedOn,
                        explantReason: explantReason, mri: mri, note: note), [:])
    }

    /// "Trial 10/01/2025: 70 % relief, passed the 50 % the practice asks." with the criterion's source; nil without a trial.
    public func trialVerdict(_ criteria: DecisionCriteria) -> (text: String, source: ClinicalSource)? {
        guard let relief = trialReliefPercent, let passed = trialPassed(criteria) else { return nil }
        let day = trialOn.map { " \($0.display)" } ?? ""
        return ("Trial\(day): \(relief) % relief, \(passed ? "passed" : "below") the \(criteria[.trialReliefPercent]) % the practice asks.",
                criteria.source(.trialReliefPercent))
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("kind", kind.rawValue), ("manufacturer", manufacturer), ("model", model), ("udi", udi), ("leadSites", leadSites),
                    ("generatorSite", generatorSite), ("implantedOn", implantedOn.display), ("trialOn", trialOn?.display),
                    ("trialReliefPercent", trialReliefPercent.map(String.init)), ("explantedOn", explantedOn?.display), ("explantReason", explantReason),
                    ("mri", mri.rawValue), ("note", note)])
        return fields
    }
}

/// A device's programming on a day (FHIR Device.property, kept over time): a stimulator's program, amplitude, pulse
/// width and rate; a pump's mode and daily dose.
public struct DeviceSetting: Hashable, Codable, Sendable {
    public var recordedOn: CalendarDate
    public var program: String
    /// Milliamperes.
    public var amplitude: Double?
    /// Microseconds.
    public var pulseWidth: Int?
    /// Hertz.
    public var rate: Int?
    /// A pump's daily dose of its drug, mg/day.
    public var dailyDose: Double?
    public var note: String

    public init(recordedOn: CalendarDate, program: String, amplitude: Double? = nil, pulseWidth: Int? = nil, rate: Int? = nil, dailyDose: Double? = nil,
                note: String = "") {
        self.recordedOn = recordedOn
        self.program = program
        self.amplitude = amplitude
        self.pulseWidth = pulseWidth
        self.rate = rate
        self.dailyDose = dailyDose
        self.note = note
    }

    /// Reads the form for a device implanted on `implantedOn`: not before it, not after today.
    public static func parse(_ fields: FormFields, today: CalendarDate, implantedOn: CalendarDate) -> (DeviceSetting?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let day = reader.date("recordedOn", what: "The day", required: true)
        if let day, day < implantedOn { reader.problem("recordedOn", "The device was implanted on \(implantedOn.display).") }
        let program = reader.text("program", limit: 200, required: "Name the program or mode.")
        let amplitude = reader.decimal("amplitude", in: 0...25)
        let pulseWidth = reader.integer("pulseWidth", in: 1...2000)
        let rate = reader.integer("rate", in: 1...20_000)
        let dailyDose = reader.decimal("dailyDose", in: 0...1000)
        let note = reader.text("note", limit: 1000, multiline: true)
        guard reader.problems.isEmpty, let day else { return (nil, reader.problems) }
        return (DeviceSetting(recordedOn: day, program: program, amplitude: amplitude, pulseWidth: pulseWidth, rate: rate, dailyDose: dailyDose, note: note), [:])
    }

    /// "11/18/2026: Program 2, 4.5 mA, 300 µs, 60 Hz"
    public var summary: String {
        let values = [amplitude.map { "\(Figures.text($0)) mA" }, pulseWidth.map { "\($0) µs" }, rate.map { "\($0) Hz" },
                      dailyDose.map { "\(Figures.text($0)) mg/day" }].compactMap { $0 }
        return "\(recordedOn.display): " + ([program] + values).joined(separator: ", ") + (note.isEmpty ? "" : " (\(note))")
    }
}

/// An intrathecal pump refilled: the drug, its concentration and the volume put in, the day of the next refill and
/// the day the pump will sound its low-reservoir alarm (from the pump's programmer).
public struct PumpRefill: Hashable, Codable, Sendable {
    public var refilledOn: CalendarDate
    public var drug: String
    /// mg/mL (a drug labelled in mcg/mL is entered in mg/mL, its label noted).
    public var concentration: Double
    /// mL.
    public var volume: Double
    public var nextRefillOn: CalendarDate
    public var alarmOn: CalendarDate
    public var note: String

    public init(refilledOn: CalendarDate, drug: String, concentration: Double, volume: Double, nextRefillOn: CalendarDate, alarmOn: CalendarDate,
                note: String = "") {
        self.refilledOn = refilledOn
        self.drug = drug
        self.concentration = concentration
        self.volume = volume
        self.nextRefillOn = nextRefillOn
        self.alarmOn = alarmOn
        self.note = note
    }

    /// Reads the form: the refill not in the future nor before the implant, the next refill after it and no later than
    /// the alarm (a refill after the alarm means an empty pump).
    public static func parse(_ fields: FormFields, today: CalendarDate, implantedOn: CalendarDate) -> (PumpRefill?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let day = reader.date("refilledOn", what: "The refill date", required: true)
        if let day, day < implantedOn { reader.problem("refilledOn", "The pump was implanted on \(implantedOn.display).") }
        let drug = reader.text("drug", limit: 100, required: "Enter the drug (and any second drug).")
        let concentration = reader.decimal("concentration", in: 0.000_1...100, required: "Enter the concentration in mg/mL.")
        let volume = reader.decimal("volume", in: 0.1...60, required: "Enter the volume put in, in mL.")
        let next = reader.date("nextRefillOn", what: "The next refill", allowFuture: true, required: true)
        let alarm = reader.date("alarmOn", what: "The alarm date", allowFuture: true, required: true)
        let note = reader.text("note", limit: 1000, multiline: true)
        if let day, let next, next <= day { reader.problem("nextRefillOn", "The next refill comes after this one.") }
        if let next, let alarm, alarm < next { reader.problem("alarmOn", "The low-reservoir alarm comes on \(alarm.display), before the next refill: book the refill earlier.") }
        guard reader.problems.isEmpty, let day, let concentration, let volume, let next, let alarm else { return (nil, reader.problems) }
        return (PumpRefill(refilledOn: day, drug: drug, concentration: concentration, volume: volume, nextRefillOn: next, alarmOn: alarm, note: note), [:])
    }

    /// "11/18/2026: morphine 25 mg/mL, 20 mL; next refill 01/13/2027, alarm 01/20/2027"
    public var summary: String {
        "\(refilledOn.display): \(drug) \(Figures.text(concentration)) mg/mL, \(Figures.text(volume)) mL; next refill \(nextRefillOn.display), alarm \(alarmOn.display)"
            + (note.isEmpty ? "" : " (\(note))")
    }

    /// Days the reservoir lasts at `dailyDose` mg/day: the volume's drug over the dose (a check on the programmer's dates).
    public func daysOfDrug(dailyDose: Double) -> Int? {
        dailyDose > 0 ? Int((concentration * volume / dailyDose).rounded(.down)) : nil
    }

    /// A warning when, at the programmed daily dose, the drug put in runs out before the next refill: the dates
    /// entered from the programmer and the dose disagree, or the next refill is booked too late.
    public func runsOutEarly(dailyDose: Double) -> String? {
        guard let days = daysOfDrug(dailyDose: dailyDose) else { return nil }
        let empty = refilledOn.adding(days: days)
        guard empty < nextRefillOn else { return nil }
        return "At \(Figures.text(dailyDose)) mg/day the \(Figures.text(concentration * volume)) mg put in lasts \(days) days, to \(empty.display): "
            + "before the next refill on \(nextRefillOn.display). Check the programmer's dates or book the refill earlier."
    }
}

/// Which pumps need a refill booked: active pumps whose next refill is within `withinDays` of today (or past), the
/// most urgent first.
public enum PumpRefillDue {
    public static let withinDays = 14

    public static func isDue(_ refill: PumpRefill, today: CalendarDate) -> Bool {
        refill.nextRefillOn <= today.adding(days: withinDays)
    }
}
