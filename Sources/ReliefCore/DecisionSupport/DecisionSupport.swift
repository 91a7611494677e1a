/// The sources the rules cite beyond the catalogue and the criteria.
private enum RuleSource {
    static let redFlags = ClinicalSource("PRACTICE.md journey step 2: rule out other conditions before treatment", .secondary)
    static let safety = ClinicalSource("Relief's default safety rule; not in REFERENCE.md, verify", .unconfirmed)
    static let pregnancy = ClinicalSource("REFERENCE §2 ESI LCD: ultrasound instead of fluoroscopy in pregnancy [S8]", .secondary)
    static let asraModifiers = ClinicalSource("REFERENCE §1a ASRA 2018 patient modifiers [S1]", .primary)
    static let holds = ClinicalSource("REFERENCE §1b ASRA 2018 hold and restart times [S3]", .primary)
    static let dependency = ClinicalSource("PRACTICE.md “Risks”: dependency on repeated interventions", .secondary)
    static let implantScreening = ClinicalSource("REFERENCE §4 NCD 160.7: psychological and physical evaluation before implants [S16]", .primary)
    static let conservative = ClinicalSource("REFERENCE §4 NCD 160.7: stimulation after other treatments fail [S16]", .primary)
    static let imaging = ClinicalSource("REFERENCE §2 ESI LCD: exam and matching imaging must agree [S8]", .secondary)
}

/// Decision support for one candidate on its planned day: pure and deterministic, every rule explaining itself with
/// the facts it used and its source. It advises; the clinician decides.
public enum DecisionSupport {
    public static func decide(_ candidate: Candidate, for facts: PatientFacts, criteria: DecisionCriteria = DecisionCriteria()) -> Decision {
        let context = Context(candidate: candidate, facts: facts, criteria: criteria)
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
        let decisions = InterventionCatalogue.candidates(for: kinds, in: areas.union(areas.flatMap(Context.neighbours))).compactMap { entry -> Decision? in
            let region = conditions.first { !Set(PainKind.of($0.code)).isDisjoint(with: entry.indications) && entry.regions.contains($0.area) }?.area
                ?? entry.regions.first { areas.contains($0) } ?? entry.regions.first
            return region.map { decide(Candidate(InterventionSite(intervention: entry, region: $0), on: date), for: facts, criteria: criteria) }
        }
        return decisions.enumerated().sorted { ($0.element.verdict.rank, $0.offset) < ($1.element.verdict.rank, $1.offset) }.map(\.element)
    }
}

/// The rules, reading one candidate against one patient's facts.
private struct Context {
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
            guard let rule = AntithromboticHolds.rule(drugID: drug.id, dailyMilligrams: daily) else { continue }
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

    // MARK: Payer criteria

    func payer() -> [RuleResult] {
        if Self.isESI(entry.id) { return epidural() }
        if Self.isFacet(entry.id) { return facet() }
        if entry.category == .neuromodulation || entry.category == .intrathecal { return implant() }
        return []
    }

    var painWeeks: (weeks: Int, fact: String)? {
        let onsets = [facts.painSince?.latest].compactMap { $0 } + facts.diagnoses.compactMap(\.onsetDate)
        guard let onset = onsets.min() else { return nil }
        return (date.daysSince(onset) / 7, "Pain since \(facts.painSince.map(\.description) ?? onset.description)")
    }

    func duration(_ id: String, _ criterion: Criterion, _ what: String) -> RuleResult {
        let needed = criteria[criterion]
        guard let (weeks, fact) = painWeeks else {
            return RuleResult(id, .missing, "Record when the pain began: the payer asks for \(what) of at least \(needed) weeks.", facts: ["No onset recorded"],
                              source: criteria.source(criterion))
        }
        return weeks >= needed
            ? RuleResult(id, .met, "\(weeks) weeks of \(what) (at least \(needed) needed).", facts: [fact], source: criteria.source(criterion))
            : RuleResult(id, .missing, "\(weeks) weeks of \(what); the payer asks for at least \(needed).", facts: [fact], source: criteria.source(criterion))
    }

