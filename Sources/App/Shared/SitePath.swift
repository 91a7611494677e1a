import Foundation
import ReliefCore

/// Every link Relief builds, in one place next to the route table, so a renamed route cannot leave dead links.
enum SitePath {
    static let home = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let account = "/account"
    static let accountPassword = "/account/password"
    static let apiTokens = "/account/api-tokens"
    static func revokeAPIToken(_ id: UUID) -> String { apiTokens + "/\(id.lowercasedText)/revoke" }
    static let openAPI = "/api/v1/openapi.json"
    static let patients = "/patients"
    static let newPatient = "/patients/new"
    static func patient(_ id: UUID) -> String { "/patients/\(id.lowercasedText)" }
    static func editPatient(_ id: UUID) -> String { patient(id) + "/edit" }
    static func evaluations(_ patientID: UUID) -> String { patient(patientID) + "/evaluations" }
    static func evaluation(_ patient: UUID, _ id: UUID) -> String { evaluations(patient) + "/\(id.lowercasedText)" }
    static func editEvaluation(_ patient: UUID, _ id: UUID) -> String { evaluation(patient, id) + "/edit" }
    static func signEvaluation(_ patient: UUID, _ id: UUID) -> String { evaluation(patient, id) + "/sign" }
    static func evaluationAddenda(_ patient: UUID, _ id: UUID) -> String { evaluation(patient, id) + "/addenda" }
    static func resolveAlert(_ patientID: UUID, _ id: UUID) -> String { patient(patientID) + "/alerts/\(id.lowercasedText)/resolve" }
    static func chartEntries(_ patientID: UUID, _ kind: ChartEntryKind) -> String { patient(patientID) + "/\(kind.pathSegment)" }
    static func newChartEntry(_ patientID: UUID, _ kind: ChartEntryKind) -> String { chartEntries(patientID, kind) + "/new" }
    static func chartEntry(_ patientID: UUID, _ kind: ChartEntryKind, _ id: UUID) -> String {
        chartEntries(patientID, kind) + "/\(id.lowercasedText)"
    }
    static func editChartEntry(_ patientID: UUID, _ kind: ChartEntryKind, _ id: UUID) -> String { chartEntry(patientID, kind, id) + "/edit" }
    static func chartEntryInError(_ patientID: UUID, _ kind: ChartEntryKind, _ id: UUID) -> String {
        chartEntry(patientID, kind, id) + "/entered-in-error"
    }
    static func instruments(_ patientID: UUID) -> String { patient(patientID) + "/questionnaires" }
    static func newInstrumentResponse(_ patientID: UUID, _ instrument: String) -> String { instruments(patientID) + "/\(instrument)/new" }
    static func instrumentResponses(_ patientID: UUID, _ instrument: String) -> String { instruments(patientID) + "/\(instrument)" }
    static func instrumentResponse(_ patientID: UUID, _ id: UUID) -> String {
        patient(patientID) + "/questionnaire-responses/\(id.lowercasedText)"
    }
    static func instrumentResponseInError(_ patientID: UUID, _ id: UUID) -> String { instrumentResponse(patientID, id) + "/entered-in-error" }
    static func kioskStart(_ patientID: UUID) -> String { patient(patientID) + "/kiosk" }
    static let kiosk = "/kiosk"
    static let kioskQuestionnaire = "/kiosk/questionnaire"
    static func kioskAnswers(_ instrument: String) -> String { kioskQuestionnaire + "/\(instrument)" }
    static let kioskDone = "/kiosk/done"
    static let clinicalSettings = "/settings/clinical"
    static let clinicalRules = "/settings/clinical/rules"
    static func painMap(_ patientID: UUID) -> String { patient(patientID) + "/pain-map" }
    static func workup(_ patientID: UUID) -> String { patient(patientID) + "/workup" }
    static func newWorkupOrder(_ patientID: UUID) -> String { workup(patientID) + "/new" }
    static func workupOrder(_ patientID: UUID, _ id: UUID) -> String { workup(patientID) + "/\(id.lowercasedText)" }
    static let schedule = "/schedule"
    static let worklists = "/worklists"
    static let reports = "/reports"
    static let adminUsers = "/admin/users"
    static let newUser = "/admin/users/new"
    static func user(_ id: UUID) -> String { "/admin/users/\(id.lowercasedText)" }
    static func userPasswordReset(_ id: UUID) -> String { user(id) + "/reset-password" }
    static func userDisable(_ id: UUID) -> String { user(id) + "/disable" }
    static func userEnable(_ id: UUID) -> String { user(id) + "/enable" }
    static let audit = "/admin/audit"
    static let auditExport = "/admin/audit.csv"
    static let health = "/health"
    static let metrics = "/metrics"
    static let stylesheet = "/app.css"
    static let bodyMapScript = "/bodymap.js"
}
