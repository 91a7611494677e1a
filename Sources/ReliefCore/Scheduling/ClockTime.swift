/// A time of day on the practice's wall clock, to the minute: appointments are booked in local time, so a day's
/// schedule reads the same whatever the server's offset, and summer time never moves an 8:30 AM visit.
/// Stored as `HH:MM` (24-hour), read as staff type it ("8:30", "08:30", "8:30 am", "2:15 PM", "14:15").
public struct ClockTime: Hashable, Comparable, TextCodable, Sendable {
    /// Minutes since midnight, 0 to 1440 (1440 is the end of the day, "24:00", for a day's last slot to end on).
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(minutes: hour * 60 + minute)
    }

    public init?(_ text: String) {
        var text = text.lowercased().filter { $0 != " " }
        var shift: Int?
        for (suffix, hours) in [("am", 0), ("a.m.", 0), ("pm", 12), ("p.m.", 12)] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            shift = hours
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              var hour = Int(parts[0]) else { return nil }
        let minute = parts.count == 2 ? Int(parts[1]) : 0
        guard let minute, parts.count == 1 || parts[1].count == 2 else { return nil }
        if let shift {
            // 12-hour clock: 12 AM is midnight, 12 PM noon.
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + shift
        }
        guard hour < 24 || (hour == 24 && minute == 0 && shift == nil) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `HH:MM`, as stored and as `<input type="time">` sends it.
    public var description: String { CalendarDate.padded(hour, 2) + ":" + CalendarDate.padded(minute, 2) }

    /// "8:30 AM", how the clinic reads a time.
    public var display: String {
        let hour = hour % 24
        return "\((hour + 11) % 12 + 1):\(CalendarDate.padded(minute, 2)) \(hour < 12 ? "AM" : "PM")"
    }

    public func adding(minutes more: Int) -> ClockTime? { ClockTime(minutes: minutes + more) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// A stretch of one day's clock, start included and end excluded, so back-to-back visits do not overlap.
public struct ClockRange: Hashable, Codable, Sendable {
    public let start: ClockTime
    public let end: ClockTime

    public init?(_ start: ClockTime, _ end: ClockTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let range = ClockRange(try container.decode(ClockTime.self, forKey: .start), try container.decode(ClockTime.self, forKey: .end)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a range must end after it starts"))
        }
        self = range
    }

    public var minutes: Int { end.minutes - start.minutes }
    public func overlaps(_ other: ClockRange) -> Bool { start < other.end && other.start < end }
    public func contains(_ other: ClockRange) -> Bool { start <= other.start && other.end <= end }
    public var display: String { "\(start.display)–\(end.display)" }
}