    func conservativeCare(_ id: String, weeks criterion: Criterion?, source: ClinicalSource) -> RuleResult {
        let care = facts.conservativeCare
        let fact = care.kinds.isEmpty ? "No failed conservative care recorded"
            : "Failed conservative care: \(care.kinds.map { $0.title.lowercased() }.joined(separator: ", ")); longest \(care.failedWeeks) weeks"
        guard let criterion else {
            return care.kinds.isEmpty
                ? RuleResult(id, .missing, "Record the conservative care tried and failed (physical therapy, medication, …).", facts: [fact], source: source)
                : RuleResult(id, .met, "Conservative care was tried and failed.", facts: [fact], source: source)
        }
        let needed = criteria[criterion]
        return care.failedWeeks >= needed
            ? RuleResult(id, .met, "\(care.failedWeeks) weeks of failed conservative care (at least \(needed) needed).", facts: [fact], source: criteria.source(criterion))
            : RuleResult(id, .missing, "\(care.failedWeeks) weeks of failed conservative care recorded; the payer asks for at least \(needed).",
                         facts: [fact], source: criteria.source(criterion))
    }

    func frequency(_ id: String, _ criterion: Criterion, _ what: String, _ filter: (ProcedureFact) -> Bool) -> RuleResult {
        let limit = criteria[criterion]
        let done = inYear(filter)
        let facts = done.map(\.summary)
        return done.count + 1 <= limit
            ? RuleResult(id, .met, "This would be \(what) \(done.count + 1) of at most \(limit) in this region in 12 months.", facts: facts, source: criteria.source(criterion))
            : RuleResult(id, .notCovered, "\(done.count) \(what)s in this region in the 12 months before \(date): at most \(limit) are covered.",
                         facts: facts, source: criteria.source(criterion))
    }

    func lasted(_ fact: ProcedureFact, percent: Criterion, weeks: Criterion) -> Bool {
        (fact.peakReliefPercent ?? 0) >= criteria[percent] && (fact.reliefWeeks ?? 0) >= criteria[weeks]
    }

    func epidural() -> [RuleResult] {
        var rules = [duration("esi-duration", .esiPainWeeks, "radicular pain"),
                     conservativeCare("esi-conservative-care", weeks: .esiConservativeWeeks, source: criteria.source(.esiConservativeWeeks)),
                     imaging(),
                     frequency("esi-frequency", .esiSessionsPerYear, "epidural session", { Self.isESI($0.intervention) })]
        if let last = before.first(where: { Self.isESI($0.intervention) && $0.region == region }) {
            let percent = criteria[.esiRepeatReliefPercent], weeks = criteria[.esiRepeatReliefWeeks]
            let source = criteria.source(.esiRepeatReliefWeeks)
            if lasted(last, percent: .esiRepeatReliefPercent, weeks: .esiRepeatReliefWeeks) {
                rules.append(RuleResult("esi-repeat", .met, "The last injection gave at least \(percent) % relief for at least \(weeks) weeks.", facts: [last.summary], source: source))
            } else if (last.peakReliefPercent ?? 0) < percent {
                let changed = last.intervention != entry.id || last.levels != candidate.site.levels
                let days = date.daysSince(last.date), wait = criteria[.esiFailedRepeatDays]
                rules.append(changed && days >= wait
                    ? RuleResult("esi-repeat", .met, "The last injection failed; a different approach or level after \(days) days is covered.", facts: [last.summary], source: source)
                    : RuleResult("esi-repeat", .notCovered, "The last injection failed (under \(percent) %): a repeat needs a different approach, level or drug, at least \(wait) days later.",
                                 facts: [last.summary], source: source))
            } else {
                rules.append(RuleResult("esi-repeat", .notCovered, "A repeat needs at least \(percent) % relief lasting \(weeks) weeks after the last injection.",
                                        facts: [last.summary], source: source))
            }
        }
        let levels = candidate.site.levels.count
        let maximum = entry.id.contains("transforaminal") || entry.id == "selective-nerve-root-block" ? criteria[.esiTransforaminalLevels] : 1
        if levels > maximum {
            rules.append(RuleResult("esi-levels", .notCovered, "\(levels) levels in one session; at most \(maximum) \(maximum == 1 ? "is" : "are") covered for this approach.",
                                    facts: candidate.site.levels.map(\.description), source: criteria.source(.esiTransforaminalLevels)))
        }
        return rules
    }

