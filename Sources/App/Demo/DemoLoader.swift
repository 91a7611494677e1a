import Fluent
import Foundation
import ReliefCore
import Vapor

/// Puts the synthetic demo practice into the database.
public enum DemoLoader {
    public static let defaultPatients = 200
    public static let defaultSeed: UInt64 = 20_261_123
    static let batchSize = 500

    /// `relief serve --demo`: staff and patients, only into a database without accounts.
    static func loadPracticeIfEmpty(_ app: Application) async throws {
        guard try await User.query(on: app.db).count() == 0 else {
            app.logger.notice("Demo practice not loaded: the database already has accounts.")
            return
        }
        try await createStaff(app)
        try await setExampleSettings(app)
        try await addPatients(app, count: defaultPatients, seed: defaultSeed)
        try await OutcomeTally.rebuild(on: app.db)
        printLogins()
    }

    /// `relief demo`: the staff when there are no accounts yet, then `count` more patients, then `procedures` more
    /// procedures done spread over all the patients (with their follow-ups and outcome rows: the outcome report's
    /// benchmark practice).
    public static func generate(_ app: Application, patients count: Int, procedures: Int = 0, seed: UInt64) async throws {
        if try await User.query(on: app.db).count() == 0 {
            try await createStaff(app)
            try await setExampleSettings(app)
            printLogins()
        }
        if count > 0 { try await addPatients(app, count: count, seed: seed) }
        if procedures > 0 { try await addProcedures(app, count: procedures, seed: seed) }
        try await OutcomeTally.rebuild(on: app.db)
        try await settle(app.db)
    }

    /// After a bulk load, statistics for the query planner (PostgreSQL's advice on populating a database), and on
    /// PostgreSQL a vacuum, so the new rows' visibility is settled once here rather than written back by the first
    /// reads of every page (the first export of a just-generated practice ran at 60 % of the second's speed).
    private static func settle(_ database: any Database) async throws {
        try await database.sql.raw(database.isPostgres ? "VACUUM (ANALYZE)" : "ANALYZE").run()
    }

    /// `count` synthetic procedures (`DemoProcedures.synthetic`), round-robin over the patients, in batches generated
    /// on one core while the database stores the previous batch on the other.
    static func addProcedures(_ app: Application, count: Int, seed: UInt64) async throws {
        let today = CalendarDate(app.config.now())
        let patients = try await app.db.sql.select().column("id").from("patients").orderBy("mrn").all().map { try $0.decode(column: "id", as: UUID.self) }
        let start = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM procedure_records").first()?.decode(column: "n", as: Int.self) ?? 0
        guard !patients.isEmpty, let physician = try await User.query(on: app.db).filter(\.$role == Role.physician.rawValue).first()?.id else { return }
        let nurse = try await User.query(on: app.db).filter(\.$role == Role.nurse.rawValue).first()?.id
        let size = batchSize * 4
        func prepared(from first: Int) -> Task<Batch.DoneRows, any Error>? {
            guard first < start + count else { return nil }
            let last = min(first + size, start + count)
            return Task.detached {
                var rows = Batch.DoneRows()
                // Ids in insertion order (fewer than 64 rows a procedure), the low half random.
                var sequence = UInt64(first) << 6, random = SeededGenerator(seed: seed ^ 0xB0C ^ UInt64(first))
                func nextID() -> UUID {
                    sequence += 1
                    return UUID(uuid: uuidBytes(high: sequence << 16 | random.next() & 0xFFFF, low: random.next()))
                }
                for index in first..<last {
                    try rows.add(DemoProcedures.synthetic(index: index, seed: seed, today: today), patient: patients[index % patients.count],
                                 physician: physician, nurse: nurse, plan: nil, nextID: nextID)
                }
                return rows
            }
        }
        var next = prepared(from: start), first = start
        while let task = next {
            let rows = try await task.value
            first += size
            next = prepared(from: first)
            try await app.db.writeTransaction { database in
                if database.sql.dialect.name == "sqlite" { try await database.sql.raw("PRAGMA cache_size = -65536").run() }
                try await insert(rows, on: database)
            }
        }
    }

