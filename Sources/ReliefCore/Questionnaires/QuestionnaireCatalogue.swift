/// The questionnaires Relief ships. Wording ships only where REFERENCE §5 and DEVELOPERS.md allow it; the
/// copyrighted ones ship their scoring, and a practice imports the wording it has licensed.
public enum QuestionnaireCatalogue {
    public static let all: [QuestionnaireDefinition] = [
        painIntensity, peg, phq9, gad7, opioidRiskTool, percentRelief, returnToActivities,
        oswestry, neckDisability, startBack, dn4,
    ]

    public static func definition(_ id: String) -> QuestionnaireDefinition? { all.first { $0.id == id } }

    private static let reference = "shared/clinical/REFERENCE.md §5"
    private static let ownWording = "Wording by the Relief project; free to use."

    public static let painIntensity = QuestionnaireDefinition(
        id: "pain-intensity", title: "Pain intensity (0–10)", scoreLabel: "0–10",
        instructions: nil,
        items: [QuestionnaireItem("pain-intensity-1",
                               "How bad has your pain been on average over the last 24 hours?",
                               options: AnswerOption.scale(0...10, labels: [0: "No pain", 10: "Worst pain imaginable"]))],
        scoring: .single, scoreRange: 0...10, bands: [], higherIsBetter: false,
        minimalImportantDifference: SourcedValue(2, ClinicalSource("Commonly cited: 2 points or 30% (Farrar 2001)", .unconfirmed)),
        alerts: [], wording: .shipped, attribution: ownWording,
        source: ClinicalSource("Numeric rating scale", .unconfirmed), loinc: "72514-3")

    public static let peg = QuestionnaireDefinition(
        id: "peg", title: "PEG (pain, enjoyment, general activity)", scoreLabel: "mean 0–10",
        instructions: "Choose the one number that best describes the past week.",
        items: [
            QuestionnaireItem("peg-1", "What number best describes your pain on average in the past week?",
                           options: AnswerOption.scale(0...10, labels: [0: "No pain", 10: "Pain as bad as you can imagine"])),
            QuestionnaireItem("peg-2", "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
                           options: AnswerOption.scale(0...10, labels: [0: "Does not interfere", 10: "Completely interferes"])),
            QuestionnaireItem("peg-3", "What number best describes how, during the past week, pain has interfered with your general activity?",
                           options: AnswerOption.scale(0...10, labels: [0: "Does not interfere", 10: "Completely interferes"])),
        ],
        scoring: .mean, scoreRange: 0...10, bands: [], higherIsBetter: false,
        minimalImportantDifference: nil, alerts: [], wording: .shipped,
        attribution: "PEG: Krebs EE et al., J Gen Intern Med 2009;24:733–738. Licence UNCONFIRMED (items derive from the BPI).",
        // LOINC 91147-9 "Mean score [PEG]", as AHRQ's pain management summary codes it (shared/fhir/pain-specific).
        source: ClinicalSource("\(reference) PEG [S19]", .primary), loinc: "91147-9")

    private static let twoWeekOptions = [
        AnswerOption(0, "Not at all"), AnswerOption(1, "Several days"),
        AnswerOption(2, "More than half the days"), AnswerOption(3, "Nearly every day"),
    ]
    private static let pfizer = "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."

    public static let phq9 = QuestionnaireDefinition(
        id: "phq-9", title: "PHQ-9 (depression)", scoreLabel: "total 0–27",
        instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        items: [
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ].enumerated().map { QuestionnaireItem("phq-9-\($0.offset + 1)", $0.element, options: twoWeekOptions) },
        scoring: .sum, scoreRange: 0...27,
        bands: [
            ScoreBand("minimal", "Minimal", upTo: 4), ScoreBand("mild", "Mild", upTo: 9),
            ScoreBand("moderate", "Moderate", upTo: 14, concerning: true),
            ScoreBand("moderately-severe", "Moderately severe", upTo: 19, concerning: true),
            ScoreBand("severe", "Severe", upTo: 27, concerning: true),
        ],
        higherIsBetter: false,
        minimalImportantDifference: SourcedValue(5, ClinicalSource("Commonly cited: 5 points (Löwe 2004)", .unconfirmed)),
        alerts: [ItemAlertRule(linkId: "phq-9-9", minimumValue: 1,
                               message: "PHQ-9 item 9 is positive (thoughts of being better off dead or of self-harm): assess safety today.",
                               source: ClinicalSource("\(reference) PHQ-9 [S21]", .secondary))],
        wording: .shipped, attribution: pfizer,
        source: ClinicalSource("\(reference) PHQ-9 [S21][S22]", .secondary), loinc: "44261-6")

