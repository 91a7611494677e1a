import ReliefCore
import Vapor

/// Wires every route to its handler and its access level; nothing else. Registration goes through
/// `on(_:_:access:use:)` so no route escapes the permission check.
func routes(_ app: Application) throws {
    app.on(.GET, "health", access: .anonymous, use: OperationsController.health)
    app.on(.GET, "metrics", access: .anonymous, use: OperationsController.metrics)

    app.on(.GET, "login", access: .anonymous, use: LoginController.show)
    app.on(.POST, "login", access: .anonymous, use: LoginController.login)
    app.on(.POST, "logout", access: .signedIn, use: LoginController.logout)
    app.on(.GET, "", access: .signedIn, use: HomeController.home)
    app.on(.GET, "account", access: .signedIn, use: AccountController.show)
    app.on(.GET, "account", "password", access: .signedIn, use: AccountController.editPassword)
    app.on(.POST, "account", "password", access: .signedIn, use: AccountController.updatePassword)
    app.on(.POST, "account", "api-tokens", access: .signedIn, use: AccountController.createToken)
    app.on(.POST, "account", "api-tokens", ":token", "revoke", access: .signedIn, use: AccountController.revokeToken)

    app.on(.GET, "patients", access: .action(.patientRead), use: PatientsController.index)
    app.on(.GET, "patients", "new", access: .action(.patientRegister), use: PatientsController.new)
    app.on(.POST, "patients", access: .action(.patientRegister), use: PatientsController.create)
    app.on(.GET, "patients", ":id", access: .action(.patientRead), use: PatientsController.show)
    app.on(.GET, "patients", ":id", "edit", access: .action(.patientRegister), use: PatientsController.edit)
    app.on(.POST, "patients", ":id", access: .action(.patientRegister), use: PatientsController.update)

    app.on(.POST, "patients", ":id", "evaluations", access: .action(.evaluationWrite), use: EvaluationsController.create)
    app.on(.GET, "patients", ":id", "evaluations", ":evaluation", access: .action(.clinicalRead), use: EvaluationsController.show)
    app.on(.GET, "patients", ":id", "evaluations", ":evaluation", "edit", access: .action(.evaluationWrite), use: EvaluationsController.edit)
    app.on(.POST, "patients", ":id", "evaluations", ":evaluation", access: .action(.evaluationWrite), use: EvaluationsController.update)
    app.on(.POST, "patients", ":id", "evaluations", ":evaluation", "sign", access: .action(.noteSign), use: EvaluationsController.sign)
    app.on(.POST, "patients", ":id", "evaluations", ":evaluation", "addenda", access: .action(.evaluationWrite),
           use: EvaluationsController.addAddendum)
    app.on(.GET, "patients", ":id", "pain-map", access: .action(.clinicalRead), use: EvaluationsController.painMap)
    app.on(.POST, "patients", ":id", "alerts", ":alert", "resolve", access: .action(.alertResolve), use: EvaluationsController.resolveAlert)

    app.on(.GET, "patients", ":id", "questionnaires", access: .action(.clinicalRead), use: InstrumentsController.index)
    app.on(.GET, "patients", ":id", "questionnaires", ":instrument", "new", access: .action(.questionnaireWrite), use: InstrumentsController.new)
    app.on(.POST, "patients", ":id", "questionnaires", ":instrument", access: .action(.questionnaireWrite), use: InstrumentsController.create)
    app.on(.GET, "patients", ":id", "questionnaire-responses", ":response", access: .action(.clinicalRead), use: InstrumentsController.show)
    app.on(.POST, "patients", ":id", "questionnaire-responses", ":response", "entered-in-error", access: .action(.questionnaireWrite),
           use: InstrumentsController.enterInError)

    app.on(.GET, "patients", ":id", "kiosk", access: .action(.questionnaireHandout), use: KioskController.handout)
    app.on(.POST, "patients", ":id", "kiosk", access: .action(.questionnaireHandout), use: KioskController.start)
    app.on(.GET, "kiosk", access: .anonymous, use: KioskController.entry)
    app.on(.POST, "kiosk", access: .anonymous, use: KioskController.open)
    app.on(.GET, "kiosk", "questionnaire", access: .kiosk, use: KioskController.questionnaire)
    app.on(.POST, "kiosk", "questionnaire", ":instrument", access: .kiosk, use: KioskController.answer)
    app.on(.GET, "kiosk", "done", access: .anonymous, use: KioskController.done)

    app.on(.GET, "patients", ":id", "workup", access: .action(.clinicalRead), use: WorkupController.index)
    app.on(.GET, "patients", ":id", "workup", "new", access: .action(.chartWrite), use: WorkupController.new)
    app.on(.POST, "patients", ":id", "workup", access: .action(.chartWrite), use: WorkupController.create)
    app.on(.GET, "patients", ":id", "workup", ":order", access: .action(.clinicalRead), use: WorkupController.show)
    app.on(.POST, "patients", ":id", "workup", ":order", "schedule", access: .action(.chartWrite), use: WorkupController.schedule)
    app.on(.POST, "patients", ":id", "workup", ":order", "result", access: .action(.chartWrite), use: WorkupController.result)
    app.on(.POST, "patients", ":id", "workup", ":order", "cancel", access: .action(.chartWrite), use: WorkupController.cancel)
    app.on(.POST, "patients", ":id", "workup", ":order", "review", access: .action(.noteSign), use: WorkupController.review)

    chartList(app, MedicationEntry.self)
    chartList(app, AllergyEntry.self)
    chartList(app, PriorTreatmentEntry.self)
    chartList(app, DiagnosisEntry.self)

    app.on(.GET, "schedule", access: .action(.scheduleView),
           use: HomeController.placeholder(.schedule, "Appointments and procedure days will be booked here."))
    app.on(.GET, "worklists", access: .action(.worklistView), use: WorkupController.worklist)
    app.on(.GET, "reports", access: .action(.reportView),
           use: HomeController.placeholder(.reports, "Practice-wide outcome reports will be shown here."))

    APIRoutes.register(app)

    app.on(.GET, "settings", "clinical", access: .action(.clinicalSettings), use: SettingsController.show)
    app.on(.POST, "settings", "clinical", access: .action(.clinicalSettings), use: SettingsController.update)
    app.on(.POST, "settings", "clinical", "rules", access: .action(.clinicalSettings), use: SettingsController.updateRules)

    app.on(.GET, "admin", "users", access: .action(.userManage), use: UsersController.index)
    app.on(.GET, "admin", "users", "new", access: .action(.userManage), use: UsersController.new)
    app.on(.POST, "admin", "users", access: .action(.userManage), use: UsersController.create)
    app.on(.GET, "admin", "users", ":id", access: .action(.userManage), use: UsersController.edit)
    app.on(.POST, "admin", "users", ":id", access: .action(.userManage), use: UsersController.update)
    app.on(.POST, "admin", "users", ":id", "disable", access: .action(.userManage), use: UsersController.disable)
    app.on(.POST, "admin", "users", ":id", "enable", access: .action(.userManage), use: UsersController.enable)
    app.on(.POST, "admin", "users", ":id", "reset-password", access: .action(.userManage), use: UsersController.resetPassword)
    app.on(.GET, "admin", "audit", access: .action(.auditView), use: AuditController.index)
    app.on(.GET, "admin", "audit.csv", access: .action(.auditView), use: AuditController.export)
}

/// The routes of one chart list: read by the clinical team, kept by those who may write the chart.
private func chartList<C: ChartEntryPresentation>(_ app: Application, _ type: C.Type) {
    let base: [PathComponent] = ["patients", ":id", .constant(C.kind.pathSegment)]
    app.on(.GET, base, access: .action(.clinicalRead), use: ChartEntriesController<C>.index)
    app.on(.GET, base + ["new"], access: .action(.chartWrite), use: ChartEntriesController<C>.new)
    app.on(.POST, base, access: .action(.chartWrite), use: ChartEntriesController<C>.create)
    app.on(.GET, base + [":entry", "edit"], access: .action(.chartWrite), use: ChartEntriesController<C>.edit)
    app.on(.POST, base + [":entry"], access: .action(.chartWrite), use: ChartEntriesController<C>.update)
    app.on(.POST, base + [":entry", "entered-in-error"], access: .action(.chartWrite), use: ChartEntriesController<C>.enterInError)
}
