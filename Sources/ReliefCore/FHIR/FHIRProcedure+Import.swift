import Foundation

extension FHIRProcedure {
    /// What an imported Procedure becomes on the chart.
    public enum Imported: Sendable {
        /// One of the catalogue's interventions, done elsewhere: the rules on repeats read it.
        case done(PriorProcedureEntry)
        /// A treatment tried, or any other procedure, in the treatments-tried history.
        case tried(PriorTreatmentEntry)
        case notKept(String)
    }

    /// A procedure done or under way, read as the history Relief keeps: a catalogue intervention (Relief's id, or a
    /// CPT code the catalogue bills) on its day becomes a procedure done elsewhere, at the site `bodySite` gives; a
    /// kind of treatment Relief codes becomes that treatment; anything else an "other procedure" among the treatments
    /// tried, with its words and the sender's codes kept. What Relief writes reads back equal, the relief it gave too.
    public static func importing(_ reader: inout FHIRResourceReader) -> Imported {
        guard let status = reader.string("status") else {
            reader.issue("status", "Give the procedure's status.")
            return .notKept("")
        }
        guard ["completed", "in-progress", "stopped"].contains(status) else {
            return .notKept("Only a procedure done or under way is history; this one is \(status).")
        }
        let codeElement = reader.element("code")
        guard let code = reader.concept(codeElement, at: "code"), let label = code.label ?? code.codings.lazy.compactMap(\.code).first else {
            reader.issue("code", "Say what the procedure was.")
            return .notKept("")
        }
        let period = reader.element("performedPeriod")?.object
        let start = reader.date(reader.element("performedDateTime") ?? period?["start"], at: period == nil ? "performedDateTime" : "performedPeriod.start")
        let end = period?["end"].flatMap { reader.date($0, at: "performedPeriod.end") }
        let course = reader.string("performedString")
        let facility = reader.element("location")?.object?["display"]?.string ?? ""
        let outcome = reader.concept("outcome")
        var notes = reader.notes("note")
        let sites = FHIRInterventionSite.sites(code: codeElement?.object, bodySite: reader.element("bodySite")?.array ?? []).filter(\.intervention.isProcedure)
        reader.unread()

        if code.code(in: FHIR.System.treatment) == nil, let site = sites.first, let start {
            if sites.count > 1 {
                reader.warn("code", "\(label) is billed for \(sites.map(\.intervention.name).joined(separator: " and ")); it was kept as the first: check it.")
            }
            let relief = Phrases(outcome?.text)
            var entry = PriorProcedureEntry(intervention: site.intervention.id, region: site.region, levels: site.levels, side: site.side, performedOn: start,
                                            facility: facility, peakReliefPercent: relief.percent(" % relief at best"),
                                            reliefWeeks: relief.count(after: "at least 50 % for ", "weeks"), note: notes.joined(separator: "\n\n"))
            entry.sourceCodings = code.sourceCodings(besides: [FHIR.System.intervention, FHIR.System.cpt, FHIR.System.hcpcs])
            return .done(entry)
        }

        let kind = code.code(in: FHIR.System.treatment).flatMap(PriorTreatmentKind.init) ?? .otherProcedure
        // Relief writes "Kind: detail" as the text and the course ("12 weeks, 10 sessions") as the first note when dated.
        let detail = label == kind.title ? "" : label.hasPrefix("\(kind.title): ") ? String(label.dropFirst(kind.title.count + 2)) : label
        let length = Phrases(start == nil ? course : notes.first)
        if start != nil, length.isCourse { notes.removeFirst() }
        if start == nil, let course, !length.isCourse, course != beforeThePractice { notes.append(course) }
        let days = start.flatMap { start in end.map { $0.daysSince(start) + 1 } }
        let relief = Phrases(outcome?.text)
        var entry = PriorTreatmentEntry(kind: kind, detail: detail, startDate: start,
                                        weeks: days.flatMap { $0 >= 7 ? $0 / 7 : nil } ?? length.count(after: "", "weeks"),
                                        sessions: length.count(after: "", "sessions"), reliefPercent: relief.percent(" % relief"),
                                        reliefWeeks: relief.count(after: "lasting ", "weeks"),
                                        result: status == "in-progress" ? .ongoing : outcome?.code(in: FHIR.System.treatmentResult).flatMap(TreatmentResult.init),
                                        note: notes.joined(separator: "\n\n"))
        entry.sourceCodings = code.sourceCodings(besides: [FHIR.System.treatment])
        return .tried(entry)
    }

    /// The parts of the words Relief writes for an outcome or a course ("40 % relief, lasting 6 weeks"; "12 weeks,
    /// 10 sessions"), read back.
    private struct Phrases {
        let parts: [String]

        init(_ text: String?) { parts = (text ?? "").components(separatedBy: ", ") }

        func count(after prefix: String, _ unit: String) -> Int? {
            parts.lazy.compactMap { part in
                guard part.hasPrefix(prefix), part.hasSuffix(" \(unit)") else { return nil }
                return Int(part.dropFirst(prefix.count).dropLast(unit.count + 1))
            }.first
        }

        func percent(_ suffix: String) -> Int? {
            parts.lazy.compactMap { $0.hasSuffix(suffix) ? Int($0.dropLast(suffix.count)) : nil }.first
        }

        /// Every part a length: "12 weeks", "10 sessions".
        var isCourse: Bool {
            parts.allSatisfy { part in ["weeks", "sessions"].contains { unit in part.hasSuffix(" \(unit)") && Int(part.dropLast(unit.count + 1)) != nil } }
        }
    }
}
