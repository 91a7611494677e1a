import Foundation

/// A FHIR Questionnaire a practice imported, as Relief keeps it: what it needs to ask, score and serve it again.
public struct ImportedQuestionnaire: Codable, Hashable, Sendable {
    public struct Option: Codable, Hashable, Sendable {
        public let value: Int
        public let code: String?
        public let display: String?
    }

    public struct Item: Codable, Hashable, Sendable {
        public let linkId: String
        public let text: String?
        public let options: [Option]
        public let required: Bool
        /// Options without ordinal values ("how difficult…") are asked but not counted.
        public let scored: Bool
        public let enableWhen: ItemCondition?
        /// The option preselected on a new form.
        public let initial: Int?
    }

    public let id: String
    /// What names the questionnaire wherever it comes from — its URL and version, else its first identifier, else its
    /// title and items — so importing it again finds it.
    public let identity: String
    public let url: String?
    public let version: String?
    public let title: String
    public let instructions: String?
    public let copyright: String?
    /// The total's code (LOINC's 44261-6 for PHQ-9), for the score's Observation.
    public let totalCode: String?
    public let items: [Item]
    /// Items coded as PHQ-9's item 9 (LOINC 44260-8): they raise Relief's safety alert as the built-in PHQ-9 does.
    public let safetyItems: [String]

    /// The instrument Relief asks and scores: the sum of the counted answers' ordinal values.
    public var definition: QuestionnaireDefinition {
        let questions = items.map { item in
            QuestionnaireItem(item.linkId, item.text, options: item.options.map { AnswerOption($0.value, $0.display) }, required: item.required,
                              scored: item.scored, enableWhen: item.enableWhen, initial: item.initial)
        }
        let highest = items.filter(\.scored).map { $0.options.map(\.value).max() ?? 0 }.reduce(0, +)
        let lowest = items.filter(\.scored).map { $0.options.map(\.value).min() ?? 0 }.reduce(0, +)
        var definition = QuestionnaireDefinition(
            id: id, title: title, scoreLabel: "total \(lowest)–\(highest)", instructions: instructions, items: questions, scoring: .sum,
            scoreRange: Double(min(lowest, highest))...Double(max(lowest, highest)), bands: [], higherIsBetter: false,
            minimalImportantDifference: nil, alerts: safetyItems.compactMap(Self.safetyAlert), wording: .shipped,
            attribution: copyright ?? "Imported by the practice\(url.map { " from \($0)" } ?? "").",
            source: ClinicalSource("Imported FHIR Questionnaire\(url.map { " \($0)" } ?? "")\(version.map { ", version \($0)" } ?? "")", .unconfirmed),
            loinc: totalCode)
        definition.canonical = url.map { $0 + (version.map { "|\($0)" } ?? "") }
        definition.isImported = true
        return definition
    }

    /// LOINC's code for PHQ-9 item 9 (thoughts of being better off dead or of self-harm).
    public static let phq9SafetyItem = "44260-8"

    /// The built-in PHQ-9's item 9 alert, on an imported item.
    static func safetyAlert(_ linkId: String) -> ItemAlertRule? {
        QuestionnaireCatalogue.phq9.alerts.first.map { ItemAlertRule(linkId: linkId, minimumValue: $0.minimumValue, message: $0.message, source: $0.source) }
    }
}

