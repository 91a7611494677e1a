import Fluent
import Foundation
import ReliefCore
import Vapor

/// Paper from the chart: the signed note, the medication and allergy list, the patient's instructions, and letters
/// to the referring physician (drafted from the signed note, edited, then kept as printed). Each printout is audited.
enum PrintoutsController {
    static func note(req: Request) async throws -> Response {
        let (patient, evaluation) = try await signedNote(req)
        let id = try evaluation.requireID()
        let model = try await EvaluationsController.documentModel(req, evaluation, interactive: false)
        return try await req.printout("Visit note", of: patient, back: ("Back to the note", SitePath.evaluation(patient.id, id)),
                                      audit: printed("Evaluation", id, patient, "visit note"),
                                      EvaluationDocument.render(model, csrfToken: ""))
    }

    static func instructions(req: Request) async throws -> Response {
        let (patient, evaluation) = try await signedNote(req)
        let id = try evaluation.requireID()
        let (encounter, _) = try await EvaluationQueries.note(evaluation, on: req.db)
        let lists = try await ChartEntryQueries.lists(patientID: patient.id, on: req.db)
        let names = try await StaffNames.lookup(Set([evaluation.signedBy].compactMap { $0 }), on: req.db)
        let model = PrintoutPages.Instructions(
            visit: VisitNoteStart.heading(encounter), clinician: evaluation.signedBy.flatMap { names[$0] } ?? "",
            instructions: try evaluation.decoded().patientInstructions ?? "",
            medications: try lists.entries(MedicationEntry.self).map(\.1).filter(\.isCurrent),
            allergies: try lists.entries(AllergyEntry.self).map(\.1))
        return try await req.printout("Instructions", of: patient, back: ("Back to the note", SitePath.evaluation(patient.id, id)),
                                      audit: printed("Evaluation", id, patient, "patient instructions"), PrintoutPages.instructions(model))
    }

    static func medications(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let lists = try await ChartEntryQueries.lists(patientID: patient.id, on: req.db)
        let medications = try lists.entries(MedicationEntry.self).map(\.1)
        let model = PrintoutPages.MedicationList(
            asOf: req.displayTime(req.now), medications: medications.filter(\.isCurrent),
            summary: OpioidSummary(medications.filter(\.isCurrent), rules: try await PracticeSettings.rules(on: req.db)),
            allergies: try lists.entries(AllergyEntry.self).map(\.1))
        return try await req.printout("Medications and allergies", of: patient,
                                      back: ("Back to the medications", SitePath.chartEntries(.medication)(patient.id)),
                                      audit: printed("MedicationStatement", nil, patient, "medication and allergy list"),
                                      PrintoutPages.medicationList(model))
    }

    static func newLetter(req: Request) async throws -> Response {
        let (patient, evaluation) = try await signedNote(req)
        let (encounter, _) = try await EvaluationQueries.note(evaluation, on: req.db)
        let registration = patient.registration
        let recipient = [registration[.referringName], registration[.referringPractice]].filter { !$0.isEmpty }.joined(separator: ", ")
        let facts = VisitLetter.Facts(
            recipient: registration[.referringName], patientName: patient.fullName,
            birthDate: patient.birthDateText,
            visit: encounter.flatMap { EncounterKind(rawValue: $0.kind) } ?? .newPatientEvaluation,
            visitDate: encounter.flatMap { CalendarDate($0.occurredOn) } ?? CalendarDate(evaluation.createdAt), author: try req.user.name)
        var fields = FormFields()
        fields.set([("recipient", recipient), ("text", VisitLetter.draft(facts, content: try evaluation.decoded()))])
        return try await letterForm(req, patient, evaluation, fields: fields, problems: [:])
    }

    static func createLetter(req: Request) async throws -> Response {
        let (patient, evaluation) = try await signedNote(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        var reader = FormReader(fields, today: req.today)
        let recipient = reader.text("recipient", limit: 200, required: "Say whom the letter is to.")
        let text = reader.text("text", limit: VisitLetter.textLimit, required: "Write the letter.", multiline: true)
        guard reader.problems.isEmpty else {
            if req.wantsJSON { throw ValidationFailure(fields: reader.problems) }
            return try await letterForm(req, patient, evaluation, fields: fields, problems: reader.problems, status: .unprocessableEntity)
        }
        let letter = Letter(patientID: patient.id, about: try evaluation.requireID(), recipient: recipient, text: text,
                            by: try req.user.id, now: req.now)
        try await LetterQueries.create(letter, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.letter(patient.id, try letter.requireID()))
    }

    static func letter(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.letter), let letter = try await LetterQueries.find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such letter.")
        }
        let model = PrintoutPages.LetterModel(date: CalendarDate(letter.createdAt).display, recipient: letter.recipient, text: letter.text,
                                              about: "\(patient.fullName), born \(patient.birthDateText), MRN \(patient.mrn)")
        return try await req.printout("Letter", of: patient, back: ("Back to the note", SitePath.evaluation(patient.id, letter.documentID)),
                                      audit: printed("Letter", id, patient, "letter to \(letter.recipient)"), PrintoutPages.letter(model))
    }

    // MARK: - Helpers

    /// Only a signed note goes on paper or into a letter: a draft may still change.
    private static func signedNote(_ req: Request) async throws -> (PatientRecord, Evaluation) {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        guard evaluation.isSigned else { throw Abort(.conflict, reason: "This note is a draft; sign it before printing it or writing a letter from it.") }
        return (patient, evaluation)
    }

    private static func printed(_ type: String, _ id: UUID?, _ patient: PatientRecord, _ what: String) -> AuditEntry {
        AuditEntry(action: .documentPrint, resourceType: type, resourceID: id?.uuidString, patientID: patient.id, detail: what)
    }

    private static func letterForm(_ req: Request, _ patient: PatientRecord, _ evaluation: Evaluation, fields: FormFields,
                                   problems: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let (encounter, _) = try await EvaluationQueries.note(evaluation, on: req.db)
        let model = LetterForm.Model(patientID: patient.id, evaluationID: try evaluation.requireID(), visit: VisitNoteStart.heading(encounter),
                                     fields: fields, problems: problems)
        return req.page("Letter", section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        LetterForm.render(model, csrfToken: req.csrfToken))
    }
}
