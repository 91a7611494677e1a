import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The database side of FHIR searches.
enum FHIRQueries {
    /// The patients a search finds, in id order after its cursor, one page.
    static func patients(_ search: FHIRPatientSearch, on database: any Database) async throws -> [PatientRecord] {
        var conditions: [SQLQueryString] = ["deleted_at IS NULL"]
        if let id = search.id { conditions.append("id = \(bind: id)") }
        if let after = search.after { conditions.append("id > \(bind: after)") }
        if let mrn = search.mrn { conditions.append("mrn = \(bind: mrn)") }
        if let family = search.family { conditions.append(prefix("family_key", family)) }
        if let given = search.given { conditions.append(prefix("given_key", given)) }
        if let name = search.name { conditions.append("(" + prefix("family_key", name) + " OR " + prefix("given_key", name) + ")") }
        if let sex = search.sexAtBirth { conditions.append("sex_at_birth = \(bind: sex)") }
        if let (comparison, date) = search.birthDate {
            let operators: [FHIRPatientSearch.Comparison: String] = [.eq: "=", .ne: "<>", .lt: "<", .le: "<=", .gt: ">", .ge: ">="]
            conditions.append("birth_date \(unsafeRaw: operators[comparison] ?? "=") \(bind: date.description)")
        }
        let whereClause = conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
        return try await database.sql.raw("SELECT * FROM patients WHERE \(whereClause) ORDER BY id LIMIT \(unsafeRaw: String(search.count))")
            .all(decoding: PatientRecord.self)
    }

    /// A folded prefix as a range on the indexed key.
    private static func prefix(_ column: String, _ folded: String) -> SQLQueryString {
        "(\(unsafeRaw: column) >= \(bind: folded) AND \(unsafeRaw: column) < \(bind: SearchKey.upperBound(ofPrefix: folded)))"
    }
}

extension FHIRQueries {
    /// One patient's resources of a clinical type, entries marked in error included (with that status), in id order.
    static func records(_ type: FHIRResourceType, patientID: UUID, on database: any Database, timeZone: TimeZone = .current) async throws -> [FHIRRecord] {
        let records: [FHIRRecord]
        switch type {
        case .patient: records = []
        case .condition:
            let blocks = try await DiaryQueries.blockResults(patientID: patientID, on: database)
            records = try await chartEntries([.diagnosis], patientID, database).map { row, header in
                FHIRCondition.record(try row.decoded(as: DiagnosisEntry.self).withBlockEvidence(blocks), header, timeZone: timeZone)
            }
        case .allergyIntolerance:
            records = try await chartEntries([.allergy], patientID, database).map { row, header in
                FHIRAllergyIntolerance.record(try row.decoded(), header)
            }
        case .medicationStatement:
            records = try await chartEntries([.medication], patientID, database).map { row, header in
                FHIRMedicationStatement.record(try row.decoded(), header, timeZone: timeZone)
            }
        case .procedure:
            let elsewhere = try await chartEntries([.priorProcedure, .priorTreatment], patientID, database).map { row, header in
                row.kind == ChartEntryKind.priorProcedure.rawValue
                    ? FHIRProcedure.elsewhere(try row.decoded(), header, timeZone: timeZone)
                    : FHIRProcedure.treatment(try row.decoded(), header, timeZone: timeZone)
            }
            records = try await performedProcedures(patientID, database, timeZone) + elsewhere
        case .observation:
            records = try await scores(patientID, database, timeZone) + mmeHistory(patientID, database)
        case .questionnaireResponse: records = try await responses(patientID, database, timeZone)
        case .coverage:
            records = try await chartEntries([.coverage], patientID, database).map { row, header in FHIRCoverage.record(try row.decoded(), header, timeZone: timeZone) }
        case .device: records = try await implants(patientID, database)
        case .appointment: records = try await appointments(patientID, database, timeZone)
        case .encounter: records = try await encounters(patientID, database, timeZone)
        case .consent: records = try await consents(patientID, database, timeZone)
        case .practitioner, .location: records = []
        }
        return records.sorted { $0.id < $1.id }
    }

    /// The practice's own resources of a type: the staff who see patients, the rooms.
    static func practiceRecords(_ type: FHIRResourceType, on database: any Database) async throws -> [FHIRRecord] {
        switch type {
        case .practitioner:
            let staff = try await User.query(on: database).filter(\.$role !~ [Role.admin.rawValue, Role.patient.rawValue]).all()
            return try staff.map { user in
                FHIRPractitioner.record(id: try user.requireID(), name: user.name, role: Role(rawValue: user.role) ?? .nurse, active: user.disabledAt == nil,
                                        version: user.version, updated: user.updatedAt ?? user.createdAt ?? .distantPast)
            }.sorted { $0.id < $1.id }
        case .location:
            struct Row: Decodable { let value: String, version: Int, updated_at: Date? }
            guard let row = try await database.sql.select().columns("value", "version", "updated_at").from("practice_settings")
                .where("name", .equal, PracticeSettings.schedule).first(decoding: Row.self),
                let settings = try? JSONCoding.decode(ScheduleSettings.self, row.value) else { return [] }
            // A room's id is the practice's own; one that is not a FHIR id is left out rather than renamed.
            return settings.rooms.filter { FHIR.isID($0.id) }
                .map { FHIRLocation.record($0, version: row.version, updated: row.updated_at ?? .distantPast) }.sorted { $0.id < $1.id }
        default: return []
        }
    }