    /// Imaging that matches the planned region (and levels and side, when both name them).
    func imaging() -> RuleResult {
        let source = RuleSource.imaging
        let relevant: Set<FindingKind> = [.discHerniation, .discBulge, .stenosis, .nerveCompression, .spondylolisthesis]
        var seen: [String] = []
        for study in facts.imaging.sorted(by: { $0.resultedOn > $1.resultedOn }) where study.resultedOn <= date {
            for finding in study.findings where relevant.contains(finding.kind) {
                let level = finding.level.flatMap { ProcedureLevel($0.rawValue) }
                guard level.map(region.contains) ?? (study.region == region) else { continue }
                let text = "\(study.test.title) \(study.resultedOn): \(finding.label)"
                seen.append(text)
                let levelMatches = level == nil || candidate.site.levels.isEmpty || candidate.site.levels.contains(level!)
                let side = finding.side ?? study.side
                let sideMatches = side == nil || candidate.site.side == nil || side == candidate.site.side || side == .bilateral || candidate.site.side == .bilateral
                if levelMatches && sideMatches {
                    return RuleResult("esi-imaging", .met, "Imaging matches: \(finding.label).", facts: [text], source: source)
                }
            }
        }
        return RuleResult("esi-imaging", .missing,
                          seen.isEmpty ? "No resulted imaging shows a disc or stenosis finding in this region: the payer asks for matching imaging."
                              : "Imaging shows findings elsewhere than the planned levels or side: match them, or record why.",
                          facts: seen.isEmpty ? ["No matching finding"] : seen, source: source)
    }

    func facet() -> [RuleResult] {
        let source = criteria.source(.facetPainWeeks)
        var rules = [duration("facet-duration", .facetPainWeeks, "axial pain"),
                     conservativeCare("facet-conservative-care", weeks: nil, source: source), functionScale(source)]
        let radicular = facts.diagnoses.compactMap(\.condition).filter { condition in
            PainKind.of(condition.code).contains(.radicular) && ([region] + Self.neighbours(region)).contains(condition.area)
        }
        if !radicular.isEmpty {
            rules.append(RuleResult("facet-radiculopathy", .missing, "Radicular pain on the problem list: the payer covers facet procedures when radiculopathy is treated or ruled out; record which.",
                                    facts: radicular.map { "\($0.code) \($0.label)" }, source: source))
        }
        let percent = criteria[.facetBlockReliefPercent]
        let blocks = before.filter { Self.isMedialBranchBlock($0.intervention) && $0.region == region }
        let lastAblation = before.first { Self.isFacetAblation($0.intervention) && $0.region == region }
        if Self.isMedialBranchBlock(entry.id) {
            rules.append(frequency("facet-frequency", .facetDiagnosticPerYear, "diagnostic block", { Self.isMedialBranchBlock($0.intervention) }))
            if let last = blocks.first, date.daysSince(last.date) < 365, lastAblation.map({ $0.date < last.date }) ?? true {
                rules.append((last.peakReliefPercent ?? 0) >= percent
                    ? RuleResult("facet-second-block", .met, "A confirming second block after \(last.peakReliefPercent ?? 0) % relief from the first.", facts: [last.summary], source: criteria.source(.facetBlockReliefPercent))
                    : RuleResult("facet-second-block", .notCovered, "A second block is covered only after at least \(percent) % relief from the first.", facts: [last.summary], source: criteria.source(.facetBlockReliefPercent)))
            }
        } else {
            let since = lastAblation.flatMap { date.daysSince($0.date) / 7 >= criteria[.facetBlocksValidWeeks] ? $0.date : nil }
            let good = blocks.filter { block in (block.peakReliefPercent ?? 0) >= percent && since.map { block.date > $0 } ?? true }
            let blockFacts = blocks.prefix(4).map(\.summary)
            rules.append(good.count >= 2
                ? RuleResult("facet-diagnostic-blocks", .met, "Two diagnostic blocks each gave at least \(percent) % relief.", facts: good.prefix(2).map(\.summary), source: criteria.source(.facetBlockReliefPercent))
                : RuleResult("facet-diagnostic-blocks", .missing,
                             "\(good.count) of the 2 diagnostic blocks with at least \(percent) % relief the payer asks for\(since == nil ? "" : " since the last ablation over two years ago").",
                             facts: blockFacts.isEmpty ? ["No medial branch block recorded in this region"] : blockFacts, source: criteria.source(.facetBlockReliefPercent)))
            if Self.isFacetAblation(entry.id) {
                rules.append(frequency("facet-frequency", .facetAblationPerYear, "ablation", { Self.isFacetAblation($0.intervention) }))
                if let last = lastAblation, since == nil {
                    rules.append(repeatRule("facet-repeat", last, .facetAblationRepeatWeeks, "ablation"))
                }
            } else {
                rules.append(frequency("facet-frequency", .facetTherapeuticPerYear, "therapeutic injection", { Self.isFacetInjection($0.intervention) }))
                if let last = before.first(where: { Self.isFacetInjection($0.intervention) && $0.region == region }) {
                    rules.append(repeatRule("facet-repeat", last, .facetTherapeuticRepeatWeeks, "injection"))
                }
            }
        }
        let levels = candidate.site.levels.count, maximum = criteria[.facetLevels]
        if levels > maximum {
            rules.append(RuleResult("facet-levels", .notCovered, "\(levels) levels in one session; at most \(maximum) are covered (a third level is not).",
                                    facts: candidate.site.levels.map(\.description), source: criteria.source(.facetLevels)))
        }
        return rules
    }

