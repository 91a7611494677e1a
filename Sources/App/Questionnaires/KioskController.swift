import Foundation
import ReliefCore
import Vapor

/// Questionnaires on a tablet. Staff choose them and get a one-time code; the tablet trades the code for its own
/// cookie and shows nothing but the chosen questionnaires, one after the other, then closes.
enum KioskController {
    // MARK: - Staff

    static func handout(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        return try await handoutPage(req, patient, chosen: [], order: [:], problem: nil)
    }

    static func start(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let answerable = try await answerable(req)
        let typedOrder = Dictionary(answerable.map { ($0.id, fields["order.\($0.id)"]) }, uniquingKeysWith: { first, _ in first })
        let (chosen, problem) = KioskHandout.order(fields.values("questionnaires"), among: answerable.map(\.id), numbers: typedOrder)
        guard let chosen else {
            if req.wantsJSON { throw ValidationFailure(fields: ["questionnaires": problem]) }
            return try await handoutPage(req, patient, chosen: fields.values("questionnaires"), order: typedOrder, problem: problem,
                                         status: .unprocessableEntity)
        }
        let code = try await KioskQueries.start(patientID: patient.id, questionnaires: chosen, by: try req.user.id, now: req.now,
                                                on: req.db, audit: req.transactionalAudit)
        let titles = chosen.compactMap { id in answerable.first { $0.id == id }?.title }
        return req.page("Tablet code", section: .patients, banner: try await ChartBanner.model(req, patient),
                        KioskPages.code(code, titles: titles, csrfToken: req.csrfToken))
    }

    /// Questionnaires a patient can answer alone: those whose wording ships or has been imported.
    private static func answerable(_ req: Request) async throws -> [QuestionnaireDefinition] {
        try await QuestionnaireQueries.definitions(on: req.db).filter(\.hasWording)
    }

    private static func handoutPage(_ req: Request, _ patient: PatientRecord, chosen: [String], order: [String: String], problem: String?,
                                    status: HTTPStatus = .ok) async throws -> Response {
        let throttle = PatientAccessThrottle()
        let wrongCodes = try await AuditRow.count(.kioskFailure, since: req.now.addingTimeInterval(-throttle.window), on: req.db)
        let model = KioskPages.HandoutModel(patientID: patient.id, questionnaires: try await answerable(req).map { ($0.id, $0.title) },
                                            chosen: chosen, order: order, problem: problem,
                                            wrongCodes: throttle.isBurst(failures: wrongCodes) ? (wrongCodes, Int(throttle.window / 60)) : nil)
        return req.page("Questionnaires on a tablet", section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        KioskPages.handout(model, csrfToken: req.csrfToken))
    }

    // MARK: - The tablet

    static func entry(req: Request) async throws -> Response {
        if let token = req.parsedCookies[KioskSession.cookieName]?.string, try await KioskQueries.active(token: token, now: req.now, on: req.db) != nil {
            return req.redirect(to: SitePath.kioskQuestionnaire())
        }
        return req.page("Your questionnaires", section: nil, kiosk: true, KioskPages.entry(code: "", problem: nil, csrfToken: req.csrfToken))
    }

