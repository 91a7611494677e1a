import Fluent
import Foundation
import ReliefCore
import Vapor

/// What the chart shows of a patient's clinical record, as stored: read in one go, and kept by `ChartCache` while
/// the patient's `chart_version` stays the same. Everything that depends on the day or the viewer
/// is derived per request from it, never stored in it.
struct ChartData: Sendable {
    let alerts: [EvaluationQueries.OpenAlert]
    let encounters: [EvaluationQueries.EncounterRow]
    let medications: [(UUID, MedicationEntry)]
    let allergies: [(UUID, AllergyEntry)]
    let treatments: [(UUID, PriorTreatmentEntry)]
    let procedures: [(UUID, PriorProcedureEntry)]
    let diagnoses: [(UUID, DiagnosisEntry)]
    let vitals: [(UUID, VitalSignsEntry)]
    let outsideVisits: [(UUID, OutsideVisitEntry)]
    let labResults: [(UUID, LabResultEntry)]
    let responses: [QuestionnaireQueries.ResponseRow]
    let painMap: EvaluationQueries.PainMapRow?
    let painMapCount: Int
    let outstanding: [WorkupQueries.OutstandingRow]
    let opioidSafety: [OpioidSafetyRecord]
    let drugScreens: [DrugScreen]
    let implants: [Implant]

    /// Reads every table in `UpdatePatientChartVersion.tables`, `opioid_safety_records` and `implants`; a new one read here needs
    /// that trigger too.
    static func load(patientID: UUID, on database: any Database) async throws -> ChartData {
        let lists = try await ChartEntryQueries.lists(patientID: patientID, on: database)
        let (painMap, painMapCount) = try await EvaluationQueries.latestPainMap(patientID: patientID, on: database)
        return ChartData(
            alerts: try await EvaluationQueries.openAlerts(patientID: patientID, on: database),
            encounters: try await EvaluationQueries.encounters(patientID: patientID, on: database),
            medications: try lists.entries(MedicationEntry.self), allergies: try lists.entries(AllergyEntry.self),
            treatments: try lists.entries(PriorTreatmentEntry.self),
            procedures: try lists.entries(PriorProcedureEntry.self), diagnoses: try lists.entries(DiagnosisEntry.self),
            vitals: try lists.entries(VitalSignsEntry.self), outsideVisits: try lists.entries(OutsideVisitEntry.self),
            labResults: try lists.entries(LabResultEntry.self),
            responses: try await QuestionnaireQueries.responses(patientID: patientID, on: database),
            painMap: painMap, painMapCount: painMapCount,
            outstanding: try await WorkupQueries.outstanding(patientID: patientID, on: database),
            opioidSafety: try await OpioidSafetyQueries.records(patientID: patientID, on: database),
            drugScreens: try await OpioidSafetyQueries.drugScreens(patientID: patientID, on: database),
            implants: try await ImplantQueries.all(patientID: patientID, on: database).map(\.implant))
    }
}

/// Recently opened charts by patient, each valid for one `patients.chart_version`. The database counts that
/// version up in the transaction of every change to the chart's tables (triggers), and the chart reads it with the
/// patient row, so a cached chart is never older than what is committed — on any instance sharing the database.
/// The practice settings are kept the same way, by the sum of their versions; and the rendered chart, by
/// everything it is drawn from (`RenderKey`).
final class ChartCache: @unchecked Sendable {  // state guarded by `lock`
    /// What a rendered chart depends on besides its data: the registration's version, the settings, the day (overdue
    /// marks, durations), the viewer's role (what may be changed) and session (the forms' CSRF token).
    struct RenderKey: Hashable {
        let patientID: UUID
        let patientVersion: Int
        let chartVersion: Int
        let settingsVersion: Int
        let today: CalendarDate
        let role: Role
        let csrfToken: String
    }

    private let lock = NSLock()
    private var data: LeastRecentlyUsed<UUID, (version: Int, data: ChartData)>
    private var rendered: LeastRecentlyUsed<RenderKey, String>
    private var settings: (version: Int, snapshot: PracticeSettings.Snapshot)?
    /// Charts whose data is kept at most; 0 turns the cache off. A quarter as many rendered charts are kept.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        data = LeastRecentlyUsed(capacity: capacity)
        rendered = LeastRecentlyUsed(capacity: capacity / 4)
    }

    func data(patientID: UUID, version: Int, on database: any Database) async throws -> ChartData {
        try await data(patientID: patientID, version: version) { try await ChartData.load(patientID: patientID, on: database) }
    }

    /// `load` runs after `version` was read, so what is stored under it is at least that new.
    func data(patientID: UUID, version: Int, load: () async throws -> ChartData) async throws -> ChartData {
        if let cached = lock.withLock({ data[patientID] }), cached.version == version { return cached.data }
        let loaded = try await load()
        lock.withLock {
            // A slower reader must not put back an older version than one already stored.
            if let current = data.peek(patientID), current.version > version { return }
            data[patientID] = (version, loaded)
        }
        return loaded
    }

    func settings(version: Int, on database: any Database) async throws -> PracticeSettings.Snapshot {
        if capacity > 0, let cached = lock.withLock({ settings }), cached.version == version { return cached.snapshot }
        let snapshot = try await PracticeSettings.snapshot(on: database)
        if capacity > 0 { lock.withLock { settings = (version, snapshot) } }
        return snapshot
    }

    /// The chart's content as drawn for `key`, drawn by `render` when it is not kept.
    func rendered(_ key: RenderKey, render: () async throws -> String) async throws -> String {
        if let html = lock.withLock({ rendered[key] }) { return html }
        let html = try await render()
        lock.withLock { rendered[key] = html }
        return html
    }
}

/// A dictionary of at most `capacity` entries that drops the least recently used tenth when full, so eviction is not
/// a scan per insert. Capacity 0 keeps nothing.
struct LeastRecentlyUsed<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, used: UInt64)] = [:]
    private var tick: UInt64 = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Reading counts as a use.
    subscript(key: Key) -> Value? {
        mutating get {
            guard let entry = entries[key] else { return nil }
            tick += 1
            entries[key]?.used = tick
            return entry.value
        }
        set {
            guard capacity > 0, let newValue else { entries[key] = nil; return }
            if entries.count >= capacity, entries[key] == nil {
                let old = entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, capacity / 10)).map(\.key)
                for key in old { entries[key] = nil }
            }
            tick += 1
            entries[key] = (newValue, tick)
        }
    }

    /// Without counting as a use.
    func peek(_ key: Key) -> Value? { entries[key]?.value }
}

extension Application {
    private struct ChartCacheKey: StorageKey { typealias Value = ChartCache }

    /// Set once by `configure`, before any request runs.
    var chartCache: ChartCache {
        get { storage[ChartCacheKey.self]! }
        set { storage[ChartCacheKey.self] = newValue }
    }
}
