/// Relief's catalogue of the interventions a pain practice plans (PRACTICE.md "Techniques"), with REFERENCE §1a
/// bleeding-risk classes and §6 CPT codes. Plain-language texts are our own. `version` is stored with every plan
/// and decision so a later reader knows which catalogue spoke.
public enum InterventionCatalogue {
    public static let version = "2026.12"

    // Sources, by what they back.
    static let practice = ClinicalSource("PRACTICE.md “Techniques”", .secondary)
    private static let asra = ClinicalSource("REFERENCE §1a ASRA 2018 procedure bleeding-risk classes [S1][S2]", .primary)
    private static let asraUnlisted = ClinicalSource("REFERENCE §1a: not listed explicitly (2015 edition as commonly cited); verify", .unconfirmed)
    private static let codes = ClinicalSource("REFERENCE §6 CPT [S7][S8][S29]", .secondary)
    private static let codesBeyond = ClinicalSource("CPT code set; not in REFERENCE §6 yet, verify", .unconfirmed)
    private static let esiLCD = ClinicalSource("REFERENCE §2 ESI LCD L39240/A58993 [S8][S9]", .secondary)
    private static let facetLCD = ClinicalSource("REFERENCE §2 facet LCD L38801/A58403 [S7][S10]", .secondary)
    static let scsNCD = ClinicalSource("REFERENCE §4 Medicare NCD 160.7 [S16]", .primary)
    static let summary = ClinicalSource("Relief's summary; not in REFERENCE.md, verify", .unconfirmed)

    static let everywhere = BodyArea.allCases
    static let spine: [BodyArea] = [.cervical, .thoracic, .lumbar, .sacral]

    // Plain-language steps shared by several entries.
    private static let tellThinners = "Tell us every blood thinner, anti-inflammatory and supplement you take. Stop one only as we tell you, after we have checked with the doctor who prescribed it."
    private static let tellAllergies = "Tell us about allergies to contrast dye, numbing medicine, steroids, latex or skin antiseptic, and if you may be pregnant or have a fever or an infection."
    private static let driver = "Bring someone to drive you home."
    private static let sugar = "If you have diabetes, check your blood sugar more often for a few days: the steroid can raise it."
    private static let comeWithPain = "Come with your usual pain, so the effect of the block can be judged."
    private static let siteCare = "Keep the site clean and dry for a day; take the plaster off the next day."
    private static let easyDay = "Take it easy for the rest of the day and return to your usual activities the next day."
    private static let warnings = "Call us at once for fever, a red or swollen site, a severe headache, new weakness or numbness, or loss of bladder or bowel control."
    private static let diary = "Write down your pain every hour for six hours and each day after in the pain diary: it decides the next step."
    private static let keepMoving = "Keep up your exercises or physical therapy."
    private static let soreness = "Soreness for a few days is common; ice and your usual pain medicine help."
    private static let woundCare = "Keep the wound dry and covered until it is checked; no bathing or swimming until we say so."
    private static let noBending = "Avoid bending, twisting and lifting more than a few kilograms until we say so, so the leads stay in place."

    private static let localOnly = Anaesthesia.local
    private static let sedation = Anaesthesia.sedation
    private static let deepSedation = Anaesthesia.deepSedation
    static let noAnaesthesia = Anaesthesia.none

    private static func bill(_ regions: [BodyArea], _ perLevel: [(String, String)], once: [(String, String)] = [], _ bilateral: BilateralRule,
                             note: String? = nil, source: ClinicalSource = codes) -> Billing {
        func code(_ pair: (String, String)) -> BillingCode {
            BillingCode(code: pair.0.hasPrefix("+") ? String(pair.0.dropFirst()) : pair.0, label: pair.1, isAddOn: pair.0.hasPrefix("+"))
        }
        return Billing(regions: Set(regions), perLevel: perLevel.map(code), once: once.map(code), bilateral: bilateral, note: note, source: source)
    }

