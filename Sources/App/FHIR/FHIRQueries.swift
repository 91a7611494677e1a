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
        let organization = try await practiceOrganization(on: database)
        // A signed note's Provenance (`target` the resource signed), read column by column like the chart entries.
        func signed(_ table: String, _ target: FHIRResourceType, targetColumn: String, _ condition: SQLQueryString) async throws -> [FHIRRecord] {
            try await database.rows("""
                SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, CAST(\(ident: targetColumn) AS TEXT) AS target, signed_at,
                CAST(signed_by AS TEXT) AS signed_by, updated_at, version FROM \(ident: table) WHERE patient_id IN (\(binds: patients)) AND \(condition)
                """) { row -> FHIRRecord? in
                guard let at = try row.optionalDate("signed_at"), let by = try row.optionalUUID("signed_by") else { return nil }
                return FHIRProvenance.record(target: (target, try row.uuid("target").lowercasedText), recorded: at,
                                             signers: [.init(reference: FHIR.reference(.practitioner, by.lowercasedText), role: "legal")], organization: organization,
                                             FHIRRecordHeader(id: try row.uuid("id"), patientID: try row.uuid("patient_id"), version: try row.integer("version"),
                                                              recorded: at, updated: try row.date("updated_at")))
            }.compactMap { $0 }
        }
        let procedures = try await signed("procedure_records", .procedure, targetColumn: "id", "status = 'signed'")
        let notes = try await signed(Evaluation.schema, .encounter, targetColumn: "encounter_id", "deleted_at IS NULL")
        let consents = try await storedConsents(patients, database).compactMap { row -> FHIRRecord? in
            guard let at = row.answeredAt else { return nil }
            let patient = row.signer == ConsentSigner.patient.rawValue
            var signers: [FHIRProvenance.Signer] = [.init(reference: patient ? FHIR.reference(patient: row.patientID) : nil, name: row.signerName, role: "legal")]
            if let by = row.cosignedBy { signers.append(.init(reference: FHIR.reference(.practitioner, by.lowercasedText), role: "verifier")) }
            return FHIRProvenance.record(target: (.consent, row.id.lowercasedText), recorded: at, signers: signers, organization: organization,
                                         FHIRRecordHeader(id: row.id, patientID: row.patientID, version: row.version, recorded: at, updated: row.cosignedAt ?? at))
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
        try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, kind, status, occurred_on, CAST(clinician_id AS TEXT) AS clinician_id,
            created_at, updated_at, version, deleted_at FROM encounters WHERE patient_id IN (\(binds: patients))
            """) { row -> FHIRRecord? in
            guard let kind = EncounterKind(rawValue: try row.text("kind")), let day = CalendarDate(try row.text("occurred_on")) else { return nil }
            let header = FHIRRecordHeader(id: try row.uuid("id"), patientID: try row.uuid("patient_id"), version: try row.integer("version"),
                                          recorded: try row.date("created_at"), updated: try row.date("updated_at"),
                                          enteredInError: try row.optionalDate("deleted_at") != nil)
            return FHIREncounter.record(kind: kind, status: try row.text("status"), on: day, clinician: try row.optionalUUID("clinician_id"), header,
                                        timeZone: timeZone)
        }.compactMap { $0 }
    }

    private static func consents(_ patients: [UUID], _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await storedConsents(patients, database).map { row in
            let updated = [row.preparedAt, row.answeredAt, row.cosignedAt, row.withdrawnAt].compactMap { $0 }.max() ?? row.preparedAt
            let header = FHIRRecordHeader(id: row.id, patientID: row.patientID, version: row.version, recorded: row.preparedAt, updated: updated)
            let signing = FHIRConsent.Signing(status: ConsentRecord.consentStatus(row.status), answeredAt: row.answeredAt, signerName: row.signerName,
                                              byPatient: row.signer == ConsentSigner.patient.rawValue)
            return FHIRConsent.record(title: row.title, site: InterventionSite(stored: row.intervention, region: row.region, levels: row.levels, side: row.side),
                                      plannedOn: CalendarDate(row.plannedOn), validUntil: CalendarDate(row.validUntil), catalogueVersion: row.catalogueVersion,
                                      signing: signing, header, timeZone: timeZone)
        }
    }

    /// A consent as its Consent and Provenance resources need it: read column by column, and without its document (the
    /// text the patient read, kept whole in the record), which a Fluent model read would load for every consent.
    private struct StoredConsent {
        let id: UUID, patientID: UUID, status: String, intervention: String, region: String, levels: String, side: String, plannedOn: String
        let validUntil: String, title: String, catalogueVersion: String, preparedAt: Date, answeredAt: Date?, signer: String?, signerName: String?
        let cosignedAt: Date?, cosignedBy: UUID?, withdrawnAt: Date?, version: Int
    }

    private static func storedConsents(_ patients: [UUID], _ database: any Database) async throws -> [StoredConsent] {
        try await database.rows("""
            SELECT CAST(id AS TEXT) AS id, CAST(patient_id AS TEXT) AS patient_id, status, intervention, region, levels, side, planned_on, valid_until,
            title, catalogue_version, prepared_at, answered_at, signer, signer_name, cosigned_at, CAST(cosigned_by AS TEXT) AS cosigned_by, withdrawn_at,
            version FROM \(ident: ConsentRecord.schema) WHERE patient_id IN (\(binds: patients))
            """) { row in
            StoredConsent(id: try row.uuid("id"), patientID: try row.uuid("patient_id"), status: try row.text("status"), intervention: try row.text("intervention"),
                          region: try row.text("region"), levels: try row.text("levels"), side: try row.text("side"), plannedOn: try row.text("planned_on"),
                          validUntil: try row.text("valid_until"), title: try row.text("title"), catalogueVersion: try row.text("catalogue_version"),
                          preparedAt: try row.date("prepared_at"), answeredAt: try row.optionalDate("answered_at"), signer: try row.optionalText("signer"),
                          signerName: try row.optionalText("signer_name"), cosignedAt: try row.optionalDate("cosigned_at"),
                          cosignedBy: try row.optionalUUID("cosigned_by"), withdrawnAt: try row.optionalDate("withdrawn_at"), version: try row.integer("version"))
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
