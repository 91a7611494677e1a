import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import ReliefCore
import SQLKit
import Vapor

/// Builds the application for production and for tests alike: database, middleware, routes, commands.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    let auditDatabase = try configureDatabase(app, config.database)
    app.migrations.add(Migrations.all)
    app.fluent.migrationLogLevel = .debug  // forty lines at every start said nothing an operator acts on
    app.auditWriter = AuditWriter(database: app.db(auditDatabase))
    app.requestMetrics = RequestMetrics()
    app.sessionCache = SessionCache(lifetime: config.sessionCacheLifetime)
    app.apiTokenCache = APITokenCache(lifetime: config.sessionCacheLifetime)
    app.chartCache = ChartCache(capacity: config.chartCacheSize)
    app.inboxCount = InboxCountCache()
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.timingHash = try Bcrypt.hash(SessionToken.random(), cost: config.bcryptCost)
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodySize)
    app.routes.caseInsensitive = false
    // One instance: Vapor asks the factory again for every `app.server`, and the serve command stops what it gets.
    let server = ReliefHTTPServer(application: app)
    app.servers.use { _ in server }

    // Outermost first: headers on every response, errors rendered, then static files before any database work.
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RequestObserverMiddleware())
    app.middleware.use(ReliefErrorMiddleware())
    app.middleware.use(StaticAssetMiddleware())
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(APITokenAuthenticator())
    app.middleware.use(UnsavedSubmissionMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(InboxCountMiddleware())

    try routes(app)
    // After the routes, whose methods it learns; inside the error middleware, which renders its 405.
    app.middleware.use(MethodNotAllowedMiddleware(routes: app.routes))
    app.lifecycle.use(Startup())
}

/// The database, and the handle the audit writer uses. On SQLite that is a second handle with one connection of its
/// own: the group commits wait for the disk (and now and then a WAL checkpoint), and with one connection per event
/// loop every page read on that loop queued behind them. PostgreSQL's pool has connections to spare.
private func configureDatabase(_ app: Application, _ target: AppConfig.DatabaseTarget) throws -> DatabaseID {
    switch target {
    case .sqliteMemory, .sqliteFile:
        let storage: SQLiteConfiguration.Storage
        if case .sqliteFile(let path) = target {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            storage = .file(path: path)
        } else {
            storage = .memory  // one identifier for both handles: the same database
        }
        // Every SQLite call runs on a blocking-pool thread, and a connection waiting for the write lock keeps its
        // thread busy (sqlite-nio's busy handler retries). With no more threads than connections, waiting
        // connections could hold every thread while the one holding the lock waits for a thread to commit.
        app.threadPool = NIOThreadPool(numberOfThreads: 2 * System.coreCount + 2)
        app.databases.use(.sqlite(.init(storage: storage), sqlLogLevel: nil), as: .sqlite, isDefault: true)
        app.databases.use(.sqlite(.init(storage: storage), sqlLogLevel: nil), as: .audit, isDefault: false)
        return .audit
    case .postgres(let url, let searchPath):
        var configuration = try SQLPostgresConfiguration(url: url)
        if let searchPath { configuration.searchPath = [searchPath] }
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                                    encodingContext: .default, decodingContext: .default, sqlLogLevel: .debug), as: .psql)
        return .psql
    }
}

extension DatabaseID {
    /// The audit writer's own handle on an SQLite database.
    static let audit = DatabaseID(string: "audit")
}

/// At start: the database prepared and migrated, the demo practice loaded when asked, and a hint when there is no account.
struct Startup: LifecycleHandler {
    func willBootAsync(_ app: Application) async throws {
        let sql = app.db.sql
        if case .sqliteFile = app.config.database {
            // WAL lets readers go on while one request writes. Synchronous stays FULL: a committed audit row must
            // survive a power cut; group commit (AuditWriter) keeps that affordable.
            _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
        }
        try await Self.exclusively(app) {
            if case .postgres(_, let schema?) = app.config.database {
                try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
            }
            try await app.autoMigrate()
            if app.config.loadDemo {
                try await DemoLoader.loadPracticeIfEmpty(app)
            }
        }
    }

    /// Runs `work` while no other instance runs its own: instances starting together on one empty PostgreSQL
    /// would both create the tables (the second failing on "already exists") and both load the demo. A session-level
    /// advisory lock on a connection held for the purpose makes the second wait, then find the work done.
    /// SQLite is served by one process.
    static func exclusively(_ app: Application, _ work: @escaping @Sendable () async throws -> Void) async throws {
        guard case .postgres(_, let schema) = app.config.database else { return try await work() }
        let key = startupLock(schema: schema)
        try await app.db.withConnection { connection in
            try await connection.sql.raw("SELECT pg_advisory_lock(\(literal: key))").run()
            do {
                try await work()
            } catch {
                _ = try? await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
            try await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
        }
    }

    /// The advisory lock's key: "relief" in ASCII, mixed with the schema when there is one (FNV-1a), so instances of
    /// one database share it and tests in schemas of their own do not wait for each other.
    static func startupLock(schema: String?) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (schema ?? "").utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(bitPattern: UInt(0x72_656C_6965_66 ^ (schema == nil ? 0 : hash)))
    }

    func didBootAsync(_ app: Application) async throws {
        // Only `relief serve` (also the default command) gives the hint; `relief user create` is its answer.
        let command = app.environment.arguments.dropFirst().first { !$0.hasPrefix("-") }
        guard app.environment != .testing, command == nil || command == "serve",
              try await UserDirectory.count(on: app) == 0 else { return }
        app.logger.notice("""
            No accounts yet. Create the first administrator with:
              swift run relief user create --email you@clinic.org --name "Your Name" --role admin
            (it asks for the password), or start with a demo practice: swift run relief serve --demo
            """)
    }
}
