import Plot
import ReliefCore
import Vapor

/// A patient's implanted devices: listed and added, one device shown and changed under its version, its programming
/// and (for a pump) its refills recorded; and the pumps whose refill falls due.
enum ImplantsController {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Device", patientID: patient.id, detail: "list"))
        return try await list(req, patient, fields: FormFields(), problems: [:])
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = Implant.parse(fields, today: req.today)
        guard let implant = parsed else { return try await list(req, patient, fields: fields, problems: problems, status: .unprocessableEntity) }
        let id = try await ImplantQueries.create(implant, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.implant(patient.id, id), flash: Flash(.success, "Added \(implant.label)."))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, stored) = try await ImplantQueries.implant(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Device", resourceID: stored.id.uuidString, patientID: patient.id))
        return try await detail(req, patient, stored, fields: stored.implant.fields)
    }

    static func update(req: Request) async throws -> Response {
        let (patient, stored) = try await ImplantQueries.implant(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = Implant.parse(fields, today: req.today)
        guard let implant = parsed else {
            return try await detail(req, patient, stored, fields: fields, problems: problems, failed: .device, status: .unprocessableEntity)
        }
        guard try await ImplantQueries.update(stored, to: implant, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                              on: req.db, audit: req.transactionalAudit) else {
            let fresh = try await ImplantQueries.implant(req).1
            return try await detail(req, patient, fresh, fields: fields, status: .conflict,
                                    conflict: "Someone changed this device meanwhile; it is shown as it stands. Your entries were not saved.")
        }
        return req.redirect(to: SitePath.implant(patient.id, stored.id), flash: Flash(.success, "Saved \(implant.label)."))
    }

    static func addSetting(req: Request) async throws -> Response {
        let (patient, stored) = try await ImplantQueries.implant(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = DeviceSetting.parse(fields, today: req.today, implantedOn: stored.implant.implantedOn)
        guard let setting = parsed else {
            return try await detail(req, patient, stored, fields: stored.implant.fields, settingFields: fields, problems: problems, failed: .setting,
                                    status: .unprocessableEntity)
        }
        try await ImplantQueries.add(.settings, setting, recordedOn: setting.recordedOn, to: stored, by: try req.user.id, now: req.now, on: req.db,
                                     audit: req.transactionalAudit, detail: setting.summary)
        return req.redirect(to: SitePath.implant(patient.id, stored.id), flash: Flash(.success, "Recorded the programming."))
    }

    static func addRefill(req: Request) async throws -> Response {
        let (patient, stored) = try await ImplantQueries.implant(req)
        guard stored.implant.kind.isPump, stored.implant.isActive else { throw Abort(.conflict, reason: "Only a pump in place is refilled.") }
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = PumpRefill.parse(fields, today: req.today, implantedOn: stored.implant.implantedOn)
        guard let refill = parsed else {
            return try await detail(req, patient, stored, fields: stored.implant.fields, refillFields: fields, problems: problems, failed: .refill,
                                    status: .unprocessableEntity)
        }
        try await ImplantQueries.add(.refills, refill, recordedOn: refill.refilledOn, nextRefillOn: refill.nextRefillOn, to: stored, by: try req.user.id,
                                     now: req.now, on: req.db, audit: req.transactionalAudit, detail: refill.summary)
        return req.redirect(to: SitePath.implant(patient.id, stored.id), flash: Flash(.success, "Recorded the refill: next on \(refill.nextRefillOn.display)."))
    }

    static func worklist(req: Request) async throws -> Response {
        let due = try await ImplantQueries.dueRefills(today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "PumpRefill", detail: "refills due, \(due.count)"))
        let rows = due.map { ImplantPages.DueRow(patientID: $0.patient.id, implantID: $0.implantID, patient: "\($0.patient.displayName) (\($0.patient.mrn))",
                                                 phone: $0.patient.phone ?? "", device: "\($0.implant.manufacturer) \($0.implant.model)",
                                                 nextRefill: $0.refill.nextRefillOn, alarm: $0.refill.alarmOn) }
        let tabs = WorklistTabs.render(current: SitePath.pumpRefillWorklist(), followUps: try req.user.can(.followUpWrite))
        return req.page("Pump refills", section: .worklists, [tabs] + ImplantPages.worklist(rows, today: req.today, canOpen: try req.user.can(.clinicalRead)))
    }

    // MARK: - Helpers

    private static func list(_ req: Request, _ patient: PatientRecord, fields: FormFields, problems: [String: String],
                             status: HTTPStatus = .ok) async throws -> Response {
        let devices = try await ImplantQueries.all(patientID: patient.id, on: req.db).map { ($0.id, $0.implant) }
        let model = ImplantPages.ListModel(patientID: patient.id, devices: devices, fields: fields, problems: problems, canWrite: try req.user.can(.chartWrite))
        return try await req.chartPage("Implants", patient, ImplantPages.index(model, csrfToken: req.csrfToken), status: status)
    }

    private static func detail(_ req: Request, _ patient: PatientRecord, _ stored: ImplantQueries.Stored, fields: FormFields,
                               settingFields: FormFields? = nil, refillFields: FormFields? = nil, problems: [String: String] = [:],
                               failed: ImplantPages.Form? = nil, status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let settings = try await ImplantQueries.entries(DeviceSetting.self, in: .settings, of: stored.id, on: req.db)
        let refills = try await ImplantQueries.entries(PumpRefill.self, in: .refills, of: stored.id, on: req.db)
        var defaults = FormFields()
        defaults.set("recordedOn", req.today.display)
        var refillDefaults = FormFields()
        refillDefaults.set([("refilledOn", req.today.display), ("drug", refills.first?.drug), ("concentration", refills.first.map { Figures.text($0.concentration) })])
        let model = ImplantPages.Detail(
            patientID: patient.id, id: stored.id, version: stored.version, implant: stored.implant,
            trial: stored.implant.trialVerdict(try await PracticeSettings.criteria(on: req.db)), settings: settings.map(\.summary),
            refills: refills.map(\.summary), supply: settings.first?.dailyDose.flatMap { refills.first?.runsOutEarly(dailyDose: $0) },
            fields: fields, settingFields: settingFields ?? defaults, refillFields: refillFields ?? refillDefaults, problems: problems, failed: failed,
            canWrite: try req.user.can(.chartWrite), conflict: conflict)
        return try await req.chartPage(stored.implant.kind.title, patient, ImplantPages.detail(model, csrfToken: req.csrfToken), status: status)
    }
}
