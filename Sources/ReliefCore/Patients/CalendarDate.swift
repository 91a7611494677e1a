import Foundation

/// A day without a time or zone, as births and onsets are recorded: stored and compared as `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, TextCodable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (ISO, what date inputs send) or `MM/DD/YYYY` (how US staff type it).
    public init?(_ text: String) {
        if let stored = Self.stored(text) {
            self = stored
            return
        }
        let text = text.trimmingCharacters(in: .whitespaces)
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let us = text.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Int]
        if iso.count == 3, iso[0].count == 4 {
            parts = iso.compactMap { Int($0) }
        } else if us.count == 3, us[2].count == 4 {
            parts = [us[2], us[0], us[1]].compactMap { Int($0) }
        } else {
            return nil
        }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Exactly `YYYY-MM-DD`, as the database holds dates, read from its bytes: trimming and splitting each date of
    /// a 25-row list showed in search profiles.
    private static func stored(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// The calendar day of an instant in a given time zone, by arithmetic on the zone's offset at that instant:
    /// `Calendar`'s date components, with `display`, were about a percent of a search page's CPU.
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        self.init(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    public var description: String {
        "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `MM/DD/YYYY`, how the US clinic reads dates.
    public var display: String {
        var text = ""
        text.reserveCapacity(10)
        Self.append(month, width: 2, to: &text)
        text += "/"
        Self.append(day, width: 2, to: &text)
        text += "/"
        Self.append(year, width: 4, to: &text)
        return text
    }

    /// Whole years from this date to `other` (an age on that day).
    public func years(until other: CalendarDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// Days from `earlier` to this date (negative when `earlier` is later).
    public func daysSince(_ earlier: CalendarDate) -> Int { dayNumber - earlier.dayNumber }

    /// Midnight UTC of this day, for placing days on a time axis.
    public var startOfDay: Date { Date(timeIntervalSince1970: Double(dayNumber) * 86_400) }

    /// This date moved by whole days.
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// The day of the week, ISO numbering: 1 is Monday, 7 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber % 7) + 10) % 7 + 1 }

    // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's civil-days algorithm).
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // Plain padding: String(format:) goes through Foundation's formatter and showed up in page profiles.
    static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.utf8.count < width { text += String(repeating: "0", count: width - digits.utf8.count) }
        text += digits
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        var text = ""
        append(value, width: width, to: &text)
        return text
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