extension FHIRQuestionnaire {
    /// A Questionnaire read for import: the instrument, or nil when nothing in it can be scored; the issues list what
    /// was refused (errors) and what Relief does not support and left out (warnings). `taken` are the ids in use.
    public static func importing(_ json: JSONValue, taken: Set<String>) -> (ImportedQuestionnaire?, [FHIRIssue]) {
        var reader = FHIRResourceReader(json, named: "Questionnaire", patientElement: nil, id: nil)
        guard reader.errors.isEmpty else { return (nil, reader.errors) }
        let url = reader.string("url"), version = reader.string("version")
        let title = reader.string("title") ?? reader.string("name") ?? url ?? "Imported questionnaire"
        let name = reader.string("name") ?? title
        let contained = valueSets(reader.element("contained"))
        var items: [ImportedQuestionnaire.Item] = []
        var instructions: [String] = []
        var totalCode: String?
        var sawTotal = false
        var safetyItems: [String] = []
        var unsupported: [String: Int] = [:]
        func walk(_ list: [JSONValue], path: String) {
            for (index, value) in list.enumerated() {
                guard let item = value.object else { continue }
                let at = "\(path)[\(index)]"
                let type = item["type"]?.string ?? ""
                let linkId = item["linkId"]?.string ?? ""
                let extensions = (item["extension"]?.array ?? []).compactMap { $0.object?["url"]?.string }
                switch type {
                case "group":
                    if let text = item["text"]?.string { instructions.append(text) }
                    walk(item["item"]?.array ?? [], path: "\(at).item")
                case "display":
                    if let text = item["text"]?.string { instructions.append(text) }
                case "decimal", "integer":
                    let calculated = extensions.contains(calculatedExpression) || extensions.contains(cqfExpression) || item["readOnly"]?.bool == true
                    guard calculated else {
                        reader.warn(at, "\(linkId) (\(type)) is not a choice with scored answers; Relief left it out.")
                        break
                    }
                    // The total: Relief sums the answers' ordinal values rather than evaluating the expression.
                    sawTotal = true
                    totalCode = (item["code"]?.array ?? []).compactMap(\.object).first { $0["system"]?.string == FHIR.System.loinc }?["code"]?.string
                    reader.warn("\(at)", "\(linkId) is computed by Relief as the sum of the answers' ordinal values; its expression was not evaluated.")
                case "choice":
                    if let read = choice(item, at: at, contained: contained, earlier: items, &reader) {
                        items.append(read)
                        let codes = (item["code"]?.array ?? []).compactMap(\.object).filter { $0["system"]?.string == FHIR.System.loinc }
                        if codes.contains(where: { $0["code"]?.string == ImportedQuestionnaire.phq9SafetyItem }) { safetyItems.append(read.linkId) }
                    }
                default:
                    reader.warn(at, "\(linkId) (\(type)) is not a choice with scored answers; Relief left it out.")
                }
                let known: Set = [ordinalValue, itemWeight, calculatedExpression, cqfExpression]
                for url in extensions where !known.contains(url) { unsupported[String(url.split(separator: "/").last ?? ""), default: 0] += 1 }
            }
        }
        walk(reader.element("item")?.array ?? [], path: "item")
        // Display hints and links to observations say nothing about what is asked or scored: one line each.
        for (name, count) in unsupported.sorted(by: { $0.key < $1.key }) {
            reader.warn("item.extension", "\(name) is not supported; left out on \(count) item\(count == 1 ? "" : "s").")
        }
        for linkId in safetyItems { reader.warn("item", "\(linkId) is PHQ-9 item 9 (LOINC 44260-8): any answer above 0 raises Relief's safety alert.") }
        let copyright = reader.string("copyright")
        for name in ["status", "subjectType", "code", "publisher", "date", "description", "meta", "contained", "extension", "language", "text"] { _ = reader.element(name) }
        reader.unread()
        guard items.contains(where: \.scored) else {
            reader.issue("item", "No item has answers with ordinal values (ordinalValue or itemWeight): Relief could not score it.")
            return (nil, reader.issues)
        }
        if !sawTotal { reader.warn("item", "No total item: Relief scores the sum of the answers' ordinal values.") }
        var id = slug(name)
        while taken.contains(id) { id += "-imported" }
        let imported = ImportedQuestionnaire(id: id, identity: identity(json, items: items), url: url, version: version, title: title,
                                             instructions: instructions.isEmpty ? reader.resource["description"]?.string : instructions.joined(separator: "\n\n"),
                                             copyright: copyright, totalCode: totalCode, items: items, safetyItems: safetyItems)
        return (reader.errors.isEmpty ? imported : nil, reader.issues)
    }

