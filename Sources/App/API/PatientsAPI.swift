import Foundation
import ReliefCore
import Vapor

/// Patients in the JSON API: search, register, read and edit, with the same checks and audit as the forms.
enum PatientsAPI {
    struct Summary: Encodable {
        let id: UUID
        let mrn: String
        let displayName: String
        let birthDate: String
        let age: Int?
        let sexAtBirth: String

        init(_ patient: PatientSummary, today: CalendarDate) {
            id = patient.id
            mrn = patient.mrn
            displayName = patient.displayName
            birthDate = patient.birthDate
            age = CalendarDate(patient.birthDate)?.years(until: today)
            sexAtBirth = patient.sexAtBirth
        }

        static let schema = APISchema.record([
            ("id", .uuid), ("mrn", .text), ("displayName", .text), ("birthDate", .date), ("age", .nullable(.integer)),
            ("sexAtBirth", .string(choices: SexAtBirth.allCases.map(\.rawValue))),
        ])
    }

    struct List: Encodable {
        let patients: [Summary]
        let truncated: Bool
    }

    struct Detail: Encodable {
        let id: UUID
        let mrn: String
        let version: Int
        let displayName: String
        let age: Int?
        let fields: [String: JSONValue]
        let createdAt: Date
        let updatedAt: Date

        init(_ patient: PatientRecord, today: CalendarDate) {
            id = patient.id
            mrn = patient.mrn
            version = patient.version
            displayName = patient.displayName
            age = patient.registration.birthDate?.years(until: today)
            let registration = patient.registration
            fields = PatientRegistration.schema.json(FormFields(PatientField.allCases.map { ($0.rawValue, registration[$0]) }))
            createdAt = patient.createdAt
            updatedAt = patient.updatedAt
        }

        static let schema = APISchema.record([
            ("id", .uuid), ("mrn", .text), ("version", .integer), ("displayName", .text), ("age", .nullable(.integer)),
            ("fields", .storedFields(PatientRegistration.schema)), ("createdAt", .dateTime), ("updatedAt", .dateTime),
        ])
    }

    /// 409 on registration: someone registered already is likely the same person.
    struct Duplicates: Encodable {
        struct Candidate: Encodable {
            let patient: Summary
            let reasons: [LikelyDuplicate.Reason]
        }

        let error: String
        let duplicates: [Candidate]

        static let schema = APISchema.record([("error", .text), ("duplicates", .array(.record([
            ("patient", .ref("PatientSummary")),
            ("reasons", .array(.string(choices: LikelyDuplicate.Reason.allCases.map(\.rawValue)))),
        ])))])
    }

    static let schemas: [(String, APISchema)] = [
        ("PatientSummary", Summary.schema), ("PatientList", .record([("patients", .array(.ref("PatientSummary"))), ("truncated", .boolean)])),
        ("Patient", Detail.schema), ("PossibleDuplicates", Duplicates.schema),
        ("PatientWrite", APIWrite.schema(PatientRegistration.schema, versioned: false, confirmDuplicate: true)),
        ("PatientUpdate", APIWrite.schema(PatientRegistration.schema, versioned: true)),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["patients"], access: .action(.patientRead),
                    "Find patients by name prefix, date of birth, MRN or phone (parameter q); without q, the recently registered.",
                    response: .ref("PatientList"), failures: [.unprocessableEntity],
                    query: [("q", "A name prefix (“smi”, “smith, jo”), a date of birth, an MRN or 3+ digits of a phone number.")], handler: search),
        APIEndpoint(.POST, ["patients"], access: .action(.patientRegister),
                    "Register a patient. A likely duplicate (a similar name with the same or day-and-month-swapped date of birth, phone or e-mail) is refused with 409, listing them and why, unless confirmDuplicate is true.",
                    request: .ref("PatientWrite"), response: .ref("Patient"), status: .created, failures: [.conflict], handler: create),
        APIEndpoint(.GET, ["patients", .patient], access: .action(.patientRead), "Read a patient's registration.",
                    response: .ref("Patient"), handler: show),
        APIEndpoint(.PUT, ["patients", .patient], access: .action(.patientRegister),
                    "Replace a patient's registration; a field left out is emptied. 409 when the version is not the latest.",
                    request: .ref("PatientUpdate"), response: .ref("Patient"), failures: [.conflict], handler: update),
    ]

    static func search(req: Request) async throws -> Response {
        let text = PatientQueries.searchText(req)
        let query = PatientSearchQuery(text)
        if !text.isEmpty, query == nil {
            throw ValidationFailure(fields: ["q": PatientSearchQuery.problem(with: text, verb: "Send")])
        }
        let patients = try await PatientQueries.search(req, text: text, query: query)
        let today = req.today
        return try req.json(List(patients: patients.prefix(PatientQueries.searchLimit).map { Summary($0, today: today) },
                                 truncated: patients.count > PatientQueries.searchLimit))
    }

    static func create(req: Request) async throws -> Response {
        let body = try req.apiBody(APIWrite.self)
        let registration = try registration(req, body)
        if body.confirmDuplicate != true {
            let duplicates = try await PatientQueries.possibleDuplicates(of: registration, on: req.db)
            if !duplicates.isEmpty {
                return try req.json(Duplicates(error: "A patient registered already is likely the same person; send confirmDuplicate to register another.",
                                               duplicates: duplicates.map { .init(patient: Summary($0.patient, today: req.today), reasons: $0.reasons) }),
                                    status: .conflict)
            }
        }
        let patient = try await PatientQueries.register(req, registration)
        return try req.json(Detail(patient, today: req.today), status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        try await req.audit(AuditEntry(action: .patientView, resourceType: "Patient", resourceID: patient.id.uuidString, patientID: patient.id))
        return try req.json(Detail(patient, today: req.today))
    }

    static func update(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        switch try await PatientQueries.save(req, patient.id, from: version, try registration(req, body)) {
        case .saved(let saved, _): return try req.json(Detail(saved, today: req.today))
        case .notFound: throw Abort(.notFound, reason: "No such patient.")
        case .conflict: throw Abort(.conflict, reason: "Someone changed this registration meanwhile; read it again and reapply your change.")
        }
    }

    /// A checked registration from the body's fields, or 422 with the form's messages.
    private static func registration(_ req: Request, _ body: APIWrite) throws -> PatientRegistration {
        let fields = try req.formFields(body.fields, PatientRegistration.schema)
        var registration = PatientRegistration()
        for field in PatientField.allCases { registration[field] = fields[field.rawValue] }
        let problems = registration.problems(today: req.today)
        guard problems.isEmpty else { throw ValidationFailure(fields: Dictionary(uniqueKeysWithValues: problems.map { ($0.key.rawValue, $0.value) })) }
        return registration
    }
}
