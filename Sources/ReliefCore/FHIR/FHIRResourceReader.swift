import Foundation

/// What is wrong with a resource a client sent, at the element (`expression`, FHIRPath) it concerns.
/// An error refuses the resource; a warning says what Relief did not keep of one it saved.
public struct FHIRIssue: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let expression: String
    public let message: String

    public init(_ expression: String, _ message: String, severity: Severity = .error) {
        self.severity = severity
        self.expression = expression
        self.message = message
    }
}

/// A CodeableConcept as sent: its codings and its text.
public struct FHIRConcept: Sendable {
    public struct Coding: Sendable {
        public let system: String?
        public let code: String?
        public let display: String?
    }

    public let codings: [Coding]
    public let text: String?

    /// The code of the first coding in `system`.
    public func code(in system: String) -> String? { codings.first { $0.system == system }?.code }

    /// The codings in systems other than `handled`, kept as the sender's (nil when none).
    public func sourceCodings(besides handled: Set<String>) -> [SourceCoding]? {
        let kept = codings.compactMap { coding -> SourceCoding? in
            guard let system = coding.system, let code = coding.code, !handled.contains(system) else { return nil }
            return SourceCoding(system: system, code: code, display: coding.display)
        }
        return kept.isEmpty ? nil : kept
    }

    /// What a person reads: the text, else the first display.
    public var label: String? { text ?? codings.lazy.compactMap(\.display).first }
}

/// A resource a client sent (a write or an import), read element by element into Relief's values. The checks FHIR
/// itself makes (the type, the id, the patient, the shape of an element) are issues naming the element; the clinical
/// checks are the forms' parsers', run on what the reader made. Nothing is dropped silently: an element Relief keeps
/// no value for is a warning (`unread`) the sender sees.
public struct FHIRResourceReader: Sendable {
    /// The type read as, which may be one Relief imports without serving it (MedicationRequest).
    public let typeName: String
    /// The element naming the patient.
    public let patientElement: String?
    public let resource: [String: JSONValue]
    public private(set) var issues: [FHIRIssue] = []
    /// The top-level elements read; the rest are reported by `unread`.
    private var read: Set<String> = ["resourceType", "id", "meta", "text"]

    /// `id`: the id the address names, which an update's body must repeat; nil on create (FHIR says a create's id is ignored).
    public init(_ json: JSONValue, as type: FHIRResourceType, id: String?) {
        self.init(json, named: type.rawValue, patientElement: type.patientElement, id: id)
    }

    public init(_ json: JSONValue, named typeName: String, patientElement: String?, id: String?) {
        self.typeName = typeName
        self.patientElement = patientElement
        resource = json.object ?? [:]
        guard json.object != nil else { issue(typeName, "Send one \(typeName) resource as a JSON object."); return }
        if resource["resourceType"]?.string != typeName {
            issue("resourceType", "This address takes a \(typeName).")
        }
        if let id, resource["id"]?.string != id {
            issue("\(typeName).id", "The resource's id must be the one in the address (\(id)).")
        }
    }

    public var errors: [FHIRIssue] { issues.filter { $0.severity == .error } }

    public mutating func issue(_ expression: String, _ message: String, severity: FHIRIssue.Severity = .error) {
        let path = expression.hasPrefix(typeName) || expression == "resourceType" ? expression : "\(typeName).\(expression)"
        issues.append(FHIRIssue(path, message, severity: severity))
    }

    public mutating func warn(_ expression: String, _ message: String) { issue(expression, message, severity: .warning) }

    /// A top-level element, marked as read.
    public mutating func element(_ name: String) -> JSONValue? {
        read.insert(name)
        return resource[name]
    }

    /// Warns of every top-level element nothing read: Relief keeps no value for it.
    public mutating func unread() {
        for name in resource.keys.sorted() where !read.contains(name) {
            warn(name, "Relief keeps nothing for \(name); it was not stored.")
        }
    }

    /// The patient the resource belongs to (`subject`, `patient` or `beneficiary`, as the type names it), as `Patient/{id}`.
    public mutating func patientID() -> UUID? {
        guard let element = patientElement else { return nil }
        guard let reference = patientReference() else {
            issue(element, "Name the patient as a reference, Patient/{id}.")
            return nil
        }
        let parts = reference.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == "Patient", let id = UUID(text36: String(parts[parts.count - 1])) else {
            issue(element, "Name the patient as a reference, Patient/{id}; \(reference) is not one.")
            return nil
        }
        return id
    }

    /// The patient element's reference as sent (`Patient/{id}`, or a bundle's `urn:uuid:` full URL), marked read.
    public mutating func patientReference() -> String? {
        guard let element = patientElement else { return nil }
        return self.element(element)?.object?["reference"]?.string
    }

    /// A string element; an element of another JSON type is an issue.
    public mutating func string(_ name: String) -> String? { string(element(name), at: name) }

    public mutating func string(_ value: JSONValue?, at path: String) -> String? {
        guard let value else { return nil }
        guard let text = value.string else { issue(path, "Give this as a string."); return nil }
        return text
    }

    /// A code that must be one of `allowed` (FHIR's required bindings), read as Relief's value.
    public mutating func code<T>(_ name: String, _ allowed: [String: T]) -> T? {
        guard let text = string(name) else { return nil }
        guard let value = allowed[text] else {
            issue(name, "Relief keeps \(allowed.keys.sorted().joined(separator: ", ")) here, not \(text).")
            return nil
        }
        return value
    }

    public mutating func concept(_ name: String) -> FHIRConcept? { concept(element(name), at: name) }

    public mutating func concept(_ value: JSONValue?, at path: String) -> FHIRConcept? {
        guard let value else { return nil }
        guard let object = value.object else { issue(path, "Give this as a CodeableConcept."); return nil }
        let codings = (object["coding"]?.array ?? []).compactMap(\.object).map { coding in
            FHIRConcept.Coding(system: coding["system"]?.string, code: coding["code"]?.string, display: coding["display"]?.string)
        }
        return FHIRConcept(codings: codings, text: object["text"]?.string)
    }

    /// A CodeableConcept's code in one of FHIR's own code systems (a status), read as Relief's value.
    public mutating func coded<T>(_ name: String, system: String, _ allowed: [String: T]) -> T? {
        guard let concept = concept(name) else { return nil }
        guard let code = concept.code(in: system) else { issue(name, "Code this in \(system)."); return nil }
        guard let value = allowed[code] else {
            issue(name, "Relief keeps \(allowed.keys.sorted().joined(separator: ", ")) here, not \(code).")
            return nil
        }
        return value
    }

    /// A date or dateTime as the calendar day it names (the day as the sender wrote it); a year or month alone is an
    /// issue, since Relief keeps days.
    public mutating func date(_ value: JSONValue?, at path: String) -> CalendarDate? {
        guard let text = string(value, at: path) else { return nil }
        guard text.utf8.count >= 10, let date = CalendarDate(String(text.prefix(10))),
              text.utf8.count == 10 || text.dropFirst(10).first == "T" else {
            issue(path, "Give the full date, YYYY-MM-DD.")
            return nil
        }
        return date
    }

    /// The texts of an Annotation list, one paragraph each.
    public mutating func notes(_ name: String) -> [String] {
        guard let value = element(name) else { return [] }
        guard let items = value.array else { issue(name, "Give notes as a list of Annotations."); return [] }
        return items.enumerated().compactMap { index, item in string(item.object?["text"] ?? .null, at: "\(name)[\(index)].text") }
    }
}

extension Coded {
    /// Every value by its code, for `FHIRResourceReader.code`.
    public static var byCode: [String: Self] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) }) }
}
