/// The demo's implanted devices: about one patient in forty has a spinal cord stimulator or an intrathecal pump put in
/// a year or two ago, with its programming and, for a pump, refills every six to eight weeks, the latest falling due
/// around now, so the refill worklist has rows.
public enum DemoImplants {
    public struct Device: Sendable {
        public let implant: Implant
        public let settings: [DeviceSetting]
        public let refills: [PumpRefill]
    }

    public static func generate(index: Int, seed: UInt64, today: CalendarDate) -> Device? {
        var random = SeededGenerator(seed: (seed &* 6_700_417) ^ UInt64(index) &+ 0x1A9)
        guard random.chance(0.025) else { return nil }
        let implanted = today.adding(days: -Int.random(in: 200...700, using: &random))
        if random.chance(0.6) {
            let implant = Implant(kind: .spinalCordStimulator, manufacturer: random.pick(["Abbott", "Boston Scientific", "Medtronic", "Nevro"]),
                                  model: random.pick(["Proclaim XR", "WaveWriter Alpha", "Intellis", "Senza Omnia"]),
                                  udi: "(01)00\(String(random.next() % 100_000_000_000, radix: 10))(21)SN\(random.next() % 1_000_000)",
                                  leadSites: "Two percutaneous leads, T8–T10", generatorSite: random.pick(["Right upper buttock", "Left upper buttock"]),
                                  implantedOn: implanted, trialOn: implanted.adding(days: -30), trialReliefPercent: Int.random(in: 55...85, using: &random),
                                  mri: .conditional)
            let settings = [DeviceSetting(recordedOn: implanted, program: "Program 1, tonic", amplitude: 4.5, pulseWidth: 300, rate: 60),
                            DeviceSetting(recordedOn: implanted.adding(days: 42), program: "Program 2, burst", amplitude: 1.2, pulseWidth: 1000, rate: 40)]
            return Device(implant: implant, settings: settings, refills: [])
        }
        let implant = Implant(kind: .intrathecalPump, manufacturer: "Medtronic", model: "SynchroMed II", udi: "(01)00643169(21)NGP\(random.next() % 1_000_000)",
                              leadSites: "Catheter tip T10", generatorSite: "Left lower abdomen", implantedOn: implanted, trialOn: implanted.adding(days: -21),
                              trialReliefPercent: Int.random(in: 60...90, using: &random), mri: .conditional)
        let dose = Double(Int.random(in: 2...6, using: &random))
        var refills: [PumpRefill] = []
        var day = implanted
        // Refills every 6–8 weeks until the next one falls due around today.
        while true {
            let next = day.adding(days: Int.random(in: 42...56, using: &random))
            refills.append(PumpRefill(refilledOn: day, drug: "morphine", concentration: 25, volume: 20, nextRefillOn: next, alarmOn: next.adding(days: 10)))
            guard next <= today.adding(days: -5) else { break }
            day = next
        }
        return Device(implant: implant, settings: [DeviceSetting(recordedOn: implanted, program: "Simple continuous", dailyDose: dose)],
                      refills: refills.reversed())
    }
}
