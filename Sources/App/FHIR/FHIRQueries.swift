import Fluent
import Foundation
import ReliefCore
import SQLKit

extension PatientRecord {
    /// The registration as a US Core Patient.
    var fhirResource: JSONValue { FHIRPatient(id: id, mrn: mrn, registration: registration, version: version, updated: updatedAt).resource }
}

/// Reading each resource type's records: one query per table a type is kept in, for one patient or a Bulk export's batch.
extension FHIRQueries {
    /// One patient's resources of a type, entries marked in error included (with that status), in id order.
    static func records(_ type: FHIRResourceType, patientID: UUID, on database: any Database, timeZone: TimeZone = .current) async throws -> [FHIRRecord] {
        try await records(type, patients: [patientID], on: database, timeZone: timeZone).sorted { $0.id < $1.id }
    }

    /// The resources of a type of several patients at once (a Bulk export reads a few hundred patients a query).
    static func records(_ type: FHIRResourceType, patients: [UUID], on database: any Database, timeZone: TimeZone = .current) async throws -> [FHIRRecord] {
        guard !patients.isEmpty else { return [] }
        switch type {
        case .patient, .practitioner, .organization, .location, .group, .questionnaire, .auditEvent: return []
        case .condition:
            let blocks = try await DiaryQueries.blockResults(patientIDs: patients, on: database)
            return try await chartEntries([.diagnosis], patients, database).map { row, header in
                FHIRCondition.record(try row.decoded(DiagnosisEntry.self).withBlockEvidence(blocks[row.patientID] ?? []), header, timeZone: timeZone)
            }
        case .allergyIntolerance:
            return try await chartEntries([.allergy], patients, database).map { row, header in FHIRAllergyIntolerance.record(try row.decoded(), header) }
        case .medicationStatement:
            return try await chartEntries([.medication], patients, database).map { row, header in
                FHIRMedicationStatement.record(try row.decoded(), header, timeZone: timeZone)
            }
        case .procedure:
            let elsewhere = try await chartEntries([.priorProcedure, .priorTreatment], patients, database).map { row, header in
                row.kind == ChartEntryKind.priorProcedure.rawValue
                    ? FHIRProcedure.elsewhere(try row.decoded(), header, timeZone: timeZone)
                    : FHIRProcedure.treatment(try row.decoded(), header, timeZone: timeZone)
            }
            return try await performedProcedures(patients, database, timeZone) + elsewhere
        case .observation:
            return scores(try await questionnaireResponses(patients, database), timeZone) + (try await observations(patients, database, timeZone))
        case .questionnaireResponse: return responses(try await questionnaireResponses(patients, database), timeZone)
        case .coverage:
            return try await chartEntries([.coverage], patients, database).map { row, header in FHIRCoverage.record(try row.decoded(), header, timeZone: timeZone) }
        case .device: return try await implants(patients, database)
        case .appointment: return try await appointments(patients, database, timeZone)
        case .encounter:
            let elsewhere = try await chartEntries([.outsideVisit], patients, database).map { row, header in
                FHIREncounter.elsewhere(try row.decoded(), header, timeZone: timeZone)
            }
            return try await encounters(patients, database, timeZone) + elsewhere
        case .consent: return try await consents(patients, database, timeZone)
        case .serviceRequest: return try await workupOrders(patients, database).map { FHIRServiceRequest.record($0.order, $0.header, timeZone: timeZone) }
        case .diagnosticReport: return try await workupOrders(patients, database).compactMap { FHIRServiceRequest.report($0.order, $0.header, timeZone: timeZone) }
        case .carePlan, .goal, .careTeam:
            return try await carePlans(patients, database).flatMap { FHIRCarePlan.records($0.plan, $0.header, timeZone: timeZone) }.filter { $0.type == type }
        case .provenance: return try await signatures(patients, database)
        }
    }

