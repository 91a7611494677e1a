/// How a score moved from the patient's baseline, judged against the questionnaire's minimal important difference.
public struct ScoreChange: Hashable, Sendable {
    public enum Verdict: String, Sendable {
        case improved, worsened, unchanged
        /// No minimal important difference is set for the questionnaire, so only the number is shown.
        case notJudged
    }

    public let baseline: Double
    public let latest: Double
    /// `latest − baseline`.
    public let change: Double
    public let verdict: Verdict

    /// `minimalImportantDifference` is the practice's setting, or the questionnaire's default.
    public init(_ definition: QuestionnaireDefinition, baseline: Double, latest: Double, minimalImportantDifference: Double?) {
        self.baseline = baseline
        self.latest = latest
        change = QuestionnaireScorer.rounded(latest - baseline)
        guard let mid = minimalImportantDifference else {
            verdict = .notJudged
            return
        }
        let better = definition.higherIsBetter ? change : -change
        verdict = better >= mid ? .improved : -better >= mid ? .worsened : .unchanged
    }
}
