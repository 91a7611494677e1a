import Foundation

/// Whether a patient being registered is probably someone registered already, and why: the front desk sees the
/// reasons and decides. Two registrations of one person split their record, so a likely duplicate is worth asking
/// about; twins and relatives who share a phone are why the answer is a question, never a refusal.
public enum LikelyDuplicate {
    /// What the comparison reads of a registration.
    public struct Person: Sendable, Equatable {
        public let familyName: String
        public let givenNames: [String]
        public let birthDate: CalendarDate?
        public let phone: String
        public let email: String

        /// `givenNames`: the given name and any preferred name ("Kimberly", "Kim").
        public init(familyName: String, givenNames: [String], birthDate: CalendarDate?, phone: String, email: String) {
            self.familyName = familyName
            self.givenNames = givenNames.filter { !SearchKey.fold($0).isEmpty }
            self.birthDate = birthDate
            self.phone = SearchKey.phoneDigits(phone)
            self.email = email.trimmingCharacters(in: .whitespaces).lowercased()
        }

        public init(_ registration: PatientRegistration) {
            self.init(familyName: registration[.familyName], givenNames: [registration[.givenName], registration[.preferredName]],
                      birthDate: registration.birthDate, phone: registration[.phone], email: registration[.email])
        }
    }

    public enum Reason: String, Sendable, CaseIterable, Codable {
        case sameName, similarName, sameBirthDate, swappedBirthDate, samePhone, sameEmail

        public var text: String {
            switch self {
            case .sameName: "same name"
            case .similarName: "similar name"
            case .sameBirthDate: "same date of birth"
            case .swappedBirthDate: "date of birth with day and month swapped"
            case .samePhone: "same phone"
            case .sameEmail: "same e-mail"
            }
        }
    }

    /// The reasons in one phrase: "similar name, same date of birth, same phone".
    public static func describe(_ reasons: [Reason]) -> String {
        let text = reasons.map(\.text).joined(separator: ", ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The birth dates worth looking up for `date`: itself and, when it reads as a date both ways, day and month
    /// swapped (02/04 typed for 04/02).
    public static func birthDates(around date: CalendarDate) -> [CalendarDate] {
        guard date.day != date.month, let swapped = CalendarDate(year: date.year, month: date.day, day: date.month) else { return [date] }
        return [date, swapped]
    }

    /// Why `existing` is probably `new` registered again; empty when it is probably someone else. A likely duplicate
    /// has a matching name and a matching birth date or contact, or the same given name, birth date and contact
    /// (a family name changed by marriage).
    public static func reasons(_ new: Person, _ existing: Person) -> [Reason] {
        let givenAlike = new.givenNames.contains { name in existing.givenNames.contains { givenNamesAlike(name, $0) } }
        guard givenAlike else { return [] }
        let sameName = SearchKey.fold(new.familyName) == SearchKey.fold(existing.familyName)
            && SearchKey.fold(new.givenNames.first ?? "") == SearchKey.fold(existing.givenNames.first ?? "")
        let familyAlike = familyNamesAlike(new.familyName, existing.familyName)
        var birth: Reason?
        if let date = new.birthDate, let other = existing.birthDate {
            birth = date == other ? .sameBirthDate : birthDates(around: date).contains(other) ? .swappedBirthDate : nil
        }
        var contact: [Reason] = []
        if new.phone.count >= 7, new.phone == existing.phone { contact.append(.samePhone) }
        if new.email.contains("@"), new.email == existing.email { contact.append(.sameEmail) }
        let likely = familyAlike ? (birth != nil || !contact.isEmpty) : (birth == .sameBirthDate && !contact.isEmpty)
        guard likely else { return [] }
        return [sameName ? .sameName : .similarName] + [birth].compactMap { $0 } + contact
    }

    /// Equal when folded; one the start of the other ("Kim", "Kimberly"); a common short form ("Bill", "William");
    /// or one letter apart in names of three letters or more ("Jon", "John"; "Jhon", "John").
    static func givenNamesAlike(_ first: String, _ second: String) -> Bool {
        let (a, b) = (SearchKey.fold(first), SearchKey.fold(second))
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 3, long.hasPrefix(short) { return true }
        if let groups = shortForms[a], !groups.isDisjoint(with: shortForms[b] ?? []) { return true }
        return short.count >= 3 && editDistanceIsAtMostOne(a, b)
    }

    /// Equal when folded, one letter apart in names of four letters or more ("Smith", "Smyth"), or one part of a
    /// double name equal to the other name ("Garcia Lopez", "Garcia").
    static func familyNamesAlike(_ first: String, _ second: String) -> Bool {
        let (a, b) = (SearchKey.fold(first), SearchKey.fold(second))
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b || (min(a.count, b.count) >= 4 && editDistanceIsAtMostOne(a, b)) { return true }
        let parts = { (name: String) in Set(name.split { !$0.isLetter }.map { SearchKey.fold(String($0)) }.filter { $0.count >= 2 }) }
        let (partsA, partsB) = (parts(first), parts(second))
        return (partsA.count > 1 || partsB.count > 1) && !partsA.isDisjoint(with: partsB)
    }

    /// One insertion, deletion, substitution or swap of neighbours (optimal string alignment distance ≤ 1).
    static func editDistanceIsAtMostOne(_ first: String, _ second: String) -> Bool {
        let (a, b) = (Array(first), Array(second))
        guard abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if i == a.count && i == b.count { return true }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }  // substitution
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]  // swap
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short[i...] == long[(i + 1)...]  // insertion
    }

