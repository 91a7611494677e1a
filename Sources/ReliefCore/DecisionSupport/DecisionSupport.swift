/// The sources the rules cite beyond the catalogue and the criteria.
enum RuleSource {
    static let redFlags = ClinicalSource("PRACTICE.md journey step 2: rule out other conditions before treatment", .secondary)
    static let safety = ClinicalSource("Relief's default safety rule; not in REFERENCE.md, verify", .unconfirmed)
    static let pregnancy = ClinicalSource("REFERENCE §2 ESI LCD: ultrasound instead of fluoroscopy in pregnancy [S8]", .secondary)
    static let asraModifiers = ClinicalSource("REFERENCE §1a ASRA 2018 patient modifiers [S1]", .primary)
    static let holds = ClinicalSource("REFERENCE §1b ASRA 2018 hold and restart times [S3]", .primary)
    static let dependency = ClinicalSource("PRACTICE.md “Risks”: dependency on repeated interventions", .secondary)
    static let implantScreening = ClinicalSource("REFERENCE §4 NCD 160.7: psychological and physical evaluation before implants [S16]", .primary)
    static let conservative = ClinicalSource("REFERENCE §4 NCD 160.7: stimulation after other treatments fail [S16]", .primary)
    static let imaging = ClinicalSource("REFERENCE §2 ESI LCD: exam and matching imaging must agree [S8]", .secondary)
    static let payerDefaults = ClinicalSource("REFERENCE §2 Medicare LCDs: the defaults for every payer without criteria of its own", .secondary)
}

/// Decision support for one candidate on its planned day: pure and deterministic, every rule explaining itself with
/// the facts it used and its source. It advises; the clinician decides.
public enum DecisionSupport {
    public static func decide(_ candidate: Candidate, for facts: PatientFacts, criteria: DecisionCriteria = DecisionCriteria()) -> Decision {
        let context = RuleContext(candidate: candidate, facts: facts, criteria: criteria.forPayer(facts.coverage(on: candidate.date)?.payer))
        var rules = [context.indication()]
        var holds: [Hold] = []
        var risk: BleedingRisk?
        if candidate.intervention.isProcedure {
            rules += context.safety()
            let (bleeding, effective) = context.bleedingRisk()
            rules.append(bleeding)
            risk = effective
            let (holdRule, found) = context.holds(at: effective)
            holds = found
            rules.append(holdRule)
            rules += context.steroid()
            rules += context.payer()
            rules += context.repeats()
        }
        rules += context.evidence() + context.psychology()
        let verdict = rules.map { Verdict($0.outcome) }.max { $0.rank < $1.rank } ?? .appropriate
        return Decision(candidate: candidate, verdict: verdict, rules: rules, holds: holds, bleedingRisk: risk,
                        catalogueVersion: InterventionCatalogue.version)
    }

    /// The catalogue's entries for the patient's active diagnoses, each decided in the region of the diagnosis it
    /// treats (levels not yet chosen), best verdict first, then in catalogue order.
    public static func rank(for facts: PatientFacts, on date: CalendarDate, criteria: DecisionCriteria = DecisionCriteria()) -> [Decision] {
        let conditions = facts.diagnoses.compactMap(\.condition)
        let kinds = Set(conditions.flatMap { PainKind.of($0.code) })
        let areas = Set(conditions.map(\.area))
        let decisions = InterventionCatalogue.candidates(for: kinds, in: areas.union(areas.flatMap(RuleContext.neighbours))).compactMap { entry -> Decision? in
            let region = conditions.first { !Set(PainKind.of($0.code)).isDisjoint(with: entry.indications) && entry.regions.contains($0.area) }?.area
                ?? entry.regions.first { areas.contains($0) } ?? entry.regions.first
            return region.map { decide(Candidate(InterventionSite(intervention: entry, region: $0), on: date), for: facts, criteria: criteria) }
        }
        return decisions.enumerated().sorted { ($0.element.verdict.rank, $0.offset) < ($1.element.verdict.rank, $1.offset) }.map(\.element)
    }
}