    static func open(req: Request) async throws -> Response {
        let typed = FormFields(urlEncoded: req.body.string ?? "")["code"]
        let throttle = PatientAccessThrottle()
        let failures = try await AuditRow.patientAccessFailures(from: req.clientAddress, since: req.now.addingTimeInterval(-throttle.window), on: req.db)
        if throttle.mustWait(addressFailures: failures) {
            return try await refuse(req, typed, "address throttled", .tooManyRequests,
                                    "Too many codes that did not work on this tablet. Ask the staff for help.")
        }
        guard let code = KioskCode.normalize(typed), let (session, token) = try await KioskQueries.open(code: code, now: req.now, on: req.db) else {
            return try await refuse(req, typed, "wrong, used or expired code", .unprocessableEntity,
                                    "This code is not valid, was used already or has expired. Ask the staff for a new one.")
        }
        // Staff handing over their own device are signed out, so the patient cannot leave the questionnaires.
        if let user = req.currentUser {
            try await req.audit(AuditEntry(action: .logout, resourceType: "User", resourceID: user.id.uuidString, detail: "kiosk hand-over"))
            if let session = user.sessionID { try await SessionStore.end(session, at: req.now, on: req.db, cache: req.application.sessionCache) }
        }
        try await req.patientAudit(as: "kiosk")(AuditEntry(action: .kioskOpen, resourceType: "KioskSession", resourceID: (try session.requireID()).uuidString,
                                             patientID: session.patientID), req.db)
        let response = req.redirect(to: SitePath.kioskConfirm())
        response.cookies[SessionAuthenticator.cookieName] = .expired
        // A browser-session cookie: the server enforces the hour (`KioskSession.lifetime`).
        response.cookies[KioskSession.cookieName] = HTTPCookies.Value(
            string: token, path: "/", isSecure: req.isSecure, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// "Is this you?": the first name and birth year, so a tablet handed to the wrong person is handed back unanswered.
    static func confirmation(req: Request) async throws -> Response {
        let session = try kioskSession(req)
        if session.confirmedAt != nil { return req.redirect(to: SitePath.kioskQuestionnaire()) }
        guard let patient = try await PatientQueries.find(session.patientID, on: req.db) else { throw Abort(.notFound) }
        let birthYear = patient.registration.birthDate.map { String($0.year) } ?? ""
        return req.page("Is this you?", section: nil, kiosk: true,
                        KioskPages.confirmation(firstName: patient.registration[.givenName], birthYear: birthYear, csrfToken: req.csrfToken))
    }

    static func confirm(req: Request) async throws -> Response {
        let session = try kioskSession(req)
        let answer = FormFields(urlEncoded: req.body.string ?? "")["answer"]
        // Only the two buttons' answers count; anything else asks again rather than closing the tablet.
        guard answer == "yes" || answer == "no" else { return req.redirect(to: SitePath.kioskConfirm()) }
        let yes = answer == "yes"
        if session.confirmedAt == nil { try await KioskQueries.confirm(session, yes: yes, now: req.now, on: req.db, audit: req.patientAudit(as: "kiosk")) }
        guard yes else {
            let response = req.page("Please hand the tablet back", section: nil, kiosk: true, KioskPages.notMe())
            response.cookies[KioskSession.cookieName] = .expired
            return response
        }
        return req.redirect(to: SitePath.kioskQuestionnaire())
    }

    static func questionnaire(req: Request) async throws -> Response {
        let session = try kioskSession(req)
        if session.confirmedAt == nil { return req.redirect(to: SitePath.kioskConfirm()) }
        guard let next = session.next, let definition = try await QuestionnaireQueries.definition(next, on: req.db) else {
            return req.redirect(to: SitePath.kioskDone())
        }
        return try await form(req, session, definition, fields: definition.initialFields, problems: [:])
    }

    static func answer(req: Request) async throws -> Response {
        let session = try kioskSession(req)
        if session.confirmedAt == nil { return req.redirect(to: SitePath.kioskConfirm()) }
        guard let next = session.next, req.text(.questionnaire) == next,
              let definition = try await QuestionnaireQueries.definition(next, on: req.db) else {
            return req.redirect(to: SitePath.kioskQuestionnaire())
        }
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        // A patient answers for today: the tablet offers no date, and one sent anyway is ignored.
        let (submission, problems) = QuestionnaireSubmission.parse(definition, fields.without(QuestionnaireSubmission.completedOnField), today: req.today)
        guard let submission else {
            return try await form(req, session, definition, fields: fields, problems: problems, status: .unprocessableEntity)
        }
        try await KioskQueries.record(submission, in: session, now: req.now, on: req.db, audit: req.patientAudit(as: "kiosk"))
        return req.redirect(to: session.next == nil ? SitePath.kioskDone() : SitePath.kioskQuestionnaire())
    }

    static func done(req: Request) async throws -> Response {
        let response = req.page("Thank you", section: nil, kiosk: true, KioskPages.done())
        response.cookies[KioskSession.cookieName] = .expired
        return response
    }

    private static func form(_ req: Request, _ session: KioskSession, _ definition: QuestionnaireDefinition, fields: FormFields,
                             problems: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let position = session.completedIDs.count + 1, total = session.questionnaireIDs.count
        let model = QuestionnairePages.FormModel(definition: definition, action: SitePath.kioskAnswers(definition.id), fields: fields,
                                              problems: problems, byStaff: false, cancel: nil)
        let progress = BodyNode.tag("p", [("class", "muted")], text: "Questionnaire \(position) of \(total)")
        return req.page(definition.title, section: nil, status: status, kiosk: true,
                        [progress] + QuestionnairePages.form(model, csrfToken: req.csrfToken))
    }

    /// A code that opened nothing, audited (its first characters only: a live code must not sit in the trail).
    private static func refuse(_ req: Request, _ typed: String, _ reason: String, _ status: HTTPStatus, _ problem: String) async throws -> Response {
        try await req.audit(AuditEntry(action: .kioskFailure, resourceType: "KioskSession", outcome: .failure,
                                       detail: "\(reason): \(typed.prefix(2))…", userEmail: "kiosk", role: "patient"))
        return req.page("Your questionnaires", section: nil, status: status, kiosk: true,
                        KioskPages.entry(code: TextRules.visible(typed), problem: problem, csrfToken: req.csrfToken))
    }

    private static func kioskSession(_ req: Request) throws -> KioskSession {
        guard let session = req.kioskSession else { throw Abort(.unauthorized, reason: "Open the questionnaires with a code first.") }
        return session
    }
}
