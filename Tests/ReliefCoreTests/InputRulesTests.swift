import Testing
@testable import ReliefCore

/// Numbers and text as Relief takes them from any form or JSON body.
@Suite struct InputRulesTests {
    @Test func onlyPlainDecimalsAreNumbers() {
        // act / check
        #expect(PlainNumber.decimal("7.5") == 7.5 && PlainNumber.decimal(".5") == 0.5 && PlainNumber.decimal("-2") == -2)
        #expect(PlainNumber.decimal("10") == 10 && PlainNumber.decimal("5.") == 5)
        for text in ["0x10", "0x1p3", "1e2", "1E2", "+5", "inf", "nan", "1,000", "1.2.3", "", "-", ".", " 5", "5 ", "٥", "１"] {
            #expect(PlainNumber.decimal(text) == nil, "\(text)")
        }
        #expect(PlainNumber.integer("12") == 12 && PlainNumber.integer("-3") == -3)
        for text in ["1.0", "+1", "0x1", "1e1", "9999999999999999999"] { #expect(PlainNumber.integer(text) == nil, "\(text)") }
    }

    @Test func aStrengthInHexOrWithAnExponentIsRefusedWithTheFieldsMessage() {
        // setup
        let fields = FormFields([("strength", "0x10"), ("dose", "1e2"), ("count", "+3")])
        var reader = FormReader(fields, today: CalendarDate(year: 2026, month: 12, day: 4)!)
        // act
        let strength = reader.decimal("strength", in: 0...10_000)
        let dose = reader.decimal("dose", in: 0...10_000)
        let count = reader.integer("count", in: 0...10)
        // check
        #expect(strength == nil && dose == nil && count == nil)
        #expect(reader.problems.keys.sorted() == ["count", "dose", "strength"])
    }

    @Test func controlCharactersAreRefusedButLineBreaksOnlyWhereAFieldTakesThem() {
        // setup
        let fields = FormFields([("name", "a\u{0}b"), ("title", "two\nlines"), ("note", "two\nlines\twith a tab"), ("bell", "\u{7}"),
                                 ("c1", "x\u{85}y"), ("fine", "Zoë Müller")])
        var reader = FormReader(fields, today: CalendarDate(year: 2026, month: 12, day: 4)!)
        // act
        _ = reader.text("title", limit: 100)
        _ = reader.text("note", limit: 100, multiline: true)
        _ = reader.text("fine", limit: 100)
        // check
        #expect(reader.problems["name"] == TextRules.controlCharacterMessage)
        #expect(reader.problems["bell"] == TextRules.controlCharacterMessage && reader.problems["c1"] == TextRules.controlCharacterMessage)
        #expect(reader.problems["title"] == TextRules.lineBreakMessage)
        #expect(reader.problems["note"] == nil && reader.problems["fine"] == nil)
    }

    @Test func textKeptDespiteControlCharactersShowsThem() {
        // act / check
        #expect(TextRules.visible("a\u{0}b\tc\nd") == "a\u{FFFD}b\tc\nd")
        #expect(TextRules.visible("plain") == "plain")
    }

    @Test func aSearchWithANulByteSearchesNothingAndSaysWhy() {
        // act / check
        #expect(PatientSearchQuery("a\u{0}b") == nil)
        #expect(PatientSearchQuery.problem(with: "a\u{0}b", verb: "Type") == TextRules.controlCharacterMessage)
    }

    @Test func aNulInARegistrationIsAFieldProblem() {
        // setup
        let registration = PatientRegistration(values: [.familyName: "a\u{0}b", .givenName: "Kim", .birthDate: "1970-01-01", .sexAtBirth: "F"])
        // act
        let problems = registration.problems(today: CalendarDate(year: 2026, month: 12, day: 4)!)
        // check
        #expect(problems == [.familyName: TextRules.controlCharacterMessage])
    }
}

/// Which address a request comes from, behind a reverse proxy or not.
@Suite struct TrustedProxiesTests {
    @Test func aForwardedAddressCountsOnlyFromATrustedProxy() {
        // setup
        let proxies = TrustedProxies(list: "10.0.0.5, 192.168.1.0/24, fd00::/8")!
        // act / check
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.client(peer: "192.168.1.77", forwardedFor: ["198.51.100.1, 203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.client(peer: "fd00::1", forwardedFor: ["203.0.113.9, 10.0.0.5"]) == "203.0.113.9")
        #expect(proxies.client(peer: "203.0.113.50", forwardedFor: ["1.2.3.4"]) == "203.0.113.50")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["not-an-address"]) == "10.0.0.5")
        #expect(TrustedProxies().client(peer: "10.0.0.5", forwardedFor: ["203.0.113.9"]) == "10.0.0.5")
    }

    @Test func rangesAreReadExactly() {
        // act / check
        #expect(TrustedProxies(list: "") == TrustedProxies())
        #expect(TrustedProxies(list: "10.0.0.0/33") == nil && TrustedProxies(list: "10.0.0") == nil && TrustedProxies(list: "0x0a.0.0.1") == nil)
        #expect(TrustedProxies(list: "1::2::3") == nil && TrustedProxies(list: "::1")!.trusts("0:0:0:0:0:0:0:1"))
        #expect(TrustedProxies(list: "10.0.0.0/8")!.trusts("10.255.0.1") && !TrustedProxies(list: "10.0.0.0/8")!.trusts("11.0.0.1"))
        #expect(!TrustedProxies(list: "10.0.0.0/8")!.trusts("::ffff:a00:1"))
    }
}