    static func entry(_ id: String, _ name: String, _ category: InterventionCategory, regions: [BodyArea], purpose: InterventionPurpose,
                              billing: [Billing] = [], treats: [PainKind], risk: SourcedValue<BleedingRisk>? = nil,
                              guidance: [ImageGuidance] = [.none], levels: LevelUnit? = nil, bilateral: BilateralRule = .noSide,
                              anaesthesia: Anaesthesia, onset: String, duration: String, evidence: EvidenceNote,
                              risks: [GeneralRisk] = GeneralRisk.procedure, specific: [String] = [], alternatives: [String],
                              preparation: [String], aftercare: [String], followUp: [Int], steroid: Bool = false, contrast: Bool = false,
                              local: Bool = false, implant: Bool = false, prerequisite: String? = nil, source: ClinicalSource = practice) -> Intervention {
        Intervention(id: id, name: name, category: category, regions: regions, purpose: purpose, billing: billing, indications: treats,
                     bleedingRisk: risk, guidance: guidance, levelUnit: levels, bilateral: bilateral, anaesthesia: anaesthesia, onset: onset,
                     duration: duration, evidence: evidence, generalRisks: risks, specificRisks: specific, alternatives: alternatives,
                     preparation: preparation, aftercare: aftercare, followUpDays: followUp, usesSteroid: steroid, usesContrast: contrast,
                     usesLocalAnaesthetic: local, isImplant: implant, prerequisite: prerequisite, source: source)
    }

    static func note(_ strength: EvidenceStrength, _ text: String, _ source: ClinicalSource) -> EvidenceNote {
        EvidenceNote(strength: strength, text: text, source: source)
    }

    // MARK: Epidural steroid injections

    private static let esiEvidence = note(.established, "Covered for radicular pain and neurogenic claudication when the examination and matching imaging agree; not for axial pain alone, CRPS or widespread pain (ESI LCD).", esiLCD)
    private static let esiOnset = "The numbing medicine works within minutes; the steroid over the following days."
    private static let esiDuration = "Weeks to months; more than one injection is often needed."
    private static let esiRisks = ["A headache if the needle punctures the sac of spinal fluid", "Steroid effects for a few days: flushing, poor sleep, raised blood sugar"]
    private static let esiPreparation = [tellThinners, tellAllergies, driver, sugar]
    private static let esiAftercare = [siteCare, easyDay, soreness, keepMoving, warnings]
    private static let esiAlternatives = ["physical-therapy", "medication-management", "selective-nerve-root-block", "surgical-referral"]

    private static func esi(_ id: String, _ name: String, _ region: [BodyArea], _ billing: Billing, levels: LevelUnit?, bilateral: BilateralRule,
                            treats: [PainKind] = [.radicular, .stenosis, .postLaminectomy], specific: [String] = []) -> Intervention {
        entry(id, name, .epiduralSteroid, regions: region, purpose: .therapeutic, billing: [billing], treats: treats,
              risk: SourcedValue(.intermediate, asra), guidance: [.fluoroscopy, .ct], levels: levels, bilateral: bilateral, anaesthesia: localOnly,
              onset: esiOnset, duration: esiDuration, evidence: esiEvidence, specific: esiRisks + specific,
              alternatives: esiAlternatives.filter { $0 != id }, preparation: esiPreparation, aftercare: esiAftercare, followUp: [14, 42],
              steroid: true, contrast: true, local: true)
    }

    private static let epidurals: [Intervention] = [
        esi("esi-interlaminar-cervical", "Cervical interlaminar epidural steroid injection", [.cervical],
            bill([.cervical], [("62321", "Interlaminar epidural injection, cervical or thoracic, with imaging")], .notAllowed), levels: .segment, bilateral: .notAllowed),
        esi("esi-interlaminar-thoracic", "Thoracic interlaminar epidural steroid injection", [.thoracic],
            bill([.thoracic], [("62321", "Interlaminar epidural injection, cervical or thoracic, with imaging")], .notAllowed), levels: .segment,
            bilateral: .notAllowed, treats: [.radicular, .postLaminectomy]),
        esi("esi-interlaminar-lumbar", "Lumbar interlaminar epidural steroid injection", [.lumbar],
            bill([.lumbar], [("62323", "Interlaminar epidural injection, lumbar or sacral, with imaging")], .notAllowed), levels: .segment, bilateral: .notAllowed),
        esi("esi-transforaminal-cervical", "Cervical transforaminal epidural steroid injection", [.cervical],
            bill([.cervical], [("64479", "Transforaminal epidural injection, cervical or thoracic, first level"), ("+64480", "each additional level")], .modifier50),
            levels: .segment, bilateral: .modifier50, treats: [.radicular],
            specific: ["Very rarely, injury to the spinal cord or a stroke if medicine enters an artery; a non-particulate steroid is used to lower this risk"]),
        esi("esi-transforaminal-lumbar", "Lumbar transforaminal epidural steroid injection", [.lumbar],
            bill([.lumbar], [("64483", "Transforaminal epidural injection, lumbar or sacral, first level"), ("+64484", "each additional level")], .modifier50),
            levels: .segment, bilateral: .modifier50,
            specific: ["Very rarely, injury to the spinal cord if medicine enters an artery supplying it"]),
        esi("esi-caudal", "Caudal epidural steroid injection", [.lumbar],
            bill([.lumbar], [("62323", "Caudal epidural injection, lumbar or sacral, with imaging")], .notAllowed), levels: nil, bilateral: .notAllowed),
    ]

