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
        try await configure(first, config: config)
        try await configure(second, config: config)
        // act
        async let one: Void = first.asyncBoot()
        async let two: Void = second.asyncBoot()
        let booted = await (try? one, try? two)
        // check
        #expect(booted.0 != nil && booted.1 != nil, "both instances start")
        let staff = try await first.db.sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self)
        #expect(staff == DemoPractice.staff.count)
        try? await first.db.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        try? await first.asyncShutdown()
        try? await second.asyncShutdown()
    }
}