    /// Procedures done here, as the demo generates them.
    private static func insert(_ done: Batch.DoneRows, on database: any Database) async throws {
        try await insertInChunks(AppointmentRecord.schema, columns: [
            "id", "patient_id", "provider_id", "room_id", "kind", "date", "start_minute", "end_minute", "status", "intervention", "region",
            "levels", "side", "plan_id", "note", "encounter_id", "created_at", "created_by", "updated_at", "updated_by", "version",
        ], done.appointments, on: database)
        try await insertInChunks(Encounter.schema, columns: ["id", "patient_id", "kind", "status", "occurred_on", "clinician_id",
                                                             "created_at", "updated_at", "created_by", "version"],
                                 done.encounters, on: database)
        try await insertInChunks("procedure_records", columns: [
            "id", "appointment_id", "patient_id", "intervention", "performed_on", "content", "status", "signed_at", "signed_by", "updated_at",
            "updated_by", "version", "encounter_id",
        ], done.records, on: database)
        try await insertInChunks(OutcomeQueries.table, columns: OutcomeQueries.columns, done.outcomes, on: database)
        try await insertInChunks(FollowUpRecord.schema, columns: [
            "id", "procedure_id", "patient_id", "intervention", "region", "performed_on", "days_after", "due_on", "status", "attempts",
            "answers", "relief_percent", "pain_now", "peg", "mme", "completed_on", "reason", "updated_at", "updated_by", "version",
        ], done.followUps, on: database)
        try await insertInChunks(FollowUpAttempt.schema, columns: ["id", "follow_up_id", "patient_id", "outcome", "note", "attempted_at",
                                                                   "attempted_by"], done.attempts, on: database)
    }

    /// The demo's example fees, payer criteria, rooms and hours and who the practice is, into settings nobody has set yet.
    static func setExampleSettings(_ app: Application) async throws {
        try await app.db.sql.update("practice_settings").set("value", to: try JSONCoding.encode(DemoCoverage.fees.fees.mapValues(\.cents)))
            .where("name", .equal, PracticeSettings.fees).where("value", .equal, "{}").run()
        try await app.db.sql.update("practice_settings").set("value", to: try JSONCoding.encode(DemoShowcase.payerCriteria))
            .where("name", .equal, PracticeSettings.payerCriteria).where("value", .equal, "[]").run()
        func staff(_ role: Role) async throws -> UUID? { try await User.query(on: app.db).filter(\.$role == role.rawValue).first()?.id }
        let schedule = DemoSchedule.settings(physician: try await staff(.physician), nurse: try await staff(.nurse), therapist: try await staff(.therapist),
                                             today: CalendarDate(app.config.now()))
        try await app.db.sql.update("practice_settings").set("value", to: try JSONCoding.encode(schedule))
            .where("name", .equal, PracticeSettings.schedule).where("value", .equal, "{}").run()
        try await app.db.sql.update("practice_settings").set("value", to: try JSONCoding.encode(DemoPractice.profile.stored))
            .where("name", .equal, PracticeSettings.profile).where("value", .equal, "{}").run()
    }

    static func createStaff(_ app: Application) async throws {
        for member in DemoPractice.staff {
            let input = StaffAccountInput(name: member.name, email: member.email, role: member.role.rawValue)
            _ = try await UserDirectory.create(input, password: member.password, passwordHash: try await app.password.async.hash(member.password),
                                               mustChangePassword: false, on: app.db)
        }
    }

