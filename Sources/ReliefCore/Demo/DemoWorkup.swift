/// The work-up of a seen demo patient, coherent with the main diagnosis: imaging that shows it, a drug screen for
/// patients on opioids, and a few orders still open or waiting for review so the worklist has work on it.
public enum DemoWorkup {
    public struct Item: Hashable, Sendable {
        public let order: WorkupOrder
        public let orderedOn: CalendarDate
        public let status: OrderStatus
        public let result: WorkupResult?
        public let reviewComment: String?
        public let reviewedOn: CalendarDate?
    }

    public static func generate(index: Int, seed: UInt64, diagnosis: DiagnosisEntry?, firstVisit: CalendarDate?, onOpioid: Bool,
                                today: CalendarDate) -> [Item] {
        guard let diagnosis, let firstVisit else { return [] }
        var random = SeededGenerator(seed: (seed &* 49_979_687) ^ UInt64(index) &+ 0xB0B0)
        let side = diagnosis.laterality == .right || diagnosis.condition?.laterality == .right ? Laterality.right : .left
        var items: [Item] = []
        func add(_ order: WorkupOrder, _ findings: [Finding], report: String, abnormal: Bool = true, comment: String) {
            // Most results came back and were reviewed; a few orders are still open or waiting for review. Those are
            // recent (ordered again at a later visit when the first was long ago), and only some are past the
            // practice's deadlines, as on a real worklist.
            let resulted = firstVisit.adding(days: Int.random(in: 5...16, using: &random))
            let reviewed = resulted.adding(days: Int.random(in: 0...2, using: &random))
            let roll = Double.random(in: 0..<1, using: &random)
            let recent = max(firstVisit, today.adding(days: -Int.random(in: 0...20, using: &random)))
            if resulted > today || roll < 0.06 {
                items.append(Item(order: order, orderedOn: recent, status: random.chance(0.5) ? .scheduled : .ordered, result: nil,
                                  reviewComment: nil, reviewedOn: nil))
            } else if reviewed > today || roll < 0.1 {
                // Resulted in the last days: at the first visit's pace when that was recent, else ordered again lately.
                let back = reviewed > today ? resulted : max(resulted, today.adding(days: -Int.random(in: 0...5, using: &random)))
                let ordered = reviewed > today ? firstVisit : max(firstVisit, back.adding(days: -Int.random(in: 5...16, using: &random)))
                items.append(Item(order: order, orderedOn: ordered, status: .resulted,
                                  result: WorkupResult(report: report, resultedOn: back, findings: findings, abnormal: abnormal),
                                  reviewComment: nil, reviewedOn: nil))
            } else {
                items.append(Item(order: order, orderedOn: firstVisit, status: .reviewed,
                                  result: WorkupResult(report: report, resultedOn: resulted, findings: findings, abnormal: abnormal),
                                  reviewComment: comment, reviewedOn: reviewed))
            }
        }
        func mri(_ region: ImagingRegion, _ reason: String) -> WorkupOrder {
            WorkupOrder(test: .mri, region: region, contrast: .without, reason: reason)
        }
        switch diagnosis.conditionCode {
        case "M51.16":
            add(mri(.lumbar, "Radiculopathy: level and cause?"),
                [Finding(kind: .discHerniation, level: .l45, side: side, grade: .moderate), Finding(kind: .nerveCompression, level: .l45, side: side)],
                report: "L4-5 \(side.rawValue) paracentral disc protrusion contacting the traversing L5 nerve root. No stenosis elsewhere.",
                comment: "Concordant with the exam: transforaminal ESI at L4-5.")
        case "M47.816":
            add(WorkupOrder(test: .xray, region: .lumbar, reason: "Axial pain: alignment, degeneration?"),
                [Finding(kind: .facetArthropathy, level: .l45, side: .bilateral, grade: .moderate),
                 Finding(kind: .facetArthropathy, level: .l5s1, side: .bilateral, grade: .moderate)],
                report: "Facet hypertrophy at L4-5 and L5-S1. No instability on flexion and extension.",
                comment: "Supports facet-mediated pain: medial branch blocks.")
        case "M48.062":
            add(mri(.lumbar, "Neurogenic claudication: degree of stenosis?"),
                [Finding(kind: .stenosis, level: .l45, grade: .severe), Finding(kind: .stenosis, level: .l34, grade: .moderate)],
                report: "Severe central canal stenosis at L4-5 from ligamentum flavum and facet hypertrophy; moderate at L3-4.",
                comment: "Interlaminar ESI; surgical opinion if no lasting relief.")
        case "M50.122":
            add(mri(.cervical, "Cervical radiculopathy: level?"),
                [Finding(kind: .discHerniation, level: .c56, side: side, grade: .moderate)],
                report: "C5-6 \(side.rawValue) foraminal disc osteophyte complex narrowing the exiting C6 root.",
                comment: "Concordant: cervical ESI.")
            add(WorkupOrder(test: .ncsEmg, laterality: nil, reason: "C6 radiculopathy versus carpal tunnel?"), [],
                report: "Chronic \(side.rawValue) C6 radiculopathy; no median neuropathy.", comment: "Confirms radiculopathy.")
        case "M46.1":
            add(WorkupOrder(test: .xray, region: .pelvis, reason: "Sacroiliac pain: sacroiliitis, hip disease?"),
                [Finding(kind: .other, side: side, grade: .mild)], report: "Mild \(side.rawValue) sacroiliac joint sclerosis. Hips normal.",
                comment: "Diagnostic SI joint injection.")
        case "M17.11", "M17.12", "M17.0":
            let knee: Laterality = diagnosis.conditionCode == "M17.0" ? .bilateral : (diagnosis.conditionCode == "M17.11" ? .right : .left)
            add(WorkupOrder(test: .xray, region: .knee, laterality: knee == .bilateral ? nil : knee, reason: "Knee pain: osteoarthritis grade?"),
                [Finding(kind: .other, side: knee, grade: .moderate)], report: "Moderate medial compartment joint space narrowing with osteophytes.",
                comment: "Genicular nerve blocks.")
        case "M96.1":
            add(WorkupOrder(test: .psychologicalEvaluation, reason: "Before a spinal cord stimulator trial"), [],
                report: "No contraindication to neuromodulation; coping skills adequate.", abnormal: false, comment: "Proceed to SCS trial.")
        default:
            break
        }
        if onOpioid {
            add(WorkupOrder(test: .urineDrugScreen, reason: "Opioid therapy monitoring"), [],
                report: "Positive only for the prescribed opioid.", abnormal: false, comment: "Consistent with the prescription.")
        }
        return items
    }
}
