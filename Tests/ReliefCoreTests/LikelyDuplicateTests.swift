import Testing
@testable import ReliefCore

@Suite struct LikelyDuplicateTests {
    private func person(_ family: String, _ given: String, preferred: String = "", born: String = "1970-02-04",
                        phone: String = "", email: String = "") -> LikelyDuplicate.Person {
        LikelyDuplicate.Person(familyName: family, givenNames: [given, preferred], birthDate: CalendarDate(born), phone: phone, email: email)
    }

    @Test func kimIsKimberlyWithTheSameBirthDateAndPhone() {
        // setup
        let kim = person("Miller", "Kim", phone: "(217) 555-0100")
        let kimberly = person("Miller", "Kimberly", phone: "217-555-0100")
        // act
        let reasons = LikelyDuplicate.reasons(kim, kimberly)
        // check
        #expect(reasons == [.similarName, .sameBirthDate, .samePhone])
    }

    @Test func jonIsJohnAndBillIsWilliam() {
        // act / check
        #expect(LikelyDuplicate.reasons(person("Smith", "Jon"), person("Smith", "John")) == [.similarName, .sameBirthDate])
        #expect(LikelyDuplicate.reasons(person("Smith", "Bill"), person("Smith", "William")) == [.similarName, .sameBirthDate])
        #expect(LikelyDuplicate.reasons(person("Smith", "Sandy"), person("Smith", "Sandra")) == [.similarName, .sameBirthDate])
        #expect(LikelyDuplicate.reasons(person("Smith", "Kimberly", preferred: "Kim"), person("Smith", "Kim")) == [.similarName, .sameBirthDate])
    }

    @Test func dayAndMonthSwappedCountAsTheSameBirthDate() {
        // setup
        let typed = person("Lee", "Ana", born: "1980-02-04")
        // act / check
        #expect(LikelyDuplicate.reasons(typed, person("Lee", "Ana", born: "1980-04-02")) == [.sameName, .swappedBirthDate])
        #expect(LikelyDuplicate.reasons(typed, person("Lee", "Ana", born: "1980-04-03")) == [])
        #expect(LikelyDuplicate.birthDates(around: CalendarDate("1980-02-04")!) == [CalendarDate("1980-02-04")!, CalendarDate("1980-04-02")!])
        // 13 cannot be a month, 05/05 swaps into itself
        #expect(LikelyDuplicate.birthDates(around: CalendarDate("1980-02-13")!).count == 1)
        #expect(LikelyDuplicate.birthDates(around: CalendarDate("1980-05-05")!).count == 1)
    }

    @Test func sameContactWithASimilarNameButAnotherBirthDate() {
        // setup
        let typed = person("Novak", "Jo", born: "1990-01-01", email: " Jo.Novak@Example.org")
        // act / check
        #expect(LikelyDuplicate.reasons(typed, person("Novak", "Josephine", born: "1991-07-09", email: "jo.novak@example.org"))
                == [.similarName, .sameEmail])
        // a relative sharing the family's phone is not the same person
        #expect(LikelyDuplicate.reasons(person("Novak", "Petra", phone: "2175550100"), person("Novak", "Tomas", phone: "2175550100")) == [])
    }

    @Test func aChangedFamilyNameNeedsTheSameBirthDateAndContact() {
        // setup
        let married = person("Okafor", "Grace", phone: "217 555 0199")
        // act / check
        #expect(LikelyDuplicate.reasons(married, person("Bello", "Grace", phone: "2175550199")) == [.similarName, .sameBirthDate, .samePhone])
        #expect(LikelyDuplicate.reasons(married, person("Bello", "Grace")) == [])
    }

    @Test func namesOnlyAlikeAreNotDuplicatesWithoutAFactInCommon() {
        // act / check
        #expect(LikelyDuplicate.reasons(person("Smith", "John", born: "1970-01-01"), person("Smith", "John", born: "1971-01-01")) == [])
        #expect(LikelyDuplicate.reasons(person("Smith", "Ann"), person("Jones", "Ann")) == [])
    }

    @Test(arguments: [
        ("Jon", "John", true), ("Jhon", "John", true), ("Kim", "Kimberly", true), ("Al", "Albert", false), ("Ed", "Edward", true),
        ("Maria", "Marie", true), ("Mary", "Maria", false), ("Anna", "Hannah", false), ("Bob", "Robert", true), ("José", "Jose", true), ("Li", "Lu", false),
    ])
    func givenNames(first: String, second: String, alike: Bool) {
        // act / check
        #expect(LikelyDuplicate.givenNamesAlike(first, second) == alike)
    }

    @Test(arguments: [
        ("Smith", "Smyth", true), ("Garcia Lopez", "Garcia", true), ("Garcia-Lopez", "Lopez", true), ("Lee", "Lea", false),
        ("O'Neil", "ONeil", true), ("Miller", "Muller", true), ("Brown", "Green", false),
    ])
    func familyNames(first: String, second: String, alike: Bool) {
        // act / check
        #expect(LikelyDuplicate.familyNamesAlike(first, second) == alike)
    }

    @Test(arguments: [
        ("abc", "abc", true), ("abc", "abd", true), ("abc", "acb", true), ("abc", "abcd", true), ("abcd", "abc", true),
        ("abc", "bac", true), ("abc", "cba", false), ("abc", "abde", false), ("abc", "a", false), ("", "a", true),
    ])
    func editDistance(first: String, second: String, atMostOne: Bool) {
        // act / check
        #expect(LikelyDuplicate.editDistanceIsAtMostOne(first, second) == atMostOne)
    }
}
