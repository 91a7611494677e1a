import Foundation

/// An iCalendar (RFC 5545) feed of appointments that a provider's phone or desktop calendar subscribes to. Times are
/// written as local "floating" times, as the clinic books them: a calendar shows 8:30 AM as 8:30 AM.
public enum ICalendar {
    public struct Event: Sendable {
        public let uid: String
        public let date: CalendarDate
        public let time: ClockRange
        public let summary: String
        public let location: String
        public let cancelled: Bool
        /// Grows with each change, so a calendar replaces the event it has.
        public let sequence: Int

        public init(uid: String, date: CalendarDate, time: ClockRange, summary: String, location: String, cancelled: Bool, sequence: Int) {
            self.uid = uid
            self.date = date
            self.time = time
            self.summary = summary
            self.location = location
            self.cancelled = cancelled
            self.sequence = sequence
        }
    }

    /// The whole feed, lines ended by CRLF and folded at 75 octets.
    public static func render(name: String, events: [Event], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relief//Schedule//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape(name)]
        let stamped = utc(stamp)
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stamped,
                      "DTSTART:" + local(event.date, event.time.start), "DTEND:" + local(event.date, event.time.end),
                      "SUMMARY:" + escape(event.summary), "STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"),
                      "SEQUENCE:\(event.sequence)"]
            if !event.location.isEmpty { lines.append("LOCATION:" + escape(event.location)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Backslash, semicolon, comma and line breaks escaped; other control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var folded = "", count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                folded += "\r\n "
                count = 1
            }
            folded.append(character)
            count += size
        }
        return folded
    }

    /// 2026-12-07 at 08:30 → 20261207T083000; midnight at the end of a day is the next day's 000000.
    static func local(_ date: CalendarDate, _ time: ClockTime) -> String {
        let (day, minutes) = time.minutes == 1440 ? (date.adding(days: 1), 0) : (date, time.minutes)
        return day.description.replacingOccurrences(of: "-", with: "") + "T" + CalendarDate.padded(minutes / 60, 2) + CalendarDate.padded(minutes % 60, 2) + "00"
    }

    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = CalendarDate(Date(timeIntervalSince1970: TimeInterval(seconds)), in: TimeZone(secondsFromGMT: 0)!)
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return day.description.replacingOccurrences(of: "-", with: "") + "T" + CalendarDate.padded(inDay / 3600, 2)
            + CalendarDate.padded(inDay % 3600 / 60, 2) + CalendarDate.padded(inDay % 60, 2) + "Z"
    }
}
