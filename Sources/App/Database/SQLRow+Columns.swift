import FluentSQLiteDriver
import Foundation
import SQLKit

/// Column reads for the rows of patient lists, one call per column instead of a `Decodable` init: SQLKit's keyed
/// decoding container, and Foundation's scanf-based UUID parser, were a fifth of a search's time (docs/benchmarks.md).
protocol ColumnReading {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func optionalDate(_ column: String) throws -> Date?
    func integer(_ column: String) throws -> Int
    func number(_ column: String) throws -> Double
    func boolean(_ column: String) throws -> Bool
}

extension ColumnReading {
    /// An id selected as text (`CAST(id AS TEXT)` on both databases).
    func uuid(_ column: String) throws -> UUID {
        let text = try text(column)
        guard let id = UUID(text36: text) else { throw ColumnError(column: column, problem: "is not a UUID: \(text)") }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        try optionalText(column).map { text in
            guard let id = UUID(text36: text) else { throw ColumnError(column: column, problem: "is not a UUID: \(text)") }
            return id
        }
    }

    func date(_ column: String) throws -> Date {
        guard let date = try optionalDate(column) else { throw ColumnError(column: column, problem: "is NULL") }
        return date
    }
}

struct ColumnError: Error, CustomStringConvertible {
    let column: String
    let problem: String
    var description: String { "\(column) \(problem)" }
}

/// Any database's row, through SQLKit's generic decoder.
struct SQLRowReader: ColumnReading {
    let row: any SQLRow

    func text(_ column: String) throws -> String {
        try row.decode(column: column, as: String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self)
    }

    func optionalDate(_ column: String) throws -> Date? {
        try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Date.self)
    }

    func integer(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }

    func number(_ column: String) throws -> Double { try row.decode(column: column, as: Double.self) }

    func boolean(_ column: String) throws -> Bool { try row.decode(column: column, as: Bool.self) }
}

/// SQLite's row read directly: SQLKit's generic `decode(column:as:)` resolves its decoder's types at run time for
/// every value, a quarter of what reading a search's rows cost after the covering index (docs/benchmarks.md).
extension SQLiteRow: ColumnReading {
    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw ColumnError(column: column, problem: "is NULL") }
        return value
    }

    func optionalText(_ column: String) throws -> String? {
        switch self.column(column) {
        case .text(let value): return value
        case .null: return nil
        case nil: throw ColumnError(column: column, problem: "is not in the row")
        case let other?: throw ColumnError(column: column, problem: "is not text: \(other)")
        }
    }

    func optionalDate(_ column: String) throws -> Date? {
        guard let value = self.column(column) else { throw ColumnError(column: column, problem: "is not in the row") }
        if case .null = value { return nil }
        guard let date = Date(sqliteData: value) else { throw ColumnError(column: column, problem: "is not a date: \(value)") }
        return date
    }

    func integer(_ column: String) throws -> Int {
        guard let value = self.column(column), let number = Int(sqliteData: value) else { throw ColumnError(column: column, problem: "is not a whole number") }
        return number
    }

    func number(_ column: String) throws -> Double {
        guard let value = self.column(column), let number = Double(sqliteData: value) else { throw ColumnError(column: column, problem: "is not a number") }
        return number
    }

    func boolean(_ column: String) throws -> Bool {
        guard let value = self.column(column), let flag = Bool(sqliteData: value) else { throw ColumnError(column: column, problem: "is not true or false") }
        return flag
    }
}

extension Database {
    /// Runs a read and makes a value of each row: on SQLite straight from its rows, elsewhere through SQLKit.
    func rows<Value>(_ query: SQLQueryString, _ make: (any ColumnReading) throws -> Value) async throws -> [Value] {
        guard let sqlite = self as? any SQLiteDatabase else {
            return try await sql.raw(query).all().map { try make(SQLRowReader(row: $0)) }
        }
        let (text, binds) = sql.serialize(query)
        let encoder = SQLiteDataEncoder()
        let data = try binds.map { try encoder.encode($0) }
        // The connection's own async query collects the rows on SQLite's thread; the database's (Fluent's) hands every
        // row to the event loop as a task with a future of its own (the event loop's 5.7 % of a Bulk export's profile
        // fell to 2.1 %; docs/benchmarks.md).
        let rows = try await sqlite.withConnection { connection in try await connection.query(text, data) }
        return try rows.map(make)
    }
}
