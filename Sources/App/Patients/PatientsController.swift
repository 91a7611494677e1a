import Fluent
import Plot
import Foundation
import ReliefCore
import Vapor

/// Register, find, open and edit patients.
enum PatientsController {
    static func index(req: Request) async throws -> Response {
        let text = PatientQueries.searchText(req)
        let query = PatientSearchQuery(text)
        let patients = try await PatientQueries.search(req, text: text, query: query)
        let today = req.today
        let model = PatientList.Model(
            query: TextRules.visible(text), rows: patients.prefix(PatientQueries.searchLimit).map { PatientRow($0, today: today) },
            heading: text.isEmpty ? "Recently registered" : "Results for “\(TextRules.visible(text))”",
            truncated: patients.count > PatientQueries.searchLimit,
            canRegister: try req.user.can(.patientRegister),
            problem: !text.isEmpty && query == nil ? PatientSearchQuery.problem(with: text, verb: "Type") : nil)
        return req.page("Patients", section: .patients, PatientList.render(model))
    }

    static func new(req: Request) async throws -> Response {
        renderForm(req, PatientForm.Model(title: "Register a patient", action: SitePath.patients(),
                                         registration: PatientRegistration(), problems: [:], cancel: SitePath.patients()))
    }

    static func create(req: Request) async throws -> Response {
        let (registration, fields) = try decodeForm(req)
        var form = PatientForm.Model(title: "Register a patient", action: SitePath.patients(), registration: registration,
                                     problems: registration.problems(today: req.today), cancel: SitePath.patients())
        guard form.problems.isEmpty else { return try failValidation(req, form) }
        if fields["confirmDuplicate"] != "1" {
            let duplicates = try await PatientQueries.possibleDuplicates(of: registration, on: req.db)
            if !duplicates.isEmpty {
                form.duplicates = duplicates.map { (PatientRow($0.patient, today: req.today), LikelyDuplicate.describe($0.reasons)) }
                return renderForm(req, form, status: .ok)
            }
        }
        let patient = try await PatientQueries.register(req, registration)
        return req.redirect(to: SitePath.patient(patient.id), flash: Flash(.success, "Registered \(registration.displayName), MRN \(patient.mrn)."))
    }

    static func show(req: Request) async throws -> Response {
        guard let id = req.id(.patient),
              let (patient, chartVersion, settingsVersion) = try await PatientQueries.findForChart(id, on: req.db) else {
            throw Abort(.notFound, reason: "No such patient.")
        }
        // The audit row commits while the chart is gathered; the page is sent only once it has.
        async let audited: Void = req.audit(AuditEntry(action: .patientView, resourceType: "Patient", resourceID: patient.id.uuidString,
                                                       patientID: patient.id))
        let (user, cache) = (try req.user, req.application.chartCache)
        let data = try await cache.data(patientID: patient.id, version: chartVersion, on: req.db)
        let key = ChartCache.RenderKey(patientID: patient.id, patientVersion: patient.version, chartVersion: chartVersion,
                                       settingsVersion: settingsVersion, today: req.today, role: user.role, csrfToken: req.csrfToken)
        let settings = try await cache.settings(version: settingsVersion, on: req.db)
        let content = try await cache.rendered(key) {
            var model = PatientChart.model(patient, canEdit: user.can(.patientRegister), canHandOut: user.can(.questionnaireHandout),
                                           canSchedule: user.can(.scheduleView))
            if user.can(.clinicalRead) { model.clinical = try ChartSummary.clinical(req, patient, data, settings: settings) }
            return BodyNode.group(PatientChart.render(model, csrfToken: req.csrfToken)).render()
        }
        let banner = try await ChartBanner.model(req, patient, chart: (data, settings))
        try await audited
        return req.page(patient.displayName, section: .patients, banner: banner, html: content)
    }

    static func edit(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        try await req.audit(AuditEntry(action: .patientView, resourceType: "Patient", resourceID: patient.id.uuidString,
                                       patientID: patient.id, detail: "edit form"))
        return renderForm(req, editForm(patient, registration: patient.registration, version: patient.version),
                          banner: try await ChartBanner.model(req, patient))
    }

    static func update(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let (registration, fields) = try decodeForm(req)
        guard let version = fields["version"].flatMap(Int.init) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        var form = editForm(patient, registration: registration, version: version)
        form.problems = registration.problems(today: req.today)
        guard form.problems.isEmpty else {
            return try failValidation(req, form, banner: try await ChartBanner.model(req, patient))
        }
        switch try await PatientQueries.save(req, patient.id, from: version, registration) {
        case .saved(let saved, _):
            return req.redirect(to: SitePath.patient(saved.id), flash: Flash(.success, "Saved the changes to \(registration.displayName)."))
        case .notFound:
            throw Abort(.notFound, reason: "No such patient.")
        case .conflict(let current, let base, let changedBy, let changedAt):
            return try await conflict(req, current: current, base: base, yours: registration, changedBy: changedBy, changedAt: changedAt)
        }
    }

    private static func conflict(_ req: Request, current: PatientRecord, base: PatientRegistration?, yours: PatientRegistration,
                                 changedBy: UUID?, changedAt: Date?) async throws -> Response {
        let editor = if let changedBy { try await User.find(changedBy, on: req.db) } else { User?.none }
        var form = editForm(current, registration: yours, version: current.version)
        form.conflict = PatientConflict.model(base: base, current: current.registration, yours: yours,
                                              changedBy: editor?.name ?? "Another user",
                                              changedAt: changedAt.map(req.displayTime) ?? "")
        return renderForm(req, form, status: .conflict, banner: try await ChartBanner.model(req, current))
    }

    private static func editForm(_ patient: PatientRecord, registration: PatientRegistration, version: Int) -> PatientForm.Model {
        PatientForm.Model(title: "Edit registration", action: SitePath.patient(patient.id), registration: registration,
                          problems: [:], version: version, cancel: SitePath.patient(patient.id))
    }

    private static func decodeForm(_ req: Request) throws -> (PatientRegistration, [String: String]) {
        let fields = try req.content.decode([String: String].self)
        var registration = PatientRegistration()
        for field in PatientField.allCases { registration[field] = fields[field.rawValue] ?? "" }
        registration[.state] = registration[.state].uppercased()  // "ny" typed is NY; the API takes the code only
        return (registration, fields)
    }

    /// Browsers get the form back with its messages; JSON clients get the field errors.
    private static func failValidation(_ req: Request, _ form: PatientForm.Model, banner: PatientBanner.Model? = nil) throws -> Response {
        if req.wantsJSON {
            throw ValidationFailure(fields: Dictionary(uniqueKeysWithValues: form.problems.map { ($0.key.rawValue, $0.value) }))
        }
        return renderForm(req, form, status: .unprocessableEntity, banner: banner)
    }

    private static func renderForm(_ req: Request, _ form: PatientForm.Model, status: HTTPStatus = .ok,
                                   banner: PatientBanner.Model? = nil) -> Response {
        req.page(form.title, section: .patients, banner: banner, status: status, PatientForm.render(form, csrfToken: req.csrfToken))
    }
}
