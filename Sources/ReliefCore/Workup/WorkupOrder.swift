/// What kind of work-up an order is, for grouping and the worklist.
public enum WorkupCategory: String, Coded, Codable {
    case imaging, laboratory, psychology, electrodiagnostic, referral

    public var title: String {
        switch self {
        case .imaging: "Imaging"
        case .laboratory: "Blood and urine tests"
        case .psychology: "Psychological evaluation"
        case .electrodiagnostic: "Nerve conduction / EMG"
        case .referral: "Referral"
        }
    }
}

/// The tests a pain practice orders during the diagnostic work-up (FHIR ServiceRequest.code, our own list).
public enum WorkupTest: String, Coded, Codable {
    case xray, ct, mri
    case cbc, metabolicPanel = "metabolic-panel", hba1c, inr, inflammatoryMarkers = "inflammatory-markers"
    case urineDrugScreen = "urine-drug-screen"
    case psychologicalEvaluation = "psychological-evaluation"
    case ncsEmg = "ncs-emg"
    case referral

    public var title: String {
        switch self {
        case .xray: "X-ray"
        case .ct: "CT"
        case .mri: "MRI"
        case .cbc: "Complete blood count"
        case .metabolicPanel: "Metabolic panel"
        case .hba1c: "HbA1c"
        case .inr: "INR"
        case .inflammatoryMarkers: "Inflammatory markers (ESR, CRP)"
        case .urineDrugScreen: "Urine drug screen"
        case .psychologicalEvaluation: "Psychological evaluation"
        case .ncsEmg: "Nerve conduction study / EMG"
        case .referral: "Referral to another specialty"
        }
    }

    public var category: WorkupCategory {
        switch self {
        case .xray, .ct, .mri: .imaging
        case .cbc, .metabolicPanel, .hba1c, .inr, .inflammatoryMarkers, .urineDrugScreen: .laboratory
        case .psychologicalEvaluation: .psychology
        case .ncsEmg: .electrodiagnostic
        case .referral: .referral
        }
    }

    /// Contrast is a choice only where it is given.
    public var takesContrast: Bool { self == .ct || self == .mri }
}

public enum ImagingRegion: String, Coded, Codable {
    case cervical, thoracic, lumbar, pelvis, shoulder, hip, knee, head

    public var title: String {
        switch self {
        case .cervical: "Cervical spine"
        case .thoracic: "Thoracic spine"
        case .lumbar: "Lumbar spine"
        case .pelvis: "Pelvis and sacroiliac joints"
        case .shoulder: "Shoulder"
        case .hip: "Hip"
        case .knee: "Knee"
        case .head: "Head"
        }
    }

    /// Regions with a left and a right.
    public var isPaired: Bool { self == .shoulder || self == .hip || self == .knee }
}

public enum Contrast: String, Coded, Codable {
    case without, with, withAndWithout = "with-and-without"

    public var title: String {
        switch self {
        case .without: "Without contrast"
        case .with: "With contrast"
        case .withAndWithout: "With and without contrast"
        }
    }
}

public enum OrderPriority: String, Coded, Codable {
    case routine, urgent

    public var title: String { self == .routine ? "Routine" : "Urgent" }
}

/// Where an order is: ordered → scheduled → resulted → reviewed, or cancelled before a result.
public enum OrderStatus: String, Coded, Codable {
    case ordered, scheduled, resulted, reviewed, cancelled

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    /// Waiting for the test to be done.
    public var isOpen: Bool { self == .ordered || self == .scheduled }
}

/// A work-up order (FHIR ServiceRequest) as the ordering clinician fills it in.
public struct WorkupOrder: Codable, Hashable, Sendable {
    public var test: WorkupTest
    public var region: ImagingRegion?
    public var laterality: Laterality?
    public var contrast: Contrast?
    /// For a referral: which specialty.
    public var specialty: String
    /// The question the test should answer.
    public var reason: String
    public var priority: OrderPriority

    public init(test: WorkupTest, region: ImagingRegion? = nil, laterality: Laterality? = nil, contrast: Contrast? = nil,
                specialty: String = "", reason: String, priority: OrderPriority = .routine) {
        self.test = test
        self.region = region
        self.laterality = laterality
        self.contrast = contrast
        self.specialty = specialty
        self.reason = reason
        self.priority = priority
    }

    /// "MRI lumbar spine without contrast", "Referral: neurosurgery", "HbA1c".
    public var label: String {
        switch test.category {
        case .imaging:
            let side = laterality.map { " (\($0.title.lowercased()))" } ?? ""
            let contrast = contrast.map { " — \($0.title.lowercased())" } ?? ""
            return "\(test.title) \(region?.title.lowercased() ?? "")\(side)\(contrast)"
        case .referral: return "Referral: \(specialty)"
        default: return test.title
        }
    }

    static let reasonLimit = 500

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (WorkupOrder?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let test = reader.one("test", WorkupTest.self, required: "Choose the test.")
        var order = WorkupOrder(test: test ?? .referral, reason: reader.text("reason", limit: reasonLimit, required: "Say what the test should answer.", multiline: true))
        order.priority = reader.one("priority", OrderPriority.self) ?? .routine
        order.region = reader.one("region", ImagingRegion.self)
        order.laterality = reader.one("laterality", Laterality.self)
        order.contrast = reader.one("contrast", Contrast.self)
        order.specialty = reader.text("specialty", limit: 100)
        if let test {
            if test.category == .imaging, order.region == nil { reader.problem("region", "Choose the region to image.") }
            if test.category != .imaging, order.region != nil { reader.problem("region", "A region is only for imaging.") }
            if test.takesContrast, order.contrast == nil { reader.problem("contrast", "Say whether contrast is given.") }
            if !test.takesContrast, order.contrast != nil { reader.problem("contrast", "Contrast is only for CT and MRI.") }
            if test == .referral, order.specialty.isEmpty { reader.problem("specialty", "Name the specialty.") }
        }
        if order.laterality != nil, order.region.map({ !$0.isPaired }) ?? true {
            reader.problem("laterality", "A side is only for a shoulder, hip or knee.")
        }
        return reader.problems.isEmpty ? (order, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("test", test.rawValue), ("region", region?.rawValue), ("laterality", laterality?.rawValue),
                    ("contrast", contrast?.rawValue), ("specialty", specialty), ("reason", reason), ("priority", priority.rawValue)])
        return fields
    }
}