    /// A choice item: its options from `answerOption` or a contained ValueSet, each option's ordinal value from
    /// `ordinalValue` or `itemWeight`; `enableWhen` on earlier items' answers; `initial`.
    private static func choice(_ item: [String: JSONValue], at path: String, contained: [String: [JSONValue]], earlier: [ImportedQuestionnaire.Item],
                               _ reader: inout FHIRResourceReader) -> ImportedQuestionnaire.Item? {
        let linkId = item["linkId"]?.string ?? ""
        var sources = item["answerOption"]?.array ?? []
        if sources.isEmpty, let set = item["answerValueSet"]?.string {
            guard set.hasPrefix("#"), let concepts = contained[String(set.dropFirst())] else {
                reader.warn(path, "\(linkId)'s answers are in \(set), which the Questionnaire does not contain; Relief left it out.")
                return nil
            }
            sources = concepts
        }
        var options: [ImportedQuestionnaire.Option] = []
        var scored = true
        for (index, source) in sources.enumerated() {
            let object = source.object ?? [:]
            let coding = object["valueCoding"]?.object ?? (object["code"] != nil ? object : nil)
            let display = coding?["display"]?.string ?? object["valueString"]?.string ?? object["valueInteger"]?.integer.map(String.init)
            let weights = (object["extension"]?.array ?? []).compactMap(\.object).filter { [ordinalValue, itemWeight].contains($0["url"]?.string ?? "") }
            guard let weight = weights.first.flatMap({ $0["valueDecimal"] ?? $0["valueInteger"] }), case .number(let number) = weight else {
                scored = false
                options.append(.init(value: index, code: coding?["code"]?.string, display: display))
                continue
            }
            guard let whole = JSONValue.wholeNumber(number) else {
                reader.issue("\(path).answerOption[\(index)]", "\(linkId): Relief scores whole ordinal values; \(number) is not one.")
                return nil
            }
            options.append(.init(value: Int(whole), code: coding?["code"]?.string, display: display))
        }
        guard !options.isEmpty else { reader.warn(path, "\(linkId) has no answers; left out."); return nil }
        if !scored { options = options.enumerated().map { .init(value: $0.offset, code: $0.element.code, display: $0.element.display) } }
        guard Set(options.map(\.value)).count == options.count else {
            reader.issue(path, "\(linkId): two answers have the same ordinal value; Relief tells answers apart by it.")
            return nil
        }
        let condition = enableWhen(item, at: path, earlier: earlier, &reader)
        let initial = (item["initial"]?.array?.first?.object?["valueCoding"]?.object?["code"]?.string).flatMap { code in options.first { $0.code == code }?.value }
        return ImportedQuestionnaire.Item(linkId: linkId, text: item["text"]?.string, options: options, required: item["required"]?.bool ?? false,
                                          scored: scored, enableWhen: condition, initial: initial)
    }

    private static func enableWhen(_ item: [String: JSONValue], at path: String, earlier: [ImportedQuestionnaire.Item],
                                   _ reader: inout FHIRResourceReader) -> ItemCondition? {
        let conditions = (item["enableWhen"]?.array ?? []).compactMap(\.object)
        guard !conditions.isEmpty else { return nil }
        var tests: [ItemCondition.Test] = []
        for (index, condition) in conditions.enumerated() {
            let question = condition["question"]?.string ?? ""
            let op = condition["operator"]?.string ?? ""
            guard let target = earlier.first(where: { $0.linkId == question }) else {
                reader.warn("\(path).enableWhen[\(index)]", "It asks about \(question), not an earlier scored choice; the item is always asked.")
                return nil
            }
            if op == "exists" {
                tests.append(.init(question, .exists, condition["answerBoolean"]?.bool == false ? 0 : 1))
            } else if let operation = ItemCondition.Test.Operator(rawValue: op), let code = condition["answerCoding"]?.object?["code"]?.string,
                      let value = target.options.first(where: { $0.code == code })?.value {
                tests.append(.init(question, operation, value))
            } else {
                reader.warn("\(path).enableWhen[\(index)]", "Relief tests an earlier answer with =, != or exists on a coded answer; the item is always asked.")
                return nil
            }
        }
        return ItemCondition(tests, all: item["enableBehavior"]?.string == "all")
    }

    public static func identity(_ json: JSONValue, items: [ImportedQuestionnaire.Item]) -> String {
        let object = json.object ?? [:]
        if let url = object["url"]?.string { return url + "|" + (object["version"]?.string ?? "") }
        if let identifier = (object["identifier"]?.array ?? []).compactMap(\.object).first,
           let system = identifier["system"]?.string, let value = identifier["value"]?.string {
            return system + "|" + value
        }
        return (object["title"]?.string ?? object["name"]?.string ?? "") + "|" + items.map(\.linkId).joined(separator: ",")
    }

    /// The concepts of each contained ValueSet, by id, as options read them (code, display, extensions).
    private static func valueSets(_ contained: JSONValue?) -> [String: [JSONValue]] {
        var sets: [String: [JSONValue]] = [:]
        for resource in (contained?.array ?? []).compactMap(\.object) where resource["resourceType"]?.string == "ValueSet" {
            guard let id = resource["id"]?.string else { continue }
            sets[id] = (resource["compose"]?.object?["include"]?.array ?? []).flatMap { $0.object?["concept"]?.array ?? [] }
        }
        return sets
    }

    /// An id from a name: letters and digits, hyphens between ("PHQ-9 quick depression" is phq-9-quick-depression).
    static func slug(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isLetter && $0.isASCII) && !$0.isNumber }
        let joined = words.joined(separator: "-")
        return joined.isEmpty ? "imported" : String(joined.prefix(48))
    }
}
