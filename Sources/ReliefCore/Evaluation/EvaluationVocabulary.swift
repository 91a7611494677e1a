/// The coded answers of the first-visit evaluation. Stored as their raw strings so old notes stay readable.
public protocol Coded: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String, AllCases == [Self] {
    var title: String { get }
}

public enum OnsetMechanism: String, Coded {
    case injury, motorVehicleAccident = "motor-vehicle-accident", work, gradual, surgery, unknown

    public var title: String {
        switch self {
        case .injury: "Injury or fall"
        case .motorVehicleAccident: "Motor vehicle accident (whiplash)"
        case .work: "At work"
        case .gradual: "Gradually, no clear cause"
        case .surgery: "After surgery"
        case .unknown: "Unknown"
        }
    }
}

public enum PainCharacter: String, Coded {
    case aching, burning, stabbing, shooting, electric, throbbing, cramping, dull, sharp, numbness, tingling, pinsAndNeedles = "pins-and-needles"

    public var title: String {
        switch self {
        case .electric: "Electric, shock-like"
        case .pinsAndNeedles: "Pins and needles"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

public enum PainPattern: String, Coded {
    case constant, intermittent

    public var title: String { self == .constant ? "Constant" : "Comes and goes" }
}

public enum PainFactor: String, Coded {
    case sitting, standing, walking, bending, lifting, twisting, lyingDown = "lying-down", coughing, morning, evening
    case rest, heat, ice, medication, movement, stretching, changingPosition = "changing-position"

    public var title: String {
        switch self {
        case .lyingDown: "Lying down"
        case .coughing: "Coughing or sneezing"
        case .morning: "Mornings"
        case .evening: "Evenings"
        case .changingPosition: "Changing position"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

public enum WorkStatus: String, Coded {
    case working, modifiedDuty = "modified-duty", offWork = "off-work", disability, retired, unemployed, student, homemaker

    public var title: String {
        switch self {
        case .working: "Working"
        case .modifiedDuty: "Modified duty"
        case .offWork: "Off work because of pain"
        case .disability: "On disability"
        case .retired: "Retired"
        case .unemployed: "Not employed"
        case .student: "Student"
        case .homemaker: "Homemaker"
        }
    }
}

public enum SleepImpact: String, Coded {
    case none, trouble, wakes, little

    public var title: String {
        switch self {
        case .none: "Sleeps well"
        case .trouble: "Trouble falling asleep"
        case .wakes: "Wakes from pain"
        case .little: "Sleeps less than 4 hours"
        }
    }
}

public enum PatientGoal: String, Coded {
    case walk30Minutes = "walk-30-minutes", returnToWork = "return-to-work", sleepThroughNight = "sleep-through-night"
    case liftGrandchild = "lift-a-grandchild", reduceMedication = "reduce-pain-medication", exercise, drive, travel
    case householdTasks = "household-tasks", avoidSurgery = "avoid-surgery"

    public var title: String {
        switch self {
        case .walk30Minutes: "Walk for 30 minutes"
        case .returnToWork: "Return to work"
        case .sleepThroughNight: "Sleep through the night"
        case .liftGrandchild: "Lift a child or grandchild"
        case .reduceMedication: "Reduce pain medication"
        case .exercise: "Exercise or play sport again"
        case .drive: "Drive without pain"
        case .travel: "Travel"
        case .householdTasks: "Do household tasks"
        case .avoidSurgery: "Avoid surgery"
        }
    }
}

/// History that changes what may be done and how safely (infection, bleeding, contrast, steroid, pregnancy).
public enum ProcedureRelevantHistory: String, Coded {
    case diabetes, bleedingDisorder = "bleeding-disorder", immunosuppression, kidneyDisease = "kidney-disease"
    case liverDisease = "liver-disease", activeCancer = "active-cancer", cancerHistory = "cancer-history"
    case cardiacStent = "cardiac-stent", pregnancy, currentInfection = "current-infection"
    case priorSpineSurgery = "prior-spine-surgery", implantedDevice = "implanted-device"

    public var title: String {
        switch self {
        case .diabetes: "Diabetes"
        case .bleedingDisorder: "Bleeding or clotting disorder"
        case .immunosuppression: "Immunosuppression"
        case .kidneyDisease: "Kidney disease"
        case .liverDisease: "Liver disease"
        case .activeCancer: "Cancer, active"
        case .cancerHistory: "Cancer, history of"
        case .cardiacStent: "Heart stent"
        case .pregnancy: "Pregnant or possibly pregnant"
        case .currentInfection: "Current infection or fever"
        case .priorSpineSurgery: "Prior spine surgery"
        case .implantedDevice: "Implanted device (pacemaker, stimulator, pump)"
        }
    }
}

public enum SmokingStatus: String, Coded {
    case never, former, current

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum AlcoholUse: String, Coded {
    case none, occasional, weekly, daily

    public var title: String { self == .none ? "None" : rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// Findings that point to a serious cause which must be ruled out before interventional treatment.
public enum RedFlag: String, Coded {
    case saddleAnaesthesia = "saddle-anaesthesia", bladderBowelDysfunction = "bladder-bowel-dysfunction"
    case progressiveWeakness = "progressive-weakness", feverChills = "fever-chills", weightLoss = "weight-loss"
    case cancerHistory = "cancer-history", intravenousDrugUse = "intravenous-drug-use"
    case significantTrauma = "significant-trauma", newPainOver50 = "new-pain-over-50"

    public var title: String {
        switch self {
        case .saddleAnaesthesia: "Saddle anaesthesia"
        case .bladderBowelDysfunction: "New bladder or bowel dysfunction"
        case .progressiveWeakness: "Progressive neurological weakness"
        case .feverChills: "Fever or chills"
        case .weightLoss: "Unexplained weight loss"
        case .cancerHistory: "History of cancer"
        case .intravenousDrugUse: "Intravenous drug use"
        case .significantTrauma: "Significant trauma"
        case .newPainOver50: "New pain after age 50"
        }
    }

    /// The chart alert a positive answer raises.
    public var alertMessage: String { "Red flag: \(title) — rule out before interventional treatment." }
}

/// Provocation tests of the spine, sacroiliac joint and hip.
public enum ProvocationTest: String, Coded {
    case straightLegRaise = "straight-leg-raise", crossedStraightLegRaise = "crossed-straight-leg-raise", slump
    case spurling, facetLoading = "facet-loading", faber, gaenslen, thighThrust = "thigh-thrust"
    case distraction, compression, sacralThrust = "sacral-thrust", hoffmann

    public var title: String {
        switch self {
        case .straightLegRaise: "Straight leg raise"
        case .crossedStraightLegRaise: "Crossed straight leg raise"
        case .slump: "Slump test"
        case .spurling: "Spurling"
        case .facetLoading: "Facet loading (extension-rotation)"
        case .faber: "FABER (Patrick)"
        case .gaenslen: "Gaenslen"
        case .thighThrust: "Thigh thrust"
        case .distraction: "SI distraction"
        case .compression: "SI compression"
        case .sacralThrust: "Sacral thrust"
        case .hoffmann: "Hoffmann"
        }
    }
}

public enum TestResult: String, Coded {
    case notDone = "not-done", negative, positive

    public var title: String {
        switch self {
        case .notDone: "Not done"
        case .negative: "Negative"
        case .positive: "Positive"
        }
    }
}

public enum TenderSite: String, Coded {
    case spinous, paraspinal, facet, sacroiliac, triggerPoints = "trigger-points", greaterTrochanter = "greater-trochanter"

    public var title: String {
        switch self {
        case .spinous: "Spinous processes"
        case .paraspinal: "Paraspinal muscles"
        case .facet: "Facet joints"
        case .sacroiliac: "Sacroiliac joint"
        case .triggerPoints: "Trigger points"
        case .greaterTrochanter: "Greater trochanter"
        }
    }
}

/// Nerve root levels examined in the neurological exam.
public enum NerveRoot: String, Coded {
    case c5 = "C5", c6 = "C6", c7 = "C7", c8 = "C8", t1 = "T1", l2 = "L2", l3 = "L3", l4 = "L4", l5 = "L5", s1 = "S1"

    public var title: String { rawValue }
}

/// What a side of the body shows for strength, reflex or sensation at a level.
public enum NeuroFinding: String, Coded {
    case normal, reduced, absent, increased

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
