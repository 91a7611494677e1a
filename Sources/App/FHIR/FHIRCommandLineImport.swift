import Fluent
import Foundation
import ReliefCore
import Vapor

/// `relief fhir import FILE|DIR --user EMAIL`: FHIR bundles (a file, or every `.json` file of a directory in name
/// order) imported under a staff member who may import, each bundle's patients one transaction each; the report of
/// what was created, found unchanged, merged, skipped and refused.
public enum FHIRCommandLineImport {
    public static func run(_ app: Application, path: String, userEmail: String) async throws -> FHIRImportReport {
        guard let user = try? await UserDirectory.find(email: userEmail, on: app.db), let role = user.roleValue, !user.isDisabled,
              PermissionTable.allows(role, .recordImport) else {
            throw CommandLineImportError(message: "\(userEmail) is no active user who may import records (a physician).")
        }
        let userID = try user.requireID()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CommandLineImportError(message: "No file or directory \(path).") }
        let files = isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            : [path]
        let now = app.config.now()
        let audit: TransactionalAudit = { entry, database in
            var entry = entry
            (entry.userID, entry.userEmail, entry.role) = (userID, user.email, role.rawValue)
            try await AuditRow.insert([AuditRow(entry, at: now, actor: nil, ip: nil, userAgent: UserDirectory.commandLineAgent)], on: database)
        }
        let importer = FHIRImporter(database: app.db, user: userID, now: now, today: CalendarDate(now), audit: audit)
        var outcomes: [FHIRImportOutcome] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                outcomes.append(FHIRImportOutcome(0, file, "file", .failed, issues: [FHIRIssue(file, "Not a JSON file.")]))
                continue
            }
            outcomes += try await importer.run(FHIRImportPlan(json))
        }
        return FHIRImportReport(outcomes)
    }
}

public struct CommandLineImportError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