    // MARK: Nerve, root and medial branch blocks; facet and sacroiliac joints

    private static let facetEvidence = note(.established, "Two medial branch blocks each with at least 80 % relief are the payer's test before radiofrequency ablation; covered for axial pain of at least 3 months with a functional deficit (facet LCD).", facetLCD)
    private static let blockAftercare = [diary, siteCare, easyDay, warnings]
    private static let facetAlternatives = ["physical-therapy", "medication-management", "chiropractic"]

    private static func facetBilling(_ region: BodyArea) -> Billing {
        region == .cervical
            ? bill([.cervical], [("64490", "Facet joint injection or medial branch block, cervical or thoracic, first level"), ("+64491", "second level"), ("+64492", "third and further levels")], .modifier50)
            : bill([.lumbar], [("64493", "Facet joint injection or medial branch block, lumbar or sacral, first level"), ("+64494", "second level"), ("+64495", "third and further levels")], .modifier50)
    }

    private static func facetRisk(_ region: BodyArea) -> SourcedValue<BleedingRisk> {
        SourcedValue(region == .cervical ? .intermediate : .low, asra)
    }

    private static func medialBranchBlock(_ region: BodyArea, _ word: String) -> Intervention {
        entry("medial-branch-block-\(word.lowercased())", "\(word) medial branch block", .facet, regions: [region], purpose: .diagnostic,
              billing: [facetBilling(region)], treats: [.facet, .axial], risk: facetRisk(region), guidance: [.fluoroscopy, .ct], levels: .segment,
              bilateral: .modifier50, anaesthesia: localOnly,
              onset: "Within minutes: the relief, if any, lasts as long as the numbing medicine (a few hours).",
              duration: "Hours: the block is a test, not a treatment.", evidence: facetEvidence,
              specific: ["Numbness or weakness while the numbing medicine lasts"],
              alternatives: ["facet-injection-\(word.lowercased())"] + facetAlternatives,
              preparation: [tellThinners, tellAllergies, comeWithPain, driver], aftercare: blockAftercare, followUp: [7], contrast: true, local: true)
    }

    private static func facetInjection(_ region: BodyArea, _ word: String) -> Intervention {
        entry("facet-injection-\(word.lowercased())", "\(word) facet joint injection", .facet, regions: [region], purpose: .both,
              billing: [facetBilling(region)], treats: [.facet, .axial], risk: facetRisk(region), guidance: [.fluoroscopy, .ct], levels: .segment,
              bilateral: .modifier50, anaesthesia: localOnly, onset: "Numbing medicine within minutes; the steroid over the following days.",
              duration: "Weeks to months when the joint is the source.",
              evidence: note(.established, "Covered as treatment only after two diagnostic blocks with at least 80 % relief, each repeat after at least 50 % relief for 3 months, and when ablation is not possible (facet LCD).", facetLCD),
              specific: ["Steroid effects for a few days: flushing, poor sleep, raised blood sugar"],
              alternatives: ["medial-branch-block-\(word.lowercased())", "facet-rfa-\(word.lowercased())"] + facetAlternatives,
              preparation: [tellThinners, tellAllergies, driver, sugar], aftercare: [diary, siteCare, easyDay, soreness, warnings], followUp: [14, 42],
              steroid: true, contrast: true, local: true)
    }

    private static func facetAblation(_ region: BodyArea, _ word: String) -> Intervention {
        let billing = region == .cervical
            ? bill([.cervical], [("64633", "Facet radiofrequency ablation, cervical or thoracic, first joint"), ("+64634", "each additional joint")], .modifier50)
            : bill([.lumbar], [("64635", "Facet radiofrequency ablation, lumbar or sacral, first joint"), ("+64636", "each additional joint")], .modifier50)
        return entry("facet-rfa-\(word.lowercased())", "\(word) facet radiofrequency ablation (rhizotomy)", .radiofrequency, regions: [region],
                     purpose: .therapeutic, billing: [billing], treats: [.facet, .axial], risk: facetRisk(region), guidance: [.fluoroscopy, .ct],
                     levels: .segment, bilateral: .modifier50, anaesthesia: sedation,
                     onset: "Over two to four weeks, after a sore spell while the treated nerves settle.",
                     duration: "Months to years; the nerves grow back and it can then be repeated.",
                     evidence: note(.established, "Covered after two medial branch blocks each with at least 80 % relief; a repeat after at least 50 % relief for 6 months; thermal ablation above 80 °C only (facet LCD).", facetLCD),
                     specific: ["Numbness or burning of the skin over the treated area for a few weeks", "The treated muscles of the spine lose part of their nerve supply"],
                     alternatives: ["facet-injection-\(word.lowercased())"] + facetAlternatives,
                     preparation: [tellThinners, tellAllergies, driver], aftercare: [siteCare, easyDay, soreness, keepMoving, warnings],
                     followUp: [28, 90, 180], local: true)
    }

