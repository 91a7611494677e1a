import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Input an attacker or a careless paste sends: NUL and other control characters, numbers in hex or with an exponent.
/// Each gets its field's message on both databases, never a server error, and nothing is saved.
@Suite struct HostileInputTests {
    @Test(arguments: TestDatabase.available)
    func aNulByteGetsAFieldMessageInSearchRegistrationAndSignIn(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.coordinator)
            let api = try await APIClient.make(browser)
            let before = try await context.patientCount()
            try await browser.get(SitePath.newPatient())
            // act
            let page = try await browser.get(SitePath.patients() + "?q=a%00b")
            let apiSearch = try await api.get("/api/v1/patients?q=a%00b")
            let form = try await browser.post(SitePath.patients(), form: ["familyName": "a\u{0}b", "givenName": "Kim", "birthDate": "01/02/1970",
                                                                         "sexAtBirth": "F"])
            let apiRegistration = try await api.send(.POST, "/api/v1/patients", .object(["fields": .object([
                "familyName": "a\u{0}b", "givenName": "Kim", "birthDate": "1970-01-02", "sexAtBirth": "F"])]))
            let anonymous = Browser(app: context.app)
            try await anonymous.get(SitePath.login())
            let login = try await anonymous.post(SitePath.login(), form: ["email": "nurse\u{0}@test.relief", "password": "whatever it is"])
            // check
            #expect(page.status == .ok && page.text.contains(TextRules.controlCharacterMessage))
            #expect(apiSearch.status == .unprocessableEntity && apiSearch.json["fields"]["q"] == .string(TextRules.controlCharacterMessage))
            #expect(form.status == .unprocessableEntity && form.text.contains(TextRules.controlCharacterMessage) && form.text.contains("Kim"))
            #expect(apiRegistration.status == .unprocessableEntity
                    && apiRegistration.json["fields"]["familyName"] == .string(TextRules.controlCharacterMessage))
            #expect(login.status == .unauthorized && login.text.contains(LoginController.wrongCredentials))
            #expect(try await context.patientCount() == before)
            #expect(try await context.auditEvents(.loginFailure).last?.userEmail == "nurse\u{FFFD}@test.relief")
        }
    }

    @Test(arguments: TestDatabase.available)
    func chartTextWithControlCharactersIsRefusedButANoteKeepsItsLineBreaks(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let allergies = "/api/v1/patients/\(patient.id)/allergies"
            // act
            let nul = try await api.send(.POST, allergies, .object(["fields": .object(["substance": "latex", "status": "active",
                                                                                       "note": "a\u{0}b"])]))
            let bell = try await api.send(.POST, allergies, .object(["fields": .object(["substance": "latex", "status": "active",
                                                                                        "reactionNote": "rash\u{7}"])]))
            let lines = try await api.send(.POST, allergies, .object(["fields": .object(["substance": "latex", "status": "active",
                                                                                         "note": "first line\nsecond line"])]))
            // check
            #expect(nul.status == .unprocessableEntity && nul.json["fields"]["note"] == .string(TextRules.controlCharacterMessage))
            #expect(bell.status == .unprocessableEntity && bell.json["fields"]["reactionNote"] != .null)
            #expect(lines.status == .created, "\(lines.json)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func numbersAreTakenOnlyAsPlainDecimalsAndTheAPIWantsJSONNumbers(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let api = try await APIClient.make(nurse)
            let medications = SitePath.chartEntries(.medication)(patient.id)
            try await nurse.get(medications + "/new")
            func medication(_ strength: String) -> [(String, String)] {
                [("drug", "oxycodone"), ("strength", strength), ("unit", "mg"), ("unitsPerDose", "1"), ("frequency", "q6h"), ("status", "active")]
            }
            // act
            let forms = try await ["0x10", "0x1p3", "1e2", "+5", "inf"].asyncMap { try await nurse.post(medications, pairs: medication($0)) }
            let asText = try await api.send(.POST, "/api/v1/patients/\(patient.id)/medications", .object(["fields": .object([
                "drug": "oxycodone", "strength": "5", "unit": "mg", "frequency": "q6h", "status": "active"])]))
            let plain = try await nurse.post(medications, pairs: medication("7.5"))
            // check
            #expect(forms.allSatisfy { $0.status == .unprocessableEntity && $0.text.contains("Enter a number from") }, "\(forms.map(\.status))")
            #expect(asText.status == .unprocessableEntity && asText.json["fields"]["strength"] == "Send a number.")
            #expect(plain.status == .seeOther)
            #expect(try await ChartEntryQueries.entries(MedicationEntry.self, patientID: patient.id, on: context.app.db).count == 1)
        }
    }
}