    func repeatRule(_ id: String, _ last: ProcedureFact, _ weeks: Criterion, _ what: String) -> RuleResult {
        let percent = criteria[.facetRepeatReliefPercent], needed = criteria[weeks]
        return lasted(last, percent: .facetRepeatReliefPercent, weeks: weeks)
            ? RuleResult(id, .met, "The last \(what) gave at least \(percent) % relief for at least \(needed) weeks.", facts: [last.summary], source: criteria.source(weeks))
            : RuleResult(id, .notCovered, "A repeat \(what) needs at least \(percent) % relief lasting \(needed) weeks after the last one.", facts: [last.summary],
                         source: criteria.source(weeks))
    }

    func functionScale(_ source: ClinicalSource) -> RuleResult {
        let scales = ["odi", "ndi", "peg"].compactMap { id in facts.scores[id].flatMap { $0.on <= date ? (id, $0) : nil } }
        guard let (id, score) = scales.max(by: { $0.1.on < $1.1.on }) else {
            return RuleResult("facet-function-scale", .missing, "Record the functional deficit on a named scale (ODI, NDI or PEG) before the procedure.",
                              facts: ["No ODI, NDI or PEG recorded"], source: source)
        }
        let title = QuestionnaireCatalogue.definition(id)?.title ?? id
        return RuleResult("facet-function-scale", .met, "The functional deficit is recorded on a named scale.",
                          facts: ["\(title): \(Figures.text(score.score)) on \(score.on)"], source: source)
    }

    func implant() -> [RuleResult] {
        var rules: [RuleResult] = []
        if entry.id != "intrathecal-pump-refill" {
            rules.append(facts.psychologicalEvaluationOn.map { on in
                RuleResult("implant-psychology", .met, "Psychological evaluation done.", facts: ["Psychological evaluation resulted \(on)"], source: RuleSource.implantScreening)
            } ?? RuleResult("implant-psychology", .missing, "A psychological evaluation is required before an implant or its trial.",
                            facts: ["No psychological evaluation resulted"], source: RuleSource.implantScreening))
            rules.append(conservativeCare("implant-conservative-care", weeks: nil, source: RuleSource.conservative))
        }
        if let prerequisite = entry.prerequisite.flatMap(InterventionCatalogue.intervention) {
            let done = before.filter { $0.intervention == prerequisite.id }
            let isTrial = prerequisite.purpose == .diagnostic
            let percent = criteria[.trialReliefPercent]
            let passed = done.first { !isTrial || ($0.peakReliefPercent ?? 0) >= percent }
            let source = isTrial ? criteria.source(.trialReliefPercent) : RuleSource.implantScreening
            rules.append(passed.map { RuleResult("implant-prerequisite", .met, isTrial ? "The trial gave at least \(percent) % relief." : "\(prerequisite.name) is on record.",
                                                 facts: [$0.summary], source: source) }
                ?? RuleResult("implant-prerequisite", .missing,
                              isTrial ? "A \(prerequisite.name.lowercased()) with at least \(percent) % relief comes before the implant." : "\(prerequisite.name) is not on record.",
                              facts: done.isEmpty ? ["No \(prerequisite.name.lowercased()) recorded"] : done.map(\.summary), source: source))
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
