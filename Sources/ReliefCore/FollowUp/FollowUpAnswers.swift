/// The region's function scale, asked at each follow-up beside pain: Oswestry for the back, the Neck Disability Index
/// for the neck (REFERENCE §5; their wording is licensed, so the total is entered or taken from a kiosk response).
public struct FunctionScale: Hashable, Sendable {
    public let questionnaire: String
    public let name: String
    public let range: ClosedRange<Double>

    public static func forRegion(_ region: BodyArea) -> FunctionScale? {
        switch region {
        case .lumbar, .sacral, .thoracic: FunctionScale(questionnaire: QuestionnaireCatalogue.oswestry.id, name: "Oswestry Disability Index (%)", range: 0...100)
        case .cervical: FunctionScale(questionnaire: QuestionnaireCatalogue.neckDisability.id, name: "Neck Disability Index (0–50)", range: 0...50)
        default: nil
        }
    }
}

/// One follow-up's answers (FHIR QuestionnaireResponse in shape, with Observations for relief, pain, PEG and MME):
/// relief since the procedure, pain now and the PEG items, the region's function scale, activities and work, a new
/// problem since, the patient's global impression of change and satisfaction.
public struct FollowUpAnswers: Hashable, Codable, Sendable {
    public var completedOn: CalendarDate
    public var contact: FollowUpContact
    public var reliefPercent: Int
    public var painNow: Int
    public var painAverage: Int?
    public var enjoyment: Int?
    public var activity: Int?
    public var function: Double?
    public var activities: ActivityReturn?
    public var work: WorkStatus?
    public var newProblem: Bool
    public var problemNote: String
    public var impression: GlobalImpression?
    /// 1 (very dissatisfied) to 5 (very satisfied).
    public var satisfaction: Int?
    public var medicationsReviewed: Bool
    /// Daily MME of the current medication list when answered; set from the chart, not the form.
    public var mme: Double?
    public var note: String

    public init(completedOn: CalendarDate, contact: FollowUpContact, reliefPercent: Int, painNow: Int, painAverage: Int? = nil, enjoyment: Int? = nil,
                activity: Int? = nil, function: Double? = nil, activities: ActivityReturn? = nil, work: WorkStatus? = nil, newProblem: Bool = false,
                problemNote: String = "", impression: GlobalImpression? = nil, satisfaction: Int? = nil, medicationsReviewed: Bool = false,
                mme: Double? = nil, note: String = "") {
        self.completedOn = completedOn
        self.contact = contact
        self.reliefPercent = reliefPercent
        self.painNow = painNow
        self.painAverage = painAverage
        self.enjoyment = enjoyment
        self.activity = activity
        self.function = function
        self.activities = activities
        self.work = work
        self.newProblem = newProblem
        self.problemNote = problemNote
        self.impression = impression
        self.satisfaction = satisfaction
        self.medicationsReviewed = medicationsReviewed
        self.mme = mme
        self.note = note
    }

    /// PEG: the mean of average pain, interference with enjoyment and with general activity (REFERENCE §5), when all three are answered.
    public var peg: Double? {
        guard let painAverage, let enjoyment, let activity else { return nil }
        return QuestionnaireScorer.rounded(Double(painAverage + enjoyment + activity) / 3)
    }

    public static let satisfactionTitles = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"]

    /// Reads the form for a procedure done on `performedOn` in `region`: `completedOn` (not before the procedure, not
    /// after today), `contact`, `reliefPercent` (0–100), `painNow`, `painAverage`, `enjoyment`, `activity` (0–10),
    /// `function` (in the region's scale), `activities`, `work`, `newProblem` ("yes"/"no") with `problemNote`,
    /// `impression` (1–7), `satisfaction` (1–5), `medicationsReviewed` ("yes"), `note`.
    public static func parse(_ fields: FormFields, today: CalendarDate, performedOn: CalendarDate, region: BodyArea) -> (FollowUpAnswers?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let completedOn = reader.date("completedOn", what: "The day of the answers", required: true)
        if let completedOn, completedOn < performedOn {
            reader.problem("completedOn", "The answers cannot come before the procedure on \(performedOn.display).")
        }
        let contact = reader.one("contact", FollowUpContact.self, required: "Say how the answers were given.")
        let relief = reader.integer("reliefPercent", in: 0...100, required: "Enter the relief since the procedure, 0 to 100 %.")
        let painNow = reader.integer("painNow", in: 0...10, required: "Enter the pain now, 0 to 10.")
        let painAverage = reader.integer("painAverage", in: 0...10)
        let enjoyment = reader.integer("enjoyment", in: 0...10)
        let activity = reader.integer("activity", in: 0...10)
        let function = FunctionScale.forRegion(region).flatMap { reader.decimal("function", in: $0.range) }
        let activities = reader.one("activities", ActivityReturn.self)
        let work = reader.one("work", WorkStatus.self)
        let newProblem = fields["newProblem"] == "yes"
        if !["", "yes", "no"].contains(fields["newProblem"]) { reader.problem("newProblem", "Choose yes or no.") }
        let problemNote = reader.text("problemNote", limit: 1000, required: newProblem ? "Describe the new problem." : nil, multiline: true)
        let impression = reader.integer("impression", in: 1...7).flatMap(GlobalImpression.init(rawValue:))
        let satisfaction = reader.integer("satisfaction", in: 1...5)
        let note = reader.text("note", limit: 2000, multiline: true)
        guard reader.problems.isEmpty, let completedOn, let contact, let relief, let painNow else { return (nil, reader.problems) }
        return (FollowUpAnswers(completedOn: completedOn, contact: contact, reliefPercent: relief, painNow: painNow, painAverage: painAverage,
                                enjoyment: enjoyment, activity: activity, function: function, activities: activities, work: work,
                                newProblem: newProblem, problemNote: problemNote, impression: impression, satisfaction: satisfaction,
                                medicationsReviewed: fields["medicationsReviewed"] == "yes", mme: nil, note: note), [:])
    }

    /// The fields `parse` reads.
    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("completedOn", completedOn.display), ("contact", contact.rawValue), ("reliefPercent", String(reliefPercent)),
                    ("painNow", String(painNow)), ("painAverage", painAverage.map(String.init)), ("enjoyment", enjoyment.map(String.init)),
                    ("activity", activity.map(String.init)), ("function", function.map(Figures.text)), ("activities", activities?.rawValue),
                    ("work", work?.rawValue), ("newProblem", newProblem ? "yes" : "no"), ("problemNote", problemNote),
                    ("impression", impression.map { String($0.rawValue) }), ("satisfaction", satisfaction.map(String.init)),
                    ("medicationsReviewed", medicationsReviewed ? "yes" : nil), ("note", note)])
        return fields
    }
}