    private static let blocks: [Intervention] = [
        entry("selective-nerve-root-block", "Selective nerve root block", .nerveBlock, regions: spine, purpose: .both,
              billing: [bill([.cervical, .thoracic], [("64479", "Transforaminal injection, cervical or thoracic, first level"), ("+64480", "each additional level")], .modifier50),
                        bill([.lumbar, .sacral], [("64483", "Transforaminal injection, lumbar or sacral, first level"), ("+64484", "each additional level")], .modifier50)],
              treats: [.radicular], risk: SourcedValue(.intermediate, asra), guidance: [.fluoroscopy, .ct], levels: .segment, bilateral: .modifier50,
              anaesthesia: localOnly, onset: "Within minutes: numbness along the root shows whether it carries the pain.",
              duration: "Hours as a test; weeks to months when a steroid is added.",
              evidence: note(.established, "Shows which nerve root carries the pain, before surgery or further treatment.", practice),
              specific: ["Numbness or weakness of the limb while the numbing medicine lasts"],
              alternatives: ["esi-transforaminal-lumbar", "physical-therapy", "surgical-referral"],
              preparation: [tellThinners, tellAllergies, comeWithPain, driver], aftercare: blockAftercare, followUp: [7], contrast: true, local: true),
        medialBranchBlock(.cervical, "Cervical"),
        medialBranchBlock(.lumbar, "Lumbar"),
        facetInjection(.cervical, "Cervical"),
        facetInjection(.lumbar, "Lumbar"),
        facetAblation(.cervical, "Cervical"),
        facetAblation(.lumbar, "Lumbar"),
        entry("si-joint-injection", "Sacroiliac joint injection", .sacroiliac, regions: [.sacral], purpose: .both,
              billing: [bill([.sacral], [("27096", "Sacroiliac joint injection with imaging")], .modifier50,
                             note: "Medicare may ask for G0259/G0260; without imaging bill 20552.")],
              treats: [.sacroiliac], risk: SourcedValue(.low, ClinicalSource("REFERENCE §1a joint injections; SI joint explicitly: verify", .unconfirmed)),
              guidance: [.fluoroscopy, .ct, .ultrasound], bilateral: .modifier50, anaesthesia: localOnly,
              onset: "Numbing medicine within minutes; the steroid over the following days.", duration: "Weeks to months.",
              evidence: note(.established, "Identifies and treats pain from the sacroiliac joint.", practice),
              specific: ["Numbness or weakness of the leg for a few hours", "Steroid effects for a few days: flushing, poor sleep, raised blood sugar"],
              alternatives: ["si-joint-rfa", "physical-therapy", "chiropractic", "medication-management"],
              preparation: [tellThinners, tellAllergies, driver, sugar], aftercare: [diary, siteCare, easyDay, soreness, warnings], followUp: [14, 42],
              steroid: true, contrast: true, local: true),
    ]

    // MARK: Radiofrequency, soft tissue, sympathetic and peripheral blocks

