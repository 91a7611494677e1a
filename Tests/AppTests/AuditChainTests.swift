import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// The audit trail cannot be rewritten past its triggers, and what is rewritten anyway (triggers dropped by the
/// database's owner) is caught by the hash chain.
@Suite struct AuditChainTests {
    @Test(arguments: TestDatabase.available)
    func replacingOrTruncatingProtectedRowsIsRefused(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.signedIn(.nurse)
            let sql = context.app.db.sql
            let event = try #require(try await context.auditEvents(.loginSuccess).first)
            // act / check
            if database == .sqlite {
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        REPLACE INTO audit_events (id, occurred_at, action, outcome, seq, hash)
                        VALUES (\(bind: event.id!), \(bind: Date()), 'forged', 'success', 999, 'x')
                        """).run()
                }
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        INSERT OR REPLACE INTO audit_events (id, occurred_at, action, outcome, seq, hash)
                        VALUES (\(bind: UUID()), \(bind: Date()), 'forged', 'success', 1, 'x')
                        """).run()
                }
            } else {
                for table in UpdateAuditChain.protected.map(\.table) {
                    await #expect(throws: (any Error).self, "\(table)") { try await sql.raw("TRUNCATE \(unsafeRaw: table) CASCADE").run() }
                }
            }
            #expect(try await context.auditEvents(.loginSuccess).map(\.id) == [event.id])
            #expect(try await AuditChain.verify(on: context.app.db).broken == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRowChangedOrRemovedWithTheTriggersDroppedBreaksTheChainThere(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a few rows, then an owner who drops the triggers
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            for _ in 1...3 { try await nurse.get(SitePath.patient(patient.id)) }
            let intact = try await AuditChain.verify(on: context.app.db)
            let sql = context.app.db.sql
            if database == .postgres {
                try await sql.raw("ALTER TABLE audit_events DISABLE TRIGGER USER").run()
            } else {
                for trigger in ["audit_events_no_update", "audit_events_no_delete"] { try await sql.raw("DROP TRIGGER \(unsafeRaw: trigger)").run() }
            }
            let original = try await sql.raw("SELECT detail FROM audit_events WHERE seq = 3").first()?.decode(column: "detail", as: String?.self)
            // act
            try await sql.raw("UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 3").run()
            let changed = try await AuditChain.verify(on: context.app.db)
            try await sql.raw("UPDATE audit_events SET detail = \(bind: original) WHERE seq = 3").run()
            let restored = try await AuditChain.verify(on: context.app.db)
            try await sql.raw("DELETE FROM audit_events WHERE seq = 2").run()
            let removed = try await AuditChain.verify(on: context.app.db)
            // check
            #expect(intact.broken == nil && intact.rows == intact.head.seq && intact.rows >= 4, "\(intact)")
            #expect(changed.broken?.hasPrefix("row 3 ") == true && changed.rows == 2, "\(changed)")
            #expect(restored.broken == nil, "the original row hashes as it did")
            #expect(removed.broken?.hasPrefix("row 2 is missing") == true, "\(removed)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func rowsOutsideTheChainAreReportedAndTheMigrationChainsThemInTheOrderTheyWereWritten(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: rows as they stood before the chain (no place, no hash), one written a minute before another
            try await context.signedIn(.nurse)
            let sql = context.app.db.sql
            let chained = try await AuditChain.verify(on: context.app.db).rows
            let earlier = UUID(), later = UUID()
            for (id, minutes) in [(later, 2.0), (earlier, 1.0)] {
                try await sql.raw("""
                    INSERT INTO audit_events (id, occurred_at, action, outcome, detail)
                    VALUES (\(bind: id), \(bind: context.clock.now.addingTimeInterval(minutes * 60)), 'patient.view', 'success', 'before the chain')
                    """).run()
            }
            let outside = try await AuditChain.verify(on: context.app.db)
            // act
            try await context.app.db.writeTransaction { try await UpdateAuditChain().chainExistingRows($0) }
            let result = try await AuditChain.verify(on: context.app.db)
            // check
            #expect(outside.broken == "2 row(s) stand outside the chain (inserted around it)")
            #expect(result.broken == nil && result.rows == chained + 2, "\(result)")
            let order = try await sql.raw("SELECT id FROM audit_events WHERE seq > \(bind: chained) ORDER BY seq").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            #expect(order == [earlier, later])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBatchWrittenAfterAStaleHeadWritesNothingAndTheFullPathCarriesOn(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a head, then a row appended after it by someone else
            _ = try await context.signedIn(.nurse)
            let stale = try await AuditChain.head(on: context.app.db)
            let row = { AuditRow(AuditEntry(action: .patientSearch, resourceType: "Patient"), at: context.clock.now, actor: nil, ip: "test",
                                 userAgent: nil) }
            try await AuditRow.insert([row()], on: context.app.db)
            // act
            let refused = try await AuditRow.insert([row(), row()], after: stale, on: context.app.db)
            let current = try await AuditChain.head(on: context.app.db)
            let accepted = try await AuditRow.insert([row(), row()], after: current, on: context.app.db)
            let result = try await AuditChain.verify(on: context.app.db)
            // check
            #expect(refused == nil && current.seq == stale.seq + 1)
            #expect(accepted?.seq == current.seq + 2 && result.broken == nil && result.head == accepted)
        }
    }

    @Test(arguments: TestDatabase.available)
    func rowsAppendedTogetherAreEachWrittenOnceInOneUnbrokenChain(database: TestDatabase) async throws {
        try await withRelief(database, onDisk: true) { context in
            // setup: a change's own row in between moves the head the writer remembers
            let before = try await AuditChain.head(on: context.app.db)
            let row = { (index: Int) in AuditRow(AuditEntry(action: .patientSearch, resourceType: "Patient", detail: "row \(index)"),
                                                 at: context.clock.now, actor: nil, ip: "test", userAgent: nil) }
            // act: 300 appends at once (the first writes its own row, the rest wait and go in batches), then more
            let (rows, writer) = ((0..<305).map(row), context.app.auditWriter)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<300 { group.addTask { try await writer.append(rows[index]) } }
                try await group.waitForAll()
            }
            try await AuditRow.insert([rows[300]], on: context.app.db)
            for index in 301..<305 { try await writer.append(rows[index]) }
            let result = try await AuditChain.verify(on: context.app.db)
            let details = try await context.app.db.sql.raw("SELECT detail FROM audit_events WHERE ip = 'test'").all()
                .map { try $0.decode(column: "detail", as: String.self) }
            // check
            #expect(result.broken == nil && result.head.seq == before.seq + 305)
            #expect(Set(details) == Set((0..<305).map { "row \($0)" }) && details.count == 305)
        }
    }
}
