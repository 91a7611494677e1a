import Foundation
import Testing
@testable import ReliefCore

/// The one-pass JSON writer says what Foundation's encoder says, in less time.
@Suite struct JSONTextEncoderTests {
    struct Row: Encodable {
        let id: UUID
        let name: String
        let age: Int?
        let note: String?
        let score: Double
        let flags: [Bool]
        let at: Date
        let fields: [String: JSONValue]
        let nested: Nested?
    }

    struct Nested: Encodable {
        let items: [Int]
        let empty: [String: JSONValue]
    }

    private func decoded(_ bytes: [UInt8]) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }

    @Test func theTextDecodesToWhatFoundationsEncoderWrites() throws {
        // setup: every kind of value, nesting, hostile text
        let rows = (0..<3).map { index in
            Row(id: UUID(), name: "Núñez \"Rosa\" \\ \u{0} \u{1F}\n\t/ 😀 \u{2028}", age: index == 1 ? nil : 40 + index, note: nil,
                score: [6, 4.3, 1e-05][index], flags: [true, false], at: Date(timeIntervalSince1970: [0, 1_764_913_545, -86_401][index]),
                fields: ["b": 1, "a": ["x", .null, 2.5], "c": .object(["z": true])],
                nested: index == 2 ? nil : Nested(items: [1, 2, 3], empty: [:]))
        }
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .iso8601
        // act
        let ours = try JSONTextEncoder().encode(rows)
        // check
        #expect(try decoded(ours) == (try JSONDecoder().decode(JSONValue.self, from: try foundation.encode(rows))))
        let text = String(decoding: ours, as: UTF8.self)
        #expect(text.contains(#""score":6,"#) && text.contains(#""at":"1970-01-01T00:00:00Z""#))
        #expect(text.contains(#""at":"2025-12-05T05:45:45Z""#) && text.contains(#""at":"1969-12-30T23:59:59Z""#))
        #expect(text.contains(#""fields":{"a":["x",null,2.5],"b":1,"c":{"z":true}}"#), "a dictionary's keys are sorted")
        #expect(!text.contains("\"age\":null") && text.contains("\\u0000") && text.contains("\\u001f"))
    }

    @Test func datesMatchFoundationsISO8601AcrossCenturies() throws {
        // setup
        let formatter = ISO8601DateFormatter()
        for seconds in stride(from: -4_000_000_000.0, through: 8_000_000_000, by: 37_777_777.7) {
            // act / check
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONTextWriter.iso8601(date) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func infinityIsRefused() {
        #expect(throws: EncodingError.self) { try JSONTextEncoder().encode([Double.infinity]) }
    }
}
