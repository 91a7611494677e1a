import Fluent
import Foundation
import ReliefCore
import Vapor

/// Writes a Bulk Data export as NDJSON, one file per type: the practice's own resources at system level, then the
/// patients a few hundred at a time in id order, each batch's resources of every type read in one query per table
/// and appended, so memory stays flat however many patients there are. `_since` keeps what changed since.
enum FHIRExporter {
    static let batchSize = 250
    /// Batches read and written to text at once while finished ones are appended to the files: three keep both cores
    /// busy (two left a fifth of them idle between batches; docs/benchmarks.md).
    static let parallelBatches = 3

    /// What a run wrote, and whether it was stopped (cancelled).
    struct Outcome: Sendable {
        var files: [FHIRExportQueries.FileEntry]
        var stopped: Bool
    }

    /// One batch of patients as text: each type's NDJSON lines and how many.
    private typealias BatchText = [FHIRResourceType: (bytes: [UInt8], count: Int)]

    /// Runs `request` into `directory` (made if missing). `report(done, total)` follows each batch; when it answers
    /// false the run stops and leaves what it wrote for the caller to remove.
    static func run(_ request: FHIRExportRequest, into directory: URL, on database: any Database, timeZone: TimeZone = .current,
                    report: (Int, Int) async throws -> Bool) async throws -> Outcome {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let types = request.resourceTypes
        var writers: [FHIRResourceType: Writer] = [:]
        for type in types { writers[type] = try Writer(directory.appendingPathComponent("\(type.rawValue).ndjson")) }
        defer { writers.values.forEach { $0.close() } }
        for type in types where !type.isPatientScoped && type != .patient {
            let lines = text(try await FHIRQueries.practiceRecords(type, on: database).lazy.filter(request.kept).map(\.resource))
            try writers[type]?.append(lines.bytes, count: lines.count)
        }
        let total = try await FHIRExportQueries.patientCount(request, on: database)
        let stopped = try await withThrowingTaskGroup(of: (Int, BatchText).self) { group in
            var after: UUID?, launched = 0, written = 0, exhausted = false, finished: [Int: BatchText] = [:]
            func launch() async throws {
                let patients = try await FHIRExportQueries.patientBatch(request, after: after, limit: batchSize, on: database)
                guard let last = patients.last else { exhausted = true; return }
                after = last.id
                let index = launched
                launched += 1
                group.addTask { (index, try await batchText(patients, request, types, database, timeZone)) }
            }
            while !exhausted, launched - written < parallelBatches { try await launch() }
            while let (index, batch) = try await group.next() {
                finished[index] = batch
                // Files are appended in patient order, whichever batch finished first.
                while let ready = finished.removeValue(forKey: written) {
                    for (type, text) in ready { try writers[type]?.append(text.bytes, count: text.count) }
                    written += 1
                    guard try await report(min(written * batchSize, total), total) else {
                        group.cancelAll()
                        return true
                    }
                }
                while !exhausted, launched - written < parallelBatches { try await launch() }
            }
            return false
        }
        return Outcome(files: files(writers, types), stopped: stopped)
    }

    /// A batch's resources of every type, read and written as text on a task of its own.
    private static func batchText(_ patients: [PatientRecord], _ request: FHIRExportRequest, _ types: [FHIRResourceType], _ database: any Database,
                                  _ timeZone: TimeZone) async throws -> BatchText {
        var batch: BatchText = [:]
        if types.contains(.patient) {
            let kept = patients.filter { patient in request.since.map { patient.updatedAt >= $0 } ?? true }
            batch[.patient] = text(kept.lazy.map(\.fhirResource))
        }
        let records = try await FHIRQueries.records(types.filter { $0.isPatientScoped && $0 != .patient }, patients: patients.map(\.id), on: database, timeZone: timeZone)
        for (type, found) in records {
            // Lazily: a record's resource written without copying the record (its search values) first.
            batch[type] = text(found.lazy.filter(request.kept).map(\.resource))
        }
        return batch
    }

    /// Resources as NDJSON lines, and how many.
    private static func text(_ resources: some Sequence<JSONValue>) -> (bytes: [UInt8], count: Int) {
        var bytes: [UInt8] = [], count = 0
        for resource in resources {
            resource.write(into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            count += 1
        }
        return (bytes, count)
    }

    private static func files(_ writers: [FHIRResourceType: Writer], _ types: [FHIRResourceType]) -> [FHIRExportQueries.FileEntry] {
        types.compactMap { type in writers[type].map { FHIRExportQueries.FileEntry(type: type.rawValue, name: "\(type.rawValue).ndjson", count: $0.count) } }
    }

    /// One type's file: lines appended a batch at a time.
    final class Writer {
        private let handle: FileHandle
        private(set) var count = 0

        init(_ url: URL) throws {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
        }

        func append(_ lines: [UInt8], count: Int) throws {
            guard count > 0 else { return }
            try handle.write(contentsOf: lines)
            self.count += count
        }

        func close() { try? handle.close() }
    }
}

extension FHIRExportRequest {
    /// Whether a record belongs in the export: changed since `_since`, when given.
    func kept(_ record: FHIRRecord) -> Bool { since.map { record.header.updated >= $0 } ?? true }
}

/// `relief export --fhir DIR`: the same export written straight into a directory, audited as the command line's.
public enum FHIRCommandLineExport {
    public struct Result: Sendable {
        public let files: [(type: String, count: Int)]
        public let seconds: Double
    }

    /// `pairs` are the kick-off's parameters (`_type`, `_since`); `group` a Group's id for a group's export.
    public static func run(_ app: Application, into path: String, group: String?, pairs: [(String, String)]) async throws -> Result {
        let request: FHIRExportRequest
        switch FHIRExportRequest.parse(group == nil ? .system : .group, groupID: group, pairs) {
        case .success(let parsed): request = parsed
        case .failure(let problem): throw CommandLineExportError(message: "\(problem.parameter): \(problem.message)")
        }
        if let group, try await FHIRQueries.record(.group, id: group, on: app.db) == nil {
            throw CommandLineExportError(message: "No group \(group): a group is a procedure someone has had here (GET /fhir/R4/Group lists them).")
        }
        let started = Date()
        let outcome = try await FHIRExporter.run(request, into: URL(fileURLWithPath: path), on: app.db) { _, _ in true }
        let entry = AuditEntry(action: .fhirExport, resourceType: "Bulk export", resourceID: path,
                               detail: "command line: \(group ?? "system"), \(outcome.files.map { "\($0.type) \($0.count)" }.joined(separator: ", "))")
        try await AuditRow.insert([AuditRow(entry, at: app.config.now(), actor: nil, ip: nil, userAgent: UserDirectory.commandLineAgent)], on: app.db)
        return Result(files: outcome.files.map { ($0.type, $0.count) }, seconds: Date().timeIntervalSince(started))
    }
}

public struct CommandLineExportError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