    static func addPatients(_ app: Application, count: Int, seed: UInt64) async throws {
        let today = CalendarDate(app.config.now())
        let start = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM patients").first()?.decode(column: "n", as: Int.self) ?? 0
        let now = app.config.now()
        let nurse = try await User.query(on: app.db).filter(\.$role == Role.nurse.rawValue).first()?.id
        let physician = try await User.query(on: app.db).filter(\.$role == Role.physician.rawValue).first()?.id
        let therapist = try await User.query(on: app.db).filter(\.$role == Role.therapist.rawValue).first()?.id
        func prepared(from first: Int) -> Task<Batch, any Error>? {
            guard first < start + count else { return nil }
            let size = min(batchSize, start + count - first)
            return Task.detached { try Batch(first: first, size: size, seed: seed, today: today, now: now, nurse: nurse, physician: physician, therapist: therapist) }
        }
        // Generating the next batch on one core while the database stores this one on the other.
        var next = prepared(from: start)
        while let task = next {
            let batch = try await task.value
            next = prepared(from: batch.first + batch.people.count)
            try await app.db.writeTransaction { database in
                if database.sql.dialect.name == "sqlite" {
                    // Ids are random, so every index insert lands on a random page: 64 MiB of page cache instead of
                    // SQLite's 2 MiB keeps the indexes of 100,000 patients in memory (this connection only).
                    try await database.sql.raw("PRAGMA cache_size = -65536").run()
                }
                let firstMRN = try await Counter.reserve("mrn", count: batch.people.count, on: database)
                let patients = batch.people.enumerated().map { offset, person in
                    PatientRecord(id: person.id, mrn: MedicalRecordNumber(sequence: firstMRN + offset), registration: person.registration,
                                  createdBy: nil, now: now)
                }
                try await PatientQueries.insert(patients, on: database)
                try await patients.map { try PatientQueries.revision(of: $0, by: nil, now: now) }.create(on: database)
                try await insertInChunks(ChartEntry.schema, columns: ["id", "patient_id", "kind", "code", "status", "content", "created_at",
                                                                      "updated_at", "created_by", "updated_by", "version"],
                                         batch.entries, on: database)
                try await insertInChunks(MMERecord.schema, columns: ["id", "patient_id", "recorded_at", "recorded_by", "total", "incomplete",
                                                                     "detail"], batch.history, on: database)
                try await insertInChunks(QuestionnaireResponse.schema, columns: [
                    "id", "patient_id", "instrument", "answers", "score", "band", "subscores", "answered", "missing", "completed_on",
                    "entered_via", "created_at", "created_by", "version",
                ], batch.responses, on: database)
                try await insertInChunks(Encounter.schema, columns: ["id", "patient_id", "kind", "status", "occurred_on", "clinician_id",
                                                                     "created_at", "updated_at", "created_by", "version"],
                                         batch.encounters, on: database)
                try await insertInChunks(Evaluation.schema, columns: ["id", "encounter_id", "patient_id", "content", "signed_at", "signed_by",
                                                                      "created_at", "updated_at", "created_by", "version"],
                                         batch.evaluations, on: database)
                try await insertInChunks(WorkupRecord.schema, columns: [
                    "id", "patient_id", "test", "status", "ordered_on", "scheduled_for", "request", "result", "resulted_on", "reviewed_at",
                    "reviewed_by", "review_comment", "created_at", "created_by", "updated_at", "updated_by", "version",
                ], batch.workup, on: database)
                try await insertInChunks(CarePlanRecord.schema, columns: [
                    "id", "patient_id", "plan_id", "number", "status", "title", "content", "start_on", "review_on", "catalogue_version",
                    "created_at", "created_by", "updated_at", "updated_by", "activated_at", "activated_by", "version",
                ], batch.plans, on: database)
                try await insertInChunks(ConsentRecord.schema, columns: [
                    "id", "patient_id", "plan_id", "status", "intervention", "region", "levels", "side", "planned_on", "valid_until", "sessions",
                    "title", "document", "catalogue_version", "prepared_at", "prepared_by", "answered_at", "answer_recorded_by", "signer",
                    "signer_name", "relationship", "witness", "signature_method", "cosigned_at", "cosigned_by", "version",
                ], batch.consents, on: database)
                try await insertInChunks(PlanActivityRecord.schema, columns: [
                    "id", "patient_id", "plan_id", "intervention", "occurred_on", "content", "status", "created_at", "created_by", "version",
                ], batch.activities, on: database)
                try await insertInChunks(AppointmentRecord.schema, columns: [
                    "id", "patient_id", "provider_id", "room_id", "kind", "date", "start_minute", "end_minute", "status", "intervention", "region",
                    "levels", "side", "plan_id", "note", "created_at", "created_by", "updated_at", "updated_by", "version",
                ], batch.appointments, on: database)
                try await insert(batch.done, on: database)
                try await insertInChunks("opioid_safety_records", columns: ["id", "patient_id", "kind", "recorded_on", "content", "created_by", "created_at"],
                                         batch.safety, on: database)
                try await insertInChunks("implants", columns: ["id", "patient_id", "kind", "content", "implanted_on", "explanted_on", "created_at",
                                                               "created_by", "updated_at", "updated_by", "version"], batch.implants, on: database)
                try await insertInChunks("implant_settings", columns: ["id", "implant_id", "patient_id", "recorded_on", "content", "created_by", "created_at"],
                                         batch.settings, on: database)
                try await insertInChunks("pump_refills", columns: ["id", "implant_id", "patient_id", "recorded_on", "content", "created_by", "created_at",
                                                                   "next_refill_on"], batch.refills, on: database)
                try await insertInChunks(ChartAlert.schema, columns: ["id", "patient_id", "kind", "code", "message", "source_type", "source_id",
                                                                      "raised_at", "raised_by", "version"], batch.alerts, on: database)
            }
        }
    }

