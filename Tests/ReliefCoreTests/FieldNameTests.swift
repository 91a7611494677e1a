import ReliefCore
import Testing

struct FieldNameTests {
    @Test func camelCaseAndDottedNamesBecomeWords() {
        // check
        #expect(FieldName.words("chiefComplaint") == "Chief complaint")
        #expect(FieldName.words("painNow") == "Pain now")
        #expect(FieldName.words("test.slr.right") == "Test · slr · right")
        #expect(FieldName.words("redFlagNotes") == "Red flag notes")
        #expect(FieldName.words("MRN") == "MRN")
        #expect(FieldName.words("") == "")
    }
}
