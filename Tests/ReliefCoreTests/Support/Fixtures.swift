@testable import ReliefCore

/// Patients the rules' tests share.
enum Fixtures {
    /// Left L5 radiculopathy since June 2026 after two months of failed physical therapy, with an MRI showing a
    /// left L4-L5 herniation: a transforaminal injection at L4-L5 is appropriate.
    static var radicular: PatientFacts {
        var facts = PatientFacts()
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M51.16", laterality: .left, onsetDate: CalendarDate("2026-06-01"))]
        facts.painSince = PartialDate("06/2026")
        facts.conservativeCare = ConservativeCare([PriorTreatmentEntry(kind: .physicalTherapy, weeks: 8, result: .noRelief)])
        facts.imaging = [ImagingFact(test: .mri, region: .lumbar, resultedOn: CalendarDate("2026-10-01")!,
                                     findings: [Finding(kind: .discHerniation, level: .l45, side: .left)])]
        return facts
    }
}
