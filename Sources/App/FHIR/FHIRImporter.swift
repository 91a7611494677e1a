import Fluent
import Foundation
import ReliefCore
import SQLKit

/// Imports FHIR resources: each patient's in one transaction (a crash leaves a patient whole or absent), the Patient
/// first, every resource read and checked as a FHIR write is (the forms' parsers), every record remembered by where it
/// came from so a second import finds it (`fhir_identities`). A record Relief already keeps the same way (the same
/// active problem) is merged, not doubled; what Relief keeps no value for is reported, never dropped silently.
struct FHIRImporter: Sendable {
    let database: any Database
    let user: UUID
    let now: Date
    let today: CalendarDate
    let audit: TransactionalAudit

    /// The same import on another database handle (a transaction's).
    func on(_ database: any Database) -> FHIRImporter { FHIRImporter(database: database, user: user, now: now, today: today, audit: audit) }

    func run(_ plan: FHIRImportPlan) async throws -> [FHIRImportOutcome] {
        var outcomes = plan.skipped
        for group in plan.groups { outcomes += try await run(group, names: plan.names) }
        return outcomes
    }

    private func run(_ group: FHIRImportPlan.PatientGroup, names: [String: String]) async throws -> [FHIRImportOutcome] {
        try await database.writeTransaction { database in
            var outcomes: [FHIRImportOutcome] = []
            let patientID: UUID
            if let registered = group.registered {
                guard try await PatientQueries.find(registered, on: database) != nil else {
                    return group.items.map { FHIRImportOutcome($0, .failed, issues: [FHIRIssue("\($0.typeName).\($0.kind.patientElement ?? "subject")", "No Patient with this id.")]) }
                }
                patientID = registered
            } else if let sent = group.patient {
                let (id, outcome) = try await patient(sent, database)
                outcomes.append(outcome)
                guard let id else {
                    return outcomes + group.items.map { FHIRImportOutcome($0, .skipped, reason: "Its Patient was not imported.") }
                }
                patientID = id
            } else {
                return []
            }
            for item in group.items { outcomes.append(try await entry(item, patientID: patientID, names: names, database)) }
            return outcomes
        }
    }

    private func patient(_ item: FHIRImportPlan.Item, _ database: any Database) async throws -> (UUID?, FHIRImportOutcome) {
        if let found = try await identity(item, database) {
            return (found, FHIRImportOutcome(item, .unchanged, record: "Patient/\(found.lowercasedText)"))
        }
        var reader = FHIRResourceReader(item.resource, as: .patient, id: nil)
        let registration = FHIRPatient.registration(&reader, base: PatientRegistration(), mrn: nil)
        let problems = registration.problems(today: today).sorted { $0.key.rawValue < $1.key.rawValue }
            .map { FHIRIssue("Patient.\(FHIRPatient.expressions[$0.key] ?? $0.key.rawValue)", $0.value) }
        guard reader.errors.isEmpty, problems.isEmpty else { return (nil, FHIRImportOutcome(item, .failed, issues: reader.errors + problems)) }
        if let likely = try await PatientQueries.possibleDuplicates(of: registration, on: database).first {
            let reasons = likely.reasons.map(\.text).joined(separator: ", ")
            return (nil, FHIRImportOutcome(item, .failed, issues: [FHIRIssue("Patient", "Likely the same person as Patient/\(likely.patient.id.lowercasedText) (\(reasons)); not imported.")]))
        }
        let patient = try await PatientQueries.create(registration, by: user, now: now, on: database) { patient, database in
            try await audit(AuditEntry(action: .patientCreate, resourceType: "Patient", resourceID: patient.id.uuidString, patientID: patient.id,
                                       detail: "FHIR import, MRN \(patient.mrn)"), database)
        }
        try await remember(item, record: patient.id, patientID: patient.id, database)
        return (patient.id, FHIRImportOutcome(item, .created, record: "Patient/\(patient.id.lowercasedText)", issues: reader.issues))
    }

