import Foundation
import ReliefCore
import Vapor

/// The intervention catalogue in the JSON API: what each entry is for, how it is coded, its bleeding-risk class and
/// evidence with their sources, and the plain-language texts consents and instructions are built from.
enum InterventionsAPI {
    struct Code: Encodable {
        let code: String
        let label: String
        let addOn: Bool

        init(_ code: BillingCode) {
            self.code = code.code
            label = code.label
            addOn = code.isAddOn
        }
    }

    struct Coding: Encodable {
        let regions: [String]
        let perLevel: [Code]
        let once: [Code]
        let bilateral: String
        let note: String?
        let source: JSONValue

        init(_ billing: Billing) {
            regions = BodyArea.allCases.filter(billing.regions.contains).map(\.rawValue)
            perLevel = billing.perLevel.map(Code.init)
            once = billing.once.map(Code.init)
            bilateral = billing.bilateral.rawValue
            note = billing.note
            source = billing.source.json
        }
    }

    struct Entry: Encodable {
        let id: String
        let name: String
        let category: String
        let isProcedure: Bool
        let regions: [String]
        let purpose: String
        let indications: [String]
        let coding: [Coding]
        let bleedingRisk: JSONValue?
        let guidance: [String]
        let levelUnit: String?
        let bilateral: String
        let anaesthesia: String
        let onset: String
        let duration: String
        let evidence: JSONValue
        let generalRisks: [String]
        let specificRisks: [String]
        let alternatives: [String]
        let preparation: [String]
        let aftercare: [String]
        let followUpDays: [Int]
        let usesSteroid: Bool
        let usesContrast: Bool
        let usesLocalAnaesthetic: Bool
        let isImplant: Bool
        let prerequisite: String?
        let source: JSONValue

        init(_ entry: Intervention) {
            id = entry.id
            name = entry.name
            category = entry.category.rawValue
            isProcedure = entry.isProcedure
            regions = entry.regions.map(\.rawValue)
            purpose = entry.purpose.rawValue
            indications = entry.indications.map(\.rawValue)
            coding = entry.billing.map(Coding.init)
            bleedingRisk = entry.bleedingRisk.map { .object(["class": .string($0.value.rawValue), "source": $0.source.json]) }
            guidance = entry.guidance.map(\.rawValue)
            levelUnit = entry.levelUnit?.rawValue
            bilateral = entry.bilateral.rawValue
            anaesthesia = entry.anaesthesia.title
            onset = entry.onset
            duration = entry.duration
            evidence = .object(["strength": .string(entry.evidence.strength.rawValue), "weak": .bool(entry.evidence.strength.isWeak),
                                "text": .string(entry.evidence.text), "source": entry.evidence.source.json])
            generalRisks = entry.generalRisks.map(\.rawValue)
            specificRisks = entry.specificRisks
            alternatives = entry.alternatives
            preparation = entry.preparation
            aftercare = entry.aftercare
            followUpDays = entry.followUpDays
            usesSteroid = entry.usesSteroid
            usesContrast = entry.usesContrast
            usesLocalAnaesthetic = entry.usesLocalAnaesthetic
            isImplant = entry.isImplant
            prerequisite = entry.prerequisite
            source = entry.source.json
        }
    }

    struct List: Encodable {
        let version: String
        let interventions: [Entry]
    }

    private static func codes(_ cases: [some RawRepresentable<String>]) -> APISchema { .string(choices: cases.map(\.rawValue)) }

    static let schemas: [(String, APISchema)] = [
        ("BillingCode", .record([("code", .text), ("label", .text), ("addOn", .boolean)])),
        ("InterventionCoding", .record([
            ("regions", .array(codes(BodyArea.allCases))), ("perLevel", .array(.ref("BillingCode"))), ("once", .array(.ref("BillingCode"))),
            ("bilateral", .string(choices: ["modifier50", "notAllowed", "noSide"])), ("note", .nullable(.text)), ("source", .ref("Source")),
        ])),
        ("Intervention", .record([
            ("id", .text), ("name", .text), ("category", codes(InterventionCategory.allCases)), ("isProcedure", .boolean),
            ("regions", .array(codes(BodyArea.allCases))), ("purpose", codes(InterventionPurpose.allCases)),
            ("indications", .array(codes(PainKind.allCases))), ("coding", .array(.ref("InterventionCoding"))),
            ("bleedingRisk", .nullable(.record([("class", codes(BleedingRisk.allCases)), ("source", .ref("Source"))]))),
            ("guidance", .array(codes(ImageGuidance.allCases))), ("levelUnit", .nullable(.string(choices: ["segment", "vertebra"]))),
            ("bilateral", .string(choices: ["modifier50", "notAllowed", "noSide"])), ("anaesthesia", .text), ("onset", .text), ("duration", .text),
            ("evidence", .record([("strength", codes(EvidenceStrength.allCases)), ("weak", .boolean), ("text", .text), ("source", .ref("Source"))])),
            ("generalRisks", .array(codes(GeneralRisk.allCases))), ("specificRisks", .array(.text)), ("alternatives", .array(.text)),
            ("preparation", .array(.text)), ("aftercare", .array(.text)), ("followUpDays", .array(.integer)), ("usesSteroid", .boolean),
            ("usesContrast", .boolean), ("usesLocalAnaesthetic", .boolean), ("isImplant", .boolean), ("prerequisite", .nullable(.text)),
            ("source", .ref("Source")),
        ])),
        ("InterventionList", .record([("version", .text), ("interventions", .array(.ref("Intervention")))])),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["interventions"], access: .action(.catalogueRead),
                    "The intervention catalogue with its version: every technique and plan component, each with its sources.",
                    response: .ref("InterventionList")) { req in
            try req.json(List(version: InterventionCatalogue.version, interventions: InterventionCatalogue.all.map(Entry.init)))
        },
        APIEndpoint(.GET, ["interventions", .intervention], access: .action(.catalogueRead), "One catalogue entry by its stable id.",
                    response: .ref("Intervention")) { req in
            try req.json(Entry(try InterventionQueries.intervention(req)))
        },
    ]
}
