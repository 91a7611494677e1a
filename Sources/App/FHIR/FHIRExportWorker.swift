import Foundation
import NIOConcurrencyHelpers
import NIOCore
import ReliefCore
import Vapor

/// Runs Bulk Data exports in the background: the instance that takes the kick-off starts at once, and every serving
/// instance looks every few seconds for an export waiting or one whose instance stopped reporting (it died), so an
/// export survives a restart. One export at a time per instance; finished exports' files go after a day.
final class FHIRExportWorker: Sendable {
    static let interval: TimeAmount = .seconds(10)
    static let keptFor: TimeInterval = 24 * 3600
    private static let busy = NIOLockedValueBox(Set<ObjectIdentifier>())
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    func start(_ app: Application) {
        let loop = app.eventLoopGroup.any()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: Self.interval, delay: Self.interval) { _ in
            loop.makeFutureWithTask { await Self.round(app) }
        }
        task.withLockedValue { $0 = repeated }
    }

    func stop() {
        task.withLockedValue { current in
            current?.cancel()
            current = nil
        }
    }

    /// Starts a round now, in the background, unless this instance is already exporting.
    static func start(_ app: Application) {
        Task.detached { await round(app) }
    }

    static func directory(_ app: Application, _ id: UUID) -> URL {
        URL(fileURLWithPath: app.config.exportDirectory).appendingPathComponent(id.lowercasedText)
    }

    /// Removes expired exports' files, then runs the exports waiting, one after another.
    static func round(_ app: Application) async {
        let key = ObjectIdentifier(app)
        guard busy.withLockedValue({ $0.insert(key).inserted }) else { return }
        defer { _ = busy.withLockedValue { $0.remove(key) } }
        do {
            for id in try await FHIRExportQueries.expire(olderThan: keptFor, now: app.config.now(), on: app.db) {
                try? FileManager.default.removeItem(at: directory(app, id))
            }
            while let job = try await FHIRExportQueries.claim(now: app.config.now(), on: app.db) { await run(job, app) }
        } catch {
            app.logger.error("export: \(error)")
        }
    }

    private static func run(_ job: FHIRExportQueries.Job, _ app: Application) async {
        let folder = directory(app, job.id)
        do {
            guard let request = job.parsedRequest else { throw Abort(.internalServerError, reason: "unreadable request") }
            try? FileManager.default.removeItem(at: folder)
            let outcome = try await FHIRExporter.run(request, into: folder, on: app.db) { done, total in
                try await FHIRExportQueries.heartbeat(job.id, progress: "Exported \(done) of \(total) patients", now: app.config.now(), on: app.db)
            }
            let finished = outcome.stopped ? false : try await FHIRExportQueries.finish(job.id, files: outcome.files, now: app.config.now(), on: app.db)
            if !finished { try? FileManager.default.removeItem(at: folder) }
            app.logger.info("export \(job.id): \(finished ? "\(outcome.files.map(\.count).reduce(0, +)) resources" : "cancelled")")
        } catch {
            try? FileManager.default.removeItem(at: folder)
            try? await FHIRExportQueries.fail(job.id, error: "\(error)", now: app.config.now(), on: app.db)
            app.logger.error("export \(job.id) failed: \(error)")
        }
    }
}
