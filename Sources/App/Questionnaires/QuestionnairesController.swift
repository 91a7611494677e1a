import Foundation
import ReliefCore
import Vapor

/// Questionnaires entered by staff: the patient's scores with trends and change since baseline, the answer form,
/// one response as answered, and marking a response entered in error.
enum QuestionnairesController {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let definitions = try await QuestionnaireQueries.definitions(on: req.db)
        let responses = try await QuestionnaireQueries.responses(patientID: patient.id, on: req.db)
        let differences = try await PracticeSettings.differences(on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "QuestionnaireResponse", patientID: patient.id,
                                       detail: "list of \(responses.count)"))
        let model = QuestionnairePages.IndexModel(
            patientID: patient.id, courses: QuestionnaireQueries.courses(definitions, responses, differences: differences),
            enterable: try req.user.can(.questionnaireWrite)
                ? definitions.map { ($0.id, $0.title, $0.hasWording, $0.isImported) } : [],
            canChangeSettings: try req.user.can(.clinicalSettings))
        return req.page("Questionnaires", section: .patients, banner: try await ChartBanner.model(req, patient),
                        QuestionnairePages.index(model))
    }

    static func new(req: Request) async throws -> Response {
        let (patient, definition) = try await QuestionnaireQueries.questionnaire(req)
        var fields = definition.initialFields
        // The Opioid Risk Tool scores by sex: start from the registration's sex at birth.
        if definition.id == QuestionnaireCatalogue.opioidRiskTool.id,
           let answer = SexAtBirth(rawValue: patient.registration[.sexAtBirth]).flatMap(OpioidRiskTool.sexAnswer) {
            fields.set(OpioidRiskTool.sexItem, String(answer))
        }
        return try await form(req, patient, definition, fields: fields, problems: [:], grid: req.queryText("layout") == "grid")
    }

    static func create(req: Request) async throws -> Response {
        let (patient, definition) = try await QuestionnaireQueries.questionnaire(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (submission, problems) = QuestionnaireSubmission.parse(definition, fields, today: req.today)
        guard let submission else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return try await form(req, patient, definition, fields: fields, problems: problems, grid: fields["layout"] == "grid",
                                  status: .unprocessableEntity)
        }
        let response = try await QuestionnaireQueries.record(submission, patientID: patient.id, via: .staff, by: try req.user.id, now: req.now,
                                                          on: req.db, audit: req.transactionalAudit)
        let alert = submission.score.alerts.isEmpty ? "" : " An alert was raised for the physician."
        return req.redirect(to: SitePath.questionnaireResponse(patient.id, try response.requireID()),
                            flash: Flash(.success, "Saved \(definition.title): \(Figures.text(submission.score.score)).\(alert)"))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, response, definition) = try await QuestionnaireQueries.response(req, current: false)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "QuestionnaireResponse", resourceID: (try response.requireID()).uuidString,
                                       patientID: patient.id))
        return try await responsePage(req, patient, response, definition)
    }

    static func enterInError(req: Request) async throws -> Response {
        let (patient, response, definition) = try await QuestionnaireQueries.response(req, current: false)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        var reader = FormReader(fields, today: req.today)
        let reason = reader.text("reason", limit: 500, required: "Give the reason the answers were wrong.")
        if let problem = reader.problems["reason"] {
            if req.wantsJSON { throw ValidationFailure(fields: reader.problems) }
            return try await responsePage(req, patient, response, definition, inError: (reason, problem), status: .unprocessableEntity)
        }
        guard try await QuestionnaireQueries.enterInError(response, from: version, reason: reason, by: try req.user.id, now: req.now,
                                                       on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Someone marked these answers meanwhile; reload the page.")
        }
        return req.redirect(to: SitePath.questionnaires(patient.id), flash: Flash(.success, "Marked the \(definition.title) answers as entered in error."))
    }

    // MARK: - Helpers

    private static func form(_ req: Request, _ patient: PatientRecord, _ definition: QuestionnaireDefinition, fields: FormFields,
                             problems: [String: String], grid: Bool, status: HTTPStatus = .ok) async throws -> Response {
        let path = SitePath.newQuestionnaireResponse(patient.id, definition.id)
        let model = QuestionnairePages.FormModel(definition: definition, action: SitePath.questionnaireResponses(patient.id, definition.id),
                                              fields: fields, problems: problems, byStaff: true, cancel: SitePath.questionnaires(patient.id),
                                              grid: grid, otherLayout: grid ? path : path + "?layout=grid")
        return req.page(definition.title, section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        QuestionnairePages.form(model, csrfToken: req.csrfToken))
    }

    private static func responsePage(_ req: Request, _ patient: PatientRecord, _ response: QuestionnaireResponse, _ definition: QuestionnaireDefinition,
                                     inError: (reason: String, problem: String)? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let answers = try response.decodedAnswers()
        let names = try await StaffNames.lookup(Set([response.createdBy, response.deletedBy].compactMap { $0 }), on: req.db)
        let via = response.enteredVia == QuestionnaireResponse.EnteredVia.kiosk.rawValue
            ? "By the patient on a tablet" : "By \(response.createdBy.flatMap { names[$0] } ?? "unknown")"
        let band = response.band.flatMap(definition.band(id:)).map { " — \($0.label)" } ?? ""
        let subscores = try JSONCoding.decode([String: Double].self, response.subscores).sorted { $0.key < $1.key }
        let model = QuestionnairePages.ResponseModel(
            definition: definition, patientID: patient.id, responseID: try response.requireID(), version: response.version,
            completedOn: CalendarDate(response.completedOn)?.display ?? response.completedOn,
            enteredBy: "\(via), \(req.displayTime(response.createdAt))",
            score: "\(Figures.text(response.score)) (\(definition.scoreLabel))\(band)"
                + (response.missing > 0 ? "; \(response.missing) item(s) left blank, scored by the instrument's missing-item rule" : ""),
            subscores: subscores.map { (subscoreTitle($0.key), Figures.text($0.value)) },
            answers: definition.items.enumerated().map { index, item in
                ("\(index + 1). \(item.text ?? "Item \(index + 1)")", answerText(answers[item.linkId].flatMap(item.option(value:))))
            },
            inError: response.deletedAt.map { "Entered in error on \(req.displayTime($0)) by \(response.deletedBy.flatMap { names[$0] } ?? "unknown"): \(response.deletedReason ?? "")" },
            canMarkInError: try req.user.can(.questionnaireWrite), inErrorReason: inError?.reason ?? "",
            inErrorProblem: inError?.problem)
        return req.page(definition.title, section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        QuestionnairePages.response(model, csrfToken: req.csrfToken))
    }

    private static func answerText(_ option: AnswerOption?) -> String {
        guard let option else { return "Not answered" }
        guard let text = option.text else { return String(option.value) }
        return "\(option.value) — \(text)"
    }

    private static func subscoreTitle(_ key: String) -> String {
        switch key {
        case "psychosocial": "Psychosocial subscale"
        case "percent": "Percent"
        default: key
        }
    }
}
