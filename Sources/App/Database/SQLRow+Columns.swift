import Foundation
import SQLKit

/// Column reads for the rows of patient lists, one call per column instead of a `Decodable` init: SQLKit's keyed
/// decoding container, and Foundation's scanf-based UUID parser, were a fifth of a search's time (docs/benchmarks.md).
extension SQLRow {
    func text(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }

    /// An id selected as text (`CAST(id AS TEXT)` on both databases).
    func uuid(_ column: String) throws -> UUID {
        let text = try text(column)
        guard let id = UUID(text36: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID: \(text)"))
        }
        return id
    }
}