    /// Several types' resources of several patients, reading what types share once: questionnaire responses (their
    /// scores' Observations), plan versions (CarePlan, Goal, CareTeam), work-up orders (ServiceRequest, DiagnosticReport).
    static func records(_ types: [FHIRResourceType], patients: [UUID], on database: any Database, timeZone: TimeZone = .current) async throws
        -> [FHIRResourceType: [FHIRRecord]] {
        let shared = types.contains(.observation) && types.contains(.questionnaireResponse) ? try await questionnaireResponses(patients, database) : nil
        let planTypes: [FHIRResourceType] = [.carePlan, .goal, .careTeam]
        let plans = types.filter(planTypes.contains).count > 1
            ? try await carePlans(patients, database).flatMap { FHIRCarePlan.records($0.plan, $0.header, timeZone: timeZone) } : nil
        let orders = types.contains(.serviceRequest) && types.contains(.diagnosticReport) ? try await workupOrders(patients, database) : nil
        var result: [FHIRResourceType: [FHIRRecord]] = [:]
        for type in types {
            if let shared, type == .observation {
                result[type] = scores(shared, timeZone) + (try await observations(patients, database, timeZone))
            } else if let shared, type == .questionnaireResponse {
                result[type] = responses(shared, timeZone)
            } else if let plans, planTypes.contains(type) {
                result[type] = plans.filter { $0.type == type }
            } else if let orders, type == .serviceRequest {
                result[type] = orders.map { FHIRServiceRequest.record($0.order, $0.header, timeZone: timeZone) }
            } else if let orders, type == .diagnosticReport {
                result[type] = orders.compactMap { FHIRServiceRequest.report($0.order, $0.header, timeZone: timeZone) }
            } else {
                result[type] = try await records(type, patients: patients, on: database, timeZone: timeZone)
            }
        }
        return result
    }

    /// One resource by its type and id: a practice resource from the practice's, a patient's from that patient's.
    static func record(_ type: FHIRResourceType, id: String, on database: any Database) async throws -> FHIRRecord? {
        if type == .auditEvent {
            guard let uuid = UUID(uuidString: id) else { return nil }
            return try await auditRows(on: database) { $0.where("id", .equal, uuid) }.first
        }
        guard type.isPatientScoped else { return try await practiceRecords(type, on: database).first { $0.id == id } }
        guard let uuid = type.storedID(id), let patientID = try await patient(of: type, id: uuid, on: database) else { return nil }
        return try await records(type, patientID: patientID, on: database).first { $0.id == id.lowercased() }
    }

    /// The patient a clinical resource's id belongs to, looked up in the tables its type is kept in.
    static func patient(of type: FHIRResourceType, id: UUID, on database: any Database) async throws -> UUID? {
        try await patients(of: type, ids: [id], on: database).first
    }

    /// The patients several resources' ids belong to: one query per table the type is kept in.
    static func patients(of type: FHIRResourceType, ids: [UUID], on database: any Database) async throws -> Set<UUID> {
        struct Row: Decodable { let patient_id: UUID }
        guard !ids.isEmpty else { return [] }
        let tables: [(String, [ChartEntryKind]?)] = switch type {
        case .patient: []
        case .condition: [("chart_entries", [.diagnosis])]
        case .allergyIntolerance: [("chart_entries", [.allergy])]
        case .medicationStatement: [("chart_entries", [.medication])]
        case .procedure: [("chart_entries", [.priorProcedure, .priorTreatment]), ("procedure_records", nil)]
        case .observation: [("instrument_responses", nil), ("mme_history", nil), ("chart_entries", [.vitalSigns, .labResult])]
        case .questionnaireResponse: [("instrument_responses", nil)]
        case .coverage: [("chart_entries", [.coverage])]
        case .device: [("implants", nil)]
        case .appointment: [("appointments", nil)]
        case .encounter: [("encounters", nil), ("chart_entries", [.outsideVisit])]
        case .consent: [("consents", nil)]
        case .serviceRequest, .diagnosticReport: [("workup_orders", nil)]
        case .carePlan, .goal, .careTeam: [(CarePlanRecord.schema, nil)]
        case .provenance: [("procedure_records", nil), (Evaluation.schema, nil), (ConsentRecord.schema, nil)]
        case .practitioner, .organization, .location, .group, .questionnaire, .auditEvent: []
        }
        var patients = Set<UUID>()
        for (table, kinds) in tables {
            var select = database.sql.select().column("patient_id").from(table).where("id", .in, ids)
            if let kinds { select = select.where("kind", .in, kinds.map(\.rawValue)) }
            patients.formUnion(try await select.all(decoding: Row.self).map(\.patient_id))
        }
        return patients
    }