    /// A batch of demo patients with their medications, allergies, prior treatments, MME history and questionnaires, generated
    /// without the database: row values ready to insert.
    struct Batch: Sendable {
        let first: Int
        var people: [(id: UUID, registration: PatientRegistration)] = []
        var entries: [[any Encodable & Sendable]] = []
        var history: [[any Encodable & Sendable]] = []
        var responses: [[any Encodable & Sendable]] = []
        var encounters: [[any Encodable & Sendable]] = []
        var evaluations: [[any Encodable & Sendable]] = []
        var workup: [[any Encodable & Sendable]] = []
        var plans: [[any Encodable & Sendable]] = []
        var consents: [[any Encodable & Sendable]] = []
        var activities: [[any Encodable & Sendable]] = []
        var alerts: [[any Encodable & Sendable]] = []
        var appointments: [[any Encodable & Sendable]] = []
        var safety: [[any Encodable & Sendable]] = []
        var implants: [[any Encodable & Sendable]] = []
        var settings: [[any Encodable & Sendable]] = []
        var refills: [[any Encodable & Sendable]] = []
        var done = DoneRows()

        private mutating func addDevice(_ device: DemoImplants.Device, patient: UUID, author: UUID, nextID: () -> UUID) throws {
            let id = nextID(), time = device.implant.implantedOn.startOfDay
            implants.append([id, patient, device.implant.kind.rawValue, try JSONCoding.encode(device.implant), device.implant.implantedOn.description,
                             nil as String?, time, author, time, author, 1])
            for setting in device.settings {
                settings.append([nextID(), id, patient, setting.recordedOn.description, try JSONCoding.encode(setting), author, setting.recordedOn.startOfDay])
            }
            for refill in device.refills {
                refills.append([nextID(), id, patient, refill.refilledOn.description, try JSONCoding.encode(refill), author, refill.refilledOn.startOfDay,
                                refill.nextRefillOn.description])
            }
        }

