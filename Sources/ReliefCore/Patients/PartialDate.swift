import Foundation

/// A date known to the year or the month only, as patients recall when their pain began: "2025", "03/2025", or a
/// whole date. Stored as FHIR writes a partial date (`2025`, `2025-03`, `2025-03-15`), so whole dates stored as
/// `CalendarDate` read back unchanged.
public struct PartialDate: Hashable, TextCodable, Sendable {
    public let year: Int
    public let month: Int?
    /// Set only with `month`.
    public let day: Int?

    public init(_ date: CalendarDate) {
        (year, month, day) = (date.year, date.month, date.day)
    }

    private init?(year: Int, month: Int?) {
        guard (1000...9999).contains(year), month.map({ (1...12).contains($0) }) ?? true else { return nil }
        (self.year, self.month, day) = (year, month, nil)
    }

    /// Reads a whole date as `CalendarDate` does, `MM/YYYY` or `YYYY-MM`, or `YYYY`.
    public init?(_ text: String) {
        if let whole = CalendarDate(text) {
            self.init(whole)
            return
        }
        let text = text.trimmingCharacters(in: .whitespaces)
        let digits: (Substring) -> Int? = { part in part.allSatisfy(\.isASCII) ? Int(part) : nil }
        let us = text.split(separator: "/", omittingEmptySubsequences: false)
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        if us.count == 2, us[1].count == 4, (1...2).contains(us[0].count), let month = digits(us[0]), let year = digits(us[1]) {
            self.init(year: year, month: month)
        } else if iso.count == 2, iso[0].count == 4, iso[1].count == 2, let year = digits(iso[0]), let month = digits(iso[1]) {
            self.init(year: year, month: month)
        } else if text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text) {
            self.init(year: year, month: nil)
        } else {
            return nil
        }
    }

    /// The whole date, when the day is known.
    public var whole: CalendarDate? {
        guard let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The first and the last day it may mean.
    public var earliest: CalendarDate { CalendarDate(year: year, month: month ?? 1, day: day ?? 1)! }
    public var latest: CalendarDate {
        whole ?? CalendarDate(year: year, month: month ?? 12, day: CalendarDate.daysIn(month: month ?? 12, year: year))!
    }

    /// `2025`, `2025-03` or `2025-03-15`: FHIR's partial date.
    public var description: String {
        whole?.description ?? [String(year), month.map { $0 < 10 ? "0\($0)" : String($0) }].compactMap { $0 }.joined(separator: "-")
    }

    /// `MM/DD/YYYY`, `MM/YYYY` or `YYYY`.
    public var display: String {
        whole?.display ?? [month.map { $0 < 10 ? "0\($0)" : String($0) }, String(year)].compactMap { $0 }.joined(separator: "/")
    }
}
