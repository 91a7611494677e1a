/// Relief's own curated drug list: the classes that matter to a pain practice (REFERENCE §1 and §3, issue 3).
/// Entries not on it are kept as free text and classified by nobody, which the chart says.
public enum DrugCatalogue {
    private static let cdc2022 = "CDC 2022 MME conversion factors, REFERENCE §3 [S11]"
    private static let cdcOlder = "Older CDC/CMS analytic file, REFERENCE §3 [S12]; not in the 2022 table"

    private static func opioid(_ id: String, _ name: String, _ others: [String], factor: Double, basis: MMEBasis = .milligram,
                               source: String = cdc2022, evidence: Evidence = .primary, note: String? = nil) -> Drug {
        Drug(id: id, name: name, otherNames: others, classes: [.opioid],
             mme: MMEFactor(factor: factor, basis: basis, source: ClinicalSource(source, evidence)), strengthNote: note)
    }

    private static func drug(_ id: String, _ name: String, _ others: [String] = [], _ classes: Set<DrugClass>) -> Drug {
        Drug(id: id, name: name, otherNames: others, classes: classes, mme: nil, strengthNote: nil)
    }

    public static let all: [Drug] = [
        // Opioids with their CDC 2022 factor.
        opioid("codeine", "Codeine", ["Tylenol with Codeine"], factor: 0.15, note: "Strength of codeine"),
        opioid("fentanyl-transdermal", "Fentanyl transdermal patch", ["Duragesic"], factor: 2.4, basis: .microgramPerHour,
               note: "Strength in mcg/h; count patches worn at once as the units per dose"),
        opioid("fentanyl-buccal", "Fentanyl buccal, sublingual or lozenge", ["Fentora", "Abstral", "Actiq"], factor: 0.13,
               basis: .microgram, source: cdcOlder, evidence: .secondary, note: "Strength in mcg"),
        opioid("fentanyl-nasal", "Fentanyl nasal spray", ["Lazanda"], factor: 0.16, basis: .microgram, source: cdcOlder,
               evidence: .secondary, note: "Strength in mcg"),
        opioid("hydrocodone", "Hydrocodone", ["Norco", "Vicodin", "Hysingla", "Zohydro", "hydrocodone/acetaminophen"],
               factor: 1, note: "Strength of hydrocodone (5 for 5/325)"),
        opioid("hydromorphone", "Hydromorphone", ["Dilaudid", "Exalgo"], factor: 5),
        opioid("methadone", "Methadone", ["Dolophine", "Methadose"], factor: 4.7),
        opioid("morphine", "Morphine", ["MS Contin", "Kadian"], factor: 1),
        opioid("oxycodone", "Oxycodone", ["OxyContin", "Roxicodone", "Percocet", "oxycodone/acetaminophen", "Xtampza"],
               factor: 1.5, note: "Strength of oxycodone (5 for 5/325)"),
        opioid("oxymorphone", "Oxymorphone", ["Opana"], factor: 3),
        opioid("tapentadol", "Tapentadol", ["Nucynta"], factor: 0.4),
        opioid("tramadol", "Tramadol", ["Ultram", "Ultracet", "tramadol/acetaminophen"], factor: 0.2),
        // CDC gives no MME factor for buprenorphine: it is listed, classed, and its MME reported as not computable.
        drug("buprenorphine", "Buprenorphine", ["Butrans", "Belbuca", "Suboxone", "Subutex"], [.opioid]),

        drug("warfarin", "Warfarin", ["Coumadin", "Jantoven"], [.anticoagulant]),
        drug("apixaban", "Apixaban", ["Eliquis"], [.anticoagulant]),
        drug("rivaroxaban", "Rivaroxaban", ["Xarelto"], [.anticoagulant]),
        drug("dabigatran", "Dabigatran", ["Pradaxa"], [.anticoagulant]),
        drug("edoxaban", "Edoxaban", ["Savaysa"], [.anticoagulant]),
        drug("enoxaparin", "Enoxaparin", ["Lovenox"], [.anticoagulant]),
        drug("dalteparin", "Dalteparin", ["Fragmin"], [.anticoagulant]),
        drug("heparin", "Heparin (unfractionated)", [], [.anticoagulant]),
        drug("fondaparinux", "Fondaparinux", ["Arixtra"], [.anticoagulant]),

        drug("aspirin", "Aspirin", ["ASA", "Ecotrin", "Bayer"], [.antiplatelet, .nsaid]),
        drug("clopidogrel", "Clopidogrel", ["Plavix"], [.antiplatelet]),
        drug("prasugrel", "Prasugrel", ["Effient"], [.antiplatelet]),
        drug("ticagrelor", "Ticagrelor", ["Brilinta"], [.antiplatelet]),
        drug("cilostazol", "Cilostazol", ["Pletal"], [.antiplatelet]),
        drug("dipyridamole", "Dipyridamole", ["Persantine", "Aggrenox"], [.antiplatelet]),

        drug("ibuprofen", "Ibuprofen", ["Advil", "Motrin"], [.nsaid]),
        drug("naproxen", "Naproxen", ["Aleve", "Naprosyn"], [.nsaid]),
        drug("meloxicam", "Meloxicam", ["Mobic"], [.nsaid]),
        drug("diclofenac", "Diclofenac", ["Voltaren", "Arthrotec"], [.nsaid]),
        drug("celecoxib", "Celecoxib", ["Celebrex"], [.nsaid]),
        drug("ketorolac", "Ketorolac", ["Toradol"], [.nsaid]),
        drug("indomethacin", "Indomethacin", ["Indocin"], [.nsaid]),
        drug("etodolac", "Etodolac", ["Lodine"], [.nsaid]),
        drug("nabumetone", "Nabumetone", ["Relafen"], [.nsaid]),

        drug("gabapentin", "Gabapentin", ["Neurontin", "Gralise"], [.gabapentinoid]),
        drug("pregabalin", "Pregabalin", ["Lyrica"], [.gabapentinoid]),

        drug("duloxetine", "Duloxetine", ["Cymbalta"], [.snri]),
        drug("venlafaxine", "Venlafaxine", ["Effexor"], [.snri]),
        drug("desvenlafaxine", "Desvenlafaxine", ["Pristiq"], [.snri]),
        drug("milnacipran", "Milnacipran", ["Savella"], [.snri]),
        drug("amitriptyline", "Amitriptyline", ["Elavil"], [.tca]),
        drug("nortriptyline", "Nortriptyline", ["Pamelor"], [.tca]),
        drug("imipramine", "Imipramine", ["Tofranil"], [.tca]),
        drug("desipramine", "Desipramine", ["Norpramin"], [.tca]),
        drug("sertraline", "Sertraline", ["Zoloft"], [.ssri]),
        drug("fluoxetine", "Fluoxetine", ["Prozac"], [.ssri]),
        drug("citalopram", "Citalopram", ["Celexa"], [.ssri]),
        drug("escitalopram", "Escitalopram", ["Lexapro"], [.ssri]),
        drug("paroxetine", "Paroxetine", ["Paxil"], [.ssri]),

        drug("cyclobenzaprine", "Cyclobenzaprine", ["Flexeril", "Amrix"], [.muscleRelaxant]),
        drug("tizanidine", "Tizanidine", ["Zanaflex"], [.muscleRelaxant]),
        drug("baclofen", "Baclofen", ["Lioresal"], [.muscleRelaxant]),
        drug("methocarbamol", "Methocarbamol", ["Robaxin"], [.muscleRelaxant]),
        drug("carisoprodol", "Carisoprodol", ["Soma"], [.muscleRelaxant]),
        drug("metaxalone", "Metaxalone", ["Skelaxin"], [.muscleRelaxant]),

        drug("alprazolam", "Alprazolam", ["Xanax"], [.benzodiazepine]),
        drug("lorazepam", "Lorazepam", ["Ativan"], [.benzodiazepine]),
        drug("clonazepam", "Clonazepam", ["Klonopin"], [.benzodiazepine]),
        drug("diazepam", "Diazepam", ["Valium"], [.benzodiazepine]),
        drug("temazepam", "Temazepam", ["Restoril"], [.benzodiazepine]),

        drug("fish-oil", "Fish oil (omega-3)", ["omega-3"], [.bleedingSupplement]),
        drug("garlic", "Garlic supplement", [], [.bleedingSupplement]),
        drug("ginkgo", "Ginkgo biloba", ["ginkgo"], [.bleedingSupplement]),
        drug("ginseng", "Ginseng", [], [.bleedingSupplement]),
        drug("vitamin-e", "Vitamin E", [], [.bleedingSupplement]),
        drug("danshen", "Danshen", ["Salvia miltiorrhiza"], [.bleedingSupplement]),
        drug("dong-quai", "Dong quai", ["Angelica sinensis"], [.bleedingSupplement]),

        drug("acetaminophen", "Acetaminophen", ["Tylenol", "paracetamol"], [.analgesic]),
        drug("lidocaine-topical", "Lidocaine patch or cream", ["Lidoderm"], [.topical]),
        drug("capsaicin-topical", "Capsaicin cream or patch", ["Qutenza"], [.topical]),
    ]

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func drug(_ id: String) -> Drug? { byID[id] }

    /// Drugs whose name or other names start with the typed words, for the medication picker.
    public static func search(_ text: String) -> [Drug] {
        let needle = SearchKey.fold(text)
        guard !needle.isEmpty else { return [] }
        return all.filter { drug in
            ([drug.name] + drug.otherNames).contains { SearchKey.fold($0).hasPrefix(needle) }
        }
    }
}