/// The rules, reading one candidate against one patient's facts; the payer criteria are in
/// `DecisionSupport+PayerCriteria.swift`.
struct RuleContext {
    let candidate: Candidate
    let facts: PatientFacts
    let criteria: DecisionCriteria

    var entry: Intervention { candidate.intervention }
    var region: BodyArea { candidate.site.region }
    var date: CalendarDate { candidate.date }

    /// Areas whose pain a procedure in a region also reaches: the lumbar spine and the sacrum share lumbosacral
    /// levels; radicular pain in a limb comes from its spinal region.
    static func neighbours(_ area: BodyArea) -> [BodyArea] {
        switch area {
        case .lumbar: [.sacral, .lowerLimb]
        case .sacral: [.lumbar]
        case .cervical: [.upperLimb]
        case .lowerLimb: [.lumbar]
        case .upperLimb: [.cervical]
        default: []
        }
    }

    /// Procedures before the planned day, newest first.
    var before: [ProcedureFact] { facts.procedures.filter { $0.date < date }.sorted { $0.date > $1.date } }

    /// Procedures in the rolling 12 months before the planned day in this region matching `filter`.
    func inYear(_ filter: (ProcedureFact) -> Bool) -> [ProcedureFact] {
        before.filter { $0.region == region && date.daysSince($0.date) < 365 && filter($0) }
    }

    static func isESI(_ id: String) -> Bool {
        InterventionCatalogue.intervention(id)?.category == .epiduralSteroid || id == "selective-nerve-root-block"
    }

    static func isMedialBranchBlock(_ id: String) -> Bool { id.hasPrefix("medial-branch-block") }
    static func isFacetInjection(_ id: String) -> Bool { id.hasPrefix("facet-injection") }
    static func isFacetAblation(_ id: String) -> Bool { id.hasPrefix("facet-rfa") }
    static func isFacet(_ id: String) -> Bool { isMedialBranchBlock(id) || isFacetInjection(id) || isFacetAblation(id) }

    // MARK: Indication

    func indication() -> RuleResult {
        let coded = facts.diagnoses.compactMap { diagnosis in diagnosis.condition.map { ($0, PainKind.of($0.code)) } }
        let reach = Set([region] + Self.neighbours(region))
        let broad = entry.regions.count >= 6
        let treated = coded.filter { condition, kinds in
            !Set(kinds).isDisjoint(with: entry.indications) && (broad || reach.contains(condition.area))
        }
        let source = PainKind.mappingSource
        let treats = entry.indications.map { $0.title.lowercased() }.joined(separator: ", ")
        if let (condition, kinds) = treated.first {
            let kind = kinds.first { entry.indications.contains($0) }!
            return RuleResult("indication", .met, "\(condition.code) \(condition.label) is \(kind.title.lowercased()), which \(entry.name) treats.",
                              facts: treated.map { "\($0.0.code) \($0.0.label)" }, source: source)
        }
        let listed = coded.map { "\($0.0.code) \($0.0.label) (\($0.1.map { $0.title.lowercased() }.joined(separator: ", ")))" }
        let message = coded.isEmpty
            ? "No coded active diagnosis to match: \(entry.name) treats \(treats)."
            : "\(entry.name) treats \(treats) in the \(region.title.lowercased()) region; the active diagnoses are not among them."
        return RuleResult("indication", .notIndicated, message, facts: listed.isEmpty ? ["No coded active diagnosis"] : listed, source: source)
    }

    // MARK: Patient safety

