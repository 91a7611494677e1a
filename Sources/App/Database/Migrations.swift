import Fluent

/// The one ordered list of migrations, the same on SQLite and PostgreSQL. Append only: never reorder or edit
/// a migration that has shipped.
enum Migrations {
    static let all: [any Migration] = [
        CreateUser(),
        CreateUserSession(),
        CreateAuditEvent(),
        CreateCounter(),
        CreatePatient(),
        CreateRecordRevision(),
        CreateEncounter(),
        CreateEvaluation(),
        CreateAddendum(),
        CreateChartAlert(),
        CreateChartEntry(),
        CreateMMEHistory(),
        CreateInstrumentResponse(),
        CreateKioskSession(),
        CreatePracticeSetting(),
        CreateWorkupOrder(),
        CreateAPIToken(),
        UpdatePracticeSettingRules(),
        UpdatePatientChartVersion(),
        UpdateSearchAndAuditIndexes(),
        UpdateSignInThrottles(),
        UpdateAuditChain(),
        UpdatePatientEmailIndex(),
        CreateInboxAcknowledgement(),
        CreateUnsavedSubmission(),
        CreateLetter(),
        UpdateKioskSessionConfirmation(),
        CreateInboxVersion(),
        UpdatePracticeSettingCriteria(),
        CreateCarePlan(),
        UpdatePracticeSettingFees(),
        CreateConsent(),
        CreatePlanActivity(),
        AddPracticeSetting(setting: PracticeSettings.payerCriteria, empty: "[]"),
        CreateAppointment(),
        AddPracticeSetting(setting: PracticeSettings.schedule, empty: "{}"),
    ]
}