    private func entry(_ item: FHIRImportPlan.Item, patientID: UUID, names: [String: String], _ database: any Database) async throws -> FHIRImportOutcome {
        var reader = FHIRResourceReader(item.resource, named: item.typeName, patientElement: item.kind.patientElement, id: nil)
        _ = reader.patientReference()
        switch item.kind {
        case .patient: return FHIRImportOutcome(item, .failed, issues: [FHIRIssue("Patient", "A Patient is not a patient's record.")])
        case .allergy: return try await save(FHIRAllergyIntolerance.entry(&reader), reader, item, patientID, database)
        case .medicationStatement: return try await save(FHIRMedicationStatement.entry(&reader, base: nil), reader, item, patientID, database)
        case .medicationRequest: return try await save(FHIRMedicationStatement.entry(request: &reader), reader, item, patientID, database)
        case .condition: return try await save(FHIRCondition.entry(&reader, base: nil), reader, item, patientID, database)
        case .procedure: return try await procedure(&reader, item, patientID, database)
        case .observation: return try await score(&reader, item, patientID, database)
        case .questionnaireResponse: return try await response(&reader, item, patientID, database)
        case .encounter:
            switch FHIREncounter.importing(&reader, names: names) {
            case .visit(let entry): return try await save(entry, reader, item, patientID, database)
            case .notKept(let reason): return notKept(reason, reader, item)
            }
        }
    }

    /// A procedure done elsewhere, or a treatment tried; one neither done nor under way is reported.
    private func procedure(_ reader: inout FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID, _ database: any Database) async throws -> FHIRImportOutcome {
        switch FHIRProcedure.importing(&reader) {
        case .done(let entry): try await save(entry, reader, item, patientID, database)
        case .tried(let entry): try await save(entry, reader, item, patientID, database)
        case .notKept(let reason): notKept(reason, reader, item)
        }
    }

    /// A completed response to one of the practice's questionnaires, scored as if typed in.
    private func response(_ reader: inout FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID, _ database: any Database) async throws -> FHIRImportOutcome {
        if let found = try await identity(item, database) {
            return FHIRImportOutcome(item, .unchanged, record: "QuestionnaireResponse/\(found.lowercasedText)")
        }
        let definitions = try await QuestionnaireQueries.definitions(on: database)
        guard let submission = FHIRQuestionnaireResponse.submission(&reader, definitions: definitions, today: today), reader.errors.isEmpty else {
            return FHIRImportOutcome(item, .failed, issues: reader.errors)
        }
        return try await saved(submission, reader, item, patientID, database)
    }

    /// A pain score becomes the pain-intensity questionnaire answered on its day; a vital sign joins the set taken at
    /// its time; a laboratory value joins the results; other observations are reported.
    private func score(_ reader: inout FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID, _ database: any Database) async throws -> FHIRImportOutcome {
        let imported = FHIRObservation.importing(&reader, today: today)
        if let found = try await identity(item, database) {
            let record = switch imported {
            case .vitalSigns(let sign, _): "Observation/\(FHIRVitalSigns.id(found.lowercasedText, sign))"
            case .laboratory: "Observation/\(found.lowercasedText)"
            case .response, .notKept: "QuestionnaireResponse/\(found.lowercasedText)"
            }
            return FHIRImportOutcome(item, .unchanged, record: record)
        }
        switch imported {
        case .notKept(let reason): return notKept(reason, reader, item)
        case .response(let submission): return try await saved(submission, reader, item, patientID, database)
        case .vitalSigns(let sign, let entry): return try await vitals(sign, entry, reader, item, patientID, database)
        case .laboratory(let entry): return try await save(entry, reader, item, patientID, database)
        }
    }

