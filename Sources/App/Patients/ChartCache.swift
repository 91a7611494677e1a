import Fluent
import Vapor
import Foundation
import ReliefCore

/// What the chart shows of a patient's clinical record, as stored: read in one go, and kept by `ChartCache` while
/// the patient's `chart_version` stays the same. Everything that depends on the day or the viewer is derived per
/// request from it, never stored in it.
struct ChartData: Sendable {
    let alerts: [EvaluationQueries.OpenAlert]
    let encounters: [EvaluationQueries.EncounterRow]
    let medications: [(UUID, MedicationEntry)]
    let allergies: [(UUID, AllergyEntry)]
    let treatments: [(UUID, PriorTreatmentEntry)]
    let diagnoses: [(UUID, DiagnosisEntry)]
    let responses: [InstrumentQueries.ResponseRow]
    let painMap: EvaluationQueries.PainMapRow?
    let painMapCount: Int
    let outstanding: [WorkupQueries.OutstandingRow]

    /// Reads every table in `UpdatePatientChartVersion.tables`; a new one read here needs that trigger too.
    static func load(patientID: UUID, on database: any Database) async throws -> ChartData {
        let lists = try await ChartEntryQueries.lists(patientID: patientID, on: database)
        let (painMap, painMapCount) = try await EvaluationQueries.latestPainMap(patientID: patientID, on: database)
        return ChartData(
            alerts: try await EvaluationQueries.openAlerts(patientID: patientID, on: database),
            encounters: try await EvaluationQueries.encounters(patientID: patientID, on: database),
            medications: try lists.entries(MedicationEntry.self), allergies: try lists.entries(AllergyEntry.self),
            treatments: try lists.entries(PriorTreatmentEntry.self), diagnoses: try lists.entries(DiagnosisEntry.self),
            responses: try await InstrumentQueries.responses(patientID: patientID, on: database),
            painMap: painMap, painMapCount: painMapCount,
            outstanding: try await WorkupQueries.outstanding(patientID: patientID, on: database))
    }
}

/// Recently opened charts by patient, each valid for one `chart_version`. The database counts that version up in
/// the transaction of every change to the chart's tables (triggers), and the chart reads it with the patient row,
/// so a cached chart is never older than what is committed — on this instance or any other sharing the database.
/// The practice settings are kept the same way, by the sum of their versions.
final class ChartCache: @unchecked Sendable {  // state guarded by `lock`
    private let lock = NSLock()
    private var entries: [UUID: (version: Int, data: ChartData, used: UInt64)] = [:]
    private var settings: (version: Int, snapshot: PracticeSettings.Snapshot)?
    private var tick: UInt64 = 0
    /// Charts kept at most; 0 turns the cache off.
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func data(patientID: UUID, version: Int, on database: any Database) async throws -> ChartData {
        try await data(patientID: patientID, version: version) { try await ChartData.load(patientID: patientID, on: database) }
    }

    /// `load` runs after `version` was read, so what is stored under it is at least that new.
    func data(patientID: UUID, version: Int, load: () async throws -> ChartData) async throws -> ChartData {
        if let cached = lookUp(patientID, version: version) { return cached }
        let data = try await load()
        store(data, for: patientID, version: version)
        return data
    }

    func settings(version: Int, on database: any Database) async throws -> PracticeSettings.Snapshot {
        if capacity > 0, let cached = lock.withLock({ settings }), cached.version == version { return cached.snapshot }
        let snapshot = try await PracticeSettings.snapshot(on: database)
        if capacity > 0 { lock.withLock { settings = (version, snapshot) } }
        return snapshot
    }

    private func lookUp(_ patientID: UUID, version: Int) -> ChartData? {
        guard capacity > 0 else { return nil }
        return lock.withLock {
            guard let entry = entries[patientID], entry.version == version else { return nil }
            tick += 1
            entries[patientID]?.used = tick
            return entry.data
        }
    }

    private func store(_ data: ChartData, for patientID: UUID, version: Int) {
        guard capacity > 0 else { return }
        lock.withLock {
            // A slower reader must not put back an older version than one already stored.
            if let current = entries[patientID], current.version > version { return }
            if entries.count >= capacity, entries[patientID] == nil {
                // Drop the least recently used tenth at once, so eviction is not a scan per insert.
                let old = entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, capacity / 10)).map(\.key)
                for key in old { entries[key] = nil }
            }
            tick += 1
            entries[patientID] = (version, data, tick)
        }
    }
}

extension Application {
    private struct ChartCacheKey: StorageKey { typealias Value = ChartCache }

    /// Set once by `configure`, before any request runs.
    var chartCache: ChartCache {
        get { storage[ChartCacheKey.self]! }
        set { storage[ChartCacheKey.self] = newValue }
    }
}