        init(first: Int, size: Int, seed: UInt64, today: CalendarDate, now: Date, nurse: UUID?, physician: UUID?, therapist: UUID?) throws {
            self.first = first
            // Ids in insertion order: appending to the primary-key index instead of inserting at random places kept
            // 100,000 patients' lists within the generator's time budget.
            var sequence = UInt64(first) << 5, random = SeededGenerator(seed: seed ^ 0x5EC0_0000 ^ UInt64(first))
            func nextID() -> UUID {
                sequence += 1
                return UUID(uuid: uuidBytes(high: sequence << 16 | random.next() & 0xFFFF, low: random.next()))
            }
            for index in first..<(first + size) {
                var seeded = SeededGenerator(seed: seed ^ UInt64(index))
                let id = UUID(uuid: uuidBytes(&seeded)), chart = DemoChart.make(index: index, seed: seed, today: today)
                people.append((id, chart.registration))
                var entries: [[any Encodable & Sendable]] = []
                func add<C: ChartEntryContent>(_ content: C) throws {
                    entries.append([nextID(), id, C.kind.rawValue, content.code, content.status, try JSONCoding.encode(content),
                                    now, now, nurse, nurse, 1])
                }
                try chart.lists.medications.forEach(add)
                try chart.lists.allergies.forEach(add)
                try chart.lists.treatments.forEach(add)
                try chart.priorProcedures.forEach(add)
                try chart.diagnoses.forEach(add)
                try chart.vitals.forEach(add)
                for item in chart.workup {
                    let ordered = item.orderedOn.startOfDay, updated = (item.reviewedOn ?? item.result?.resultedOn ?? item.orderedOn).startOfDay
                    workup.append([nextID(), id, item.order.test.rawValue, item.status.rawValue, item.orderedOn.description,
                                   item.status == .scheduled ? item.orderedOn.adding(days: 10).description : nil,
                                   try JSONCoding.encode(item.order), try item.result.map(JSONCoding.encode), item.result?.resultedOn.description,
                                   item.reviewedOn?.startOfDay, item.reviewedOn == nil ? nil : physician, item.reviewComment,
                                   ordered, physician, updated, nurse, 1])
                }
                for visit in chart.visits {
                    let encounterID = nextID(), evaluationID = nextID(), time = visit.date.startOfDay
                    encounters.append([encounterID, id, visit.kind.rawValue, EncounterStatus.signed.rawValue, visit.date.description,
                                       physician, time, time, physician, 1])
                    evaluations.append([evaluationID, encounterID, id, try JSONCoding.encode(visit.content), time, physician, time, time,
                                        physician, 2])
                    for flag in visit.content.redFlags.compactMap(RedFlag.init(rawValue:)) where chart.redFlags.contains(flag) {
                        alerts.append([nextID(), id, ChartAlertKind.redFlag, flag.rawValue, flag.alertMessage, "Evaluation", evaluationID, time, physician, 1])
                    }
                }
                try chart.coverages.forEach(add)
                try chart.authorizations.forEach(add)
                var activePlan: UUID?
                if let physician, let plan = chart.plan {
                    let planID = nextID(), time = plan.startOn.startOfDay
                    activePlan = planID
                    plans.append([planID, id, planID, 1, PlanStatus.active.rawValue, plan.title, try JSONCoding.encode(plan), plan.startOn.description,
                                  plan.reviewOn?.description, InterventionCatalogue.version, time, physician, time, physician, time, physician, 1])
                    for activity in chart.activities {
                        let author = activity.kind == .therapySession ? therapist ?? nurse : nurse
                        activities.append([nextID(), id, planID, activity.intervention, activity.occurredOn.description, try JSONCoding.encode(activity),
                                           PlanActivityRecord.recorded, activity.occurredOn.startOfDay, author, 1])
                    }
                    let name = chart.fullName
                    for consent in chart.consents {
                        let site = consent.terms.site, prepared = consent.preparedOn.startOfDay, answered = consent.answeredOn?.startOfDay
                        let signed = consent.status == .active
                        consents.append([nextID(), id, planID, consent.status.rawValue, site.intervention.id, site.region.rawValue,
                                         site.levels.map(\.description).joined(separator: ", "), site.side?.rawValue ?? "", consent.terms.plannedOn.description,
                                         consent.terms.validUntil.description, consent.terms.sessions, consent.document.title, try JSONCoding.encode(consent.document),
                                         consent.document.catalogueVersion, prepared, physician, answered, signed ? nurse : nil,
                                         signed ? ConsentSigner.patient.rawValue : nil, signed ? name : nil, signed ? "" : nil,
                                         signed ? "" : nil, signed ? SignatureMethod.screen.rawValue : nil, answered, signed ? physician : nil, signed ? 3 : 1])
                    }
                }
                if let physician {
                    for procedure in chart.done {
                        try done.add(procedure, patient: id, physician: physician, nurse: nurse, plan: activePlan, nextID: nextID)
                    }
                }
                if let physician, let slot = chart.appointment {
                    let site = slot.site
                    appointments.append([nextID(), id, physician, slot.roomID, slot.kind.rawValue, slot.date.description, slot.time.start.minutes,
                                         slot.time.end.minutes, slot.status.rawValue, site?.intervention.id, site?.region.rawValue, site?.storedLevels,
                                         site?.side?.rawValue, site == nil ? nil : activePlan, "", now, nurse ?? physician, now, nurse ?? physician, 1])
                }
                self.entries += entries
                for submission in chart.scores {
                    let score = submission.score
                    responses.append([nextID(), id, submission.questionnaire, QuestionnaireResponse.json(submission.answers), score.score,
                                      score.band?.id, score.subscores.isEmpty ? "{}" : try JSONCoding.encode(score.subscores), score.answered, score.missing,
                                      submission.completedOn.description, QuestionnaireResponse.EnteredVia.staff.rawValue,
                                      submission.completedOn.startOfDay, nurse, 1])
                }
                if let device = DemoImplants.generate(index: index, seed: seed, today: today), let author = physician ?? nurse {
                    try addDevice(device, patient: id, author: author, nextID: nextID)
                }
                let summary = OpioidSummary(chart.lists.medications)
                guard !summary.lines.isEmpty else { continue }
                // Earlier points were the same opioid at a higher dose.
                for (daysAgo, total) in chart.lists.earlierMME {
                    history.append([nextID(), id, now.addingTimeInterval(-86_400 * Double(daysAgo)), nurse, total, false,
                                    "\(summary.lines[0].label): \(Figures.text(total))"])
                }
                history.append([nextID(), id, now, nurse, summary.total, summary.isIncomplete, summary.breakdown])
                guard let author = nurse ?? physician else { continue }
                let needsNaloxone = summary.alerts.contains { if case .atOrAboveReassessThreshold = $0 { true } else { false } }
                for record in DemoOpioidSafety.records(index: index, seed: seed, needsNaloxone: needsNaloxone, today: today) {
                    safety.append([nextID(), id, record.kind.rawValue, record.recordedOn.description, try JSONCoding.encode(record), author,
                                   record.recordedOn.startOfDay])
                }
            }
        }
    }

    /// Many rows through SQLKit, not Fluent: Fluent reflects over every model's properties, which made 600,000 demo
    /// entries take minutes. SQLite allows at most 32,766 bound values a statement, so rows go in chunks.
    private static func insertInChunks(_ table: String, columns: [String], _ rows: [[any Encodable & Sendable]],
                                       on database: any Database) async throws {
        let perChunk = 30_000 / max(columns.count, 1)
        for start in stride(from: 0, to: rows.count, by: perChunk) {
            var insert = database.sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perChunk, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }

    private static func uuidBytes(_ random: inout SeededGenerator) -> uuid_t {
        uuidBytes(high: random.next(), low: random.next())
    }

    private static func uuidBytes(high: UInt64, low: UInt64) -> uuid_t {
        var bytes = withUnsafeBytes(of: high.bigEndian) { Array($0) } + withUnsafeBytes(of: low.bigEndian) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }

    static func printLogins() {
        print("Demo practice loaded. Sign in with any of these (demo data only):")
        for member in DemoPractice.staff {
            print("  \(member.role.title.padding(toLength: 13, withPad: " ", startingAt: 0)) \(member.email)  password: \(member.password)")
        }
    }
}