    func safety() -> [RuleResult] {
        var rules: [RuleResult] = []
        if !facts.openRedFlags.isEmpty {
            rules.append(RuleResult("red-flags", .contraindicated, "An unresolved red flag: work it up and resolve the alert before an elective procedure.",
                                    facts: facts.openRedFlags, source: RuleSource.redFlags))
        }
        if facts.has(.currentInfection) {
            rules.append(RuleResult("infection", .contraindicated, "A current infection or fever: defer the procedure until it has cleared.",
                                    facts: ["Current infection ticked on the latest evaluation"], source: RuleSource.safety))
        }
        if facts.has(.pregnancy), entry.usesRadiation {
            let ultrasound = entry.guidance.contains(.ultrasound)
            rules.append(RuleResult("pregnancy", ultrasound ? .precaution : .contraindicated,
                                    ultrasound ? "Pregnant: use ultrasound guidance instead of x-ray or CT."
                                        : "Pregnant: \(entry.name) needs x-ray or CT guidance; defer it unless the benefit clearly outweighs the radiation.",
                                    facts: ["Pregnancy ticked on the latest evaluation"], source: RuleSource.pregnancy))
        }
        if entry.usesSteroid, facts.has(.diabetes) {
            rules.append(RuleResult("diabetes-steroid", .precaution, "Diabetic: the steroid raises blood sugar for several days; check glucose before and ask the patient to monitor it.",
                                    facts: diabetesFacts, source: RuleSource.safety))
        }
        if facts.has(.immunosuppression) {
            rules.append(RuleResult("immunosuppression", .precaution,
                                    entry.isImplant ? "Immunosuppressed: a higher risk of device infection; plan antibiotic cover and wound checks."
                                        : "Immunosuppressed: a higher risk of infection; strict asepsis and a wound check.",
                                    facts: ["Immunosuppression ticked on the latest evaluation"], source: RuleSource.safety))
        }
        return rules + allergies()
    }

    var diabetesFacts: [String] {
        let coded = facts.diagnoses.filter { ["E10", "E11"].contains(String(($0.conditionCode ?? "").prefix(3))) }.map(\.label)
        return coded + (facts.history.contains(.diabetes) ? ["Diabetes ticked on the latest evaluation"] : [])
    }

    func allergies() -> [RuleResult] {
        facts.allergies.compactMap { allergy -> RuleResult? in
            let severe = allergy.severity == .severe || !Set(allergy.reactions).isDisjoint(with: [.anaphylaxis, .angioedema, .bronchospasm])
            let fact = [allergy.label + (allergy.reactions.isEmpty ? "" : ": " + allergy.reactions.map { $0.title.lowercased() }.joined(separator: ", "))]
            switch allergy.substance {
            case .iodinatedContrast where entry.usesContrast:
                return RuleResult("allergy-contrast", severe ? .contraindicated : .precaution,
                                  severe ? "A severe reaction to contrast: plan the procedure without iodinated contrast (or with an alternative agent) before going ahead."
                                      : "Contrast allergy: premedicate or use an alternative agent.", facts: fact, source: RuleSource.safety)
            case .amideLocalAnaesthetic where entry.usesLocalAnaesthetic:
                return RuleResult("allergy-local-anaesthetic", severe ? .contraindicated : .precaution,
                                  "Allergy to amide local anaesthetics: use an ester (or preservative-free) alternative\(severe ? ", planned before going ahead" : "").",
                                  facts: fact, source: RuleSource.safety)
            case .esterLocalAnaesthetic where entry.usesLocalAnaesthetic:
                return RuleResult("allergy-local-anaesthetic", .precaution, "Allergy to ester local anaesthetics: use an amide such as lidocaine.",
                                  facts: fact, source: RuleSource.safety)
            case .corticosteroid where entry.usesSteroid:
                return RuleResult("allergy-steroid", severe ? .contraindicated : .precaution,
                                  "Allergy to a corticosteroid: choose another steroid or leave it out\(severe ? ", planned before going ahead" : "").",
                                  facts: fact, source: RuleSource.safety)
            case .latex:
                return RuleResult("allergy-latex", .precaution, "Latex allergy: a latex-free room and equipment.", facts: fact, source: RuleSource.safety)
            case .chlorhexidine, .povidoneIodine:
                return RuleResult("allergy-antiseptic", .precaution, "Allergy to \(allergy.substance.title.lowercased()): prepare the skin with the other antiseptic.",
                                  facts: fact, source: RuleSource.safety)
            default:
                return nil
            }
        }
    }

