/// The opioid-safety steps a demo patient on opioids has on file: most have an agreement and a recent PDMP check,
/// some are due for renewal or overdue, and naloxone was offered to most of those who need it, so the panel shows
/// every state.
public enum DemoOpioidSafety {
    public static func records(index: Int, seed: UInt64, needsNaloxone: Bool, today: CalendarDate) -> [OpioidSafetyRecord] {
        var random = SeededGenerator(seed: (seed &* 7_919) ^ UInt64(index) &+ 0x0510)
        var records: [OpioidSafetyRecord] = []
        if random.chance(0.85) {
            records.append(OpioidSafetyRecord(kind: .agreement, recordedOn: today.adding(days: -Int.random(in: 20...420, using: &random))))
        }
        if random.chance(0.8) {
            let result: PDMPResult = random.weighted([(.consistent, 18), (.concerns, 1), (.unavailable, 1)])
            records.append(OpioidSafetyRecord(kind: .pdmpCheck, recordedOn: today.adding(days: -Int.random(in: 5...130, using: &random)), pdmpResult: result,
                                              note: result == .concerns ? "A second prescriber in the last month; discussed with the patient" : ""))
        }
        if needsNaloxone, random.chance(0.7) {
            records.append(OpioidSafetyRecord(kind: .naloxone, recordedOn: today.adding(days: -Int.random(in: 10...300, using: &random)),
                                              naloxone: random.weighted([(.prescribed, 6), (.hasOne, 3), (.declined, 1)])))
        }
        return records
    }
}
