extension PainKind {
    /// Which patterns each catalogue diagnosis presents as, so an intervention's indications can be matched to the
    /// problem list: lumbago with sciatica is both axial and radicular; a disc degeneration code "with lower
    /// extremity pain" counts as radicular. Our own mapping of the codes' meanings (REFERENCE §2 indications).
    private static let byCode: [String: [PainKind]] = {
        var table: [String: [PainKind]] = [:]
        func set(_ codes: [String], _ patterns: [PainKind]) { for code in codes { table[code] = patterns } }
        set(["M54.50", "M54.51", "M54.59", "M54.2"], [.axial])
        set(["M54.16", "M54.17", "M51.16", "M51.17", "M54.30", "M54.31", "M54.32", "M54.12", "M50.11", "M50.121", "M50.122",
             "M50.123", "M50.13"], [.radicular])
        set(["M51.26", "M51.27"], [.radicular, .discogenic])
        set(["M54.40", "M54.41", "M54.42"], [.axial, .radicular])
        set(["M48.061", "M48.062"], [.stenosis])
        set(["M47.812", "M47.813", "M47.814", "M47.815", "M47.816", "M47.817"], [.facet, .axial])
        set(["M51.360", "M51.370", "M51.369", "M51.379", "M50.30", "M50.322", "M50.323"], [.discogenic, .axial])
        set(["M51.361", "M51.371"], [.discogenic, .radicular])
        set(["M51.362", "M51.372"], [.discogenic, .axial, .radicular])
        set(["S13.4XXA", "S13.4XXD"], [.axial])
        set(["M46.1"], [.sacroiliac])
        set(["M96.1"], [.postLaminectomy])
        set(["M80.08XA", "M48.56XA"], [.compressionFracture])
        set(["M17.0", "M17.11", "M17.12", "M16.0", "M16.11", "M16.12", "M19.011", "M19.012"], [.jointArthritis])
        set(["G90.50", "G90.511", "G90.512", "G90.513", "G90.521", "G90.522", "G90.523", "G90.59"], [.crps])
        set(["M79.7"], [.widespread])
        set(["M79.18"], [.myofascial])
        set(["G44.209", "G44.219", "G44.229"], [.headache])
        set(["E11.42", "E10.42"], [.neuropathic])
        set(["G89.3"], [.cancer])
        set(["G89.4", "G89.29"], [.chronic])
        return table
    }()

    public static let mappingSource = ClinicalSource("Relief's mapping of REFERENCE §6 codes onto the indications of REFERENCE §2", .secondary)

    /// The patterns a diagnosis code presents as; none for a code outside the catalogue.
    public static func of(_ code: String) -> [PainKind] {
        byCode[code.trimmingCharacters(in: .whitespaces).uppercased()] ?? []
    }
}
