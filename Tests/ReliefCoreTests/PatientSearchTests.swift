import Testing
@testable import ReliefCore

@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("Müller", "muller"), ("MULLER", "muller"), ("Núñez", "nunez"), ("O'Brien", "obrien"),
        ("Østergaard", "ostergaard"), ("Groß", "gross"), ("Zoë", "zoe"), ("van der Berg", "vanderberg"),
        ("Mary-Jane\tSMITH 3rd", "maryjanesmith3rd"), ("  ", ""), ("D'Arcy-Ólafsson", "darcyolafsson"),
    ])
    func foldsCaseAccentsAndPunctuation(name: String, key: String) {
        // act / check
        #expect(SearchKey.fold(name) == key)
    }

    @Test func theUpperBoundFollowsEveryKeyWithThePrefix() {
        // setup
        let bound = SearchKey.upperBound(ofPrefix: "smi")
        // act / check
        #expect(bound == "smj")
        #expect("smith" < bound && "smi" < bound && "smj" >= bound)
    }

    @Test func phoneNumbersKeepTheirLastTenDigits() {
        // act / check
        #expect(SearchKey.phoneDigits("+1 (217) 555-0123") == "2175550123")
        #expect(SearchKey.phoneDigits("555-01") == "55501")
    }
}

@Suite struct PatientSearchQueryTests {
    @Test func oneWordIsANamePrefix() {
        // act / check
        #expect(PatientSearchQuery("Smi") == .name(first: "smi", second: nil, ordered: false))
    }

    @Test func aCommaMeansFamilyThenGiven() {
        // act / check
        #expect(PatientSearchQuery("Müller, Jo") == .name(first: "muller", second: "jo", ordered: true))
        #expect(PatientSearchQuery("Smith,") == .name(first: "smith", second: nil, ordered: true))
    }

    @Test func twoWordsMatchEitherWayRound() {
        // act / check
        #expect(PatientSearchQuery("jo smith") == .name(first: "jo", second: "smith", ordered: false))
        #expect(PatientSearchQuery("Mary Ann Smith") == .name(first: "maryann", second: "smith", ordered: false))
    }

    @Test func datesInEitherFormatAreBirthDates() {
        // setup
        let date = CalendarDate(year: 1961, month: 3, day: 4)!
        // act / check
        #expect(PatientSearchQuery("03/04/1961") == .birthDate(date))
        #expect(PatientSearchQuery("1961-03-04") == .birthDate(date))
    }

    @Test func aValidMRNIsAlsoTriedAsAPhonePrefix() {
        // setup
        let mrn = MedicalRecordNumber(sequence: 42)
        // act
        let query = PatientSearchQuery(mrn.value)
        // check
        #expect(query == .number(mrn: mrn, phonePrefix: mrn.value))
    }

    @Test func aPhoneNumberIsAPhonePrefix() {
        // act / check
        #expect(PatientSearchQuery("(217) 555-01") == .number(mrn: nil, phonePrefix: "21755501"))
    }

    @Test func tooLittleIsNoSearch() {
        // act / check
        #expect(PatientSearchQuery("  ") == nil)
        #expect(PatientSearchQuery("12") == nil)
        #expect(PatientSearchQuery(",") == nil)
    }
}

@Suite struct MedicalRecordNumberTests {
    @Test func theCheckDigitIsLuhn() {
        // act
        let mrn = MedicalRecordNumber(sequence: 1)
        // check: payload 0000001 → Luhn check digit 8
        #expect(mrn.value == "00000018")
    }

    @Test func aMistypedDigitIsCaught() {
        // setup
        let mrn = MedicalRecordNumber(sequence: 1_234_567)
        var digits = Array(mrn.value)
        digits[3] = digits[3] == "9" ? "0" : Character(String(Int(String(digits[3]))! + 1))
        // act / check
        #expect(MedicalRecordNumber(mrn.value) == mrn)
        #expect(MedicalRecordNumber(String(digits)) == nil)
    }

    @Test func spacesAndDashesAreIgnored() {
        // setup
        let mrn = MedicalRecordNumber(sequence: 77)
        let typed = mrn.value.prefix(4) + "-" + mrn.value.suffix(4)
        // act / check
        #expect(MedicalRecordNumber(String(typed)) == mrn)
    }
}
