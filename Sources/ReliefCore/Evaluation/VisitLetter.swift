/// The first draft of a letter to the clinician who referred the patient, drawn from a signed visit note in
/// Relief's own wording. The author edits it before printing; what is printed is kept as written.
public enum VisitLetter {
    public struct Facts: Sendable {
        /// As registered ("Dr. Ana Ortiz"); empty when nobody referred the patient.
        public var recipient: String
        public var patientName: String
        public var birthDate: String
        public var visit: EncounterKind
        public var visitDate: CalendarDate
        public var author: String

        public init(recipient: String, patientName: String, birthDate: String, visit: EncounterKind, visitDate: CalendarDate, author: String) {
            self.recipient = recipient
            self.patientName = patientName
            self.birthDate = birthDate
            self.visit = visit
            self.visitDate = visitDate
            self.author = author
        }
    }

    public static let textLimit = 8_000

    public static func draft(_ facts: Facts, content c: EvaluationContent) -> String {
        let visit = facts.visit == .newPatientEvaluation ? "a first evaluation" : "a \(facts.visit.title.lowercased())"
        var paragraphs = [
            "Dear \(facts.recipient.isEmpty ? "colleague" : facts.recipient),",
            "Thank you for referring \(facts.patientName) (born \(facts.birthDate)), whom I saw on \(facts.visitDate.display) for \(visit).",
        ]
        paragraphs += [
            ("Presenting problem", presenting(c, on: facts.visitDate)), ("Findings", findings(c)),
            ("Red flags", c.positiveRedFlags.isEmpty ? "" : c.positiveRedFlags.map(\.title).joined(separator: ", ") + "."),
            ("Assessment", c.assessment), ("Plan", c.plan),
        ].filter { !$0.1.isEmpty }.map { "\($0): \($1)" }
        paragraphs += ["I will keep you informed of how the treatment goes. Please contact the practice with any questions.",
                       "Yours sincerely,\n\n\(facts.author)"]
        return paragraphs.joined(separator: "\n\n")
    }

    /// "Low back pain into the left leg, for at least 10 months. Pain 6/10 now, 8/10 at worst."
    private static func presenting(_ c: EvaluationContent, on day: CalendarDate) -> String {
        var sentences: [String] = []
        if !c.chiefComplaint.isEmpty {
            let atLeast = c.onsetDate?.whole == nil ? "at least " : ""
            let duration = c.duration(on: day).map { ", for \(atLeast)\($0.description)" } ?? ""
            sentences.append(c.chiefComplaint + duration + ".")
        }
        let scores = [("now", c.painNow), ("on average", c.painAverage), ("at worst", c.painWorst)]
            .compactMap { label, value in value.map { "\($0)/10 \(label)" } }
        if !scores.isEmpty { sentences.append("Pain " + scores.joined(separator: ", ") + ".") }
        return sentences.joined(separator: " ")
    }

    /// What the examination found: the free text, then the positive provocation tests.
    private static func findings(_ c: EvaluationContent) -> String {
        let positive = c.provocation.filter { $0.result == TestResult.positive.rawValue }.map { result in
            "\(ProvocationTest(rawValue: result.test)?.title ?? result.test) (\(result.side))"
        }
        let parts = [c.inspection, c.rangeOfMotion, c.examNotes].filter { !$0.isEmpty }
            + (positive.isEmpty ? [] : ["Positive tests: " + positive.joined(separator: ", ")])
        return parts.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }
}