    /// One resource by its type and id: a practice resource from the practice's, a patient's from that patient's.
    static func record(_ type: FHIRResourceType, id: String, on database: any Database) async throws -> FHIRRecord? {
        guard type.isPatientScoped else { return try await practiceRecords(type, on: database).first { $0.id == id } }
        guard let uuid = UUID(uuidString: id), let patientID = try await patient(of: type, id: uuid, on: database) else { return nil }
        return try await records(type, patientID: patientID, on: database).first { $0.id == uuid.lowercasedText }
    }

    /// The patient a clinical resource's id belongs to, looked up in the tables its type is kept in.
    static func patient(of type: FHIRResourceType, id: UUID, on database: any Database) async throws -> UUID? {
        struct Row: Decodable { let patient_id: UUID }
        let tables: [(String, [ChartEntryKind]?)] = switch type {
        case .patient: []
        case .condition: [("chart_entries", [.diagnosis])]
        case .allergyIntolerance: [("chart_entries", [.allergy])]
        case .medicationStatement: [("chart_entries", [.medication])]
        case .procedure: [("chart_entries", [.priorProcedure, .priorTreatment]), ("procedure_records", nil)]
        case .observation: [("instrument_responses", nil), ("mme_history", nil)]
        case .questionnaireResponse: [("instrument_responses", nil)]
        case .coverage: [("chart_entries", [.coverage])]
        case .device: [("implants", nil)]
        case .appointment: [("appointments", nil)]
        case .encounter: [("encounters", nil)]
        case .consent: [("consents", nil)]
        case .practitioner, .location: []
        }
        for (table, kinds) in tables {
            var select = database.sql.select().column("patient_id").from(table).where("id", .equal, id)
            if let kinds { select = select.where("kind", .in, kinds.map(\.rawValue)) }
            if let row = try await select.first(decoding: Row.self) { return row.patient_id }
        }
        return nil
    }

    private static func chartEntries(_ kinds: [ChartEntryKind], _ patientID: UUID, _ database: any Database) async throws -> [(ChartEntry, FHIRRecordHeader)] {
        try await ChartEntry.query(on: database).filter(\.$patientID == patientID).filter(\.$kind ~~ kinds.map(\.rawValue)).all().map { row in
            (row, FHIRRecordHeader(id: try row.requireID(), patientID: patientID, version: row.version, recorded: row.createdAt, updated: row.updatedAt,
                                   enteredInError: row.deletedAt != nil))
        }
    }

    private static func performedProcedures(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        struct Row: Decodable { let id: UUID, performed_on: String, content: String, signed_at: Date, updated_at: Date, version: Int }
        return try await database.sql.select().columns("id", "performed_on", "content", "signed_at", "updated_at", "version").from("procedure_records")
            .where("patient_id", .equal, patientID).where("status", .equal, "signed").all(decoding: Row.self).compactMap { row in
                guard let date = CalendarDate(row.performed_on), let note = try? JSONCoding.decode(ProcedureNote.self, row.content) else { return nil }
                let header = FHIRRecordHeader(id: row.id, patientID: patientID, version: row.version, recorded: row.signed_at, updated: row.updated_at)
                return FHIRProcedure.performed(note, on: date, header, timeZone: timeZone)
            }
    }

    private static func scores(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await questionnaireResponses(patientID, database).map { row, definition, completed, header in
            FHIRObservation.score(definition, score: row.score, band: row.band, answers: try row.decodedAnswers(), completedOn: completed, header,
                                  timeZone: timeZone)
        }
    }

    private static func responses(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await questionnaireResponses(patientID, database).map { row, definition, completed, header in
            FHIRQuestionnaireResponse.record(definition, answers: try row.decodedAnswers(), completedOn: completed,
                                             byPatient: row.enteredVia != QuestionnaireResponse.EnteredVia.staff.rawValue, author: row.createdBy, header,
                                             timeZone: timeZone)
        }
    }

