import Foundation

/// Which procedures the practice's outcome report counts: by region, main diagnosis, the physician who did them, and
/// the days they were done (both ends included).
public struct OutcomeFilter: Hashable, Sendable {
    public var region: BodyArea?
    public var condition: String?
    public var provider: UUID?
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// One intervention only (the consent's figures); not a field of the report's form.
    public var intervention: String?

    public init(region: BodyArea? = nil, condition: String? = nil, provider: UUID? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.region = region
        self.condition = condition
        self.provider = provider
        self.from = from
        self.to = to
    }

    /// Reads the query: `region`, `condition` (an ICD-10-CM code of the catalogue), `provider` (an id), `from`, `to`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (OutcomeFilter, [String: String]) {
        var reader = FormReader(fields, today: today)
        var filter = OutcomeFilter()
        filter.region = reader.one("region", BodyArea.self)
        let condition = reader.text("condition", limit: 12)
        if !condition.isEmpty {
            if ConditionCatalogue.condition(condition) == nil { reader.problem("condition", "Choose a diagnosis from the list.") } else { filter.condition = condition }
        }
        let provider = reader.text("provider", limit: 40)
        if !provider.isEmpty {
            if let id = UUID(uuidString: provider) { filter.provider = id } else { reader.problem("provider", "Choose a physician from the list.") }
        }
        filter.from = reader.date("from", what: "The first day", allowFuture: true)
        filter.to = reader.date("to", what: "The last day", allowFuture: true)
        if let from = filter.from, let to = filter.to, to < from { reader.problem("to", "The last day cannot come before the first.") }
        return (filter, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("region", region?.rawValue), ("condition", condition), ("provider", provider?.uuidString), ("from", from?.display), ("to", to?.display)])
        return fields
    }
}
