import Testing
@testable import ReliefCore

@Suite struct EvaluationFormTests {
    private let today = CalendarDate("2026-11-23")!

    private var complete: FormFields {
        FormFields(urlEncoded: [
            "chiefComplaint=Low+back+pain+into+the+left+leg", "onsetDate=03%2F15%2F2026", "onsetMechanism=work",
            "character=burning", "character=aching", "radiation=Left+buttock+to+calf", "pattern=constant",
            "aggravating=sitting", "relieving=walking", "painNow=6", "painAverage=5", "painWorst=9", "painLeast=3",
            "map.lower-back%3Aleft=7", "map.calf%3Aleft=5", "sleep=wakes", "workStatus=modified-duty",
            "goal=return-to-work", "goalOther=Garden+again", "history=diabetes", "smoking=former", "alcohol=weekly",
            "familySubstance=alcohol", "tender=paraspinal", "neuro.L5.left.strength=reduced",
            "neuro.S1.left.reflex=absent", "test.straight-leg-raise.left=positive", "test.straight-leg-raise.right=negative",
            "test.faber.left=not-done", "redFlag=new-pain-over-50", "assessment=Left+L5+radiculopathy",
        ].joined(separator: "&"))
    }

    @Test func aCompleteFormParsesAndShowsAgainUnchanged() {
        // act
        let (content, problems) = EvaluationForm.parse(complete, today: today)
        let again = EvaluationForm.parse(EvaluationForm.fields(content), today: today)
        // check
        #expect(problems.isEmpty)
        #expect(content.characters == ["aching", "burning"])
        #expect(content.onsetDate == PartialDate("2026-03-15"))
        #expect(content.painMap.map(\.code) == ["lower-back:left", "calf:left"])
        #expect(content.neuro == [NeuroExam(root: "L5", side: "left", strength: "reduced", reflex: nil, sensation: nil),
                                  NeuroExam(root: "S1", side: "left", strength: nil, reflex: "absent", sensation: nil)])
        #expect(content.provocation.count == 2)
        #expect(content.positiveRedFlags == [.newPainOver50])
        #expect(content.duration(on: today)?.isChronic == true)
        #expect(again.content == content && again.problems.isEmpty)
    }

    @Test func badInputGetsAMessageOnItsField() {
        // setup
        var fields = complete
        fields.set("painNow", "11")
        fields.set("painAverage", "five")
        fields.set("painLeast", "10")
        fields.set("onsetDate", "12/01/2026")
        fields.set("onsetMechanism", "meteor")
        fields.set("map.knee:left", "12")
        fields.add("character", "spicy")
        fields.set("chiefComplaint", "")
        // act
        let (_, problems) = EvaluationForm.parse(fields, today: today)
        // check
        #expect(Set(problems.keys) == ["painNow", "painAverage", "painLeast", "onsetDate", "onsetMechanism", "map.knee:left",
                                       "character", "chiefComplaint"])
        #expect(problems["onsetDate"] == "The onset cannot be after today.")
    }

    @Test func anImpossibleDateAndOverlongTextAreRefused() {
        // setup
        var fields = complete
        fields.set("onsetDate", "02/30/2026")
        fields.set("concerns", String(repeating: "x", count: EvaluationForm.textLimit + 1))
        // act
        let (_, problems) = EvaluationForm.parse(fields, today: today)
        // check
        #expect(problems["onsetDate"] == "Enter the date as MM/DD/YYYY, or MM/YYYY or YYYY when that is all that is known.")
        #expect(problems["concerns"] != nil)
    }

    @Test func urlEncodedBodiesKeepRepeatsAndDecodeEscapes() {
        // act
        let fields = FormFields(urlEncoded: "a=1&b=x+y%26z&a=2&=skip&c")
        // check
        #expect(fields.values("a") == ["1", "2"])
        #expect(fields["b"] == "x y&z")
        #expect(fields["c"] == "")
        #expect(fields.pairs.count == 4)
    }
}
