/// Payer criteria (Medicare LCD defaults, REFERENCE §2 and §4) for epidurals, facet procedures and implants, with
/// the numbers the practice may override (`DecisionCriteria`).
extension RuleContext {
    func payer() -> [RuleResult] {
        let isImplant = entry.category == .neuromodulation || entry.category == .intrathecal
        guard Self.isESI(entry.id) || Self.isFacet(entry.id) || isImplant else { return [] }
        let coverage = facts.coverage(on: date)
        if let coverage, coverage.payerKind == .selfPay {
            return [RuleResult("payer-criteria", .advice, "Self-pay: no payer's criteria apply; the cost estimate shows what the patient pays.",
                               facts: [coverage.label], source: RuleSource.payerDefaults)]
        }
        let which = payerCriteria(coverage)
        if Self.isESI(entry.id) { return [which] + epidural() }
        if Self.isFacet(entry.id) { return [which] + facet() }
        return [which] + implant()
    }

    /// Which payer's criteria the rules below compare against, so the reader knows whose numbers they are.
    func payerCriteria(_ coverage: CoverageEntry?) -> RuleResult {
        guard let coverage else {
            return RuleResult("payer-criteria", .advice, "No coverage in force on \(date): checked against the default criteria (Medicare LCDs). Record the insurance to check its own.",
                              facts: ["No coverage recorded for the planned day"], source: RuleSource.payerDefaults)
        }
        guard let own = criteria.payer else {
            return RuleResult("payer-criteria", .advice, "\(coverage.payer) has no criteria of its own recorded: checked against the default criteria (Medicare LCDs).",
                              facts: [coverage.label], source: RuleSource.payerDefaults)
        }
        let changed = Criterion.payerPolicies.compactMap { criterion in own.overrides[criterion].map { "\(criterion.title): \($0)" } }
        return RuleResult("payer-criteria", .advice, "Checked against \(own.payer)'s own criteria where the practice recorded them, the defaults elsewhere.",
                          facts: [coverage.label] + changed, source: own.source)
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
}