    private static let nerveProcedures: [Intervention] = [
        entry("si-joint-rfa", "Sacroiliac joint radiofrequency ablation", .radiofrequency, regions: [.sacral], purpose: .therapeutic,
              billing: [bill([.sacral], [("64625", "Radiofrequency ablation of the sacroiliac joint nerves")], .modifier50, source: codesBeyond)],
              treats: [.sacroiliac], risk: SourcedValue(.low, asraUnlisted), guidance: [.fluoroscopy], bilateral: .modifier50, anaesthesia: sedation,
              onset: "Over two to four weeks.", duration: "Months; it can be repeated when the nerves grow back.",
              evidence: note(.mixed, "Results vary between trials; payers often ask for successful diagnostic blocks first.", summary),
              specific: ["Numbness or burning of the skin over the buttock for a few weeks"],
              alternatives: ["si-joint-injection", "physical-therapy"], preparation: [tellThinners, tellAllergies, driver],
              aftercare: [siteCare, easyDay, soreness, keepMoving, warnings], followUp: [28, 90, 180], local: true),
        entry("pulsed-rf", "Pulsed radiofrequency neurotomy", .radiofrequency, regions: everywhere.filter { $0 != .widespread }, purpose: .therapeutic,
              billing: [bill(everywhere, [("64999", "Unlisted nervous system procedure")], .modifier50, note: "Usually billed as unlisted; check the payer first.", source: codesBeyond)],
              treats: [.radicular, .neuropathic, .headache, .jointArthritis], risk: SourcedValue(.intermediate, asraUnlisted),
              guidance: [.fluoroscopy, .ultrasound], bilateral: .modifier50, anaesthesia: localOnly,
              onset: "Over one to three weeks.", duration: "Weeks to months; results vary.",
              evidence: note(.limited, "Pulsed current disrupts nerve signalling with less heat; payers do not cover it for facet pain (thermal ablation above 80 °C only).", facetLCD),
              specific: ["Soreness or burning at the treated nerve for some days"],
              alternatives: ["selective-nerve-root-block", "medication-management", "physical-therapy"],
              preparation: [tellThinners, tellAllergies, driver], aftercare: [siteCare, easyDay, soreness, warnings], followUp: [28, 90], local: true),
        entry("trigger-point-injection", "Trigger point injection", .softTissue, regions: everywhere, purpose: .therapeutic,
              billing: [bill(everywhere, [("20552", "Trigger point injection, one or two muscles")], .noSide, note: "20553 for three or more muscles.")],
              treats: [.myofascial, .headache], risk: SourcedValue(.low, asra), anaesthesia: noAnaesthesia,
              onset: "Within minutes to a day.", duration: "Days to weeks; best combined with stretching and therapy.",
              evidence: note(.established, "Relieves muscle knots of myofascial pain and tension headaches.", practice),
              risks: [.infection, .bleeding, .allergy, .failure, .painFlare, .cost, .dependency],
              specific: ["Soreness and bruising of the muscle", "Over the chest wall, rarely a collapsed lung"],
              alternatives: ["physical-therapy", "massage", "acupuncture", "medication-management"],
              preparation: [tellThinners, tellAllergies], aftercare: ["Stretch the treated muscles gently each day.", soreness, keepMoving], followUp: [14],
              local: true),
        entry("stellate-ganglion-block", "Stellate ganglion block", .sympathetic, regions: [.cervical, .head, .upperLimb], purpose: .both,
              billing: [bill([.cervical, .head, .upperLimb], [("64510", "Stellate ganglion block")], .notAllowed)],
              treats: [.crps, .neuropathic], risk: SourcedValue(.intermediate, ClinicalSource("REFERENCE §1a sympathetic blocks; stellate explicitly: verify", .unconfirmed)),
              guidance: [.ultrasound, .fluoroscopy], bilateral: .notAllowed, anaesthesia: localOnly,
              onset: "Within minutes: the arm warms when the block works.", duration: "Hours to weeks; a series is often needed.",
              evidence: note(.established, "A sympathetic block for pain of the head, neck and arm, such as CRPS of the arm.", practice),
              specific: ["Hoarseness, a lump feeling when swallowing, a droopy eyelid and a red eye on that side for some hours",
                         "Rarely, a seizure or breathing trouble if medicine enters a blood vessel or spreads"],
              alternatives: ["physical-therapy", "occupational-therapy", "medication-management", "scs-trial"],
              preparation: [tellThinners, tellAllergies, driver, "Do not eat for a few hours before, as swallowing may feel odd afterwards."],
              aftercare: ["Eat and drink only once swallowing feels normal.", diary, easyDay, warnings], followUp: [7, 28], contrast: true, local: true),
        entry("occipital-nerve-block", "Occipital nerve block", .nerveBlock, regions: [.head], purpose: .both,
              billing: [bill([.head], [("64405", "Greater occipital nerve block")], .modifier50, source: codesBeyond)],
              treats: [.headache], risk: SourcedValue(.low, ClinicalSource("REFERENCE §1a peripheral nerve blocks [S1]", .primary)),
              guidance: [.none, .ultrasound], bilateral: .modifier50, anaesthesia: noAnaesthesia,
              onset: "Within minutes.", duration: "Days to weeks.",
              evidence: note(.established, "A block near the nerve at the back of the head, for headaches it carries.", practice),
              risks: [.infection, .bleeding, .allergy, .failure, .painFlare, .cost, .dependency],
              specific: ["Numbness of the scalp for some hours", "Light-headedness shortly after"],
              alternatives: ["trigger-point-injection", "medication-management", "physical-therapy", "acupuncture"],
              preparation: [tellThinners, tellAllergies], aftercare: [diary, soreness], followUp: [14], steroid: true, local: true),
    ]

