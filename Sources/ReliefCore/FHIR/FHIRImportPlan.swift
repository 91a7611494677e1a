import Foundation

/// What an imported record was called where it came from: one of its identifiers, else its bundle entry's full URL
/// when that names it everywhere (`urn:uuid:…`, an absolute address). Importing the same data again finds the
/// record by it.
public struct FHIRIdentity: Hashable, Sendable {
    /// FHIR's system for an identifier that is itself a URI.
    public static let uriSystem = "urn:ietf:rfc:3986"

    public let system: String
    public let value: String

    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }

    public init?(_ resource: JSONValue, fullUrl: String?) {
        let identifiers = (resource.object?["identifier"]?.array ?? []).compactMap(\.object)
        if let first = identifiers.first(where: { $0["system"]?.string?.isEmpty == false && $0["value"]?.string?.isEmpty == false }),
           let system = first["system"]?.string, let value = first["value"]?.string {
            self.init(system: system, value: value)
        } else if let fullUrl, fullUrl.hasPrefix("urn:uuid:") || fullUrl.hasPrefix("http://") || fullUrl.hasPrefix("https://") {
            self.init(system: Self.uriSystem, value: fullUrl)
        } else {
            return nil
        }
    }
}

/// What Relief makes of each resource type it is sent to import, and why it leaves the others.
public enum FHIRImportKind: Sendable {
    case patient, allergy, medicationStatement, medicationRequest, condition, procedure, observation, questionnaireResponse, encounter

    public static func of(_ typeName: String) -> Result<FHIRImportKind, FHIRImportSkip> {
        switch typeName {
        case "Patient": .success(.patient)
        case "AllergyIntolerance": .success(.allergy)
        case "MedicationStatement": .success(.medicationStatement)
        case "MedicationRequest": .success(.medicationRequest)
        case "Condition": .success(.condition)
        case "Procedure": .success(.procedure)
        case "Observation": .success(.observation)
        case "QuestionnaireResponse": .success(.questionnaireResponse)
        case "Encounter": .success(.encounter)
        case "Organization", "Practitioner", "PractitionerRole", "Location":
            .failure(FHIRImportSkip("Relief keeps its own staff, rooms and practice; another system's are not imported (visits elsewhere keep their names)."))
        case "Claim", "ExplanationOfBenefit", "Coverage":
            .failure(FHIRImportSkip("Another system's billing is not imported; the front desk records insurance in Relief."))
        case "Immunization":
            .failure(FHIRImportSkip("Relief keeps no immunisation record."))
        default:
            .failure(FHIRImportSkip("Relief does not import \(typeName) yet; it imports patients, visits, problems, allergies, medications, procedures, pain scores, vital signs and questionnaire responses."))
        }
    }

    /// The element naming the patient.
    public var patientElement: String? {
        switch self {
        case .patient: nil
        case .allergy: "patient"
        case .medicationStatement, .medicationRequest, .condition, .procedure, .observation, .questionnaireResponse, .encounter: "subject"
        }
    }
}

/// Why an entry was not imported.
public struct FHIRImportSkip: Error, Hashable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A bundle laid out for import: each patient's resources together (imported in one transaction), the Patient first;
/// what cannot be imported set aside with the reason.
public struct FHIRImportPlan: Sendable {
    public struct Item: Sendable {
        /// Its place among the entries sent, for a response bundle in the same order.
        public let index: Int
        public let fullUrl: String?
        public let resource: JSONValue
        public let typeName: String
        public let kind: FHIRImportKind
        public let identity: FHIRIdentity?

        /// How the report names it: its full URL, else its type and id.
        public var reference: String { fullUrl ?? "\(typeName)/\(resource.object?["id"]?.string ?? "?")" }
    }

    public struct PatientGroup: Sendable {
        /// The Patient sent; nil when the resources name a patient registered already (`Patient/{id}`).
        public let patient: Item?
        public let registered: UUID?
        public var items: [Item]
    }

    public var groups: [PatientGroup] = []
    public var skipped: [FHIRImportOutcome] = []
    /// The names of the organizations, locations and practitioners sent, by their full URL and `Type/id`: a visit
    /// elsewhere keeps where it was and who saw the patient by name.
    public var names: [String: String] = [:]

    /// A bundle (transaction, batch or collection) or a single resource.
    public init(_ json: JSONValue) {
        let object = json.object ?? [:]
        let entries: [(String?, JSONValue, String?)] = object["resourceType"]?.string == "Bundle"
            ? (object["entry"]?.array ?? []).map { ($0.object?["fullUrl"]?.string, $0.object?["resource"] ?? .null, $0.object?["request"]?.object?["method"]?.string) }
            : [(nil, json, nil)]
        self.init(entries)
    }

