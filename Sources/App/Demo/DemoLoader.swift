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
        try await addPatients(app, count: defaultPatients, seed: defaultSeed)
        printLogins()
    }

    /// `relief demo`: the staff when there are no accounts yet, then `count` more patients.
    public static func generate(_ app: Application, patients count: Int, seed: UInt64) async throws {
        if try await User.query(on: app.db).count() == 0 {
            try await createStaff(app)
            printLogins()
        }
        try await addPatients(app, count: count, seed: seed)
    }

    static func createStaff(_ app: Application) async throws {
        for member in DemoPractice.staff {
            let input = StaffAccountInput(name: member.name, email: member.email, role: member.role.rawValue)
            _ = try await UserDirectory.create(input, password: member.password, mustChangePassword: false,
                                               hasher: app.password.async, on: app.db)
        }
    }

    static func addPatients(_ app: Application, count: Int, seed: UInt64) async throws {
        let today = CalendarDate(app.config.now())
        let start = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM patients").first()?.decode(column: "n", as: Int.self) ?? 0
        let now = app.config.now()
        let nurse = try await User.query(on: app.db).filter(\.$role == Role.nurse.rawValue).first()?.id
        var done = 0
        while done < count {
            let size = min(batchSize, count - done), first = start + done
            try await app.db.transaction { database in
                let firstMRN = try await Counter.reserve("mrn", count: size, on: database)
                var patients: [PatientRecord] = []
                for offset in 0..<size {
                    var random = SeededGenerator(seed: seed ^ UInt64(first + offset))
                    patients.append(PatientRecord(
                        id: UUID(uuid: uuidBytes(&random)), mrn: MedicalRecordNumber(sequence: firstMRN + offset),
                        registration: DemoPractice.patient(index: first + offset, seed: seed, today: today),
                        createdBy: nil, now: now))
                }
                try await PatientQueries.insert(patients, on: database)
                try await patients.map { try PatientQueries.revision(of: $0, by: nil, now: now) }.create(on: database)
                try await addChartLists(patients, firstIndex: first, seed: seed, by: nurse, today: today, now: now, on: database)
            }
            done += size
        }
    }

    /// Medications, allergies, prior treatments and the MME history of a batch of new demo patients.
    private static func addChartLists(_ patients: [PatientRecord], firstIndex: Int, seed: UInt64, by nurse: UUID?, today: CalendarDate,
                                      now: Date, on database: any Database) async throws {
        var entries: [ChartEntry] = [], history: [MMERecord] = []
        for (offset, patient) in patients.enumerated() {
            let age = CalendarDate(patient.birthDate)?.years(until: today) ?? 50
            let lists = DemoChartLists.generate(index: firstIndex + offset, seed: seed, age: age, today: today)
            func add<C: ChartEntryContent>(_ content: C) throws {
                entries.append(try ChartEntry(patientID: patient.id, content: content, by: nurse, now: now))
            }
            try lists.medications.forEach(add)
            try lists.allergies.forEach(add)
            try lists.treatments.forEach(add)
            let summary = OpioidSummary(lists.medications)
            guard !summary.lines.isEmpty else { continue }
            for point in lists.earlierMME {
                let record = MMERecord(patientID: patient.id, summary: summary, by: nurse,
                                       now: now.addingTimeInterval(-86_400 * Double(point.daysAgo)))
                record.total = point.total
                history.append(record)
            }
            history.append(MMERecord(patientID: patient.id, summary: summary, by: nurse, now: now))
        }
        try await insertInChunks(entries, on: database)
        try await insertInChunks(history, on: database)
    }

    /// SQLite allows at most 32,766 bound values a statement: many rows go in chunks.
    private static func insertInChunks<M: Model>(_ models: [M], on database: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 1000) {
            try await Array(models[start..<min(start + 1000, models.count)]).create(on: database)
        }
    }

    private static func uuidBytes(_ random: inout SeededGenerator) -> uuid_t {
        let high = random.next(), low = random.next()
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