    // MARK: Bleeding

    func bleedingRisk() -> (RuleResult, BleedingRisk) {
        let base = entry.bleedingRisk?.value ?? .low
        let modifiers: [(ProcedureRelevantHistory, String)] = [
            (.bleedingDisorder, "a bleeding disorder"), (.liverDisease, "severe liver disease"), (.kidneyDisease, "kidney disease"),
        ] + (region.isSpinal ? [(.priorSpineSurgery, "prior surgery at the site")] : [])
        let present = modifiers.filter { facts.has($0.0) }
        let effective = present.isEmpty ? base : BleedingRisk.allCases[min(base.rank + 1, BleedingRisk.allCases.count - 1)]
        guard !present.isEmpty else {
            return (RuleResult("bleeding-risk", .met, "\(entry.name) is a \(base.title.lowercased()) procedure.", facts: [],
                               source: entry.bleedingRisk?.source ?? RuleSource.safety), base)
        }
        let reasons = present.map(\.1).joined(separator: ", ")
        let disorder = facts.has(.bleedingDisorder) ? " Check clotting studies and plan with the haematologist." : ""
        return (RuleResult("bleeding-risk", .precaution,
                           "\(entry.name) is a \(base.title.lowercased()) procedure; with \(reasons) treat it as \(effective.title.lowercased()).\(disorder)",
                           facts: present.map { "\($0.1.prefix(1).uppercased() + $0.1.dropFirst()) on the latest evaluation" }, source: RuleSource.asraModifiers),
                effective)
    }

    func holds(at risk: BleedingRisk) -> (RuleResult, [Hold]) {
        var holds: [Hold] = []
        var continued: [String] = []
        for medication in facts.medications {
            guard let drug = medication.drug else { continue }
            let daily = medication.dosage.map { $0.strength * $0.unitsPerDose * ($0.dosesPerDay ?? 1) }
            guard let rule = AntithromboticHolds.rule(drugID: drug.id, dailyMilligrams: daily, practiceDays: criteria.holdDays) else { continue }
            var duration = rule.hold(for: risk)
            if drug.id == "dabigatran", facts.has(.kidneyDisease), case .days = duration { duration = .days(6) }
            if duration == .continue {
                continued.append("\(drug.name): continue")
                continue
            }
            let lastDose: CalendarDate? = switch duration {
            case .days(let days): date.adding(days: -(days + 1))
            case .hours(let hours): date.adding(days: -((hours + 23) / 24))
            case .continue, .sharedAssessment: nil
            }
            let restart = rule.restartHours[risk]
            let prescriberCheck = drug.isA(.bleedingSupplement) ? [] : ["Contact the prescriber before stopping"]
            holds.append(Hold(drugID: drug.id, medication: drug.name, duration: duration, lastDoseOn: lastDose, restartAfterHours: restart,
                              restartOn: restart.map { date.adding(days: ($0 + 23) / 24) }, checks: prescriberCheck + rule.checks, note: rule.note,
                              source: rule.source))
        }
        let source = holds.first?.source ?? RuleSource.holds
        guard !holds.isEmpty else {
            return (RuleResult("anticoagulant-holds", .met, "No blood thinner, NSAID or supplement needs stopping for a \(risk.title.lowercased()) procedure.",
                               facts: continued, source: source), [])
        }
        return (RuleResult("anticoagulant-holds", .precaution,
                           "Stop before the procedure, after checking with the prescriber: " + holds.map(\.message).joined(separator: " "),
                           facts: holds.map { "\($0.medication) (active medication)" } + continued, source: source), holds)
    }