    /// A vital sign added to the set taken at the same time when that set lacks it (another system sends each sign
    /// on its own), else a set of its own.
    private func vitals(_ sign: VitalSign, _ entry: VitalSignsEntry, _ reader: FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID,
                        _ database: any Database) async throws -> FHIRImportOutcome {
        let content: VitalSignsEntry
        switch VitalSignsEntry.parsed(entry, today: today) {
        case .success(let parsed): content = parsed
        case .failure(let failure): return FHIRImportOutcome(item, .failed, issues: failure.issues)
        }
        var target: UUID?
        for (id, stored) in try await ChartEntryQueries.entries(VitalSignsEntry.self, patientID: patientID, on: database) where target == nil {
            guard let merged = stored.adding(content), let row = try await ChartEntryQueries.find(id, kind: .vitalSigns, patientID: patientID, on: database),
                  case .saved = try await ChartEntryQueries.update(id, patientID: patientID, from: row.version, content: merged, by: user, now: now,
                                                                   on: database, audit: audit) else { continue }
            target = id
        }
        let id: UUID
        if let target { id = target } else {
            id = try await ChartEntryQueries.create(content, patientID: patientID, by: user, now: now, on: database, audit: audit).requireID()
        }
        try await remember(item, record: id, patientID: patientID, database)
        return FHIRImportOutcome(item, .created, record: "Observation/\(FHIRVitalSigns.id(id.lowercasedText, sign))", issues: reader.issues)
    }

    /// Left out for the reason given, or refused for the reader's errors.
    private func notKept(_ reason: String, _ reader: FHIRResourceReader, _ item: FHIRImportPlan.Item) -> FHIRImportOutcome {
        reader.errors.isEmpty ? FHIRImportOutcome(item, .skipped, reason: reason) : FHIRImportOutcome(item, .failed, issues: reader.errors)
    }

    private func saved(_ submission: QuestionnaireSubmission, _ reader: FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID,
                       _ database: any Database) async throws -> FHIRImportOutcome {
        let response = try await QuestionnaireQueries.record(submission, patientID: patientID, via: .staff, by: user, now: now, on: database, audit: audit)
        let id = try response.requireID()
        try await remember(item, record: id, patientID: patientID, database)
        return FHIRImportOutcome(item, .created, record: "QuestionnaireResponse/\(id.lowercasedText)", issues: reader.issues)
    }

    private func save<C: FHIRReadable>(_ entry: C, _ reader: FHIRResourceReader, _ item: FHIRImportPlan.Item, _ patientID: UUID,
                                       _ database: any Database) async throws -> FHIRImportOutcome {
        if let found = try await identity(item, database) {
            return FHIRImportOutcome(item, .unchanged, record: "\(C.fhirType.rawValue)/\(found.lowercasedText)")
        }
        guard reader.errors.isEmpty else { return FHIRImportOutcome(item, .failed, issues: reader.errors) }
        let content: C
        switch C.parsed(entry, today: today) {
        case .success(let parsed): content = parsed
        case .failure(let failure): return FHIRImportOutcome(item, .failed, issues: failure.issues)
        }
        let others = try await ChartEntryQueries.entries(C.self, patientID: patientID, on: database)
        if let clash = content.problems(alongside: others.map(\.1)).values.first {
            return FHIRImportOutcome(item, .merged, reason: clash)
        }
        let saved = try await ChartEntryQueries.create(content, patientID: patientID, by: user, now: now, on: database, audit: audit)
        let id = try saved.requireID()
        try await remember(item, record: id, patientID: patientID, database)
        return FHIRImportOutcome(item, .created, record: "\(C.fhirType.rawValue)/\(id.lowercasedText)", issues: reader.issues)
    }

    // MARK: - Where records came from

    private func identity(_ item: FHIRImportPlan.Item, _ database: any Database) async throws -> UUID? {
        struct Row: Decodable { let record_id: UUID }
        guard let identity = item.identity else { return nil }
        return try await database.sql.select().column("record_id").from("fhir_identities").where("system", .equal, identity.system)
            .where("value", .equal, identity.value).where("resource_type", .equal, item.typeName).first(decoding: Row.self)?.record_id
    }

    private func remember(_ item: FHIRImportPlan.Item, record: UUID, patientID: UUID, _ database: any Database) async throws {
        guard let identity = item.identity else { return }
        try await database.sql.insert(into: "fhir_identities")
            .columns("id", "system", "value", "resource_type", "record_id", "patient_id", "imported_at", "imported_by")
            .values(SQLBind(UUID()), SQLBind(identity.system), SQLBind(identity.value), SQLBind(item.typeName), SQLBind(record), SQLBind(patientID),
                    SQLBind(now), SQLBind(user))
            .run()
    }
}