    // MARK: Disc procedures and vertebral augmentation

    private static let discRisk = SourcedValue(BleedingRisk.intermediate, ClinicalSource("REFERENCE §1a intradiscal procedures: intermediate in the 2015 edition; verify", .unconfirmed))
    private static let discAftercare = [siteCare, easyDay, soreness, warnings]

    private typealias Codes = [(String, String)]
    private static let augmentations: [(String, String, thoracic: Codes, lumbar: Codes)] = [
        ("vertebroplasty", "Vertebroplasty", [("22510", "Vertebroplasty, cervicothoracic, first level"), ("+22512", "each additional level")],
         [("22511", "Vertebroplasty, lumbosacral, first level"), ("+22512", "each additional level")]),
        ("kyphoplasty", "Kyphoplasty", [("22513", "Kyphoplasty, thoracic, first level"), ("+22515", "each additional level")],
         [("22514", "Kyphoplasty, lumbar, first level"), ("+22515", "each additional level")]),
    ]

    private static let discs: [Intervention] = [
        entry("discography-lumbar", "Lumbar discography", .disc, regions: [.lumbar], purpose: .diagnostic,
              billing: [bill([.lumbar], [("62290", "Discography injection, lumbar, each level")], once: [("72295", "Discography imaging supervision, lumbar")], .noSide)],
              treats: [.discogenic], risk: discRisk, guidance: [.fluoroscopy, .ct], levels: .segment, anaesthesia: sedation,
              onset: "During the test: whether injecting a disc reproduces the usual pain.", duration: "A test; no lasting relief is expected.",
              evidence: note(.mixed, "Contrast in the disc under x-ray or CT shows whether a disc is the source; a painful disc does not always predict the result of surgery.", summary),
              specific: ["Infection of the disc", "Pain reproduced during the test and for some days"],
              alternatives: ["physical-therapy", "surgical-referral"], preparation: [tellThinners, tellAllergies, driver],
              aftercare: discAftercare, followUp: [7], contrast: true, local: true),
        entry("idet", "Intradiscal electrothermal annuloplasty (IDET)", .disc, regions: [.lumbar], purpose: .therapeutic,
              billing: [bill([.lumbar], [("22526", "Intradiscal electrothermal annuloplasty, one level"), ("+22527", "each additional level")], .noSide, source: codesBeyond)],
              treats: [.discogenic], risk: discRisk, guidance: [.fluoroscopy], levels: .segment, anaesthesia: sedation,
              onset: "Over weeks.", duration: "Small and short-lived gains in later studies.",
              evidence: note(.noBenefit, "Popular until about 2004; later studies showed small short-term gains and no benefit at one year.", practice),
              specific: ["Infection of the disc", "Injury to a nerve from the heated catheter"],
              alternatives: ["physical-therapy", "psychotherapy", "surgical-referral"], preparation: [tellThinners, tellAllergies, driver],
              aftercare: discAftercare, followUp: [14, 90], contrast: true, local: true),
        entry("chemonucleolysis", "Chemonucleolysis", .disc, regions: [.lumbar], purpose: .therapeutic,
              billing: [bill([.lumbar], [("62292", "Injection procedure for chemonucleolysis, lumbar")], .noSide, source: codesBeyond)],
              treats: [.radicular, .discogenic], risk: discRisk, guidance: [.fluoroscopy], levels: .segment, anaesthesia: sedation,
              onset: "Over weeks.", duration: "Months to years when it works.",
              evidence: note(.limited, "An enzyme (chymopapain) dissolves part of a herniated disc; better results for mild bulging than for severe or multi-level damage.", practice),
              specific: ["A severe allergic reaction to the enzyme", "Back muscle spasm for some days"],
              alternatives: ["esi-transforaminal-lumbar", "percutaneous-discectomy", "surgical-referral"], preparation: [tellThinners, tellAllergies, driver],
              aftercare: discAftercare, followUp: [14, 90], contrast: true, local: true),
        entry("percutaneous-discectomy", "Percutaneous (laser) discectomy", .disc, regions: [.lumbar], purpose: .therapeutic,
              billing: [bill([.lumbar], [("62287", "Percutaneous decompression of the nucleus pulposus, lumbar")], .noSide, source: codesBeyond)],
              treats: [.radicular, .discogenic], risk: SourcedValue(.high, ClinicalSource("REFERENCE §1a percutaneous decompression is high risk [S2]; discectomy explicitly: verify", .unconfirmed)),
              guidance: [.fluoroscopy], levels: .segment, anaesthesia: sedation,
              onset: "Over days to weeks.", duration: "Months to years when it works.",
              evidence: note(.mixed, "Removes or vaporises a small part of a damaged disc; suited to contained herniations.", summary),
              specific: ["Infection of the disc", "Injury to the nerve root"],
              alternatives: ["esi-transforaminal-lumbar", "chemonucleolysis", "surgical-referral"], preparation: [tellThinners, tellAllergies, driver],
              aftercare: discAftercare, followUp: [14, 90], contrast: true, local: true),
    ] + augmentations.map { id, name, thoracic, lumbar in
        entry(id, name, .vertebralAugmentation, regions: [.thoracic, .lumbar], purpose: .therapeutic,
              billing: [bill([.thoracic], thoracic, .noSide), bill([.lumbar], lumbar, .noSide)],
              treats: [.compressionFracture, .cancer], risk: SourcedValue(.high, asra), guidance: [.fluoroscopy, .ct], levels: .vertebra,
              anaesthesia: deepSedation, onset: "Within days.", duration: "Lasting, once the fracture is stable.",
              evidence: note(.mixed, "Cement stabilises a compression fracture; sham-controlled trials found less benefit than open studies.", summary),
              specific: ["Cement leaking out of the bone, rarely onto nerves or into veins to the lungs", "Fractures of neighbouring vertebrae later"],
              alternatives: ["medication-management", "physical-therapy", "surgical-referral"],
              preparation: [tellThinners, tellAllergies, driver, "Do not eat or drink for six hours before."],
              aftercare: ["Lie flat for an hour afterwards; walk the same day.", siteCare, soreness, warnings, "Ask about treatment for thin bones (osteoporosis)."],
              followUp: [7, 42])
    }