    // MARK: Steroid

    func steroid() -> [RuleResult] {
        guard entry.usesSteroid else { return [] }
        var rules: [RuleResult] = []
        if let dose = candidate.steroid {
            let ceiling = dose.steroid.ceiling
            let text = "\(dose.steroid.title) \(Figures.text(dose.milligrams)) mg"
            rules.append(dose.milligrams > ceiling.value
                ? RuleResult("steroid-dose", .notCovered, "\(text) is above the \(Figures.text(ceiling.value)) mg a single injection may carry.", facts: [text], source: ceiling.source)
                : RuleResult("steroid-dose", .met, "\(text) is within the \(Figures.text(ceiling.value)) mg ceiling per injection.", facts: [text], source: ceiling.source))
        }
        let year = before.filter { date.daysSince($0.date) < 365 && ($0.entry?.usesSteroid ?? false) }
        let known = year.compactMap(\.steroidMilligrams).reduce(0, +) + (candidate.steroid?.triamcinoloneEquivalent ?? 0)
        let counted = ["\(year.count) steroid injection\(year.count == 1 ? "" : "s") in the 12 months before, \(year.filter { $0.steroidMilligrams != nil }.count) with a recorded dose"]
        if let ceiling = criteria.value(.steroidYearMilligrams) {
            let total = "\(Figures.text(known.rounded())) mg triamcinolone-equivalent in 12 months with this one"
            rules.append(known > Double(ceiling)
                ? RuleResult("steroid-year", .contraindicated, "\(total): above the practice's ceiling of \(ceiling) mg.", facts: counted, source: criteria.source(.steroidYearMilligrams))
                : RuleResult("steroid-year", .met, "\(total), within the practice's ceiling of \(ceiling) mg.", facts: counted, source: criteria.source(.steroidYearMilligrams)))
        } else if !year.isEmpty {
            rules.append(RuleResult("steroid-year", .advice, "The practice has set no 12-month steroid ceiling; weigh the total exposure.", facts: counted,
                                    source: criteria.source(.steroidYearMilligrams)))
        }
        return rules
    }

    // MARK: Repeats, evidence, psychology

    func repeats() -> [RuleResult] {
        guard entry.purpose != .diagnostic else { return [] }
        let same = inYear { $0.entry?.category == entry.category && $0.entry?.purpose != .diagnostic }
        let limit = criteria[.repeatsWithoutBenefit]
        guard same.count >= limit,
              !same.contains(where: { lasted($0, percent: .esiRepeatReliefPercent, weeks: .esiRepeatReliefWeeks) }) else { return [] }
        return [RuleResult("repeats-without-benefit", .precaution,
                           "\(same.count) \(entry.category.title.lowercased()) in this region in 12 months without lasting benefit: reassess the diagnosis and review the plan with the team before another repeat.",
                           facts: same.map(\.summary), source: RuleSource.dependency)]
    }

    func evidence() -> [RuleResult] {
        let note = entry.evidence
        guard note.strength.isWeak else { return [] }
        return [RuleResult("evidence", note.strength == .noBenefit ? .notIndicated : .precaution, "\(note.strength.title): \(note.text)", source: note.source)]
    }

    func psychology() -> [RuleResult] {
        let threshold = criteria[.psychologyScore]
        let high = [("phq-9", "PHQ-9"), ("gad-7", "GAD-7")].compactMap { id, title in
            facts.scores[id].flatMap { $0.score >= Double(threshold) && $0.on <= date ? "\(title) \(Figures.text($0.score)) on \($0.on)" : nil }
        }
        guard !high.isEmpty, entry.id != "psychotherapy" else { return [] }
        return [RuleResult("psychology-referral", .advice, "Depression or anxiety scores of \(threshold) or more: recommend a psychology referral alongside the plan.",
                           facts: high, source: criteria.source(.psychologyScore))]
    }
}
