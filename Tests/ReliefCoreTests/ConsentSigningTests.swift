import Foundation
import Testing
@testable import ReliefCore

/// What a consent covers, and the patient's signature: their own name, their statement, a drawing or a scan.
@Suite struct ConsentSigningTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!
    private let site: [(String, String)] = [("intervention", "trigger-point-injection"), ("region", "cervical")]

    private func terms(_ pairs: [(String, String)]) -> (ConsentTerms?, [String: String]) {
        ConsentTerms.parse(FormFields(site + pairs), today: today)
    }

    @Test func aConsentHoldsFromThePlannedDayForUpToAYearAndSixSessions() throws {
        // act
        let (series, _) = terms([("plannedOn", "11/18/2026"), ("validUntil", "11/18/2027"), ("sessions", "6")])
        let (_, pastPlanned) = terms([("plannedOn", "11/17/2026"), ("validUntil", "12/17/2026"), ("sessions", "1")])
        let (_, overAYear) = terms([("plannedOn", "11/18/2026"), ("validUntil", "11/19/2027"), ("sessions", "1")])
        let (_, beforePlanned) = terms([("plannedOn", "11/20/2026"), ("validUntil", "11/19/2026"), ("sessions", "1")])
        let (_, sessions) = terms([("plannedOn", "11/20/2026"), ("validUntil", "12/19/2026"), ("sessions", "7")])
        let (_, therapy) = ConsentTerms.parse(FormFields([("intervention", "physical-therapy"), ("region", "lumbar"), ("plannedOn", "11/20/2026"),
                                                          ("validUntil", "12/19/2026"), ("sessions", "1")]), today: today)
        // check
        let held = try #require(series)
        #expect(held.covers(on: CalendarDate(year: 2027, month: 11, day: 18)!, sessionsUsed: 5))
        #expect(!held.covers(on: CalendarDate(year: 2027, month: 11, day: 19)!, sessionsUsed: 0) && !held.covers(on: today, sessionsUsed: 6))
        #expect(pastPlanned["plannedOn"] == "The planned date cannot be before today.")
        #expect(overAYear["validUntil"] != nil && beforePlanned["validUntil"] != nil)
        #expect(sessions["sessions"] == "Enter a whole number from 1 to 6.")
        #expect(therapy["intervention"] == "Choose a procedure from the catalogue.")
        let defaults = ConsentTerms.fields(site: held.site, plannedOn: today)
        #expect(defaults["validUntil"] == "02/16/2027" && defaults["sessions"] == "1")
    }

    private func sign(_ pairs: [(String, String)], scan: Data? = nil) -> ((PatientSignature, ConsentAttachment?)?, [String: String]) {
        PatientSignature.parse(FormFields(pairs), scan: scan, patientGiven: "Zoë", patientFamily: "Müller-Lüdenscheidt", today: today)
    }

    private let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    @Test func thePatientSignsWithTheirOwnNameAndStatement() throws {
        // act
        let (signed, _) = sign([("signer", "patient"), ("name", "zoe MULLER-LUDENSCHEIDT"), ("attest", "yes"),
                                ("signatureImage", "data:image/png;base64," + png.base64EncodedString())])
        let (_, wrongName) = sign([("signer", "patient"), ("name", "Anna Müller-Lüdenscheidt"), ("attest", "yes")])
        let (_, unticked) = sign([("signer", "patient"), ("name", "Zoë Müller-Lüdenscheidt")])
        let (proxy, _) = sign([("signer", "representative"), ("name", "Karl Weber"), ("relationship", "Health-care proxy"), ("attest", "yes"), ("witness", "R. Ito")])
        let (_, noRelation) = sign([("signer", "representative"), ("name", "Karl Weber"), ("attest", "yes")])
        let (_, control) = sign([("signer", "patient"), ("name", "Zoë\u{0} Müller-Lüdenscheidt"), ("attest", "yes")])
        // check
        let (signature, drawing) = try #require(signed)
        #expect(signature.method == .screen && signature.signer == .patient && drawing?.kind == .signature && drawing?.bytes == png)
        #expect(wrongName["name"] == "Type the patient's name as registered: given and family name.")
        #expect(unticked["attest"] == "Tick the statement to sign.")
        #expect(proxy?.0.relationship == "Health-care proxy" && proxy?.0.witness == "R. Ito" && proxy?.1 == nil)
        #expect(noRelation["relationship"] != nil)
        #expect(control["name"] == TextRules.controlCharacterMessage)
    }

    @Test func aDrawingMustBeAPNGAndAScanAPDFOrImageButNotBoth() {
        // setup
        let pdf = Data("%PDF-1.4\n…".utf8)
        let base = [("signer", "patient"), ("name", "Zoë Müller-Lüdenscheidt"), ("attest", "yes")]
        // act
        let (paper, _) = sign(base, scan: pdf)
        let (_, gif) = sign(base + [("signatureImage", "data:image/gif;base64,R0lGODlh")])
        let (_, garbled) = sign(base + [("signatureImage", "data:image/png;base64,%%%")])
        let (_, huge) = sign(base + [("signatureImage", "data:image/png;base64," + (png + Data(count: SignatureImage.byteLimit)).base64EncodedString())])
        let (_, program) = sign(base, scan: Data([0x4D, 0x5A, 0x90, 0x00]))
        let (_, bigScan) = sign(base, scan: pdf + Data(count: ConsentScan.byteLimit))
        let (_, both) = sign(base + [("signatureImage", "data:image/png;base64," + png.base64EncodedString())], scan: pdf)
        let (emptyFile, _) = sign(base, scan: Data())
        // check
        #expect(paper?.0.method == .paper && paper?.1?.kind == .scan && paper?.1?.mediaType == "application/pdf")
        #expect(gif["signatureImage"] != nil && garbled["signatureImage"] != nil && huge["signatureImage"] != nil)
        #expect(program["scanFile"] == "Attach a PDF, PNG or JPEG file." && bigScan["scanFile"] != nil)
        #expect(both["scanFile"] == "Either sign on the screen or attach the signed paper, not both.")
        #expect(emptyFile?.0.method == .screen && emptyFile?.1 == nil)
        #expect(ConsentScan.mediaType(of: Data([0xFF, 0xD8, 0xFF, 0xE0])) == "image/jpeg")
        #expect(ConsentStatus.allCases.map(\.fhirStatus) == ["proposed", "proposed", "active", "rejected", "inactive"])
    }
}
