public enum AuthorizationStatus: String, Coded, Codable {
    case requested, approved, denied, expired

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A payer's prior authorisation for a planned procedure (FHIR ClaimResponse with `use` = preauthorization): the
/// reference, the codes and units approved, and the dates it is valid.
public struct PriorAuthorizationEntry: ChartEntryContent {
    public static let kind = ChartEntryKind.priorAuthorization

    public var payer: String
    public var reference: String
    public var authorizationStatus: AuthorizationStatus
    /// The catalogue procedure it is for, when named.
    public var intervention: String?
    public var codes: [String]
    public var units: Int?
    public var requestedOn: CalendarDate?
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?
    public var note: String

    public init(payer: String, reference: String = "", status: AuthorizationStatus, intervention: String? = nil, codes: [String] = [],
                units: Int? = nil, requestedOn: CalendarDate? = nil, validFrom: CalendarDate? = nil, validUntil: CalendarDate? = nil, note: String = "") {
        self.payer = payer
        self.reference = reference
        authorizationStatus = status
        self.intervention = intervention
        self.codes = codes
        self.units = units
        self.requestedOn = requestedOn
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.note = note
    }

    public var code: String { intervention ?? codes.first ?? "authorization" }
    public var status: String { authorizationStatus.rawValue }
    /// Requested or approved: still something to act on.
    public var isCurrent: Bool { authorizationStatus == .requested || authorizationStatus == .approved }

    public var label: String {
        let what = intervention.flatMap(InterventionCatalogue.intervention)?.name ?? codes.joined(separator: ", ")
        return "\(payer): \(what.isEmpty ? "authorisation" : what)\(reference.isEmpty ? "" : " (\(reference))")"
    }

    /// Days before the end of an approval when the front desk is warned.
    public static let warningDays = 14

    /// What needs doing about it on `today`, with `used` units already performed: nil when nothing.
    public func warning(today: CalendarDate, used: Int = 0) -> String? {
        guard authorizationStatus == .approved else { return nil }
        if let until = validUntil, until < today { return "Expired on \(until.display): request a new authorisation." }
        if let units, used >= units { return "All \(units) approved units are used: request more before the next session." }
        if let until = validUntil, until.daysSince(today) <= Self.warningDays { return "Expires on \(until.display)." }
        return nil
    }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: PriorAuthorizationEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let payer = reader.text("payer", limit: 120, required: "Name the payer.")
        let status = reader.one("status", AuthorizationStatus.self, required: "Choose the status.")
        var entry = PriorAuthorizationEntry(payer: payer, status: status ?? .requested)
        entry.reference = reader.text("reference", limit: 60, required: status == .approved ? "Enter the payer's authorisation number." : nil)
        let id = reader.text("intervention", limit: 60)
        if !id.isEmpty {
            if let procedure = InterventionCatalogue.intervention(id), procedure.isProcedure { entry.intervention = id } else {
                reader.problem("intervention", "Choose a procedure from the catalogue.")
            }
        }
        let codeText = reader.text("codes", limit: 120)
        entry.codes = codeText.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.uppercased() }
        if let bad = entry.codes.first(where: { $0.wholeMatch(of: /[0-9]{5}|G[0-9]{4}/) == nil }) {
            reader.problem("codes", "“\(bad.prefix(10))” is not a CPT or HCPCS code: write codes like 64483, 64484.")
        }
        entry.units = reader.integer("units", in: 1...99)
        entry.requestedOn = reader.date("requestedOn", what: "The request date")
        entry.validFrom = reader.date("validFrom", what: "The start date", allowFuture: true)
        entry.validUntil = reader.date("validUntil", what: "The end date", allowFuture: true)
        if let from = entry.validFrom, let until = entry.validUntil, until < from { reader.problem("validUntil", "It cannot end before it starts.") }
        if status == .approved, entry.validUntil == nil { reader.problem("validUntil", "Enter the date the approval ends.") }
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("payer", payer), ("reference", reference), ("status", authorizationStatus.rawValue), ("intervention", intervention),
            ("codes", codes.joined(separator: ", ")), ("units", units.map(String.init)), ("requestedOn", requestedOn?.display),
            ("validFrom", validFrom?.display), ("validUntil", validUntil?.display), ("note", note),
        ])
        return fields
    }
}
