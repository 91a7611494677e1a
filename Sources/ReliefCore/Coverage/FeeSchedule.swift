/// The practice's allowed amount per CPT code, for cost estimates. Codes come from the intervention catalogue.
public struct FeeSchedule: Hashable, Sendable {
    public var fees: [String: Money]

    public init(_ fees: [String: Money] = [:]) { self.fees = fees }

    /// Every code the catalogue bills, once, with its first label, in code order.
    public static let codes: [BillingCode] = {
        var seen: [String: BillingCode] = [:]
        for billing in InterventionCatalogue.all.flatMap(\.billing) {
            for code in billing.perLevel + billing.once where seen[code.code] == nil { seen[code.code] = code }
        }
        return seen.values.sorted { $0.code < $1.code }
    }()

    public static func field(_ code: String) -> String { "fee-\(code)" }

    /// Reads the fee form: one amount per code, empty for none.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (FeeSchedule?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var fees: [String: Money] = [:]
        for code in codes {
            let text = reader.text(field(code.code), limit: 20)
            guard !text.isEmpty else { continue }
            if let amount = Money(text) { fees[code.code] = amount } else { reader.problem(field(code.code), "Enter an amount in dollars, like 1,250.00.") }
        }
        return reader.problems.isEmpty ? (FeeSchedule(fees), [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set(fees.map { (Self.field($0.key), $0.value.plain) })
        return fields
    }
}
