/// FHIR Coverage.type, as the front desk sorts insurance.
public enum PayerKind: String, Coded, Codable {
    case medicare, medicareAdvantage = "medicare-advantage", medicaid, commercial
    case workersCompensation = "workers-compensation"
    case autoInsurance = "auto-insurance"
    case selfPay = "self-pay"

    public var title: String {
        switch self {
        case .medicare: "Medicare"
        case .medicareAdvantage: "Medicare Advantage"
        case .medicaid: "Medicaid"
        case .commercial: "Commercial insurance"
        case .workersCompensation: "Workers' compensation"
        case .autoInsurance: "Auto insurance"
        case .selfPay: "Self-pay (no insurance)"
        }
    }
}

/// FHIR Coverage.relationship: the patient's relation to the subscriber.
public enum SubscriberRelationship: String, Coded, Codable {
    case `self`, spouse, child, other

    public var title: String { self == .`self` ? "The patient (self)" : rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// FHIR Coverage.order.
public enum CoveragePriority: String, Coded, Codable {
    case primary, secondary, tertiary

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum CoverageStatus: String, Coded, Codable {
    case active, inactive

    public var title: String { self == .active ? "Active" : "Ended or not in force" }
}

/// A patient's insurance (FHIR Coverage) with the latest benefits check (FHIR CoverageEligibilityResponse): who
/// checked, when, and what the year's deductible, coinsurance, copay and out-of-pocket maximum leave.
public struct CoverageEntry: ChartEntryContent {
    public static let kind = ChartEntryKind.coverage

    public var payerKind: PayerKind
    public var payer: String
    public var plan: String
    public var memberID: String
    public var groupID: String
    /// Empty when the patient is the subscriber.
    public var subscriber: String
    public var relationship: SubscriberRelationship
    public var startOn: CalendarDate?
    public var endOn: CalendarDate?
    public var priority: CoveragePriority
    public var coverageStatus: CoverageStatus
    public var checkedOn: CalendarDate?
    public var checkedBy: String
    public var deductible: Money?
    public var deductibleRemaining: Money?
    public var coinsurancePercent: Int?
    public var copay: Money?
    public var outOfPocketMax: Money?
    public var outOfPocketRemaining: Money?
    public var note: String

    public init(payerKind: PayerKind, payer: String, plan: String = "", memberID: String = "", groupID: String = "", subscriber: String = "",
                relationship: SubscriberRelationship = .`self`, startOn: CalendarDate? = nil, endOn: CalendarDate? = nil,
                priority: CoveragePriority = .primary, status: CoverageStatus = .active, note: String = "") {
        self.payerKind = payerKind
        self.payer = payer
        self.plan = plan
        self.memberID = memberID
        self.groupID = groupID
        self.subscriber = subscriber
        self.relationship = relationship
        self.startOn = startOn
        self.endOn = endOn
        self.priority = priority
        coverageStatus = status
        checkedBy = ""
        self.note = note
    }

    public var code: String { payerKind.rawValue }
    public var status: String { coverageStatus.rawValue }
    public var isCurrent: Bool { coverageStatus == .active }
    public var label: String { "\(payer)\(plan.isEmpty ? "" : " \(plan)") (\(priority.title.lowercased()))" }

    /// The benefits the cost estimate uses, once a check recorded them; self-pay has none.
    public var benefits: Benefits? {
        guard payerKind != .selfPay, checkedOn != nil else { return nil }
        return Benefits(deductibleRemaining: deductibleRemaining ?? .zero, coinsurancePercent: coinsurancePercent ?? 0, copay: copay ?? .zero,
                        outOfPocketRemaining: outOfPocketRemaining)
    }

    public static let moneyFields = ["deductible", "deductibleRemaining", "copay", "outOfPocketMax", "outOfPocketRemaining"]

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: CoverageEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("payerKind", PayerKind.self, required: "Choose the kind of coverage.")
        var entry = CoverageEntry(payerKind: kind ?? .commercial, payer: reader.text("payer", limit: 120, required: "Name the payer."))
        entry.plan = reader.text("plan", limit: 120)
        entry.memberID = reader.text("memberID", limit: 40, required: kind == .selfPay ? nil : "Enter the member id from the card.")
        entry.groupID = reader.text("groupID", limit: 40)
        entry.subscriber = reader.text("subscriber", limit: 120)
        entry.relationship = reader.one("relationship", SubscriberRelationship.self) ?? .`self`
        if entry.relationship != .`self`, entry.subscriber.isEmpty { reader.problem("subscriber", "Name the subscriber the patient is covered through.") }
        entry.startOn = reader.date("startOn", what: "The start date", allowFuture: true)
        entry.endOn = reader.date("endOn", what: "The end date", allowFuture: true)
        if let start = entry.startOn, let end = entry.endOn, end < start { reader.problem("endOn", "The coverage cannot end before it starts.") }
        entry.priority = reader.one("priority", CoveragePriority.self) ?? .primary
        entry.coverageStatus = reader.one("status", CoverageStatus.self, required: "Choose whether it is in force.") ?? .active
        entry.checkedOn = reader.date("checkedOn", what: "The date of the benefits check")
        entry.checkedBy = reader.text("checkedBy", limit: 120)
        var amounts: [String: Money] = [:]
        for name in moneyFields where !fields[name].isEmpty {
            if let amount = Money(fields[name]) { amounts[name] = amount } else { reader.problem(name, "Enter an amount in dollars, like 1,250.00.") }
        }
        (entry.deductible, entry.deductibleRemaining, entry.copay) = (amounts["deductible"], amounts["deductibleRemaining"], amounts["copay"])
        (entry.outOfPocketMax, entry.outOfPocketRemaining) = (amounts["outOfPocketMax"], amounts["outOfPocketRemaining"])
        if let total = entry.deductible, let left = entry.deductibleRemaining, left > total {
            reader.problem("deductibleRemaining", "More cannot remain than the whole deductible.")
        }
        if let total = entry.outOfPocketMax, let left = entry.outOfPocketRemaining, left > total {
            reader.problem("outOfPocketRemaining", "More cannot remain than the whole out-of-pocket maximum.")
        }
        entry.coinsurancePercent = reader.integer("coinsurancePercent", in: 0...100)
        let benefitsGiven = !amounts.isEmpty || entry.coinsurancePercent != nil
        if benefitsGiven, entry.checkedOn == nil { reader.problem("checkedOn", "Enter when the benefits were checked.") }
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    /// One active coverage at each priority.
    public func problems(alongside others: [CoverageEntry]) -> [String: String] {
        guard isCurrent, others.contains(where: { $0.isCurrent && $0.priority == priority }) else { return [:] }
        return ["priority": "Another active coverage is \(priority.title.lowercased()): end it or choose another order."]
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("payerKind", payerKind.rawValue), ("payer", payer), ("plan", plan), ("memberID", memberID), ("groupID", groupID),
            ("subscriber", subscriber), ("relationship", relationship.rawValue), ("startOn", startOn?.display), ("endOn", endOn?.display),
            ("priority", priority.rawValue), ("status", coverageStatus.rawValue), ("checkedOn", checkedOn?.display), ("checkedBy", checkedBy),
            ("deductible", deductible?.plain), ("deductibleRemaining", deductibleRemaining?.plain), ("coinsurancePercent", coinsurancePercent.map(String.init)),
            ("copay", copay?.plain), ("outOfPocketMax", outOfPocketMax?.plain), ("outOfPocketRemaining", outOfPocketRemaining?.plain), ("note", note),
        ])
        return fields
    }
}
