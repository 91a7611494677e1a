/// The demo's consents: one per procedure in an active plan, its text written from the patient's own facts. A
/// procedure whose day has come was consented a few days before it; of those still ahead (a third of recent plans),
/// half are signed and co-signed, half wait for the patient.
public enum DemoConsents {
    public struct Consent: Sendable {
        public let terms: ConsentTerms
        public let document: ConsentDocument
        public let status: ConsentStatus
        public let preparedOn: CalendarDate
        public let answeredOn: CalendarDate?
    }

    public static func consents(index: Int, seed: UInt64, plan: CarePlanContent, facts: PatientFacts, criteria: DecisionCriteria = DecisionCriteria(),
                                today: CalendarDate) -> [Consent] {
        var random = SeededGenerator(seed: (seed &* 15_485_863) ^ UInt64(index) &+ 0xC0A5)
        return plan.sequenced.compactMap { component in
            guard let site = component.site, site.intervention.isProcedure else { return nil }
            var planned = component.startOn ?? plan.startOn
            // Some recent plans have their procedure (or its next session) still to come, consent pending or given.
            if planned <= today, today.daysSince(planned) < 120, random.chance(0.35) { planned = today.adding(days: 3 + Int(random.next() % 12)) }
            let prepared = min(planned, today).adding(days: -7)
            let decision = DecisionSupport.decide(Candidate(site, on: planned), for: facts, criteria: criteria)
            let signed = planned <= today || random.chance(0.5)
            return Consent(terms: ConsentTerms(site: site, plannedOn: planned, validUntil: planned.adding(days: ConsentTerms.defaultDays), sessions: 1),
                           document: ConsentDocument(for: decision, facts: facts), status: signed ? .active : .proposed, preparedOn: prepared,
                           answeredOn: signed ? prepared.adding(days: 3) : nil)
        }
    }
}
