import Fluent
import Foundation
import SQLKit
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct PatientRegistryTests {
    static let form = [
        "familyName": "Núñez", "givenName": "Rosa", "preferredName": "Rosie", "birthDate": "03/04/1961", "sexAtBirth": "F",
        "phone": "(217) 555-0199", "email": "rosa@example.com", "postalCode": "62701", "occupation": "Teacher",
    ]

    @Test(arguments: TestDatabase.available)
    func everyRegistrationFieldHasItsColumnAndAClearedOneIsNull(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            var registration = patient.registration
            registration[.occupation] = "Carpenter"
            registration[.addressLine1] = "12 Elm Street"
            let filled = try await PatientQueries.update(patient.id, from: patient.version, to: registration, by: nil, now: context.clock.now,
                                                        on: context.app.db) { _, _, _ in }
            guard case .saved(let saved, _) = filled else { Issue.record("not saved"); return }
            registration[.occupation] = ""
            // act
            _ = try await PatientQueries.update(patient.id, from: saved.version, to: registration, by: nil, now: context.clock.now,
                                               on: context.app.db) { _, _, _ in }
            let columns = PatientField.allCases.map(\.column).joined(separator: ", ")
            let row = try #require(try await context.app.db.sql.raw("SELECT \(unsafeRaw: columns) FROM patients WHERE id = \(bind: patient.id)").first())
            // check
            #expect(try row.decode(column: "address_line1", as: String.self) == "12 Elm Street")
            #expect(try row.decodeNil(column: "occupation"))
            #expect(try await PatientQueries.find(patient.id, on: context.app.db)?.registration == registration)
        }
    }

    @Test(arguments: TestDatabase.available)
    func registeringCreatesAPatientWithAnMRNARevisionAndAnAuditRow(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.coordinator)
            try await browser.get(SitePath.newPatient())
            // act
            let response = try await browser.post(SitePath.patients(), form: Self.form)
            // check
            #expect(response.status == .seeOther)
            let patient = try #require(try await context.onlyPatient())
            #expect(response.location == SitePath.patient(patient.id))
            #expect(MedicalRecordNumber(patient.mrn) != nil)
            #expect(patient.registration[.birthDate] == "1961-03-04")
            #expect(patient.familyKey == "nunez")
            #expect(patient.phoneDigits == "2175550199")
            #expect(try await RecordRevision.query(on: context.app.db).count() == 1)
            let audit = try #require(try await context.auditEvents(.patientCreate).first)
            #expect(audit.patientID == patient.id)
            #expect(audit.role == "coordinator")
            let chart = try await browser.get(response.location!)
            #expect(chart.text.contains("Registered Núñez, Rosa (Rosie), MRN \(patient.mrn)."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func invalidInputIsShownFieldByFieldAndKept(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            try await browser.get(SitePath.newPatient())
            var form = Self.form
            form["birthDate"] = "02/30/2020"
            form["givenName"] = ""
            form["email"] = "rosa@"
            // act
            let response = try await browser.post(SitePath.patients(), form: form)
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("There are 3 problems"))
            #expect(response.text.contains("Enter a real date as MM/DD/YYYY."))
            #expect(response.text.contains("Given (first) name is required."))
            #expect(response.text.contains("id=\"email\" name=\"email\" value=\"rosa@\""))
            #expect(response.text.contains("value=\"02/30/2020\""))
            #expect(response.text.contains("aria-invalid=\"true\""))
            #expect(try await context.patientCount() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func jsonClientsGetFieldErrorsAsJSON(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.nurse)
            var form = Self.form
            form["birthDate"] = "2999-01-01"
            // act
            let response = try await browser.post(SitePath.patients(), form: form, headers: ["Accept": "application/json"])
            // check
            #expect(response.status == .unprocessableEntity)
            let body = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            #expect(body?["error"] as? String == "Some fields need attention.")
            #expect((body?["fields"] as? [String: String])?["birthDate"] == "Date of birth cannot be in the future.")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPossibleDuplicateIsShownBeforeSaving(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makePatient([.familyName: "Nunez", .givenName: "ROSA", .birthDate: "1961-03-04"])
            let browser = try await context.signedIn(.coordinator)
            try await browser.get(SitePath.newPatient())
            // act
            let warned = try await browser.post(SitePath.patients(), form: Self.form)
            var confirmed = Self.form
            confirmed["confirmDuplicate"] = "1"
            let saved = try await browser.post(SitePath.patients(), form: confirmed)
            // check
            #expect(warned.status == .ok)
            #expect(warned.text.contains("Possibly registered already"))
            #expect(warned.text.contains("Same name, same date of birth"))
            #expect(warned.text.contains("Register as a new patient anyway"))
            #expect(warned.text.contains("value=\"Rosie\""))
            #expect(saved.status == .seeOther)
            #expect(try await context.patientCount() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func nearDuplicatesAreFoundByShortFormsSwappedDatesAndContact(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makePatient([.familyName: "Miller", .givenName: "Kimberly", .birthDate: "1975-02-04", .phone: "(309) 555-0170"])
            try await context.makePatient([.familyName: "Doe", .givenName: "John", .birthDate: "1980-06-07", .phone: "", .email: "jd@example.org"])
            try await context.makePatient([.familyName: "Miller", .givenName: "Karl", .birthDate: "1975-02-04", .phone: "(309) 555-0170"])
            let api = try await APIClient.make(try await context.signedIn(.coordinator))
            let registration = { (family: String, given: String, born: String, phone: String, email: String) -> JSONValue in
                .object(["fields": .object(["familyName": .string(family), "givenName": .string(given), "birthDate": .string(born),
                                            "sexAtBirth": "F", "phone": .string(phone), "email": .string(email)])])
            }
            // act
            let kim = try await api.send(.POST, "/api/v1/patients", registration("Miller", "Kim", "1975-02-04", "309-555-0170", ""))
            let swapped = try await api.send(.POST, "/api/v1/patients", registration("Miller", "Kimberly", "1975-04-02", "", ""))
            let jon = try await api.send(.POST, "/api/v1/patients", registration("Doe", "Jon", "1981-01-01", "", "JD@example.org"))
            let stranger = try await api.send(.POST, "/api/v1/patients", registration("Miller", "Anne", "1975-02-04", "", ""))
            // check
            #expect(kim.status == .conflict && kim.json["duplicates"].count == 1)
            #expect(kim.json["duplicates"][0]["patient"]["displayName"] == "Miller, Kimberly")
            #expect(kim.json["duplicates"][0]["reasons"] == ["similarName", "sameBirthDate", "samePhone"])
            #expect(swapped.status == .conflict && swapped.json["duplicates"][0]["reasons"] == ["sameName", "swappedBirthDate"])
            #expect(jon.status == .conflict && jon.json["duplicates"][0]["reasons"] == ["similarName", "sameEmail"])
            #expect(stranger.status == .created)
            #expect(try await context.patientCount() == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func searchFindsByNamePrefixBirthDateMRNAndPhone(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let zoe = try await context.makePatient()
            try await context.makePatient([.familyName: "Smith", .givenName: "Mary", .birthDate: "1950-12-01", .phone: "309 555 0111"])
            try await context.makePatient([.familyName: "Jones", .givenName: "Muriel", .birthDate: "1980-05-05", .phone: ""])
            let deleted = try await context.makePatient([.familyName: "Mueller", .givenName: "Old"])
            try await context.softDelete(deleted)
            let browser = try await context.signedIn(.therapist)
            func names(_ query: String) async throws -> [String] {
                let page = try await browser.get("/patients?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                return page.text.components(separatedBy: "<td><a href=\"/patients/").dropFirst().map {
                    String($0.split(separator: ">")[1].split(separator: "<")[0])
                }
            }
            // act / check
            #expect(try await names("mu") == ["Müller, Zoë", "Jones, Muriel"])  // family names first
            #expect(try await names("MÜLL") == ["Müller, Zoë"])
            #expect(try await names("muller, z") == ["Müller, Zoë"])
            #expect(try await names("zoe mul") == ["Müller, Zoë"])
            #expect(try await names("12/01/1950") == ["Smith, Mary"])
            #expect(try await names(zoe.mrn) == ["Müller, Zoë"])
            #expect(try await names("(309) 555") == ["Smith, Mary"])
            #expect(try await names("nobody") == [])
            // As a browser's form sends it: spaces as "+", among other parameters.
            let submitted = try await browser.get("/patients?x=1&q=+zo%C3%AB+mul+&qq=smith")
            #expect(submitted.text.contains("Müller, Zoë") && !submitted.text.contains("Smith, Mary"))
            #expect(submitted.text.contains(#"value="zoë mul""#))
            #expect(try await context.auditEvents(.patientSearch).count == 9)
        }
    }

    /// A name search reads its rows from the name index alone, never the table (migration 0020): on SQLite, and on
    /// PostgreSQL once the table is vacuumed and the planner is kept off scans it would pick for so few rows.
    @Test(arguments: TestDatabase.available)
    func nameSearchesReadOnlyTheirIndex(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            try await context.makePatient()
            let statements = ["mu", "muller, z", "zoe mul"].flatMap { PatientQueries.searchStatements(PatientSearchQuery($0)!) }
            if database == .postgres { try await context.app.db.sql.raw("VACUUM ANALYZE patients").run() }
            // act
            let plans = try await context.app.db.transaction { db in
                if database == .postgres {
                    try await db.sql.raw("SET LOCAL enable_seqscan = off").run()
                    try await db.sql.raw("SET LOCAL enable_bitmapscan = off").run()
                }
                var plans: [String] = []
                for statement in statements {
                    let rows = try await db.sql.raw((database == .postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement).all()
                    plans.append(try rows.map { try $0.decode(column: database == .postgres ? "QUERY PLAN" : "detail", as: String.self) }
                        .joined(separator: " "))
                }
                return plans
            }
            // check
            #expect(plans.count == 5)
            for plan in plans {
                #expect(plan.contains(database == .postgres ? "Index Only Scan using patients_" : "USING COVERING INDEX patients_"),
                        "\(plan)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLongResultListIsCutWithAHint(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            for day in 1...(PatientQueries.searchLimit + 1) {
                try await context.makePatient([.familyName: "Garcia", .givenName: "Ana", .birthDate: "1970-01-\(day < 10 ? "0" : "")\(day)"])
            }
            let browser = try await context.signedIn(.coordinator)
            // act
            let page = try await browser.get("/patients?q=garcia")
            // check
            #expect(page.text.components(separatedBy: "<td><a href=\"/patients/").count - 1 == PatientQueries.searchLimit)
            #expect(page.text.contains("Only the first \(PatientQueries.searchLimit) matches are shown"))
            #expect(page.text.contains("01/01/1970"))
            #expect(!page.text.contains("01/\(PatientQueries.searchLimit + 1)/1970"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func openingTheChartIsAudited(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let browser = try await context.signedIn(.physician)
            // act
            let chart = try await browser.get(SitePath.patient(patient.id))
            // check
            #expect(chart.status == .ok)
            #expect(chart.text.contains("class=\"patient-banner\""))
            #expect(chart.text.contains("MRN \(patient.mrn)"))
            #expect(chart.text.contains("DOB 03/04/1961"))
            #expect(chart.text.contains("Diagnoses"))
            let view = try #require(try await context.auditEvents(.patientView).first)
            #expect(view.patientID == patient.id)
            #expect(view.userEmail == "physician@test.relief")
        }
    }

    @Test(arguments: TestDatabase.available)
    func editingSavesANewVersionAndAuditsTheChangedFields(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let browser = try await context.signedIn(.nurse)
            try await browser.get(SitePath.editPatient(patient.id))
            var form = Dictionary(uniqueKeysWithValues: patient.registration.values.map { ($0.key.rawValue, $0.value) })
            form["phone"] = "217 555 0100"
            form["version"] = "1"
            // act
            let response = try await browser.post(SitePath.patient(patient.id), form: form)
            // check
            #expect(response.status == .seeOther)
            let saved = try #require(try await PatientQueries.find(patient.id, on: context.app.db))
            #expect(saved.version == 2)
            #expect(saved.phoneDigits == "2175550100")
            #expect(try await RecordRevision.query(on: context.app.db).count() == 2)
            #expect(try await context.auditEvents(.patientUpdate).first?.detail == "changed: phone")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStaleEditShowsTheConflictAndKeepsTheInput(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let first = try await context.signedIn(.nurse)
            let second = try await context.signedIn(.coordinator)
            try await first.get(SitePath.editPatient(patient.id))
            try await second.get(SitePath.editPatient(patient.id))
            var base = Dictionary(uniqueKeysWithValues: patient.registration.values.map { ($0.key.rawValue, $0.value) })
            base["version"] = "1"
            var theirs = base, mine = base
            theirs["phone"] = "217 555 0177"
            mine["occupation"] = "Carpenter"
            try await second.post(SitePath.patient(patient.id), form: theirs)
            // act
            let response = try await first.post(SitePath.patient(patient.id), form: mine)
            // check
            #expect(response.status == .conflict)
            #expect(response.text.contains("Someone else changed this patient"))
            #expect(response.text.contains("Test Coordinator saved it"))
            #expect(response.text.contains("217 555 0177"))
            #expect(response.text.contains("value=\"Carpenter\""))
            #expect(response.text.contains("name=\"version\" value=\"2\""))
            let saved = try #require(try await PatientQueries.find(patient.id, on: context.app.db))
            #expect(saved.registration[.occupation].isEmpty && saved.registration[.phone] == "217 555 0177")
            // an empty optional field is NULL in its column, not an empty string
            let occupation = try await context.app.db.sql.raw("SELECT occupation FROM patients WHERE id = \(bind: patient.id)").first()
            #expect(try occupation?.decodeNil(column: "occupation") == true)
            #expect(try await context.auditEvents(.patientUpdateConflict).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func unknownOrMalformedIdsAreNotFound(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let browser = try await context.signedIn(.physician)
            // act
            let unknown = try await browser.get(SitePath.patient(UUID()))
            let malformed = try await browser.get("/patients/not-an-id")
            let json = try await browser.get(SitePath.patient(UUID()), headers: ["Accept": "application/json"])
            // check
            #expect(unknown.status == .notFound)
            #expect(malformed.status == .notFound)
            #expect(json.status == .notFound)
            #expect(json.text.contains("\"error\":\"No such patient.\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func oversizedAndMalformedBodiesAreRefused(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            // Over real HTTP: in memory, the body is never streamed and so never measured.
            let browser = try await context.signedIn(.nurse).over(.liveHTTP)
            var huge = Self.form
            huge["occupation"] = String(repeating: "x", count: 2_000_000)
            // act
            let tooLarge = try await browser.post(SitePath.patients(), form: huge)
            let missingVersion = try await browser.post(SitePath.patient(try await context.makePatient().id), form: Self.form)
            // check
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(missingVersion.status == .badRequest)
            #expect(try await context.patientCount() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func markupInDataIsEscaped(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient([.occupation: "\"><script>alert(1)</script>", .familyName: "O'<b>Neil"])
            let browser = try await context.signedIn(.nurse)
            // act
            let edit = try await browser.get(SitePath.editPatient(patient.id))
            let chart = try await browser.get(SitePath.patient(patient.id))
            // check
            #expect(!edit.text.contains("<script>alert(1)"))
            #expect(edit.text.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
            #expect(!chart.text.contains("<script>alert(1)"))
            #expect(!chart.text.contains("<b>Neil"))
        }
    }
}
