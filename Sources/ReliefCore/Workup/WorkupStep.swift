/// A step along a work-up order's way after it is placed, with its form's checks: the pages and the API take the
/// same fields and refuse the same input with the same messages.
public enum WorkupStep: Hashable, Sendable {
    case schedule(CalendarDate)
    case result(WorkupResult)
    /// The physician's signed review, with an optional comment.
    case review(comment: String)
    case cancel(reason: String)

    public enum Kind: String, Coded {
        case schedule, result, review, cancel

        public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        /// Schedule, result and cancel while the test is still to be done; review once it is resulted.
        public func applies(to status: OrderStatus) -> Bool {
            self == .review ? status == .resulted : status.isOpen
        }

        /// The step's fields, for the API's description and conversion.
        public var schema: FieldSchema {
            switch self {
            case .schedule: FieldSchema([FieldSpec("scheduledFor", .date, required: true)])
            case .result: WorkupResult.schema
            case .review: FieldSchema([.text("reviewComment", limit: reviewCommentLimit, multiline: true)])
            case .cancel: FieldSchema([.text("cancelReason", limit: cancelReasonLimit, required: true)])
            }
        }
    }

    public static let reviewCommentLimit = 2000
    public static let cancelReasonLimit = 500

    public var kind: Kind {
        switch self {
        case .schedule: .schedule
        case .result: .result
        case .review: .review
        case .cancel: .cancel
        }
    }

    /// The order's status once the step is taken.
    public var status: OrderStatus {
        switch self {
        case .schedule: .scheduled
        case .result: .resulted
        case .review: .reviewed
        case .cancel: .cancelled
        }
    }

    /// What the audit trail records of the step.
    public var detail: String {
        switch self {
        case .schedule(let date): "scheduled \(date)"
        case .result: "resulted"
        case .review(let comment): comment
        case .cancel(let reason): "cancelled: \(reason)"
        }
    }

    public static func parse(_ kind: Kind, _ fields: FormFields, today: CalendarDate) -> (WorkupStep?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let step: WorkupStep?
        switch kind {
        case .schedule:
            step = reader.date("scheduledFor", what: "The date", allowFuture: true, required: true).map(WorkupStep.schedule)
        case .result:
            let (result, problems) = WorkupResult.parse(fields, today: today)
            return (result.map(WorkupStep.result), problems)
        case .review:
            let comment = reader.text("reviewComment", limit: reviewCommentLimit, multiline: true)
            step = .review(comment: comment)
        case .cancel:
            step = .cancel(reason: reader.text("cancelReason", limit: cancelReasonLimit, required: "Give the reason for cancelling."))
        }
        return reader.problems.isEmpty ? (step, [:]) : (nil, reader.problems)
    }
}
