/// The minimal important differences a practice uses to call a change in score improved or worse. Each questionnaire
/// ships a default with its source (most UNCONFIRMED: "verify against current guideline"); a practice may set its
/// own, which then replaces the default everywhere.
public struct DifferenceSettings: Hashable, Sendable {
    /// Practice values by questionnaire id.
    public var overrides: [String: Double]

    public init(_ overrides: [String: Double] = [:]) { self.overrides = overrides }

    /// The setting key of a questionnaire's difference.
    public static func key(_ questionnaireID: String) -> String { "mid.\(questionnaireID)" }

    /// Questionnaires whose change can be judged: those with a default, and any the practice set.
    public static var questionnaires: [QuestionnaireDefinition] {
        QuestionnaireCatalogue.all.filter { $0.scoring != .opioidRiskTool && $0.scoring != .startBack }
    }

    public struct Used: Hashable, Sendable {
        public let value: Double
        /// The practice's own choice, or the shipped default's citation.
        public let note: String
        public let needsVerification: Bool
        public let isPracticeSetting: Bool
    }

    /// The difference in use for a questionnaire, with where it comes from; nil when none is set.
    public func used(for definition: QuestionnaireDefinition) -> Used? {
        if let value = overrides[definition.id] {
            return Used(value: value, note: "practice setting", needsVerification: false, isPracticeSetting: true)
        }
        return definition.minimalImportantDifference.map {
            Used(value: $0.value, note: $0.source.citation, needsVerification: $0.source.needsVerification, isPracticeSetting: false)
        }
    }

    /// Reads the settings form: one field per questionnaire (`mid.<id>`), empty for the shipped default.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (DifferenceSettings?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var settings = DifferenceSettings()
        for definition in questionnaires {
            let span = definition.scoreRange.upperBound - definition.scoreRange.lowerBound
            if let value = reader.decimal(key(definition.id), in: 0.1...span) { settings.overrides[definition.id] = value }
        }
        return reader.problems.isEmpty ? (settings, [:]) : (nil, reader.problems)
    }
}
