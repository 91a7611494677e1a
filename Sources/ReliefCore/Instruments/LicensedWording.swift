import Foundation

/// The wording of a licensed instrument as a practice imports it (`relief instruments import FILE`).
/// Relief checks it against the scoring it ships, so imported text can never change how a score is computed.
///
/// ```json
/// {"instrument": "odi", "title": "…", "instructions": "…", "copyright": "…",
///  "items": [{"linkId": "odi-1", "text": "…", "options": [{"value": 0, "text": "…"}, …]}, …]}
/// ```
public struct LicensedWording: Codable, Hashable, Sendable {
    public var instrument: String
    public var title: String?
    public var instructions: String?
    public var copyright: String
    public var items: [Item]

    public struct Item: Codable, Hashable, Sendable {
        public var linkId: String
        public var text: String
        public var options: [Option]
    }

    public struct Option: Codable, Hashable, Sendable {
        public var value: Int
        public var text: String
    }

    public enum Problem: Error, Hashable, CustomStringConvertible, Sendable {
        case unreadable(String)
        case unknownInstrument(String)
        case wordingShipped(String)
        case missingCopyright
        case itemMismatch(missing: [String], unexpected: [String])
        case emptyText(String)
        case optionMismatch(linkId: String, expected: [Int], found: [Int])

        public var description: String {
            switch self {
            case .unreadable(let reason): "The file is not valid wording JSON: \(reason)"
            case .unknownInstrument(let id): "Relief has no scoring for an instrument called \"\(id)\"."
            case .wordingShipped(let id): "\"\(id)\" already ships with its wording; only licensed instruments are imported."
            case .missingCopyright: "The copyright notice is missing; the licence requires it to be shown."
            case .itemMismatch(let missing, let unexpected):
                "The items do not match Relief's scoring (same linkIds, same order)."
                    + (missing.isEmpty ? "" : " Missing: \(missing.joined(separator: ", ")).")
                    + (unexpected.isEmpty ? "" : " Unexpected: \(unexpected.joined(separator: ", ")).")
            case .emptyText(let linkId): "Item \(linkId) or one of its options has no text."
            case .optionMismatch(let linkId, let expected, let found):
                "Item \(linkId) must have options with values \(expected) but has \(found)."
            }
        }
    }

    /// Reads and checks a wording file against the shipped scoring.
    public static func read(_ data: Data) throws(Problem) -> LicensedWording {
        let wording: LicensedWording
        do { wording = try JSONDecoder().decode(LicensedWording.self, from: data) } catch {
            throw .unreadable(String(describing: error))
        }
        try wording.check()
        return wording
    }

    public func check() throws(Problem) {
        guard let definition = InstrumentCatalogue.definition(instrument) else { throw .unknownInstrument(instrument) }
        guard definition.wording == .licensed else { throw .wordingShipped(instrument) }
        guard !copyright.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .missingCopyright }
        let expected = definition.items.map(\.linkId)
        let found = items.map(\.linkId)
        guard expected == found else {
            throw .itemMismatch(missing: expected.filter { !found.contains($0) },
                                unexpected: found.filter { !expected.contains($0) })
        }
        for (item, shipped) in zip(items, definition.items) {
            let blank = ([item.text] + item.options.map(\.text)).contains { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            guard !blank else { throw .emptyText(item.linkId) }
            let values = shipped.options.map(\.value)
            guard item.options.map(\.value) == values else {
                throw .optionMismatch(linkId: item.linkId, expected: values, found: item.options.map(\.value))
            }
        }
    }
}

extension InstrumentDefinition {
    /// This definition with a practice's licensed wording in place of the blank items.
    public func applying(_ wording: LicensedWording?) -> InstrumentDefinition {
        guard let wording, wording.instrument == id else { return self }
        let items = zip(items, wording.items).map { shipped, worded in
            InstrumentItem(shipped.linkId, worded.text,
                           options: worded.options.map { AnswerOption($0.value, $0.text) }, weight: shipped.weight)
        }
        return InstrumentDefinition(
            id: id, title: wording.title ?? title, scoreLabel: scoreLabel, instructions: wording.instructions ?? instructions,
            items: items, scoring: scoring, scoreRange: scoreRange, bands: bands, higherIsBetter: higherIsBetter,
            minimalImportantDifference: minimalImportantDifference, alerts: alerts, wording: self.wording,
            attribution: "\(attribution) \(wording.copyright)", source: source, loinc: loinc)
    }
}