    /// A chart entry as stored, read by SQL (Fluent's reflection per row was most of an export's time).
    private struct StoredEntry {
        let id: UUID, patient_id: UUID, kind: String, content: String, created_at: Date, updated_at: Date, version: Int, deleted_at: Date?
        var patientID: UUID { patient_id }
        func decoded<C: ChartEntryContent>(_ type: C.Type = C.self) throws -> C { try JSONCoding.decode(C.self, content) }
    }

    private static func chartEntries(_ kinds: [ChartEntryKind], _ patients: [UUID], _ database: any Database) async throws -> [(StoredEntry, FHIRRecordHeader)] {
        // Read column by column: SQLKit's Codable row decoding and Foundation's UUID parser were a fifth of an export.
        try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, kind, content, created_at, updated_at, version, deleted_at
            FROM chart_entries WHERE patient_id IN (\(binds: patients)) AND kind IN (\(binds: kinds.map(\.rawValue)))
            """) { row in
            let entry = StoredEntry(id: try row.uuid("id"), patient_id: try row.uuid("patient_id"), kind: try row.text("kind"), content: try row.text("content"),
                                    created_at: try row.date("created_at"), updated_at: try row.date("updated_at"), version: try row.integer("version"),
                                    deleted_at: try row.optionalDate("deleted_at"))
            return (entry, FHIRRecordHeader(id: entry.id, patientID: entry.patient_id, version: entry.version, recorded: entry.created_at,
                                            updated: entry.updated_at, enteredInError: entry.deleted_at != nil))
        }
    }

    private static func performedProcedures(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, performed_on, content, signed_at, updated_at, version FROM procedure_records
            WHERE patient_id IN (\(binds: patients)) AND status = 'signed'
            """) { row -> FHIRRecord? in
            guard let date = CalendarDate(try row.text("performed_on")), let note = try? JSONCoding.decode(ProcedureNote.self, try row.text("content")) else { return nil }
            let header = FHIRRecordHeader(id: try row.uuid("id"), patientID: try row.uuid("patient_id"), version: try row.integer("version"),
                                          recorded: try row.date("signed_at"), updated: try row.date("updated_at"))
            return FHIRProcedure.performed(note, on: date, header, timeZone: timeZone)
        }.compactMap { $0 }
    }

    /// The Observations besides questionnaire scores: the MME history, vital signs and laboratory results.
    private static func observations(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        let entries = try await chartEntries([.vitalSigns, .labResult], patients, database).flatMap { row, header in
            row.kind == ChartEntryKind.labResult.rawValue
                ? [FHIRLabResult.record(try row.decoded(), header, timeZone: timeZone)]
                : FHIRVitalSigns.records(try row.decoded(), header, timeZone: timeZone)
        }
        return try await mmeHistory(patients, database) + entries
    }

    private static func scores(_ rows: [LoadedResponse], _ timeZone: TimeZone) -> [FHIRRecord] {
        rows.map { row in
            FHIRObservation.score(row.definition, score: row.stored.score, band: row.stored.band, answers: row.answers, completedOn: row.completed, row.header,
                                  timeZone: timeZone)
        }
    }

    private static func responses(_ rows: [LoadedResponse], _ timeZone: TimeZone) -> [FHIRRecord] {
        rows.map { row in
            FHIRQuestionnaireResponse.record(row.definition, answers: row.answers, completedOn: row.completed,
                                             byPatient: row.stored.entered_via != QuestionnaireResponse.EnteredVia.staff.rawValue, author: row.stored.created_by,
                                             row.header, timeZone: timeZone)
        }
    }

    /// A questionnaire response read for both of its resources (the QuestionnaireResponse and its score's Observation).
    struct LoadedResponse: Sendable {
        let stored: StoredResponse
        let definition: QuestionnaireDefinition
        let answers: QuestionnaireAnswers
        let completed: CalendarDate
        let header: FHIRRecordHeader
    }

    struct StoredResponse: Sendable {
        let id: UUID, patient_id: UUID, instrument: String, answers: String, score: Double, band: String?, completed_on: String, entered_via: String
        let created_at: Date, created_by: UUID?, version: Int, deleted_at: Date?
    }

    /// The patients' responses to questionnaires Relief knows, each with its answers, day and header.
    private static func questionnaireResponses(_ patients: [UUID], _ database: any Database) async throws -> [LoadedResponse] {
        let definitions = Dictionary(try await QuestionnaireQueries.definitions(on: database).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, instrument, answers, score, band, completed_on, entered_via, created_at,
            CAST(created_by AS TEXT) AS created_by, version, deleted_at FROM instrument_responses WHERE patient_id IN (\(binds: patients))
            """) { row -> LoadedResponse? in
            let stored = StoredResponse(id: try row.uuid("id"), patient_id: try row.uuid("patient_id"), instrument: try row.text("instrument"),
                                        answers: try row.text("answers"), score: try row.number("score"), band: try row.optionalText("band"),
                                        completed_on: try row.text("completed_on"), entered_via: try row.text("entered_via"), created_at: try row.date("created_at"),
                                        created_by: try row.optionalUUID("created_by"), version: try row.integer("version"), deleted_at: try row.optionalDate("deleted_at"))
            guard let definition = definitions[stored.instrument], let completed = CalendarDate(stored.completed_on) else { return nil }
            let header = FHIRRecordHeader(id: stored.id, patientID: stored.patient_id, version: stored.version, recorded: stored.created_at,
                                          updated: stored.deleted_at ?? stored.created_at, enteredInError: stored.deleted_at != nil)
            let answers = try JSONCoding.decode(QuestionnaireAnswers.self, stored.answers)
            return LoadedResponse(stored: stored, definition: definition, answers: answers, completed: completed, header: header)
        }.compactMap { $0 }
    }

    /// Who signed the patients' procedure notes, visit notes and consents.
    private static func signatures(_ patients: [UUID], _ database: any Database) async throws -> [FHIRRecord] {
        struct Signed: Decodable { let id: UUID, patient_id: UUID, signed_at: Date?, signed_by: UUID?, updated_at: Date, version: Int }
        struct Note: Decodable { let id: UUID, patient_id: UUID, encounter_id: UUID, signed_at: Date?, signed_by: UUID?, updated_at: Date, version: Int }
        func header(_ id: UUID, _ patient: UUID, _ version: Int, _ at: Date, _ updated: Date) -> FHIRRecordHeader {
            FHIRRecordHeader(id: id, patientID: patient, version: version, recorded: at, updated: updated)
        }
        let organization = try await practiceOrganization(on: database)
        let procedures = try await database.sql.select().columns("id", "patient_id", "signed_at", "signed_by", "updated_at", "version").from("procedure_records")
            .where("patient_id", .in, patients).where("status", .equal, "signed").all(decoding: Signed.self).compactMap { row -> FHIRRecord? in
                guard let at = row.signed_at, let by = row.signed_by else { return nil }
                return FHIRProvenance.record(target: (.procedure, row.id.lowercasedText), recorded: at,
                                             signers: [.init(reference: FHIR.reference(.practitioner, by.lowercasedText), role: "legal")], organization: organization,
                                             header(row.id, row.patient_id, row.version, at, row.updated_at))
            }
        let notes = try await database.sql.select().columns("id", "patient_id", "encounter_id", "signed_at", "signed_by", "updated_at", "version")
            .from(Evaluation.schema).where("patient_id", .in, patients).where("deleted_at", .is, SQLLiteral.null).all(decoding: Note.self)
            .compactMap { row -> FHIRRecord? in
                guard let at = row.signed_at, let by = row.signed_by else { return nil }
                return FHIRProvenance.record(target: (.encounter, row.encounter_id.lowercasedText), recorded: at,
                                             signers: [.init(reference: FHIR.reference(.practitioner, by.lowercasedText), role: "legal")], organization: organization,
                                             header(row.id, row.patient_id, row.version, at, row.updated_at))
            }
        let consents = try await ConsentRecord.query(on: database).filter(\.$patientID ~~ patients).all().compactMap { row -> FHIRRecord? in
            guard let at = row.answeredAt, let id = row.id else { return nil }
            let patient = row.signer == ConsentSigner.patient.rawValue
            var signers: [FHIRProvenance.Signer] = [.init(reference: patient ? FHIR.reference(patient: row.patientID) : nil, name: row.signerName, role: "legal")]
            if let by = row.cosignedBy { signers.append(.init(reference: FHIR.reference(.practitioner, by.lowercasedText), role: "verifier")) }
            return FHIRProvenance.record(target: (.consent, id.lowercasedText), recorded: at, signers: signers, organization: organization,
                                         header(id, row.patientID, row.version, at, row.cosignedAt ?? at))
        }
        return procedures + notes + consents
    }

    /// The patients' plan versions, each knowing the version it replaced.
    private static func carePlans(_ patients: [UUID], _ database: any Database) async throws -> [(plan: FHIRCarePlan.Version, header: FHIRRecordHeader)] {
        struct Row: Decodable {
            let id: UUID, patient_id: UUID, plan_id: UUID, number: Int, status: String, content: String, created_at: Date, created_by: UUID
            let updated_at: Date, activated_by: UUID?, version: Int
        }
        let rows = try await database.sql.select().columns("id", "patient_id", "plan_id", "number", "status", "content", "created_at", "created_by",
                                                           "updated_at", "activated_by", "version").from(CarePlanRecord.schema)
            .where("patient_id", .in, patients).all(decoding: Row.self)
        let byNumber = Dictionary(rows.map { ("\($0.plan_id)/\($0.number)", $0.id) }, uniquingKeysWith: { first, _ in first })
        return rows.compactMap { row in
            guard let content = try? JSONCoding.decode(CarePlanContent.self, row.content), let status = PlanStatus(rawValue: row.status) else { return nil }
            let plan = FHIRCarePlan.Version(content: content, status: status, author: row.activated_by ?? row.created_by,
                                            replaces: byNumber["\(row.plan_id)/\(row.number - 1)"])
            return (plan, FHIRRecordHeader(id: row.id, patientID: row.patient_id, version: row.version, recorded: row.created_at, updated: row.updated_at))
        }
    }

    /// The patients' work-up orders, each with its result when there is one.
    private static func workupOrders(_ patients: [UUID], _ database: any Database) async throws -> [(order: FHIRServiceRequest.Order, header: FHIRRecordHeader)] {
        struct Row: Decodable {
            let id: UUID, patient_id: UUID, status: String, ordered_on: String, scheduled_for: String?, request: String, result: String?
            let review_comment: String?, cancel_reason: String?, created_at: Date, created_by: UUID?, updated_at: Date, version: Int
        }
        return try await database.sql.select().columns("id", "patient_id", "status", "ordered_on", "scheduled_for", "request", "result", "review_comment",
                                                       "cancel_reason", "created_at", "created_by", "updated_at", "version").from("workup_orders")
            .where("patient_id", .in, patients).all(decoding: Row.self).compactMap { row in
                guard let order = try? JSONCoding.decode(WorkupOrder.self, row.request), let status = OrderStatus(rawValue: row.status),
                      let orderedOn = CalendarDate(row.ordered_on) else { return nil }
                let stored = FHIRServiceRequest.Order(order: order, status: status, orderedOn: orderedOn, scheduledFor: row.scheduled_for.flatMap(CalendarDate.init),
                                                      result: row.result.flatMap { try? JSONCoding.decode(WorkupResult.self, $0) }, reviewComment: row.review_comment,
                                                      cancelReason: row.cancel_reason, orderer: row.created_by)
                return (stored, FHIRRecordHeader(id: row.id, patientID: row.patient_id, version: row.version, recorded: row.created_at, updated: row.updated_at))
            }
    }

    private static func implants(_ patients: [UUID], _ database: any Database) async throws -> [FHIRRecord] {
        struct Row: Decodable { let id: UUID, patient_id: UUID, content: String, created_at: Date, updated_at: Date, version: Int }
        return try await database.sql.select().columns("id", "patient_id", "content", "created_at", "updated_at", "version").from("implants")
            .where("patient_id", .in, patients).all(decoding: Row.self).compactMap { row in
                guard let implant = try? JSONCoding.decode(Implant.self, row.content) else { return nil }
                return FHIRDevice.record(implant, FHIRRecordHeader(id: row.id, patientID: row.patient_id, version: row.version, recorded: row.created_at,
                                                                   updated: row.updated_at))
            }
    }

    private static func appointments(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await AppointmentRecord.query(on: database).filter(\.$patientID ~~ patients).all().compactMap { row in
            guard let appointment = row.decoded() else { return nil }
            let header = FHIRRecordHeader(id: appointment.id, patientID: row.patientID, version: row.version, recorded: row.createdAt, updated: row.updatedAt)
            return FHIRAppointment.record(appointment, header, timeZone: timeZone)
        }
    }

    private static func encounters(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        struct Row: Decodable { let id: UUID, patient_id: UUID, kind: String, status: String, occurred_on: String, clinician_id: UUID?, created_at: Date,
                                updated_at: Date, version: Int, deleted_at: Date? }
        return try await database.sql.select().columns("id", "patient_id", "kind", "status", "occurred_on", "clinician_id", "created_at", "updated_at", "version",
                                                       "deleted_at").from("encounters")
            .where("patient_id", .in, patients).all(decoding: Row.self).compactMap { row in
                guard let kind = EncounterKind(rawValue: row.kind), let day = CalendarDate(row.occurred_on) else { return nil }
                let header = FHIRRecordHeader(id: row.id, patientID: row.patient_id, version: row.version, recorded: row.created_at, updated: row.updated_at,
                                              enteredInError: row.deleted_at != nil)
                return FHIREncounter.record(kind: kind, status: row.status, on: day, clinician: row.clinician_id, header, timeZone: timeZone)
            }
    }

    private static func consents(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await ConsentRecord.query(on: database).filter(\.$patientID ~~ patients).all().map { row in
            let updated = [row.preparedAt, row.answeredAt, row.cosignedAt, row.withdrawnAt].compactMap { $0 }.max() ?? row.preparedAt
            let header = FHIRRecordHeader(id: try row.requireID(), patientID: row.patientID, version: row.version, recorded: row.preparedAt, updated: updated)
            let signing = FHIRConsent.Signing(status: row.consentStatus, answeredAt: row.answeredAt, signerName: row.signerName,
                                              byPatient: row.signer == ConsentSigner.patient.rawValue)
            return FHIRConsent.record(title: row.title, site: row.site, plannedOn: row.planned, validUntil: row.lastDay, catalogueVersion: row.catalogueVersion,
                                      signing: signing, header, timeZone: timeZone)
        }
    }

    private static func mmeHistory(_ patients: [UUID], _ database: any Database) async throws -> [FHIRRecord] {
        try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, recorded_at, total, incomplete, detail FROM mme_history
            WHERE patient_id IN (\(binds: patients))
            """) { row in
            let recorded = try row.date("recorded_at")
            let header = FHIRRecordHeader(id: try row.uuid("id"), patientID: try row.uuid("patient_id"), version: 1, recorded: recorded, updated: recorded)
            return FHIRObservation.mme(total: try row.number("total"), incomplete: try row.boolean("incomplete"), detail: try row.text("detail"), header)
        }
    }
}
