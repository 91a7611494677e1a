/// The vital signs a nurse takes at each demo visit: the patient's own blood pressure, pulse and build, varying a
/// little visit to visit; height only at the first visit, temperature when a procedure could follow. Ranges are the
/// adult ones a pain clinic sees, not a statement about any population.
public enum DemoVitals {
    public static func generate(index: Int, seed: UInt64, male: Bool, visits: [CalendarDate]) -> [VitalSignsEntry] {
        var random = SeededGenerator(seed: (seed &* 6_151) ^ UInt64(index) &+ 0x517A)
        let height = Double(male ? Int.random(in: 64...74, using: &random) : Int.random(in: 59...69, using: &random))
        // Weight from a body mass index of 20 to 38: 703 × lb / in² is the index in pounds and inches.
        let weight = (Double.random(in: 20...38, using: &random) * height * height / 703).rounded()
        let systolic = Int.random(in: 110...150, using: &random), diastolic = Int.random(in: 65...90, using: &random)
        let pulse = Int.random(in: 58...90, using: &random)
        return visits.enumerated().map { number, day in
            var set = VitalSignsEntry(takenOn: day, takenAt: ClockTime(hour: Int.random(in: 8...15, using: &random), minute: 5 * Int.random(in: 0...11, using: &random)))
            let today = systolic + Int.random(in: -8...8, using: &random)
            set.systolic = today
            set.diastolic = min(diastolic + Int.random(in: -5...5, using: &random), today - 25)
            set.heartRate = pulse + Int.random(in: -6...6, using: &random)
            set.oxygenSaturation = Int.random(in: 95...99, using: &random)
            set.weight = weight + Double(Int.random(in: -4...4, using: &random))
            if number == 0 { set.height = height }
            if random.chance(0.4) { set.temperature = Double(Int.random(in: 976...988, using: &random)) / 10 }
            return set
        }
    }
}
