import Foundation
import Testing
@testable import ReliefCore

/// A Bulk Data kick-off's parameters, and resources written as JSON text.
@Suite struct FHIRExportRequestTests {
    @Test(arguments: [
        (FHIRExportRequest.Level.system, [("_type", "Patient,Practitioner")], nil), (.patient, [("_type", "Practitioner")], "_type"),
        (.system, [("_type", "Basic")], "_type"), (.system, [("_type", "")], "_type"), (.system, [("_since", "2026-11-01T00:00:00Z")], nil),
        (.system, [("_since", "2026-11-01")], "_since"), (.system, [("_outputFormat", "application/fhir+ndjson")], nil),
        (.system, [("_outputFormat", "text/csv")], "_outputFormat"), (.system, [("_typeFilter", "Condition?code=x")], "_typeFilter"),
        (.group, [("_type", "Patient"), ("_type", "Condition")], "_type"),
    ] as [(FHIRExportRequest.Level, [(String, String)], String?)])
    func eachParameterIsCheckedAndABadOneIsNamed(level: FHIRExportRequest.Level, pairs: [(String, String)], fault: String?) {
        // act
        let result = FHIRExportRequest.parse(level, pairs)
        // check
        switch result {
        case .success: #expect(fault == nil)
        case .failure(let problem): #expect(problem.parameter == fault, "\(problem.message)")
        }
    }

    @Test func aLevelHoldsItsTypesAndSinceIsAnInstant() throws {
        // act
        let practice = try FHIRExportRequest.parse(.system, []).get()
        let patients = try FHIRExportRequest.parse(.patient, [("_since", "2026-11-01T05:00:00-05:00")]).get()
        // check
        #expect(practice.resourceTypes == FHIRResourceType.allCases.filter { $0 != .auditEvent }, "the audit trail is searched, not exported")
        #expect(!patients.resourceTypes.contains(.practitioner) && patients.resourceTypes.contains(.patient) && patients.resourceTypes.contains(.device))
        #expect(patients.since == ISO8601DateFormatter().date(from: "2026-11-01T10:00:00Z"))
    }

    @Test func jsonTextPutsTheTypeFirstEscapesControlsAndReadsBackEqual() throws {
        // setup
        let resource: JSONValue = ["status": "final", "resourceType": "Observation", "note": [["text": "a \"quote\"\n\u{0}tab\t\\ é"]], "value": 6.5, "count": 3,
                                   "flag": true, "none": .null]
        // act
        let text = String(decoding: resource.jsonBytes, as: UTF8.self)
        // check
        #expect(text.hasPrefix("{\"resourceType\":\"Observation\",\"count\":3,\"flag\":true,"))
        #expect(text.contains(#""a \"quote\"\n\u0000tab\t\\ é""#) && !text.contains("\n"))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == resource)
    }
}

@Suite struct FHIRInstantTests {
    // Not before 1582: the formatter then counts in the Julian calendar, ISO 8601 (and Relief) in the Gregorian.
    @Test(arguments: [1_790_000_000.0, 0, 1_790_000_000.9999, -1.5, 951_782_400.25, -2_208_988_800.001])
    func anInstantIsWrittenAsTheFormatterWouldToTheMillisecond(seconds: Double) {
        // setup
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = Date(timeIntervalSince1970: seconds)
        let truncated = Date(timeIntervalSince1970: (seconds * 1000).rounded(.down) / 1000)
        // act / check
        #expect(FHIR.instant(date) == formatter.string(from: truncated))
    }
}

extension FHIRInstantTests {
    @Test func instantsBeyondFHIRsYearsAreHeldAtItsEnds() {
        // act / check: Foundation's distant past falls in year 0
        #expect(FHIR.instant(.distantPast) == "0001-01-01T00:00:00.000Z" && FHIR.instant(.distantFuture) == "4001-01-01T00:00:00.000Z")
        #expect(FHIR.instant(Date(timeIntervalSince1970: 1e12)) == "9999-12-31T23:59:59.999Z")
    }
}
