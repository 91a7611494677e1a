import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
@testable import App

/// Instances starting together on one PostgreSQL, as a clinic's load balancer starts them.
@Suite struct StartupTests {
    @Test func twoInstancesStartingOnOneEmptyPostgreSQLBothStartAndLoadTheDemoOnce() async throws {
        guard let url = TestDatabase.postgresURL else { return }
        // setup
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let config = AppConfig(database: .postgres(url: url, searchPath: schema), bcryptCost: 4, loadDemo: true)
        let first = try await Application.make(.testing), second = try await Application.make(.testing)
        // act
        async let one = Result(catching: { try await configure(first, config: config); try await first.asyncBoot() })
        async let two = Result(catching: { try await configure(second, config: config); try await second.asyncBoot() })
        let booted = await (one, two)
        let staff = await Result(catching: { try await first.db.sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) })
        try? await first.db.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        try? await first.asyncShutdown()
        try? await second.asyncShutdown()
        // check
        #expect((try? booted.0.get()) != nil && (try? booted.1.get()) != nil, "both instances start: \(booted)")
        #expect((try? staff.get()) == DemoPractice.staff.count)
    }
}

extension Result where Failure == any Error {
    /// The outcome of async work, kept to check after cleaning up.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