    public static let gad7 = QuestionnaireDefinition(
        id: "gad-7", title: "GAD-7 (anxiety)", scoreLabel: "total 0–21",
        instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        items: [
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen",
        ].enumerated().map { QuestionnaireItem("gad-7-\($0.offset + 1)", $0.element, options: twoWeekOptions) },
        scoring: .sum, scoreRange: 0...21,
        bands: [
            ScoreBand("minimal", "Minimal", upTo: 4), ScoreBand("mild", "Mild", upTo: 9),
            ScoreBand("moderate", "Moderate — evaluate further", upTo: 14, concerning: true),
            ScoreBand("severe", "Severe — evaluate further", upTo: 21, concerning: true),
        ],
        higherIsBetter: false,
        minimalImportantDifference: SourcedValue(4, ClinicalSource("Commonly cited: 4 points (Toussaint 2020)", .unconfirmed)),
        alerts: [], wording: .shipped, attribution: pfizer,
        source: ClinicalSource("\(reference) GAD-7 [S21][S22]", .secondary), loinc: "70274-6")

    private static let yesNo = [AnswerOption(0, "No"), AnswerOption(1, "Yes")]

    public static let opioidRiskTool = QuestionnaireDefinition(
        id: "ort", title: "Opioid Risk Tool", scoreLabel: "points",
        instructions: "Completed by the clinician. Mark each factor that applies; points depend on the patient's sex.",
        items: [
            QuestionnaireItem(OpioidRiskTool.sexItem, "Sex (selects the scoring column)",
                           options: [AnswerOption(OpioidRiskTool.female, "Female"), AnswerOption(OpioidRiskTool.male, "Male")]),
            QuestionnaireItem("ort-family-alcohol", "Family history of substance abuse: alcohol", options: yesNo, weight: SexWeight(female: 1, male: 3)),
            QuestionnaireItem("ort-family-illegal", "Family history of substance abuse: illegal drugs", options: yesNo, weight: SexWeight(female: 2, male: 3)),
            QuestionnaireItem("ort-family-prescription", "Family history of substance abuse: prescription drugs", options: yesNo, weight: SexWeight(female: 4, male: 4)),
            QuestionnaireItem("ort-personal-alcohol", "Personal history of substance abuse: alcohol", options: yesNo, weight: SexWeight(female: 3, male: 3)),
            QuestionnaireItem("ort-personal-illegal", "Personal history of substance abuse: illegal drugs", options: yesNo, weight: SexWeight(female: 4, male: 4)),
            QuestionnaireItem("ort-personal-prescription", "Personal history of substance abuse: prescription drugs", options: yesNo, weight: SexWeight(female: 5, male: 5)),
            QuestionnaireItem("ort-age", "Age between 16 and 45", options: yesNo, weight: SexWeight(female: 1, male: 1)),
            QuestionnaireItem("ort-preadolescent-abuse", "History of preadolescent sexual abuse", options: yesNo, weight: SexWeight(female: 3, male: 0)),
            QuestionnaireItem("ort-psychological", "Psychological disease: attention deficit disorder, obsessive-compulsive disorder, bipolar disorder or schizophrenia", options: yesNo, weight: SexWeight(female: 2, male: 2)),
            QuestionnaireItem("ort-depression", "Psychological disease: depression", options: yesNo, weight: SexWeight(female: 1, male: 1)),
        ],
        scoring: .opioidRiskTool, scoreRange: 0...26,
        bands: [
            ScoreBand("low", "Low risk", upTo: 3), ScoreBand("moderate", "Moderate risk", upTo: 7, concerning: true),
            ScoreBand("high", "High risk", upTo: 26, concerning: true),
        ],
        higherIsBetter: false, minimalImportantDifference: nil, alerts: [], wording: .shipped,
        attribution: "Opioid Risk Tool: Webster LR, Webster RM, Pain Med 2005;6:432–442. Licence UNCONFIRMED. Not the revised ORT-OUD.",
        source: ClinicalSource("\(reference) ORT [S26]", .primary), loinc: nil)

    public static let percentRelief = QuestionnaireDefinition(
        id: "percent-relief", title: "Relief since treatment", scoreLabel: "% relief",
        instructions: nil,
        items: [QuestionnaireItem("percent-relief-1",
                               "Compared with before your last treatment, how much relief of your usual pain do you have now?",
                               options: AnswerOption.scale(0...100, step: 10, labels: [0: "No relief", 100: "Complete relief"]))],
        scoring: .single, scoreRange: 0...100, bands: [], higherIsBetter: true,
        minimalImportantDifference: nil, alerts: [], wording: .shipped, attribution: ownWording,
        source: ClinicalSource("Relief's own item", .unconfirmed), loinc: nil)

    private static let activityOptions = [
        AnswerOption(0, "None of it"), AnswerOption(1, "A little of it"), AnswerOption(2, "About half of it"),
        AnswerOption(3, "Most of it"), AnswerOption(4, "All of it"),
    ]

