import Foundation

/// The wording of a licensed questionnaire as a practice imports it (`relief questionnaires import FILE`).
/// Relief checks it against the scoring it ships, so imported text can never change how a score is computed.
///
/// ```json
/// {"questionnaire": "odi", "title": "…", "instructions": "…", "copyright": "…",
///  "items": [{"linkId": "odi-1", "text": "…", "options": [{"value": 0, "text": "…"}, …]}, …]}
/// ```
public struct LicensedWording: Codable, Hashable, Sendable {
    public var questionnaire: String
    public var title: String?
    public var instructions: String?
    public var copyright: String
    public var items: [Item]

    private enum CodingKeys: String, CodingKey {
        case questionnaire, title, instructions, copyright, items
        /// What files and stored wording named the questionnaire before it had one name everywhere.
        case instrument
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        questionnaire = try container.decodeIfPresent(String.self, forKey: .questionnaire)
            ?? container.decode(String.self, forKey: .instrument)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        copyright = try container.decode(String.self, forKey: .copyright)
        items = try container.decode([Item].self, forKey: .items)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(questionnaire, forKey: .questionnaire)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(instructions, forKey: .instructions)
        try container.encode(copyright, forKey: .copyright)
        try container.encode(items, forKey: .items)
    }

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
        case unknownQuestionnaire(String)
        case wordingShipped(String)
        case missingCopyright
        case itemMismatch(missing: [String], unexpected: [String])
        case emptyText(String)
        case optionMismatch(linkId: String, expected: [Int], found: [Int])

        public var description: String {
            switch self {
            case .unreadable(let reason): "The file is not valid wording JSON: \(reason)"
            case .unknownQuestionnaire(let id): "Relief has no scoring for a questionnaire called \"\(id)\"."
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
        guard let definition = QuestionnaireCatalogue.definition(questionnaire) else { throw .unknownQuestionnaire(questionnaire) }
        guard definition.wording == .licensed else { throw .wordingShipped(questionnaire) }
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

extension QuestionnaireDefinition {
    /// This definition with a practice's licensed wording in place of the blank items.
    public func applying(_ wording: LicensedWording?) -> QuestionnaireDefinition {
        guard let wording, wording.questionnaire == id else { return self }
        let items = zip(items, wording.items).map { shipped, worded in
            QuestionnaireItem(shipped.linkId, worded.text,
                           options: worded.options.map { AnswerOption($0.value, $0.text) }, weight: shipped.weight)
        }
        return QuestionnaireDefinition(
            id: id, title: wording.title ?? title, scoreLabel: scoreLabel, instructions: wording.instructions ?? instructions,
            items: items, scoring: scoring, scoreRange: scoreRange, bands: bands, higherIsBetter: higherIsBetter,
            minimalImportantDifference: minimalImportantDifference, alerts: alerts, wording: self.wording,
            attribution: "\(attribution) \(wording.copyright)", source: source, loinc: loinc)
    }
}