    /// Common English short forms, each name mapped to the groups it is in ("Sandy": Alexander, Alexandra, Sandra).
    /// Prefixes ("Kim", "Kimberly") need no entry.
    private static let shortForms: [String: Set<Int>] = {
        let groups = [
            ["william", "bill", "billy", "will", "willy", "liam"], ["robert", "bob", "bobby", "rob", "robbie", "bert"],
            ["richard", "dick", "rick", "ricky", "rich"], ["james", "jim", "jimmy", "jamie"], ["john", "jack", "johnny", "jon"],
            ["jonathan", "jon", "jonny"], ["margaret", "peggy", "maggie", "meg", "marge", "greta"],
            ["elizabeth", "liz", "lizzie", "beth", "betty", "betsy", "eliza", "libby", "lisa"],
            ["katherine", "catherine", "kathryn", "kate", "katie", "kathy", "cathy", "kay", "kit"],
            ["edward", "ed", "eddie", "ted", "teddy", "ned"], ["theodore", "ted", "teddy", "theo"],
            ["charles", "chuck", "charlie", "chas"], ["henry", "hank", "harry"], ["anthony", "tony"],
            ["michael", "mike", "mikey", "mick"], ["thomas", "tom", "tommy"], ["joseph", "joe", "joey"],
            ["susan", "sue", "susie", "suzy"], ["patricia", "pat", "patty", "trish", "tricia"], ["patrick", "pat", "paddy"],
            ["jennifer", "jen", "jenny", "jenn"], ["christopher", "chris", "kit"], ["christine", "christina", "chris", "tina"],
            ["alexander", "alex", "sandy", "xander"], ["alexandra", "alex", "sandra", "sandy", "lexi"], ["sandra", "sandy"],
            ["daniel", "dan", "danny"], ["david", "dave", "davy"], ["matthew", "matt"], ["nicholas", "nick", "nicky"],
            ["stephen", "steven", "steve", "stevie"], ["samuel", "sam", "sammy"], ["samantha", "sam", "sammy"],
            ["benjamin", "ben", "benny"], ["deborah", "debra", "deb", "debbie"], ["rebecca", "becky", "becca"],
            ["gregory", "greg"], ["jeffrey", "geoffrey", "jeff", "geoff"], ["lawrence", "larry"], ["leonard", "len", "lenny", "leo"],
            ["dorothy", "dot", "dottie", "dolly"], ["frances", "fran", "frannie"], ["francis", "frank", "frankie"],
            ["victoria", "vicky", "tori"], ["donald", "don", "donnie"], ["ronald", "ron", "ronnie"], ["raymond", "ray"],
            ["gerald", "gerry", "jerry"], ["harold", "hal", "harry"], ["barbara", "barb", "barbie", "babs"],
            ["virginia", "ginny", "ginger"], ["abigail", "abby", "gail"], ["josephine", "jo", "josie"], ["joanna", "jo", "joanne"],
        ]
        var map: [String: Set<Int>] = [:]
        for (index, group) in groups.enumerated() { for name in group { map[name, default: []].insert(index) } }
        return map
    }()
}