    public static let returnToActivities = QuestionnaireDefinition(
        id: "return-to-activities", title: "Return to activities", scoreLabel: "% of usual activities",
        instructions: "Think of what you did before the pain began. How much of it can you do now?",
        items: [
            QuestionnaireItem("activities-work", "Your work, school or daily duties", options: activityOptions),
            QuestionnaireItem("activities-household", "Household chores and errands", options: activityOptions),
            QuestionnaireItem("activities-exercise", "Exercise, sport or hobbies", options: activityOptions),
            QuestionnaireItem("activities-social", "Time with family and friends, going out", options: activityOptions),
        ],
        scoring: .meanPercent, scoreRange: 0...100, bands: [], higherIsBetter: true,
        minimalImportantDifference: nil, alerts: [], wording: .shipped, attribution: ownWording,
        source: ClinicalSource("Relief's own items", .unconfirmed), loinc: nil)

    /// Numbered items without wording, for questionnaires whose text a practice licenses.
    private static func licensedItems(_ prefix: String, count: Int, options: [AnswerOption]) -> [QuestionnaireItem] {
        (1...count).map { QuestionnaireItem("\(prefix)-\($0)", nil, options: options) }
    }

    public static let oswestry = QuestionnaireDefinition(
        id: "odi", title: "Oswestry Disability Index", scoreLabel: "% disability",
        instructions: nil, items: licensedItems("odi", count: 10, options: AnswerOption.scale(0...5)),
        scoring: .oswestry, scoreRange: 0...100,
        bands: [
            ScoreBand("minimal", "Minimal disability", upTo: 20), ScoreBand("moderate", "Moderate disability", upTo: 40),
            ScoreBand("severe", "Severe disability", upTo: 60, concerning: true),
            ScoreBand("crippled", "Crippled", upTo: 80, concerning: true),
            ScoreBand("bed-bound", "Bed-bound or exaggerating", upTo: 100, concerning: true),
        ],
        higherIsBetter: false,
        minimalImportantDifference: SourcedValue(10, ClinicalSource("Commonly cited: 10 points (Ostelo 2008)", .unconfirmed)),
        alerts: [], wording: .licensed,
        attribution: "Oswestry Disability Index © Jeremy Fairbank; distributed by Mapi Research Trust. Wording used under the practice's licence.",
        source: ClinicalSource("\(reference) ODI [S23][S24]", .secondary), loinc: nil)

    public static let neckDisability = QuestionnaireDefinition(
        id: "ndi", title: "Neck Disability Index", scoreLabel: "total 0–50",
        instructions: nil, items: licensedItems("ndi", count: 10, options: AnswerOption.scale(0...5)),
        scoring: .neckDisability, scoreRange: 0...50,
        bands: [
            ScoreBand("none", "No disability", upTo: 4), ScoreBand("mild", "Mild disability", upTo: 14),
            ScoreBand("moderate", "Moderate disability", upTo: 24, concerning: true),
            ScoreBand("severe", "Severe disability", upTo: 34, concerning: true),
            ScoreBand("complete", "Complete disability", upTo: 50, concerning: true),
        ],
        higherIsBetter: false,
        minimalImportantDifference: SourcedValue(5, ClinicalSource("\(reference) NDI [S25]", .secondary)),
        alerts: [], wording: .licensed,
        attribution: "Neck Disability Index © Howard Vernon. Wording used under the practice's licence.",
        source: ClinicalSource("\(reference) NDI [S25]", .secondary), loinc: nil)

    public static let startBack = QuestionnaireDefinition(
        id: "start-back", title: "STarT Back Screening Tool", scoreLabel: "total 0–9",
        instructions: nil,
        items: licensedItems("sbst", count: 8, options: [AnswerOption(0, "Disagree"), AnswerOption(1, "Agree")])
            + [QuestionnaireItem(StartBack.bothersomeItem, nil, options: AnswerOption.scale(0...4))],
        scoring: .startBack, scoreRange: 0...9,
        bands: [
            ScoreBand("low", "Low risk", upTo: 3), ScoreBand("medium", "Medium risk", upTo: 9, concerning: true),
            ScoreBand("high", "High risk", upTo: 9, concerning: true),
        ],
        higherIsBetter: false, minimalImportantDifference: nil, alerts: [], wording: .licensed,
        attribution: "STarT Back Screening Tool © Keele University. Commercial use requires Keele's permission.",
        // LOINC 91351-7 "Total score [STarT Back]", as AHRQ's pain management summary codes it (shared/fhir/pain-specific).
        source: ClinicalSource("\(reference) STarT Back [S27]", .primary), loinc: "91351-7")

    public static let dn4 = QuestionnaireDefinition(
        id: "dn4", title: "DN4 (neuropathic pain)", scoreLabel: "0–10",
        instructions: nil, items: licensedItems("dn4", count: 10, options: yesNo),
        scoring: .sum, scoreRange: 0...10,
        bands: [
            ScoreBand("negative", "Neuropathic pain unlikely", upTo: 3),
            ScoreBand("positive", "Neuropathic pain likely", upTo: 10, concerning: true),
        ],
        higherIsBetter: false, minimalImportantDifference: nil, alerts: [], wording: .licensed,
        attribution: "DN4 © Didier Bouhassira; distributed by Mapi Research Trust. Wording used under the practice's licence.",
        source: ClinicalSource("\(reference) DN4 [S28]", .secondary), loinc: nil)
}
