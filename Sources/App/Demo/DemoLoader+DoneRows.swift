import Foundation
import ReliefCore

extension DemoLoader.Batch {
    /// Procedures done here: their completed appointments, procedure encounters, signed records, follow-ups and calls.
    struct DoneRows: Sendable {
        var appointments: [[any Encodable & Sendable]] = []
        var encounters: [[any Encodable & Sendable]] = []
        var records: [[any Encodable & Sendable]] = []
        var followUps: [[any Encodable & Sendable]] = []
        var attempts: [[any Encodable & Sendable]] = []
        var outcomes: [[any Encodable & Sendable]] = []

        mutating func add(_ procedure: DemoProcedures.Done, patient: UUID, physician: UUID, nurse: UUID?, plan: UUID?,
                          nextID: () -> UUID) throws {
            let appointmentID = nextID(), encounterID = nextID(), recordID = nextID(), time = procedure.date.startOfDay
            let site = procedure.note.site
            appointments.append([appointmentID, patient, physician, "suite-a", AppointmentKind.procedure.rawValue, procedure.date.description,
                                 procedure.time.start.minutes, procedure.time.end.minutes, AppointmentStatus.completed.rawValue, site?.intervention.id,
                                 site?.region.rawValue, site?.storedLevels, site?.side?.rawValue, plan, "", encounterID, time, nurse ?? physician, time,
                                 physician, 2])
            encounters.append([encounterID, patient, EncounterKind.procedure.rawValue, EncounterStatus.finished.rawValue, procedure.date.description,
                               physician, time, time, physician, 1])
            records.append([recordID, appointmentID, patient, procedure.note.intervention, procedure.date.description, try JSONCoding.encode(procedure.note),
                            "signed", time, physician, time, physician, 2, encounterID])
            outcomes.append(OutcomeQueries.row(procedureID: recordID, patientID: patient, note: procedure.note, performedOn: procedure.date,
                                               condition: procedure.condition, provider: physician, outcome: procedure.outcome, now: time))
            for followUp in procedure.followUps {
                let id = nextID(), due = procedure.date.adding(days: followUp.daysAfter), answers = followUp.answers
                let updated = (answers?.completedOn ?? due).startOfDay
                followUps.append([id, recordID, patient, procedure.note.intervention, procedure.note.region, procedure.date.description, followUp.daysAfter,
                                  due.description, followUp.status.rawValue, followUp.attempts, try answers.map(JSONCoding.encode), answers?.reliefPercent,
                                  answers?.painNow, answers?.peg, answers?.mme, answers?.completedOn.description,
                                  followUp.status == .lost ? "Not reached after \(followUp.attempts) calls" : nil, updated, nurse, 1 + followUp.attempts])
                guard let nurse else { continue }
                // Calls made at 10 AM on the days after the follow-up fell due.
                for call in 0..<followUp.attempts {
                    attempts.append([nextID(), id, patient, FollowUpAttemptOutcome.noAnswer.rawValue, "", due.adding(days: call).startOfDay.addingTimeInterval(10 * 3600), nurse])
                }
            }
        }
    }
}
