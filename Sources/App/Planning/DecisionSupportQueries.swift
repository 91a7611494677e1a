import Fluent
import Foundation
import ReliefCore

/// Gathers what decision support reads from the chart: the lists, the latest evaluation's onset and history, open
/// red flags, resulted imaging and psychological evaluations, the latest scores, every procedure on record (done
/// elsewhere or signed here) and the
/// coverages in force.
enum DecisionSupportQueries {
    static func facts(for patient: PatientRecord, on database: any Database) async throws -> PatientFacts {
        var facts = PatientFacts()
        facts.birthDate = patient.registration.birthDate
        let lists = try await ChartEntryQueries.lists(patientID: patient.id, on: database)
        facts.diagnoses = try lists.entries(DiagnosisEntry.self).map(\.1).filter(\.isCurrent)
        facts.medications = try lists.entries(MedicationEntry.self).map(\.1).filter(\.isCurrent)
        facts.allergies = try lists.entries(AllergyEntry.self).map(\.1).filter { $0.isCurrent && $0.substance != .noKnownAllergies }
        facts.conservativeCare = ConservativeCare(try lists.entries(PriorTreatmentEntry.self).map(\.1))
        facts.procedures = try lists.entries(PriorProcedureEntry.self).map(\.1.fact)
            + (try await ProcedureQueries.performed(patientID: patient.id, on: database).compactMap(\.fact))
        facts.coverages = try lists.entries(CoverageEntry.self).map(\.1).filter(\.isCurrent)
        if let latest = try await latestEvaluation(patientID: patient.id, on: database) {
            facts.painSince = latest.onsetDate
            facts.history = Set(latest.history.compactMap(ProcedureRelevantHistory.init(rawValue:)))
        }
        facts.openRedFlags = try await EvaluationQueries.openAlerts(patientID: patient.id, on: database)
            .filter { $0.kind == ChartAlertKind.redFlag }.map(\.message)
        for record in try await WorkupQueries.all(patientID: patient.id, on: database) {
            guard let result = try record.decodedResult() else { continue }
            let order = try record.decodedOrder()
            switch order.test {
            case .xray, .ct, .mri:
                facts.imaging.append(ImagingFact(test: order.test, region: order.region?.spinalArea, side: order.laterality,
                                                 resultedOn: result.resultedOn, findings: result.findings))
            case .psychologicalEvaluation:
                facts.psychologicalEvaluationOn = max(facts.psychologicalEvaluationOn ?? result.resultedOn, result.resultedOn)
            default:
                continue
            }
        }
        // Oldest first, so the last one read is the latest.
        for response in try await QuestionnaireQueries.responses(patientID: patient.id, on: database) {
            guard let on = CalendarDate(response.completedOn) else { continue }
            facts.scores[response.questionnaire] = ScoreFact(score: response.score, on: on)
        }
        return facts
    }

    /// The content of the latest visit note, signed or draft, by the day of its encounter.
    static func latestEvaluation(patientID: UUID, on database: any Database) async throws -> EvaluationContent? {
        let notes = try await EvaluationQueries.notes(patientID: patientID, on: database)
        let latest = notes.max { ($0.1?.occurredOn ?? "", $0.0.updatedAt) < ($1.1?.occurredOn ?? "", $1.0.updatedAt) }
        return try latest?.0.decoded()
    }
}

extension DecisionSupportQueries {
    /// What the rules read: the patient's facts and the practice's criteria.
    static func inputs(for patient: PatientRecord, on database: any Database) async throws -> (PatientFacts, DecisionCriteria) {
        (try await facts(for: patient, on: database), try await PracticeSettings.criteria(on: database))
    }

    /// The verdict for one candidate, with the practice's criteria.
    static func decide(_ candidate: Candidate, for patient: PatientRecord, on database: any Database) async throws -> Decision {
        let (facts, criteria) = try await inputs(for: patient, on: database)
        return DecisionSupport.decide(candidate, for: facts, criteria: criteria)
    }

    /// The catalogue's candidates for the patient's diagnoses, best first.
    static func rank(for patient: PatientRecord, on date: CalendarDate, on database: any Database) async throws -> [Decision] {
        let (facts, criteria) = try await inputs(for: patient, on: database)
        return DecisionSupport.rank(for: facts, on: date, criteria: criteria)
    }
}
