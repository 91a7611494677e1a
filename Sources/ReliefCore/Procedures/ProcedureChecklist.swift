/// The checks before a procedure starts, built from the procedure, the day's decision support and the chart: a signed
/// consent, each medicine held as advised, allergies reviewed, fasting and a driver when sedated, glucose for a
/// diabetic given a steroid, pregnancy ruled out before x-rays, imaging reviewed, the site marked, and the time-out.
public struct ProcedureChecklist: Sendable {
    public struct Line: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// Confirmed by ticking.
            case tick
            /// A measured value, within `range`, in `unit`.
            case value(unit: String, range: ClosedRange<Double>)
            /// Known from the record, not ticked: met or not.
            case record(met: Bool)
        }

        /// The form field and the key of its answer.
        public let id: String
        public let text: String
        public let kind: Kind
    }

    public let lines: [Line]

    /// The ages at which a woman is asked about pregnancy before x-rays: not in REFERENCE, a commonly used span.
    public static let pregnancyAges = SourcedValue(12...55, ClinicalSource("Not in REFERENCE: ages commonly asked about pregnancy before x-rays, verify",
                                                                           .unconfirmed))

    /// `consentSigned`: a signed, co-signed consent covers the day; `female`: registered female (asked about pregnancy
    /// before x-rays at `pregnancyAges`).
    public init(_ decision: Decision, facts: PatientFacts, consentSigned: Bool, female: Bool) {
        let candidate = decision.candidate, site = candidate.site, entry = candidate.intervention
        var lines: [Line] = [Line(id: "consent", text: consentSigned ? "A signed consent covers this day." : "No signed consent covers this day.",
                                  kind: .record(met: consentSigned))]
        for hold in decision.holds {
            let id = "hold.\(hold.drugID)"
            switch hold.duration {
            case .continue: continue
            case .sharedAssessment: lines.append(Line(id: id, text: "\(hold.medication): decided with the prescriber.", kind: .tick))
            case .days, .hours:
                lines.append(Line(id: id, text: "\(hold.medication): last taken on \(hold.lastDoseOn?.display ?? "the day advised") or before.", kind: .tick))
            }
            if hold.checks.contains(AntithromboticHolds.inr), !lines.contains(where: { $0.id == "inr" }) {
                lines.append(Line(id: "inr", text: "INR today: \(AntithromboticHolds.inr).", kind: .value(unit: "", range: 0.5...10)))
            }
        }
        lines.append(Line(id: "allergies", text: "Allergies reviewed with the patient" + (entry.usesContrast ? ", contrast included." : "."), kind: .tick))
        if entry.anaesthesia.isSedation {
            lines.append(Line(id: "fasting", text: "Fasting as instructed for sedation.", kind: .tick))
            lines.append(Line(id: "driver", text: "An adult to drive the patient home.", kind: .tick))
        }
        if entry.usesSteroid, facts.has(.diabetes) {
            lines.append(Line(id: "glucose", text: "Blood glucose today (diabetic, with a steroid).", kind: .value(unit: "mg/dL", range: 20...800)))
        }
        let age = facts.birthDate?.years(until: candidate.date) ?? 40
        if entry.usesRadiation, female, Self.pregnancyAges.value.contains(age) {
            let ages = Self.pregnancyAges.value
            lines.append(Line(id: "pregnancy", text: "Not pregnant: asked, or tested, before x-rays (asked from \(ages.lowerBound) to \(ages.upperBound): "
                              + "verify against current guideline).", kind: .tick))
        }
        if !facts.imaging.isEmpty { lines.append(Line(id: "imaging", text: "Imaging reviewed for the planned level.", kind: .tick)) }
        let place = [site.region.title.lowercased(), site.side?.title.lowercased() ?? "", site.storedLevels].filter { !$0.isEmpty }
        if site.side != nil || !site.levels.isEmpty {
            lines.append(Line(id: "site", text: "Site marked: \(place.joined(separator: ", ")).", kind: .tick))
        }
        lines += [
            Line(id: "time-out.identity", text: "Time-out: the patient's name and date of birth confirmed.", kind: .tick),
            Line(id: "time-out.procedure", text: "Time-out: the procedure is \(site.label).", kind: .tick),
            Line(id: "time-out.site", text: "Time-out: site, side and level agree with the consent and the mark (\(place.joined(separator: ", "))).",
                 kind: .tick),
        ]
        self.lines = lines
    }

    /// The lines not yet met by `answers`.
    public func missing(_ answers: Answers) -> [Line] {
        lines.filter { line in
            switch line.kind {
            case .tick: !answers.ticked.contains(line.id)
            case .value: answers.values[line.id] == nil
            case .record(let met): !met
            }
        }
    }

    /// What the recorded values call attention to; the physician decides.
    public func advisories(_ answers: Answers) -> [String] {
        var notes: [String] = []
        let limit = AntithromboticHolds.inrLimit
        if let inr = answers.values["inr"], inr > limit.value {
            notes.append("INR \(Figures.text(inr)) is above \(Figures.text(limit.value)) (\(limit.source.citation)): the physician decides whether to go ahead.")
        }
        return notes
    }

    /// What was ticked and measured, read from the form: each line's id ticked "yes", or its value.
    public struct Answers: Hashable, Codable, Sendable {
        public var ticked: Set<String>
        public var values: [String: Double]

        public init(ticked: Set<String> = [], values: [String: Double] = [:]) {
            self.ticked = ticked
            self.values = values
        }
    }

    public func parse(_ fields: FormFields, today: CalendarDate) -> (Answers?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var answers = Answers()
        for line in lines {
            switch line.kind {
            case .tick: if fields[line.id] == "yes" { answers.ticked.insert(line.id) }
            case .value(_, let range): answers.values[line.id] = reader.decimal(line.id, in: range)
            case .record: continue
            }
        }
        return reader.problems.isEmpty ? (answers, [:]) : (nil, reader.problems)
    }
}
