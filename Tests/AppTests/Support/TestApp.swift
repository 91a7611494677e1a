import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// The databases every HTTP test runs against: SQLite always, PostgreSQL when `TEST_POSTGRES_URL` is set
/// (scripts/test starts a throwaway cluster and sets it).
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let available: [TestDatabase] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    var testDescription: String { rawValue }
}

/// A clock the test moves by hand (session expiry, lockout).
final class TestClock: @unchecked Sendable {  // guarded by lock
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    var now: Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    func advance(minutes: Double) {
        lock.lock(); defer { lock.unlock() }
        current += minutes * 60
    }
}

struct TestContext {
    let app: Application
    let clock: TestClock
    let database: TestDatabase
}

/// Configures Relief as production does (with a cheap bcrypt cost), migrates a fresh database, runs the test,
/// and removes the database again. SQLite is in memory unless `onDisk` (WAL and file locks, as a clinic runs it:
/// what racing writers need).
func withRelief(_ database: TestDatabase, throttle: LoginThrottle = LoginThrottle(), onDisk: Bool = false,
                adjust: (inout AppConfig) -> Void = { _ in }, _ test: (TestContext) async throws -> Void) async throws {
    guard database == .postgres else { return try await run(database, throttle, onDisk, adjust, test) }
    await PostgresSlots.shared.take()
    do {
        try await run(database, throttle, onDisk, adjust, test)
    } catch {
        await PostgresSlots.shared.give()
        throw error
    }
    await PostgresSlots.shared.give()
}

private func run(_ database: TestDatabase, _ throttle: LoginThrottle, _ onDisk: Bool,
                 _ adjust: (inout AppConfig) -> Void, _ test: (TestContext) async throws -> Void) async throws {
    let clock = TestClock()
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(schema).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let target: AppConfig.DatabaseTarget = switch database {
    case .sqlite: onDisk ? .sqliteFile(path: directory + "/relief.sqlite") : .sqliteMemory
    case .postgres: .postgres(url: TestDatabase.postgresURL!, searchPath: schema)
    }
    var config = AppConfig(database: target, bcryptCost: 4, loginThrottle: throttle, now: { clock.now })
    adjust(&config)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: config)
        try await app.asyncBoot()
        try await test(TestContext(app: app, clock: clock, database: database))
    } catch {
        await cleanUp(app, database, schema)
        throw DescribedError(error)
    }
    await cleanUp(app, database, schema)
}

private func cleanUp(_ app: Application, _ database: TestDatabase, _ schema: String) async {
    if database == .postgres {
        try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
}

/// Swift Testing starts every test at once, and each Relief holds a pool of up to four PostgreSQL connections per
/// event loop: past the cluster's max_connections (500) the server answers "too many clients". This many apps on
/// PostgreSQL at a time stay well under it on any number of cores.
private actor PostgresSlots {
    static let shared = PostgresSlots(count: max(4, 320 / (4 * System.coreCount)))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    func take() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// PostgresNIO describes its errors generically (so that logs leak no data); a failed test should say what failed.
private struct DescribedError: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        description = (error as? DescribedError)?.description ?? String(reflecting: error)
    }
}

extension TestContext {
    static let password = "correct horse battery"

    @discardableResult
    func makeUser(_ role: Role, email: String? = nil, mustChangePassword: Bool = false) async throws -> User {
        let input = StaffAccountInput(name: "Test \(role.title)", email: email ?? "\(role.rawValue)@test.relief", role: role.rawValue)
        if role == .patient {
            let user = User(email: input.email, name: input.name, role: .patient,
                            passwordHash: try await app.password.async.hash(Self.password))
            try await user.create(on: app.db)
            return user
        }
        return try await UserDirectory.create(input, password: Self.password, passwordHash: try await app.password.async.hash(Self.password),
                                              mustChangePassword: mustChangePassword, on: app.db)
    }

    /// A browser signed in as a new user of that role.
    func signedIn(_ role: Role, email: String? = nil) async throws -> Browser {
        let user = try await makeUser(role, email: email)
        let browser = Browser(app: app)
        try await browser.login(email: user.email, password: Self.password)
        return browser
    }

    @discardableResult
    func makePatient(_ values: [PatientField: String] = [:]) async throws -> PatientRecord {
        var registration = PatientRegistration(values: [
            .familyName: "Müller", .givenName: "Zoë", .birthDate: "1961-03-04", .sexAtBirth: "F", .phone: "(217) 555-0142",
        ])
        for (field, value) in values { registration[field] = value }
        return try await PatientQueries.create(registration, by: nil, now: clock.now, on: app.db) { _, _ in }
    }

    func patientCount() async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS n FROM patients").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func onlyPatient() async throws -> PatientRecord? {
        try await app.db.sql.raw("SELECT * FROM patients").first(decoding: PatientRecord.self)
    }

    func softDelete(_ patient: PatientRecord) async throws {
        try await app.db.sql.raw("UPDATE patients SET deleted_at = \(bind: clock.now) WHERE id = \(bind: patient.id)").run()
    }

    /// A procedure suite with fluoroscopy ("suite-1") on the schedule; the physician who books into it.
    func procedureSuite() async throws -> UUID {
        let existing = try await User.query(on: app.db).filter(\.$role == Role.physician.rawValue).first()
        let provider = try (existing == nil ? try await makeUser(.physician) : existing!).requireID()
        let rooms = ScheduleSettings(rooms: [Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy])])
        _ = try await PracticeSettings.save(rooms, from: 1, by: provider, now: clock.now, on: app.db) { _, _ in }
        return provider
    }

    /// Books `site` for `patient` in Suite 1 on `date` at `start`, goes ahead past its checklist, and signs its record
    /// with `record`'s fields; the appointment's address.
    @discardableResult
    func signedProcedure(_ patient: PatientRecord, site: [(String, String)], record: [(String, String)], date: String = "11/18/2026",
                         start: String = "9:00", nurse: Browser, physician: Browser) async throws -> String {
        let provider = try await procedureSuite()
        let booked = try await nurse.post(SitePath.appointments(patient.id), pairs: [
            ("kind", "procedure"), ("provider", provider.uuidString), ("room", "suite-1"), ("date", date), ("start", start)] + site)
        let appointment = try #require(booked.location, "booked: \(booked.status)")
        try await physician.post(appointment + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
        let signed = try await physician.post(appointment + "/procedure/sign", pairs: [("version", "0")] + site + record)
        #expect(signed.status == .seeOther)
        return appointment
    }

    func auditEvents(_ action: AuditAction) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: app.db).filter(\.$action == action.rawValue).sort(\.$occurredAt).all()
    }
}

extension Array {
    /// The elements' results in order, one after another.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
