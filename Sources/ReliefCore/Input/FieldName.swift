import Foundation

/// Words for a form field's machine name, where no label is at hand: "chiefComplaint" → "Chief complaint",
/// "test.slr.right" → "Test · slr · right".
public enum FieldName {
    public static func words(_ name: String) -> String {
        let parts = name.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }).map { part -> String in
            var words = ""
            var previous: Character?
            for character in part {
                // A capital after a small letter starts a word; a run of capitals ("MRN") stays as it is.
                if character.isUppercase, previous?.isLowercase == true {
                    words.append(" ")
                    words.append(contentsOf: character.lowercased())
                } else {
                    words.append(character)
                }
                previous = character
            }
            return words
        }
        let joined = parts.joined(separator: " · ")
        return joined.prefix(1).uppercased() + joined.dropFirst()
    }
}
