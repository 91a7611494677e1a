import Foundation

/// A product's name as RxNorm writes its clinical drugs ("Naproxen sodium 220 MG Oral Tablet", "Abuse-Deterrent 12 HR
/// Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet"), read for the catalogue drug it names and the
/// strength it gives, so an imported medication's MME can be computed. A combination product is read for its one
/// opioid ("Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet" is oxycodone 5 mg, the part that
/// counts towards MME; `isCombination` says so); any other combination, or a name the catalogue does not hold, stays
/// text: a guessed drug would be worse than none.
public struct DrugProductName: Sendable {
    public let drug: Drug
    public let strength: Double?
    public let unit: StrengthUnit?
    public let isCombination: Bool

    /// Salt and ester words RxNorm adds to an ingredient's name, which the catalogue's names leave out.
    private static let salts: Set<String> = [
        "hydrochloride", "hcl", "sodium", "potassium", "calcium", "sulfate", "bitartrate", "citrate", "tartrate", "phosphate", "succinate",
        "maleate", "acetate", "hydrobromide", "besylate", "mesylate", "fumarate",
    ]
    /// Words before the ingredient: a release form's duration, a pack's volume, an abuse-deterrent label.
    private static let leading: Set<String> = ["hr", "ml", "actuat", "abuse-deterrent"]
    private static let units: [String: StrengthUnit] = ["mg": .milligram, "mcg": .microgram, "mg/ml": .milligramPerMillilitre, "g": .gram]

    public init?(_ name: String) {
        var text = name.lowercased()
        // A bracketed brand ("[Toprol]") says nothing the ingredient does not.
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") { text.removeSubrange(open...close) }
        let parts = text.components(separatedBy: " / ").map(Self.component)
        if parts.count == 1 {
            guard let only = parts[0] else { return nil }
            (drug, strength, unit, isCombination) = (only.drug, only.strength, only.unit, false)
        } else {
            let opioids = parts.compactMap { $0 }.filter { $0.drug.isA(.opioid) }
            guard opioids.count == 1, let opioid = opioids.first else { return nil }
            (drug, strength, unit, isCombination) = (opioid.drug, opioid.strength, opioid.unit, true)
        }
    }

    /// One ingredient with its strength: "oxycodone hydrochloride 5 mg oral tablet", or written together, "100mg".
    private static func component(_ text: String) -> (drug: Drug, strength: Double?, unit: StrengthUnit?)? {
        var words = text.split(separator: " ").map(String.init)
        while let first = words.first, leading.contains(first) || Double(first) != nil { words.removeFirst() }
        let ingredient = words.prefix { word in !(word.first?.isNumber ?? true) }
        let key = ingredient.filter { !salts.contains($0) }.joined(separator: " ")
        guard !key.isEmpty, let drug = DrugCatalogue.all.first(where: { drug in
            drug.name.lowercased() == key || drug.id == key.replacingOccurrences(of: " ", with: "-") || drug.otherNames.contains { $0.lowercased() == key }
        }) else { return nil }
        let rest = Array(words.dropFirst(ingredient.count))
        if let first = rest.first {
            if let number = Double(first), rest.count > 1, let unit = units[rest[1]] { return (drug, number, unit) }
            if let split = first.firstIndex(where: \.isLetter), let number = Double(first[..<split]), let unit = units[String(first[split...])] {
                return (drug, number, unit)
            }
        }
        return (drug, nil, nil)
    }
}
