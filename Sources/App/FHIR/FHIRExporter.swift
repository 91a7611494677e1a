import Fluent
import Foundation
import ReliefCore
import Vapor

/// Writes a Bulk Data export as NDJSON, one file per type: the practice's own resources at system level, then the
/// patients a few hundred at a time in id order, each batch's resources of every type read in one query per table
/// and appended, so memory stays flat however many patients there are. `_since` keeps what changed since.
enum FHIRExporter {
    static let batchSize = 250

    /// What a run wrote, and whether it was stopped (cancelled).
    struct Outcome: Sendable {
        var files: [FHIRExportQueries.FileEntry]
        var stopped: Bool
    }

    /// Runs `request` into `directory` (made if missing). `report(done, total)` follows each batch; when it answers
    /// false the run stops and leaves what it wrote for the caller to remove.
    static func run(_ request: FHIRExportRequest, into directory: URL, on database: any Database, timeZone: TimeZone = .current,
                    report: (Int, Int) async throws -> Bool) async throws -> Outcome {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let types = request.resourceTypes
        var writers: [FHIRResourceType: Writer] = [:]
        for type in types { writers[type] = try Writer(directory.appendingPathComponent("\(type.rawValue).ndjson")) }
        defer { writers.values.forEach { $0.close() } }
        let kept = { (record: FHIRRecord) in request.since.map { record.header.updated >= $0 } ?? true }
        for type in types where !type.isPatientScoped && type != .patient {
            try writers[type]?.write(try await FHIRQueries.practiceRecords(type, on: database).filter(kept).map(\.resource))
        }
        let total = try await FHIRExportQueries.patientCount(request, on: database)
        var done = 0, after: UUID?
        while true {
            let patients = try await FHIRExportQueries.patientBatch(request, after: after, limit: batchSize, on: database)
            guard let last = patients.last else { break }
            let ids = patients.map(\.id)
            if let writer = writers[.patient] {
                try writer.write(patients.filter { patient in request.since.map { patient.updatedAt >= $0 } ?? true }.map(FHIRController.resource))
            }
            for type in types where type.isPatientScoped {
                try writers[type]?.write(try await FHIRQueries.records(type, patients: ids, on: database, timeZone: timeZone).filter(kept).map(\.resource))
            }
            done += patients.count
            after = last.id
            guard try await report(done, total) else { return Outcome(files: files(writers, types), stopped: true) }
        }
        return Outcome(files: files(writers, types), stopped: false)
    }

    private static func files(_ writers: [FHIRResourceType: Writer], _ types: [FHIRResourceType]) -> [FHIRExportQueries.FileEntry] {
        types.compactMap { type in writers[type].map { FHIRExportQueries.FileEntry(type: type.rawValue, name: "\(type.rawValue).ndjson", count: $0.count) } }
    }

    /// One type's file: resources appended a batch at a time, one line each.
    final class Writer {
        private let handle: FileHandle
        private(set) var count = 0

        init(_ url: URL) throws {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
        }

        func write(_ resources: [JSONValue]) throws {
            guard !resources.isEmpty else { return }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(resources.count * 1500)
            for resource in resources {
                resource.write(into: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
            try handle.write(contentsOf: bytes)
            count += resources.count
        }

        func close() { try? handle.close() }
    }
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
