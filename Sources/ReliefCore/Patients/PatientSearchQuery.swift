import Foundation

/// What a user typed into the patient search box, understood as one kind of search.
public enum PatientSearchQuery: Equatable, Sendable {
    /// Why typed text cannot search, for the search box's message; `verb` is "Type" on a page, "Send" in the API.
    public static func problem(with text: String, verb: String) -> String {
        TextRules.hasControlCharacters(text) ? TextRules.controlCharacterMessage
            : "\(verb) at least one letter of a name, a date of birth, an MRN or 3 digits of a phone number."
    }

    /// A name prefix: `family` alone matches family or given names; with `given`, both must match
    /// (either order for "Given Family", fixed order for "Family, Given").
    case name(first: String, second: String?, ordered: Bool)
    case birthDate(CalendarDate)
    /// Digits: a medical record number, or the beginning of a phone number.
    case number(mrn: MedicalRecordNumber?, phonePrefix: String?)

    /// Parses the search box; nil when there is too little to search for.
    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !TextRules.hasControlCharacters(text) else { return nil }
        if let date = CalendarDate(text) {
            self = .birthDate(date)
            return
        }
        let digits = text.filter(\.isASCIIDigit)
        let isNumeric = !digits.isEmpty && text.allSatisfy { $0.isASCIIDigit || " -().+".contains($0) }
        if isNumeric {
            let mrn = MedicalRecordNumber(text)
            let phone = digits.count >= 3 ? SearchKey.phoneDigits(digits) : nil
            guard mrn != nil || phone != nil else { return nil }
            self = .number(mrn: mrn, phonePrefix: phone)
            return
        }
        if text.contains(",") {
            let parts = text.split(separator: ",", maxSplits: 1).map { SearchKey.fold(String($0)) }
            guard let family = parts.first, !family.isEmpty else { return nil }
            let given = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            self = .name(first: family, second: given, ordered: true)
            return
        }
        let words = text.split(whereSeparator: \.isWhitespace).map { SearchKey.fold(String($0)) }.filter { !$0.isEmpty }
        guard let first = words.first else { return nil }
        // "Mary Ann Smith": the last word against one name, the rest against the other.
        let second = words.count > 1 ? words.last : nil
        let firstPart = words.count > 1 ? words.dropLast().joined() : first
        self = .name(first: firstPart, second: second, ordered: false)
    }
}
