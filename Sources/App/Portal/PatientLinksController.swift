import Plot
import ReliefCore
import Vapor

/// Links patients open on their own device to fill a block's pain diary or answer a follow-up. Staff make one and
/// send or read it out; the patient's birth date opens it once, on one device; wrong addresses and dates are audited
/// and throttled per address and per link (`PatientAccessThrottle`).
enum PatientLinksController {
    // MARK: - Staff

    /// Makes the link and shows it once: only its hash is kept.
    static func handOut(_ req: Request, _ patient: PatientRecord, _ purpose: PatientLinkPurpose, subjectID: UUID, lastDay: CalendarDate,
                        back: String) async throws -> Response {
        guard patient.registration.birthDate != nil else {
            return req.redirect(to: back, flash: Flash(.warning, "Record the patient's birth date first: the link asks for it before it opens."))
        }
        let secret = try await PatientLinkQueries.create(patientID: patient.id, purpose: purpose, subjectID: subjectID, lastDay: lastDay,
                                                         by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        let model = PatientLinkPages.Given(address: req.absoluteURL(SitePath.openPatientLink(secret)), purpose: purpose, lastDay: lastDay, back: back)
        return try await req.chartPage("A link for the patient", patient, PatientLinkPages.given(model), status: .created)
    }

    // MARK: - The patient's device

    static func entry(req: Request) async throws -> Response {
        let secret = req.text(.link) ?? ""
        if let wait = try await addressMustWait(req) { return wait }
        guard let link = try await PatientLinkQueries.unopened(secret: secret, today: req.today, on: req.db) else {
            return try await refuse(req, nil, secret: secret, "an address that opens no link", .notFound)
        }
        return birthDatePage(req, link, secret: secret, typed: "", problem: nil)
    }

    static func open(req: Request) async throws -> Response {
        let secret = req.text(.link) ?? "", typed = FormFields(urlEncoded: req.body.string ?? "")["birthDate"]
        if let wait = try await addressMustWait(req) { return wait }
        guard let link = try await PatientLinkQueries.unopened(secret: secret, today: req.today, on: req.db) else {
            return try await refuse(req, nil, secret: secret, "an address that opens no link", .notFound)
        }
        let throttle = PatientAccessThrottle()
        let failures = try await AuditRow.count(.patientLinkFailure, about: link.id?.uuidString, since: req.now.addingTimeInterval(-throttle.window), on: req.db)
        if throttle.linkMustWait(failures: failures) { return try await refuse(req, link, secret: secret, "link throttled", .tooManyRequests) }
        guard let birthDate = try await PatientQueries.find(link.patientID, on: req.db)?.registration.birthDate,
              PatientLinkTerms.confirms(typed, birthDate: birthDate) else {
            return try await refuse(req, link, secret: secret, "birth date did not match", .unprocessableEntity)
        }
        guard let token = try await PatientLinkQueries.open(link, now: req.now, on: req.db, audit: req.patientAudit(as: "patient link")) else {
            return try await refuse(req, nil, secret: secret, "opened meanwhile on another device", .notFound)
        }
        let response = req.redirect(to: SitePath.patientLinkPage())
        // Kept past the link's last day (the server checks the day itself), so a diary is filled through the day
        // even if the browser closes in between.
        let lifetime = (link.last?.adding(days: 2).startOfDay.timeIntervalSince(req.now)).map { Int(max($0, 0)) }
        response.cookies[PatientLink.cookieName] = HTTPCookies.Value(
            string: token, maxAge: lifetime, path: "/", isSecure: req.isSecure, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    static func show(req: Request) async throws -> Response {
        let link = try current(req)
        try await req.patientAudit(as: "patient link")(AuditEntry(action: .recordView, resourceType: link.linkPurpose == .diary ? "BlockDiary" : "FollowUp",
                                               resourceID: link.subjectID.uuidString, patientID: link.patientID, detail: "from a patient link"), req.db)
        switch link.linkPurpose {
        case .diary:
            guard let context = try await diary(req, link) else { return try await finished(req, link, "the diary is closed") }
            return try await diaryPage(req, context, fields: context.diary?.diary.fields ?? FormFields())
        case .followUp:
            guard let record = try await openFollowUp(req, link) else { return try await finished(req, link, "the follow-up is no longer open") }
            return followUpPage(req, record, fields: FormFields())
        }
    }

    static func save(req: Request) async throws -> Response {
        let link = try current(req), fields = FormFields(urlEncoded: req.body.string ?? "")
        switch link.linkPurpose {
        case .diary:
            guard let context = try await diary(req, link) else { return try await finished(req, link, "the diary is closed") }
            switch try await DiaryQueries.submit(fields, to: context, close: false, by: nil, today: req.today, now: req.now, on: req.db,
                                                 audit: req.patientAudit(as: "patient link")) {
            case .saved: return req.redirect(to: SitePath.patientLinkPage(), flash: Flash(.success, "Saved. Thank you: enter each next time as it comes."))
            case .closed: return try await finished(req, link, "the diary is closed")
            case .invalid(let problems): return try await diaryPage(req, context, fields: fields, problems: problems, status: .unprocessableEntity)
            case .stale:
                return try await diaryPage(req, try await diary(req, link) ?? context, fields: fields, status: .conflict,
                                           conflict: "The practice saved your diary meanwhile; here it is as it stands. Please check your entries and save again.")
            }
        case .followUp:
            guard let record = try await openFollowUp(req, link) else { return try await finished(req, link, "the follow-up is no longer open") }
            return try await answer(req, link, record, fields)
        }
    }

    static func done(req: Request) async throws -> Response {
        let response = req.page("Thank you", section: nil, kiosk: true, PatientLinkPages.done())
        response.cookies[PatientLink.cookieName] = .expired
        return response
    }

    // MARK: - Helpers

    private static func answer(_ req: Request, _ link: PatientLink, _ record: FollowUpRecord, _ fields: FormFields) async throws -> Response {
        // The patient answers for today, from the link: a date or a channel sent anyway is replaced.
        var given = fields.without("completedOn").without("contact")
        given.set([("completedOn", req.today.display), ("contact", FollowUpContact.link.rawValue)])
        let (parsed, problems) = FollowUpAnswers.parse(given, today: req.today, performedOn: record.performed ?? req.today, region: record.bodyArea)
        guard let answers = parsed else { return followUpPage(req, record, fields: fields, problems: problems, status: .unprocessableEntity) }
        let outcome = try await FollowUpQueries.answer(record, answers, from: Int(fields["version"]) ?? -1, by: nil, now: req.now, on: req.db,
                                                       audit: req.patientAudit(as: "patient link"))
        if outcome == .done, let patient = try await PatientQueries.find(record.patientID, on: req.db) {
            try await MonitoringQueries.raise(procedureID: record.procedureID, patient: patient, today: req.today, by: nil, now: req.now,
                                              on: req.db, audit: req.patientAudit(as: "patient link"))
        }
        return try await finished(req, link, outcome == .done ? "answered" : "answered meanwhile by the practice")
    }

    private static func current(_ req: Request) throws -> PatientLink {
        guard let link = req.patientLink else { throw Abort(.unauthorized, reason: "Open your link first.") }
        return link
    }

    /// The diary a link is for, while it takes entries.
    private static func diary(_ req: Request, _ link: PatientLink) async throws -> DiaryQueries.Context? {
        guard let patient = try await PatientQueries.find(link.patientID, on: req.db),
              let procedure = try await ProcedureQueries.signed(patient: patient, appointmentID: link.subjectID, on: req.db),
              let context = try await DiaryQueries.context(procedure, on: req.db), context.closed(today: req.today) == nil else { return nil }
        return context
    }

    /// The follow-up a link is for, while it is still to be answered.
    private static func openFollowUp(_ req: Request, _ link: PatientLink) async throws -> FollowUpRecord? {
        guard let record = try await FollowUpRecord.find(link.subjectID, on: req.db), record.patientID == link.patientID,
              [.due, .lost].contains(record.followUpStatus) else { return nil }
        return record
    }

    /// Closes the link (its work is done) and thanks the patient.
    private static func finished(_ req: Request, _ link: PatientLink, _ reason: String) async throws -> Response {
        try await PatientLinkQueries.close(link, reason: reason, now: req.now, on: req.db)
        return req.redirect(to: SitePath.patientLinkDone())
    }

    private static func diaryPage(_ req: Request, _ context: DiaryQueries.Context, fields: FormFields, problems: [String: String] = [:],
                                  status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let model = PatientLinkPages.Diary(procedure: context.procedure.site.intervention.name, day: context.procedure.appointment.date,
                                           painBefore: context.procedure.note.painBefore, fields: fields, problems: problems,
                                           version: context.diary?.version ?? 0, conflict: conflict)
        return req.page("Your pain diary", section: nil, status: status, kiosk: true, PatientLinkPages.diary(model, csrfToken: req.csrfToken))
    }

    private static func followUpPage(_ req: Request, _ record: FollowUpRecord, fields: FormFields, problems: [String: String] = [:],
                                     status: HTTPStatus = .ok) -> Response {
        let model = PatientLinkPages.FollowUp(procedure: record.procedureLabel, fields: fields, problems: problems, version: record.version)
        return req.page("Since your procedure", section: nil, status: status, kiosk: true, PatientLinkPages.followUp(model, csrfToken: req.csrfToken))
    }

    private static func birthDatePage(_ req: Request, _ link: PatientLink, secret: String, typed: String, problem: String?,
                                      status: HTTPStatus = .ok) -> Response {
        req.page(link.linkPurpose.title, section: nil, status: status, kiosk: true,
                 PatientLinkPages.birthDate(action: SitePath.openPatientLink(secret), purpose: link.linkPurpose, typed: typed, problem: problem,
                                            csrfToken: req.csrfToken))
    }

    /// 429 when this address has failed too often, at links or at the tablet.
    private static func addressMustWait(_ req: Request) async throws -> Response? {
        let throttle = PatientAccessThrottle()
        let failures = try await AuditRow.patientAccessFailures(from: req.clientAddress, since: req.now.addingTimeInterval(-throttle.window), on: req.db)
        guard throttle.mustWait(addressFailures: failures) else { return nil }
        return try await refuse(req, nil, secret: req.text(.link) ?? "", "address throttled", .tooManyRequests)
    }

    /// An opening refused, audited (the secret's first characters only: a live link must not sit in the trail).
    private static func refuse(_ req: Request, _ link: PatientLink?, secret: String, _ reason: String, _ status: HTTPStatus) async throws -> Response {
        try await req.patientAudit(as: "patient link")(AuditEntry(action: .patientLinkFailure, resourceType: "PatientLink", resourceID: link?.id?.uuidString,
                                               patientID: link?.patientID, outcome: .failure,
                                               detail: "\(reason): \(TextRules.visible(String(secret.prefix(2))))…"), req.db)
        let wait = "Too many tries that did not work. Please wait \(PatientAccessThrottle().windowText), or call the practice."
        switch (status, link) {
        case (.unprocessableEntity, let link?):
            return birthDatePage(req, link, secret: secret, typed: "", problem: "That date of birth does not match ours. Type it as MM/DD/YYYY.",
                                 status: status)
        case (.tooManyRequests, let link?): return birthDatePage(req, link, secret: secret, typed: "", problem: wait, status: status)
        default:
            return req.page("This link does not open", section: nil, status: status, kiosk: true,
                            PatientLinkPages.notOpen(status == .tooManyRequests ? wait : nil))
        }
    }
}