    /// The patient's responses to questionnaires Relief knows, each with its day and header.
    private static func questionnaireResponses(_ patientID: UUID, _ database: any Database) async throws
        -> [(QuestionnaireResponse, QuestionnaireDefinition, CalendarDate, FHIRRecordHeader)] {
        try await QuestionnaireResponse.query(on: database).filter(\.$patientID == patientID).all().compactMap { row in
            guard let definition = QuestionnaireCatalogue.definition(row.questionnaire), let completed = CalendarDate(row.completedOn) else { return nil }
            let header = FHIRRecordHeader(id: try row.requireID(), patientID: patientID, version: row.version, recorded: row.createdAt,
                                          updated: row.deletedAt ?? row.createdAt, enteredInError: row.deletedAt != nil)
            return (row, definition, completed, header)
        }
    }

    private static func implants(_ patientID: UUID, _ database: any Database) async throws -> [FHIRRecord] {
        struct Row: Decodable { let id: UUID, content: String, created_at: Date, updated_at: Date, version: Int }
        return try await database.sql.select().columns("id", "content", "created_at", "updated_at", "version").from("implants")
            .where("patient_id", .equal, patientID).all(decoding: Row.self).compactMap { row in
                guard let implant = try? JSONCoding.decode(Implant.self, row.content) else { return nil }
                return FHIRDevice.record(implant, FHIRRecordHeader(id: row.id, patientID: patientID, version: row.version, recorded: row.created_at, updated: row.updated_at))
            }
    }

    private static func appointments(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await AppointmentRecord.query(on: database).filter(\.$patientID == patientID).all().compactMap { row in
            guard let appointment = row.decoded() else { return nil }
            let header = FHIRRecordHeader(id: appointment.id, patientID: patientID, version: row.version, recorded: row.createdAt, updated: row.updatedAt)
            return FHIRAppointment.record(appointment, header, timeZone: timeZone)
        }
    }

    private static func encounters(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await Encounter.query(on: database).filter(\.$patientID == patientID).all().compactMap { row in
            guard let kind = EncounterKind(rawValue: row.kind), let day = CalendarDate(row.occurredOn) else { return nil }
            let header = FHIRRecordHeader(id: try row.requireID(), patientID: patientID, version: row.version, recorded: row.createdAt, updated: row.updatedAt,
                                          enteredInError: row.deletedAt != nil)
            return FHIREncounter.record(kind: kind, status: row.status, on: day, clinician: row.clinicianID, header, timeZone: timeZone)
        }
    }

    private static func consents(_ patientID: UUID, _ database: any Database, _ timeZone: TimeZone) async throws -> [FHIRRecord] {
        try await ConsentRecord.query(on: database).filter(\.$patientID == patientID).all().map { row in
            let updated = [row.preparedAt, row.answeredAt, row.cosignedAt, row.withdrawnAt].compactMap { $0 }.max() ?? row.preparedAt
            let header = FHIRRecordHeader(id: try row.requireID(), patientID: patientID, version: row.version, recorded: row.preparedAt, updated: updated)
            let signing = FHIRConsent.Signing(status: row.consentStatus, answeredAt: row.answeredAt, signerName: row.signerName,
                                              byPatient: row.signer == ConsentSigner.patient.rawValue)
            return FHIRConsent.record(title: row.title, site: row.site, plannedOn: row.planned, validUntil: row.lastDay, catalogueVersion: row.catalogueVersion,
                                      signing: signing, header, timeZone: timeZone)
        }
    }

    private static func mmeHistory(_ patientID: UUID, _ database: any Database) async throws -> [FHIRRecord] {
        try await ChartEntryQueries.mmeHistory(patientID: patientID, on: database).map { row in
            let header = FHIRRecordHeader(id: try row.requireID(), patientID: patientID, version: 1, recorded: row.recordedAt, updated: row.recordedAt)
            return FHIRObservation.mme(total: row.total, incomplete: row.incomplete, detail: row.detail, header)
        }
    }
}

extension FHIRQueries {
    /// What a clinical search finds, in id order: the patient's records (or those of the patients `_id` names) that match.
    static func matches(_ search: FHIRSearch, on database: any Database) async throws -> [FHIRRecord] {
        guard search.type.isPatientScoped else { return try await practiceRecords(search.type, on: database).filter(search.matches) }
        var patients: Set<UUID> = search.patientID.map { [$0] } ?? []
        if search.patientID == nil, let ids = search.ids {
            for id in ids.prefix(FHIRSearch.maximumCount).compactMap(UUID.init(uuidString:)) {
                if let patient = try await patient(of: search.type, id: id, on: database) { patients.insert(patient) }
            }
        }
        var found: [FHIRRecord] = []
        for patient in patients { found += try await records(search.type, patientID: patient, on: database).filter(search.matches) }
        return found.sorted { $0.id < $1.id }
    }

    /// Patients by id, for `_include`.
    static func patients(ids: Set<UUID>, on database: any Database) async throws -> [PatientRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.sql.select().column("*").from("patients").where("id", .in, Array(ids)).where("deleted_at", .is, SQLLiteral.null)
            .all(decoding: PatientRecord.self)
    }
}
