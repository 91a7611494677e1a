import ReliefCore
import Vapor

/// Wires every page's address (`SitePath`) to its handler and its access level; nothing else. Registration goes
/// through `on(_:_:access:use:)` so no route escapes the permission check.
func routes(_ app: Application) throws {
    app.on(.GET, SitePath.health, access: .anonymous, use: OperationsController.health)
    app.on(.GET, SitePath.metrics, access: .anonymous, use: OperationsController.metrics)

    app.on(.GET, SitePath.login, access: .anonymous, use: LoginController.show)
    app.on(.POST, SitePath.login, access: .anonymous, use: LoginController.login)
    app.on(.POST, SitePath.logout, access: .signedIn, use: LoginController.logout)
    app.on(.GET, SitePath.session, access: .signedIn, use: LoginController.keepAlive)
    app.on(.GET, SitePath.unsaved, access: .signedIn, use: UnsavedSubmissionController.show)
    app.on(.POST, SitePath.discardUnsaved, access: .signedIn, use: UnsavedSubmissionController.discard)
    app.on(.GET, SitePath.home, access: .signedIn, use: HomeController.home)
    app.on(.GET, SitePath.account, access: .signedIn, use: AccountController.show)
    app.on(.GET, SitePath.accountPassword, access: .signedIn, use: AccountController.editPassword)
    app.on(.POST, SitePath.accountPassword, access: .signedIn, use: AccountController.updatePassword)
    app.on(.POST, SitePath.apiTokens, access: .signedIn, use: AccountController.createToken)
    app.on(.POST, SitePath.revokeAPIToken, access: .signedIn, use: AccountController.revokeToken)

    app.on(.GET, SitePath.patients, access: .action(.patientRead), use: PatientsController.index)
    app.on(.GET, SitePath.newPatient, access: .action(.patientRegister), use: PatientsController.new)
    app.on(.POST, SitePath.patients, access: .action(.patientRegister), use: PatientsController.create)
    app.on(.GET, SitePath.patient, access: .action(.patientRead), use: PatientsController.show)
    app.on(.GET, SitePath.editPatient, access: .action(.patientRegister), use: PatientsController.edit)
    app.on(.POST, SitePath.patient, access: .action(.patientRegister), use: PatientsController.update)

    app.on(.POST, SitePath.evaluations, access: .action(.evaluationWrite), use: EvaluationsController.create)
    app.on(.GET, SitePath.evaluation, access: .action(.clinicalRead), use: EvaluationsController.show)
    app.on(.GET, SitePath.editEvaluation, access: .action(.evaluationWrite), use: EvaluationsController.edit)
    app.on(.POST, SitePath.evaluation, access: .action(.evaluationWrite), use: EvaluationsController.update)
    app.on(.POST, SitePath.signEvaluation, access: .action(.noteSign), use: EvaluationsController.sign)
    app.on(.POST, SitePath.evaluationAddenda, access: .action(.evaluationWrite), use: EvaluationsController.addAddendum)
    app.on(.GET, SitePath.painMap, access: .action(.clinicalRead), use: EvaluationsController.painMap)
    app.on(.POST, SitePath.resolveAlert, access: .action(.alertResolve), use: EvaluationsController.resolveAlert)

    app.on(.GET, SitePath.printEvaluation, access: .action(.clinicalRead), use: PrintoutsController.note)
    app.on(.GET, SitePath.printInstructions, access: .action(.clinicalRead), use: PrintoutsController.instructions)
    app.on(.GET, SitePath.printMedications, access: .action(.clinicalRead), use: PrintoutsController.medications)
    app.on(.GET, SitePath.newEvaluationLetter, access: .action(.noteSign), use: PrintoutsController.newLetter)
    app.on(.POST, SitePath.evaluationLetters, access: .action(.noteSign), use: PrintoutsController.createLetter)
    app.on(.GET, SitePath.letter, access: .action(.clinicalRead), use: PrintoutsController.letter)

    app.on(.GET, SitePath.interventions, access: .action(.catalogueRead), use: InterventionsController.index)
    app.on(.GET, SitePath.intervention, access: .action(.catalogueRead), use: InterventionsController.show)
    app.on(.GET, SitePath.decisionSupport, access: .action(.clinicalRead), use: DecisionSupportController.show)
    app.on(.GET, SitePath.costEstimate, access: .action(.patientRead), use: CostEstimateController.show)
    app.on(.GET, SitePath.plans, access: .action(.clinicalRead), use: CarePlansController.index)
    app.on(.GET, SitePath.newPlan, access: .action(.planWrite), use: CarePlansController.new)
    app.on(.POST, SitePath.plans, access: .action(.planWrite), use: CarePlansController.create)
    app.on(.GET, SitePath.plan, access: .action(.clinicalRead), use: CarePlansController.show)
    app.on(.GET, SitePath.editPlan, access: .action(.planWrite), use: CarePlansController.edit)
    app.on(.POST, SitePath.plan, access: .action(.planWrite), use: CarePlansController.update)
    app.on(.POST, SitePath.activatePlan, access: .action(.noteSign), use: CarePlansController.activate)
    app.on(.POST, SitePath.revisePlan, access: .action(.planWrite), use: CarePlansController.revise)

    app.on(.GET, SitePath.questionnaires, access: .action(.clinicalRead), use: QuestionnairesController.index)
    app.on(.GET, SitePath.newQuestionnaireResponse, access: .action(.questionnaireWrite), use: QuestionnairesController.new)
    app.on(.POST, SitePath.questionnaireResponses, access: .action(.questionnaireWrite), use: QuestionnairesController.create)
    app.on(.GET, SitePath.questionnaireResponse, access: .action(.clinicalRead), use: QuestionnairesController.show)
    app.on(.POST, SitePath.questionnaireResponseInError, access: .action(.questionnaireWrite), use: QuestionnairesController.enterInError)

    app.on(.GET, SitePath.kioskStart, access: .action(.questionnaireHandout), use: KioskController.handout)
    app.on(.POST, SitePath.kioskStart, access: .action(.questionnaireHandout), use: KioskController.start)
    app.on(.GET, SitePath.kiosk, access: .anonymous, use: KioskController.entry)
    app.on(.POST, SitePath.kiosk, access: .anonymous, use: KioskController.open)
    app.on(.GET, SitePath.kioskConfirm, access: .kiosk, use: KioskController.confirmation)
    app.on(.POST, SitePath.kioskConfirm, access: .kiosk, use: KioskController.confirm)
    app.on(.GET, SitePath.kioskQuestionnaire, access: .kiosk, use: KioskController.questionnaire)
    app.on(.POST, SitePath.kioskAnswers, access: .kiosk, use: KioskController.answer)
    app.on(.GET, SitePath.kioskDone, access: .anonymous, use: KioskController.done)

    app.on(.GET, SitePath.workup, access: .action(.clinicalRead), use: WorkupController.index)
    app.on(.GET, SitePath.newWorkupOrder, access: .action(.chartWrite), use: WorkupController.new)
    app.on(.POST, SitePath.workup, access: .action(.chartWrite), use: WorkupController.create)
    app.on(.GET, SitePath.workupOrder, access: .action(.clinicalRead), use: WorkupController.show)
    app.on(.POST, SitePath.scheduleWorkupOrder, access: .action(.workupSchedule), use: WorkupController.schedule)
    app.on(.POST, SitePath.resultWorkupOrder, access: .action(.chartWrite), use: WorkupController.result)
    app.on(.POST, SitePath.cancelWorkupOrder, access: .action(.chartWrite), use: WorkupController.cancel)
    app.on(.POST, SitePath.reviewWorkupOrder, access: .action(.noteSign), use: WorkupController.review)

    chartList(app, MedicationEntry.self)
    chartList(app, AllergyEntry.self)
    chartList(app, PriorTreatmentEntry.self)
    chartList(app, PriorProcedureEntry.self)
    chartList(app, CoverageEntry.self)
    chartList(app, PriorAuthorizationEntry.self)
    chartList(app, DiagnosisEntry.self)

    app.on(.GET, SitePath.inbox, access: .action(.clinicalRead), use: InboxController.index)
    app.on(.POST, SitePath.acknowledgeInboxItem, access: .action(.alertAcknowledge), use: InboxController.acknowledge)
    app.on(.GET, SitePath.schedule, access: .action(.scheduleView),
           use: HomeController.placeholder(.schedule, "Appointments and procedure days will be booked here."))
    app.on(.GET, SitePath.worklists, access: .action(.worklistView), use: WorkupController.worklist)
    app.on(.GET, SitePath.reports, access: .action(.reportView),
           use: HomeController.placeholder(.reports, "Practice-wide outcome reports will be shown here."))

    APIRoutes.register(app)

    app.on(.GET, SitePath.clinicalSettings, access: .action(.clinicalSettings), use: SettingsController.show)
    app.on(.POST, SitePath.clinicalSettings, access: .action(.clinicalSettings), use: SettingsController.update)
    app.on(.POST, SitePath.clinicalRules, access: .action(.clinicalSettings), use: SettingsController.updateRules)
    app.on(.POST, SitePath.clinicalCriteria, access: .action(.clinicalSettings), use: SettingsController.updateCriteria)
    app.on(.POST, SitePath.feeSchedule, access: .action(.clinicalSettings), use: SettingsController.updateFees)

    app.on(.GET, SitePath.adminUsers, access: .action(.userManage), use: UsersController.index)
    app.on(.GET, SitePath.newUser, access: .action(.userManage), use: UsersController.new)
    app.on(.POST, SitePath.adminUsers, access: .action(.userManage), use: UsersController.create)
    app.on(.GET, SitePath.user, access: .action(.userManage), use: UsersController.edit)
    app.on(.POST, SitePath.user, access: .action(.userManage), use: UsersController.update)
    app.on(.POST, SitePath.userDisable, access: .action(.userManage), use: UsersController.disable)
    app.on(.POST, SitePath.userEnable, access: .action(.userManage), use: UsersController.enable)
    app.on(.POST, SitePath.userPasswordReset, access: .action(.userManage), use: UsersController.resetPassword)
    app.on(.GET, SitePath.roles, access: .signedIn, use: RolesPage.show)
    app.on(.GET, SitePath.audit, access: .action(.auditView), use: AuditController.index)
    app.on(.GET, SitePath.auditExport, access: .action(.auditView), use: AuditController.export)
}

/// The routes of one chart list: read by the clinical team, kept by those who may write the chart.
private func chartList<C: ChartEntryPresentation>(_ app: Application, _ type: C.Type) {
    let read = Access.action(C.kind.readAction), write = Access.action(C.kind.writeAction)
    app.on(.GET, SitePath.chartEntries(C.kind), access: read, use: ChartEntriesController<C>.index)
    app.on(.GET, SitePath.newChartEntry(C.kind), access: write, use: ChartEntriesController<C>.new)
    app.on(.POST, SitePath.chartEntries(C.kind), access: write, use: ChartEntriesController<C>.create)
    app.on(.GET, SitePath.editChartEntry(C.kind), access: write, use: ChartEntriesController<C>.edit)
    app.on(.POST, SitePath.chartEntry(C.kind), access: write, use: ChartEntriesController<C>.update)
    app.on(.POST, SitePath.chartEntryInError(C.kind), access: write, use: ChartEntriesController<C>.enterInError)
}