    /// Entries as (full URL, resource, request method), as a bundle gives them.
    public init(_ entries: [(fullUrl: String?, resource: JSONValue, method: String?)]) {
        var items: [Item] = []
        for (index, (fullUrl, resource, method)) in entries.enumerated() {
            let typeName = resource.object?["resourceType"]?.string ?? "?"
            if let method, method != "POST" {
                skipped.append(FHIRImportOutcome(index, fullUrl ?? typeName, typeName, .failed,
                                                 issues: [FHIRIssue("Bundle.entry[\(index)].request.method", "A bundle creates records (POST); read and update them one at a time.")]))
                continue
            }
            switch FHIRImportKind.of(typeName) {
            case .success(let kind):
                items.append(Item(index: index, fullUrl: fullUrl, resource: resource, typeName: typeName, kind: kind, identity: FHIRIdentity(resource, fullUrl: fullUrl)))
            case .failure(let skip):
                skipped.append(FHIRImportOutcome(index, fullUrl ?? typeName, typeName, .skipped, reason: skip.reason))
                if let name = Self.name(resource) {
                    if let fullUrl { names[fullUrl] = name }
                    if let id = resource.object?["id"]?.string { names["\(typeName)/\(id)"] = name }
                }
            }
        }
        let patients = items.filter { $0.kind == .patient }
        // A Patient is named by its full URL, or by Patient/{id}.
        var byReference: [String: Int] = [:]
        for (index, patient) in patients.enumerated() {
            if let fullUrl = patient.fullUrl { byReference[fullUrl] = index }
            if let id = patient.resource.object?["id"]?.string { byReference["Patient/\(id)"] = index }
            groups.append(PatientGroup(patient: patient, registered: nil, items: []))
        }
        var registered: [UUID: Int] = [:]
        for item in items where item.kind != .patient {
            let reference = item.kind.patientElement.flatMap { item.resource.object?[$0]?.object?["reference"]?.string } ?? ""
            let local = reference.split(separator: "/").suffix(2).joined(separator: "/")
            if let index = byReference[reference] ?? byReference[local] {
                groups[index].items.append(item)
            } else if local.hasPrefix("Patient/"), let id = UUID(text36: String(local.dropFirst("Patient/".count))) {
                if registered[id] == nil {
                    registered[id] = groups.count
                    groups.append(PatientGroup(patient: nil, registered: id, items: []))
                }
                groups[registered[id]!].items.append(item)
            } else {
                skipped.append(FHIRImportOutcome(item, .failed,
                                                 issues: [FHIRIssue("\(item.typeName).\(item.kind.patientElement ?? "subject")", "Names no patient in the bundle or in Relief.")]))
            }
        }
    }
}

extension FHIRImportPlan {
    /// An organization's or location's name, or a practitioner's as a person reads it ("Dr. Ada Okafor").
    static func name(_ resource: JSONValue) -> String? {
        let object = resource.object ?? [:]
        switch object["resourceType"]?.string {
        case "Organization", "Location": return object["name"]?.string
        case "Practitioner":
            guard let name = object["name"]?.array?.first?.object else { return nil }
            if let text = name["text"]?.string { return text }
            let parts = [name["prefix"], name["given"]].flatMap { $0?.array ?? [] }.compactMap(\.string) + [name["family"]?.string].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        default: return nil
        }
    }
}

extension FHIRImportKind: Equatable {}

/// What became of one resource sent to import.
public struct FHIRImportOutcome: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        /// New in Relief.
        case created
        /// Imported before (found by its identity): left as Relief has it.
        case unchanged
        /// Already on the chart as Relief's own entry (the same allergy, the same active problem): not added twice.
        case merged
        /// A type Relief does not import.
        case skipped
        /// Refused, with the issues.
        case failed
    }

    /// The entry's place among those sent.
    public let index: Int
    public let reference: String
    public let typeName: String
    public let action: Action
    /// The Relief record made or found (`Condition/…`).
    public let record: String?
    public let reason: String?
    /// Errors when refused; otherwise what was not kept.
    public let issues: [FHIRIssue]

    public init(_ item: FHIRImportPlan.Item, _ action: Action, record: String? = nil, reason: String? = nil, issues: [FHIRIssue] = []) {
        self.init(item.index, item.reference, item.typeName, action, record: record, reason: reason, issues: issues)
    }

    public init(_ index: Int, _ reference: String, _ typeName: String, _ action: Action, record: String? = nil, reason: String? = nil,
                issues: [FHIRIssue] = []) {
        self.index = index
        self.reference = reference
        self.typeName = typeName
        self.action = action
        self.record = record
        self.reason = reason
        self.issues = issues
    }
}

/// The counts of an import, by type and what became of each, and the lines a person reads.
public struct FHIRImportReport: Sendable {
    public let outcomes: [FHIRImportOutcome]

    public init(_ outcomes: [FHIRImportOutcome]) { self.outcomes = outcomes }

    public var failed: [FHIRImportOutcome] { outcomes.filter { $0.action == .failed } }

    public func count(_ action: FHIRImportOutcome.Action, _ typeName: String? = nil) -> Int {
        outcomes.filter { $0.action == action && (typeName == nil || $0.typeName == typeName) }.count
    }

    /// One line per type ("Condition: 12 created, 3 merged"), then each reason for skipping once with its count,
    /// then every failure with its issues.
    public var lines: [String] {
        let types = Set(outcomes.map(\.typeName)).sorted()
        var lines = types.map { type in
            let counts = FHIRImportOutcome.Action.allCases.compactMap { action in
                let count = count(action, type)
                return count == 0 ? nil : "\(count) \(action.rawValue)"
            }
            return "\(type): " + counts.joined(separator: ", ")
        }
        let reasons = Dictionary(grouping: outcomes.filter { $0.action == .skipped || $0.action == .merged }.compactMap(\.reason), by: { $0 })
        lines += reasons.keys.sorted().map { "\(reasons[$0]!.count) × \($0)" }
        let warnings = Dictionary(grouping: outcomes.filter { $0.action != .failed }.flatMap(\.issues).map { "\($0.expression): \($0.message)" }, by: { $0 })
        lines += warnings.keys.sorted().map { "\(warnings[$0]!.count) × not kept: \($0)" }
        lines += failed.map { outcome in
            "failed \(outcome.reference): " + outcome.issues.map { "\($0.expression): \($0.message)" }.joined(separator: "; ")
        }
        return lines
    }
}
