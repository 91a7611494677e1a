import Foundation

/// Procedures as US Core Procedures: those done here (from their signed record: the billing codes for the region
/// and levels, the site, the times, what was injected, what happened), those done elsewhere (the catalogue
/// intervention, date, facility and the relief it gave), and the treatments tried before (physical therapy,
/// acupuncture, massage …: the kind, when and for how long, and how well it worked).
public enum FHIRProcedure {
    public static func performed(_ note: ProcedureNote, on date: CalendarDate, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let start = FHIR.moment(date, note.start, timeZone)
        let end = FHIR.moment(date, note.end, timeZone)
        let codes = note.codes.map { FHIRToken.billing($0.code.code) }
        let notes = ["Pain \(note.painBefore)/10 before, \(note.painAfter)/10 after.", note.eventNote, "Discharge: \(note.disposition.title.lowercased())."]
            .filter { !$0.isEmpty }
        return FHIRRecord(.procedure, header, members: [
            ("status", "completed"),
            ("code", FHIR.concept(note.codes.map { FHIR.coding(FHIRToken.billing($0.code.code).system!, $0.code.code, $0.code.label) }
                                  + [FHIR.coding(FHIR.System.intervention, note.intervention, note.site?.intervention.name)], text: note.site?.intervention.name ?? note.intervention)),
            ("performedPeriod", ["start": .string(FHIR.instant(start)), "end": .string(FHIR.instant(max(start, end)))]),
            ("bodySite", note.site.map(FHIRInterventionSite.bodySite)),
            ("complication", .array(note.events.map { FHIR.concept([], text: $0.title) })),
            ("usedCode", .array(note.medications.map { FHIR.concept([], text: $0.label) })),
            ("note", .array(notes.map { ["text": .string($0)] })),
            ("followUp", note.instructions.isEmpty ? nil : [FHIR.concept([], text: note.instructions)]),
        ], tokens: ["code": codes + [FHIRToken(FHIR.System.intervention, note.intervention)], "status": [status("completed")]],
           periods: ["date": FHIRPeriod(start: start, end: max(start, end))])
    }

    public static func elsewhere(_ entry: PriorProcedureEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let state = header.enteredInError ? "entered-in-error" : entry.status
        let billing = entry.site.flatMap { site in site.intervention.billing(for: site.region)?.lines(levels: site.levels.count, side: site.side) } ?? []
        let relief = [entry.peakReliefPercent.map { "\($0) % relief at best" }, entry.reliefWeeks.map { "at least 50 % for \($0) weeks" }].compactMap { $0 }
        return FHIRRecord(.procedure, header, members: [
            ("status", .string(state)),
            ("code", FHIR.concept(billing.map { FHIR.coding(FHIRToken.billing($0.code.code).system!, $0.code.code, $0.code.label) }
                                  + [FHIR.coding(FHIR.System.intervention, entry.intervention, entry.site?.intervention.name)] + FHIR.codings(entry.sourceCodings),
                                  text: entry.site?.intervention.name ?? entry.intervention)),
            ("performedDateTime", FHIR.date(entry.performedOn)),
            ("location", entry.facility.isEmpty ? nil : ["display": .string(entry.facility)]),
            ("bodySite", entry.site.map(FHIRInterventionSite.bodySite)),
            ("outcome", relief.isEmpty ? nil : FHIR.concept([], text: relief.joined(separator: ", "))),
            ("note", FHIR.note(entry.note)),
        ], tokens: ["code": billing.map { FHIRToken.billing($0.code.code) } + [FHIRToken(FHIR.System.intervention, entry.intervention)]
                        + FHIR.tokens(entry.sourceCodings),
                    "status": [status(state)]],
           periods: ["date": .day(entry.performedOn, in: timeZone)])
    }

    public static func treatment(_ entry: PriorTreatmentEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let state = header.enteredInError ? "entered-in-error" : entry.status
        let code = FHIRToken(FHIR.System.treatment, entry.treatmentKind.rawValue)
        let course = [entry.weeks.map { "\($0) weeks" }, entry.sessions.map { "\($0) sessions" }].compactMap { $0 }
        let outcome = [entry.result?.title, entry.reliefPercent.map { "\($0) % relief" }, entry.reliefWeeks.map { "lasting \($0) weeks" }].compactMap { $0 }
        // A course with a start date runs for its weeks; without one only its length is known.
        let end = entry.startDate.flatMap { start in entry.weeks.map { start.adding(days: max($0 * 7 - 1, 0)) } }
        var periods: [String: FHIRPeriod] = [:]
        if let start = entry.startDate { periods["date"] = .days(start, through: end ?? (entry.result == .ongoing ? nil : start), in: timeZone) }
        return FHIRRecord(.procedure, header, members: [
            ("status", .string(state)),
            ("code", FHIR.concept([FHIR.coding(code.system!, code.code, entry.treatmentKind.title)] + FHIR.codings(entry.sourceCodings), text: entry.label)),
            ("performedPeriod", entry.startDate.map { start in FHIR.object([("start", .string(start.description)), ("end", FHIR.date(end))]) }),
            ("performedString", entry.startDate == nil ? .string(course.isEmpty ? beforeThePractice : course.joined(separator: ", ")) : nil),
            ("outcome", outcome.isEmpty ? nil : FHIR.concept(entry.result.map { [FHIR.coding(FHIR.System.treatmentResult, $0.rawValue, $0.title)] } ?? [],
                                                             text: outcome.joined(separator: ", "))),
            ("note", .array(([entry.startDate != nil && !course.isEmpty ? course.joined(separator: ", ") : nil, entry.note.isEmpty ? nil : entry.note]
                .compactMap { $0 }).map { ["text": .string($0)] })),
        ], tokens: ["code": [code] + FHIR.tokens(entry.sourceCodings), "status": [status(state)]], periods: periods)
    }

    /// When a treatment tried without a date or a length was done.
    static let beforeThePractice = "Before coming to the practice"

    private static func status(_ code: String) -> FHIRToken { FHIRToken("http://hl7.org/fhir/event-status", code) }
}

extension FHIRToken {
    /// A billing code: HCPCS when it starts with a letter (G0259), otherwise CPT.
    static func billing(_ code: String) -> FHIRToken {
        FHIRToken(code.first?.isLetter == true ? FHIR.System.hcpcs : FHIR.System.cpt, code)
    }
}

extension InterventionSite {
    /// "Low back (lumbar), L4-L5, L5-S1, left"
    var placeText: String {
        ([region.title] + levels.map(\.description) + [side?.title.lowercased()].compactMap { $0 }).joined(separator: ", ")
    }
}

extension FHIR {
    /// A time of day on a day in a time zone, as an instant.
    static func moment(_ date: CalendarDate, _ time: ClockTime, _ timeZone: TimeZone) -> Date {
        FHIRPeriod.midnight(date, timeZone).addingTimeInterval(Double(time.minutes * 60))
    }
}
