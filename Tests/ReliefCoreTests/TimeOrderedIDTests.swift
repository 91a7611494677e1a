import Foundation
import Testing
@testable import ReliefCore

@Suite struct TimeOrderedIDTests {
    @Test func idsCarryTheirMillisecondAndVersionSevenAndSortByTime() {
        // setup
        var generator = SeededGenerator(seed: 3)
        // Half a millisecond in, so that binary fractions cannot round a time into the millisecond before.
        let times = (0..<50).map { Date(timeIntervalSince1970: (Double(1_796_000_000_123 + $0) + 0.5) / 1000) }
        // act
        let ids = times.map { UUID.timeOrdered(at: $0, using: &generator) }
        // check
        let first = ids[0].uuid
        let milliseconds = [first.0, first.1, first.2, first.3, first.4, first.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_796_000_000_123)
        #expect(ids.allSatisfy { $0.uuid.6 >> 4 == 7 && $0.uuid.8 >> 6 == 0b10 })
        #expect(ids.map { $0.uuidString.lowercased() } == ids.map { $0.uuidString.lowercased() }.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsOfTheSameMillisecondDifferInTheirRandomBits() {
        // setup
        let time = Date(timeIntervalSince1970: 1_796_000_000)
        // act
        let ids = (0..<100).map { _ in UUID.timeOrdered(at: time) }
        // check
        #expect(Set(ids).count == 100)
        #expect(Set(ids.map { $0.uuidString.prefix(13) }).count == 1)
    }
}
