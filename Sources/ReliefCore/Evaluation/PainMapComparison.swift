/// Two pain maps of one patient side by side: each half-region marked on either date, with its intensity then and
/// now, so the chart can say where pain spread, eased or went.
public struct PainMapComparison: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public let label: String
        public let before: Int?
        public let after: Int?

        public var change: String {
            switch (before, after) {
            case (nil, _?): "new"
            case (_?, nil): "gone"
            case let (before?, after?) where after < before: "eased by \(before - after)"
            case let (before?, after?) where after > before: "worse by \(after - before)"
            default: "unchanged"
            }
        }
    }

    public let rows: [Row]
    public let summary: String

    public init(before: [PainMark], after: [PainMark]) {
        let earlier = Dictionary(uniqueKeysWithValues: before.map { ($0.code, $0) })
        let later = Dictionary(uniqueKeysWithValues: after.map { ($0.code, $0) })
        let marks = (before + after).sorted()
        var seen = Set<String>()
        rows = marks.filter { seen.insert($0.code).inserted }.map { mark in
            Row(label: mark.label, before: earlier[mark.code]?.intensity, after: later[mark.code]?.intensity)
        }
        let highest = { (marks: [PainMark]) in marks.map(\.intensity).max().map { "\($0)/10" } ?? "none" }
        summary = "Regions marked: \(before.count) → \(after.count); highest intensity: \(highest(before)) → \(highest(after))."
    }
}
