/// The rest of the multimodal plan (PRACTICE.md "Techniques"): therapies, medication management, complementary care
/// and surgical referral, delivered by the team or another facility rather than as a procedure.
extension InterventionCatalogue {
    private static let teamRisks: [GeneralRisk] = [.failure, .cost]

    private static func component(_ id: String, _ name: String, _ category: InterventionCategory, treats: [PainKind], regions: [BodyArea] = everywhere,
                                  evidence: EvidenceNote, specific: [String] = [], alternatives: [String], preparation: [String],
                                  aftercare: [String], followUp: [Int], onset: String, duration: String) -> Intervention {
        entry(id, name, category, regions: regions, purpose: .therapeutic, treats: treats, anaesthesia: noAnaesthesia, onset: onset, duration: duration,
              evidence: evidence, risks: teamRisks, specific: specific, alternatives: alternatives, preparation: preparation, aftercare: aftercare,
              followUp: followUp)
    }

    private static let complementaryEvidence = note(.mixed, "Helps some patients as part of a multimodal plan; the evidence varies by condition.", summary)

    static let components: [Intervention] = [
        component("physical-therapy", "Physical therapy", .therapy, treats: PainKind.allCases.filter { $0 != .cancer },
                  evidence: note(.established, "Physical therapy alongside injections gives better results and can prepare for or follow surgery.", practice),
                  specific: ["Soreness after sessions while muscles adapt"], alternatives: ["occupational-therapy", "chiropractic"],
                  preparation: ["Wear clothes you can move in."], aftercare: ["Do the home exercises between sessions."], followUp: [42],
                  onset: "Over weeks of regular sessions.", duration: "Lasting while the exercises continue."),
        component("occupational-therapy", "Occupational therapy", .therapy, treats: [.crps, .jointArthritis, .widespread, .chronic, .neuropathic, .radicular],
                  evidence: note(.established, "Adapts daily tasks and work so the patient returns to everyday activities.", practice),
                  alternatives: ["physical-therapy"], preparation: ["Bring a list of the daily tasks pain stops you doing."],
                  aftercare: ["Use the adaptations and pacing plan at home and at work."], followUp: [42],
                  onset: "Over weeks.", duration: "Lasting while the adaptations are used."),
        component("psychotherapy", "Psychotherapy or cognitive behavioural therapy", .therapy,
                  treats: [.chronic, .widespread, .crps, .cancer, .axial, .radicular, .myofascial, .headache, .neuropathic, .postLaminectomy],
                  evidence: note(.established, "Part of the multidisciplinary plan: coping, mood and sleep; a psychological evaluation comes before implants.", scsNCD),
                  alternatives: ["medication-management", "physical-therapy"], preparation: ["Think about what pain keeps you from doing."],
                  aftercare: ["Practise the skills between sessions."], followUp: [56], onset: "Over weeks of sessions.", duration: "Lasting skills."),
        component("medication-management", "Medication management", .medication, treats: PainKind.allCases,
                  evidence: note(.established, "Adjusts pain medicines towards the least that keeps the patient active; outcomes count less reliance on opioids.", practice),
                  specific: ["Side effects of the medicines; with opioids, tolerance, dependence and overdose"],
                  alternatives: ["physical-therapy", "psychotherapy"], preparation: ["Bring every medicine and supplement you take."],
                  aftercare: ["Take medicines only as agreed; keep them locked away.", "Tell us about side effects."], followUp: [28],
                  onset: "Days to weeks, medicine by medicine.", duration: "Reviewed at every visit."),
        component("acupuncture", "Acupuncture", .complementary, treats: [.axial, .myofascial, .headache, .jointArthritis, .widespread, .chronic],
                  evidence: complementaryEvidence, specific: ["Bruising or soreness where the needles went in"],
                  alternatives: ["massage", "physical-therapy"], preparation: ["Eat a light meal beforehand."], aftercare: ["Rest briefly after a session."],
                  followUp: [42], onset: "Over several sessions.", duration: "Varies."),
        component("massage", "Massage therapy", .complementary, treats: [.myofascial, .axial, .widespread, .headache],
                  evidence: complementaryEvidence, alternatives: ["physical-therapy", "acupuncture"], preparation: ["Tell the therapist where it hurts most."],
                  aftercare: ["Drink water and stretch gently afterwards."], followUp: [42], onset: "Within a session.", duration: "Days."),
        component("chiropractic", "Chiropractic care", .complementary, treats: [.axial, .facet, .sacroiliac, .headache], regions: spine + [.head],
                  evidence: complementaryEvidence, specific: ["Soreness for a day or two after an adjustment"],
                  alternatives: ["physical-therapy", "massage"], preparation: ["Bring your imaging reports."], aftercare: ["Keep up the exercises you are given."],
                  followUp: [42], onset: "Over several sessions.", duration: "Varies."),
        component("surgical-referral", "Referral to a spine or joint surgeon", .surgical,
                  treats: [.radicular, .stenosis, .compressionFracture, .jointArthritis, .discogenic],
                  evidence: note(.established, "When damage is bad enough for surgery, or injections and therapy have not helped.", practice),
                  specific: ["The surgeon explains the risks of surgery separately"], alternatives: ["physical-therapy", "esi-transforaminal-lumbar"],
                  preparation: ["Bring your imaging and the letter from us."], aftercare: ["We stay in touch with the surgeon and keep your plan up to date."],
                  followUp: [90], onset: "Depends on the surgeon's advice.", duration: "Depends on the surgery."),
    ]
}
