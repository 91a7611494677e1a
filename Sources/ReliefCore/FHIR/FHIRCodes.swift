import Foundation

/// The code systems Relief's resources use, and the few codes they carry beyond the catalogues', each with where it
/// was read. Relief's own catalogues (drugs, interventions, instruments) are code systems of their own, named by URN:
/// a receiving system sees the catalogue id and the text, never a made-up standard code.
extension FHIR {
    public enum System {
        public static let icd10CM = "http://hl7.org/fhir/sid/icd-10-cm"
        public static let cpt = "http://www.ama-assn.org/go/cpt"
        public static let hcpcs = "urn:oid:2.16.840.1.113883.6.285"
        public static let loinc = "http://loinc.org"
        public static let snomed = "http://snomed.info/sct"
        public static let ucum = "http://unitsofmeasure.org"
        public static let rxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm"
        public static let conditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
        public static let conditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
        public static let conditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
        public static let allergyClinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
        public static let allergyVerification = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
        public static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"

        /// The side of a diagnosis (left, right, bilateral), until REFERENCE.md gives SNOMED's laterality codes.
        public static let laterality = "urn:relief:laterality"
        /// The kinds of work-up test Relief orders (MRI, HbA1c, psychological evaluation…).
        public static let workupTest = "urn:relief:workup-test"
        /// Their categories (imaging, laboratory, psychology, electrodiagnostic, referral).
        public static let workupCategory = "urn:relief:workup-category"
        /// HL7's diagnostic service sections (RAD, LAB…), a report's category.
        public static let diagnosticSection = "http://terminology.hl7.org/CodeSystem/v2-0074"
        /// The actions of Relief's audit trail (record.view, patient.update…).
        public static let auditAction = "urn:relief:audit-action"
        /// Relief's drug catalogue ids.
        public static let drug = "urn:relief:drug"
        /// Relief's intervention catalogue ids (a procedure without a billing code for its region keeps this one).
        public static let intervention = "urn:relief:intervention"
        /// Kinds of treatment tried before (physical therapy, acupuncture, …), and how each went.
        public static let treatment = "urn:relief:prior-treatment"
        public static let treatmentResult = "urn:relief:treatment-result"
        /// The body regions procedures are done in (lumbar, cervical, knee …).
        public static let bodyRegion = "urn:relief:body-region"
        /// The kinds of insurance the front desk sorts coverage into (Medicare, commercial, workers' compensation …).
        public static let payerKind = "urn:relief:payer-kind"
        /// Kinds of implant (spinal cord stimulator, intrathecal pump, …).
        public static let implant = "urn:relief:implant"
        /// Kinds of appointment and of visit.
        public static let appointmentKind = "urn:relief:appointment-kind"
        public static let encounterKind = "urn:relief:encounter-kind"
        /// Allergens Relief asks about by name (iodinated contrast, latex, …).
        public static let allergen = "urn:relief:allergen"
        /// Questionnaire totals without a LOINC code, by the instrument's id; items by their `linkId`.
        public static let instrument = "urn:relief:instrument"
        /// Values Relief computes: the daily morphine milligram equivalents.
        public static let observation = "urn:relief:observation"
    }

    /// SNOMED CT's "no known allergy", as HL7's R4 example states it (`shared/fhir/fhir-r4-examples/AllergyIntolerance-nka.json`).
    public static let noKnownAllergy = (code: "716186003", display: "No known allergy (situation)")
    /// The unit of a daily MME total, as AHRQ's pain management summary writes it (`shared/fhir/pain-specific/ahrq-pain-mgmt-summary/lois_lane.json`).
    public static let mmePerDay = "{MME}/d"

    /// FHIR's id: 1 to 64 letters, digits, hyphens and full stops.
    public static func isID(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    public static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSONValue {
        object([("system", .string(system)), ("code", .string(code)), ("display", display.map(JSONValue.string))])
    }

    /// A CodeableConcept: its codings and the text a person reads.
    public static func concept(_ codings: [JSONValue], text: String? = nil) -> JSONValue {
        object([("coding", .array(codings)), ("text", text.map(JSONValue.string))])
    }

    public static func reference(patient id: UUID) -> JSONValue { reference(.patient, id.lowercasedText) }

    public static func reference(_ type: FHIRResourceType, _ id: String, display: String? = nil) -> JSONValue {
        object([("reference", .string("\(type.rawValue)/\(id)")), ("display", display.map(JSONValue.string))])
    }

    /// Other systems' codes an entry keeps, as codings and as the tokens a search compares.
    public static func codings(_ kept: [SourceCoding]?) -> [JSONValue] { (kept ?? []).map { coding($0.system, $0.code, $0.display) } }
    public static func tokens(_ kept: [SourceCoding]?) -> [FHIRToken] { (kept ?? []).map { FHIRToken($0.system, $0.code) } }

    /// A calendar date as FHIR's `date`.
    public static func date(_ date: CalendarDate?) -> JSONValue? { date.map { .string($0.description) } }

    /// An Annotation list from a note (none when empty).
    public static func note(_ text: String) -> JSONValue? { text.isEmpty ? nil : [["text": .string(text)]] }
}
