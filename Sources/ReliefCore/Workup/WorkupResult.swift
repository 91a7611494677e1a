/// What a structured finding is about (FHIR DiagnosticReport / Observation), for the plan's indications later.
public enum FindingKind: String, Coded, Codable {
    case discHerniation = "disc-herniation", discBulge = "disc-bulge", stenosis, facetArthropathy = "facet-arthropathy"
    case fracture, nerveCompression = "nerve-compression", spondylolisthesis, other

    public var title: String {
        switch self {
        case .discHerniation: "Disc herniation"
        case .discBulge: "Disc bulge"
        case .stenosis: "Stenosis"
        case .facetArthropathy: "Facet arthropathy"
        case .fracture: "Fracture"
        case .nerveCompression: "Nerve root compression"
        case .spondylolisthesis: "Spondylolisthesis"
        case .other: "Other"
        }
    }
}

/// The spinal levels findings name.
public enum SpinalLevel: String, Coded, Codable {
    case c23 = "C2-3", c34 = "C3-4", c45 = "C4-5", c56 = "C5-6", c67 = "C6-7", c7t1 = "C7-T1"
    case t12l1 = "T12-L1", l12 = "L1-2", l23 = "L2-3", l34 = "L3-4", l45 = "L4-5", l5s1 = "L5-S1"

    public var title: String { rawValue }
}

public enum FindingGrade: String, Coded, Codable {
    case mild, moderate, severe

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public struct Finding: Codable, Hashable, Sendable {
    public var kind: FindingKind
    public var level: SpinalLevel?
    public var side: Laterality?
    public var grade: FindingGrade?

    public init(kind: FindingKind, level: SpinalLevel? = nil, side: Laterality? = nil, grade: FindingGrade? = nil) {
        self.kind = kind
        self.level = level
        self.side = side
        self.grade = grade
    }

    /// "Disc herniation L4-5 left, moderate".
    public var label: String {
        [kind.title, level?.rawValue, side?.title.lowercased()].compactMap { $0 }.joined(separator: " ")
            + (grade.map { ", \($0.rawValue)" } ?? "")
    }
}

/// The result of a work-up order: the report as written, the day it came, and structured findings.
public struct WorkupResult: Codable, Hashable, Sendable {
    public var report: String
    public var resultedOn: CalendarDate
    public var findings: [Finding]
    public var abnormal: Bool

    public init(report: String, resultedOn: CalendarDate, findings: [Finding] = [], abnormal: Bool = false) {
        self.report = report
        self.resultedOn = resultedOn
        self.findings = findings
        self.abnormal = abnormal
    }

    /// Finding rows on the form, enough for a typical spine report.
    public static let findingRows = 4

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (WorkupResult?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let report = reader.text("report", limit: 20_000, required: "Enter the report text.", multiline: true)
        let resultedOn = reader.date("resultedOn", what: "The result date") ?? today
        var findings: [Finding] = []
        for row in 1...findingRows {
            let prefix = "finding.\(row)."
            let kind = reader.one(prefix + "kind", FindingKind.self)
            let level = reader.one(prefix + "level", SpinalLevel.self)
            let side = reader.one(prefix + "side", Laterality.self)
            let grade = reader.one(prefix + "grade", FindingGrade.self)
            if let kind {
                findings.append(Finding(kind: kind, level: level, side: side, grade: grade))
            } else if level != nil || side != nil || grade != nil {
                reader.problem(prefix + "kind", "Choose what the finding is, or clear its row.")
            }
        }
        let result = WorkupResult(report: report, resultedOn: resultedOn, findings: findings, abnormal: fields["abnormal"] == "yes")
        return reader.problems.isEmpty ? (result, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("report", report), ("resultedOn", resultedOn.display), ("abnormal", abnormal ? "yes" : nil)])
        for (index, finding) in findings.enumerated() {
            let prefix = "finding.\(index + 1)."
            fields.set([(prefix + "kind", finding.kind.rawValue), (prefix + "level", finding.level?.rawValue),
                        (prefix + "side", finding.side?.rawValue), (prefix + "grade", finding.grade?.rawValue)])
        }
        return fields
    }
}

/// When work-up items count as overdue on the worklist: an order not resulted after `openDays`, a result not reviewed
/// after `reviewDays`. Operational defaults, not clinical facts; a practice sets its own (`PracticeRules`).
public struct WorkupDeadlines: Hashable, Sendable {
    public var openDays: Int
    public var reviewDays: Int

    public init(openDays: Int = 14, reviewDays: Int = 3) {
        self.openDays = openDays
        self.reviewDays = reviewDays
    }

    public func isOverdue(status: OrderStatus, orderedOn: CalendarDate, resultedOn: CalendarDate?, today: CalendarDate) -> Bool {
        switch status {
        case .ordered, .scheduled: today.daysSince(orderedOn) > openDays
        case .resulted: resultedOn.map { today.daysSince($0) > reviewDays } ?? false
        case .reviewed, .cancelled: false
        }
    }
}