    // MARK: Implants

    private static let implantRisk = SourcedValue(BleedingRisk.high, asra)
    private static let implants: [Intervention] = [
        entry("scs-trial", "Spinal cord stimulator trial", .neuromodulation, regions: everywhere.filter { $0 != .head }, purpose: .diagnostic,
              billing: [bill(everywhere, [("63650", "Percutaneous stimulator lead, each lead")], .noSide)],
              treats: [.postLaminectomy, .crps, .neuropathic, .radicular], risk: implantRisk, guidance: [.fluoroscopy], anaesthesia: sedation,
              onset: "Right away: the stimulation covers the pain or it does not.", duration: "The trial lasts several days; then the leads come out.",
              evidence: note(.established, "A successful temporary trial (at least 50 % relief with stable or less pain medicine) comes before a permanent implant; after other treatments fail (NCD 160.7).", scsNCD),
              specific: ["The leads can move and stop covering the pain", "A headache from a spinal fluid leak"],
              alternatives: ["physical-therapy", "psychotherapy", "medication-management", "intrathecal-pump-trial"],
              preparation: [tellThinners, tellAllergies, driver, "Keep a diary of pain, activity and medicines during the trial."],
              aftercare: [noBending, woundCare, "Record your pain, activity and medicine use each day of the trial.", warnings], followUp: [7]),
        entry("scs-implant", "Spinal cord stimulator implant", .neuromodulation, regions: everywhere.filter { $0 != .head }, purpose: .therapeutic,
              billing: [bill(everywhere, [("63650", "Percutaneous stimulator lead, each lead")], once: [("63685", "Stimulator generator")], .noSide,
                             note: "63655 for a paddle lead.")],
              treats: [.postLaminectomy, .crps, .neuropathic, .radicular], risk: implantRisk, guidance: [.fluoroscopy], anaesthesia: deepSedation,
              onset: "From the first programming.", duration: "Years; the battery is replaced or recharged.",
              evidence: note(.established, "Covered as a last resort after a successful trial and a multidisciplinary screening that includes a psychological evaluation (NCD 160.7).", scsNCD),
              specific: ["Lead movement or breakage needing another operation", "Infection of the device, which may need its removal",
                         "Pain where the battery sits", "MRI scans only under the device's conditions"],
              alternatives: ["physical-therapy", "psychotherapy", "medication-management", "intrathecal-pump-trial"],
              preparation: [tellThinners, tellAllergies, driver, "Do not eat or drink for six hours before.", "Wash with the antiseptic soap we give you the night before."],
              aftercare: [noBending, woundCare, "Carry the device card and remote; tell every doctor you have a stimulator.", warnings],
              followUp: [14, 42, 90], implant: true, prerequisite: "scs-trial"),
        entry("intrathecal-pump-trial", "Intrathecal pump trial", .intrathecal, regions: everywhere, purpose: .diagnostic,
              billing: [bill(everywhere, [("62323", "Subarachnoid injection, lumbar, with imaging")], .noSide, note: "62350 when a trial catheter is placed.", source: codesBeyond)],
              treats: [.cancer, .postLaminectomy, .crps, .widespread], risk: SourcedValue(.high, ClinicalSource("REFERENCE §1a intrathecal catheter is high risk; single-shot trial: verify", .unconfirmed)),
              guidance: [.fluoroscopy], anaesthesia: localOnly,
              onset: "Within hours of the test dose.", duration: "Hours to days: a test of the medicine in the spinal fluid.",
              evidence: note(.established, "Medicine into the spinal fluid for severe pain not helped otherwise, with fewer side effects elsewhere in the body; a trial comes first.", practice),
              specific: ["A headache from a spinal fluid leak", "Effects of the test dose: itching, nausea, drowsiness, slowed breathing (watched closely)"],
              alternatives: ["medication-management", "scs-trial", "psychotherapy"], preparation: [tellThinners, tellAllergies, driver, "Plan to stay for monitoring after the test dose."],
              aftercare: ["Someone must stay with you the first night.", siteCare, warnings], followUp: [1, 7], local: true),
        entry("intrathecal-pump-implant", "Intrathecal pump implant", .intrathecal, regions: everywhere, purpose: .therapeutic,
              billing: [bill(everywhere, [("62350", "Intrathecal catheter, without laminectomy")], once: [("62362", "Programmable intrathecal pump")], .noSide)],
              treats: [.cancer, .postLaminectomy, .crps, .widespread], risk: implantRisk, guidance: [.fluoroscopy], anaesthesia: deepSedation,
              onset: "Within days, as the dose is adjusted.", duration: "Years, with refills every few weeks or months.",
              evidence: note(.established, "For severe pain not helped otherwise, after a successful trial.", practice),
              specific: ["Overdose or withdrawal if the pump or catheter fails", "A mass at the catheter tip (granuloma)",
                         "A spinal fluid leak or infection of the pump pocket"],
              alternatives: ["medication-management", "scs-trial", "psychotherapy"],
              preparation: [tellThinners, tellAllergies, driver, "Do not eat or drink for six hours before."],
              aftercare: [woundCare, "Keep every refill appointment: an empty pump causes withdrawal.", "Carry the pump card; tell every doctor you have a pump.", warnings],
              followUp: [14, 42, 90], implant: true, prerequisite: "intrathecal-pump-trial"),
        entry("intrathecal-pump-refill", "Intrathecal pump refill", .intrathecal, regions: everywhere, purpose: .therapeutic,
              billing: [bill(everywhere, [("95990", "Pump refill and maintenance")], .noSide, note: "Do not bill 62367–62370 (analysis and programming) with the refill codes.")],
              treats: [.cancer, .postLaminectomy, .crps, .widespread],
              risk: SourcedValue(.low, ClinicalSource("REFERENCE §1a pump replacement is low risk; refill explicitly: verify", .unconfirmed)), anaesthesia: noAnaesthesia,
              onset: "Continues the current treatment.", duration: "Until the next refill.",
              evidence: note(.established, "Keeps an implanted pump supplied.", practice), risks: [.infection, .allergy, .failure, .cost],
              specific: ["Medicine injected outside the pump by mistake, causing an overdose; each refill is checked step by step", "Infection where the needle goes in"],
              alternatives: ["medication-management"], preparation: ["Bring your pump card."],
              aftercare: ["Call us at once for drowsiness, slow breathing, itching, sweating or shakes after a refill."], followUp: [28], prerequisite: "intrathecal-pump-implant"),
    ]

    public static let all: [Intervention] = epidurals + blocks + nerveProcedures + discs + implants + components

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func intervention(_ id: String) -> Intervention? { byID[id] }

    /// The catalogue entries that treat any of `patterns` somewhere in `areas`, procedures first, in catalogue order.
    public static func candidates(for patterns: Set<PainKind>, in areas: Set<BodyArea>) -> [Intervention] {
        let matching = all.filter { entry in !patterns.isDisjoint(with: entry.indications) && !areas.isDisjoint(with: entry.regions) }
        return matching.filter(\.isProcedure) + matching.filter { !$0.isProcedure }
    }
}
