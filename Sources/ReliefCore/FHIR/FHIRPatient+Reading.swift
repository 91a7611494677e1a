import Foundation

extension FHIRPatient {
    /// The element of a Patient each registration field comes from, for the registration's own problems.
    public static let expressions: [PatientField: String] = [
        .familyName: "name.family", .givenName: "name.given", .middleName: "name.given", .preferredName: "name", .birthDate: "birthDate",
        .sexAtBirth: "gender", .phone: "telecom", .email: "telecom", .addressLine1: "address.line", .addressLine2: "address.line",
        .city: "address.city", .state: "address.state", .postalCode: "address.postalCode", .preferredLanguage: "communication",
        .emergencyName: "contact.name", .emergencyRelationship: "contact.relationship", .emergencyPhone: "contact.telecom",
    ]

    /// A registration from a Patient, built on `base` (the stored one on update) so what FHIR has no element for
    /// (gender identity, primary care, referrer, occupation) is kept: the official name (the usual one's given name
    /// as preferred), birth date, sex at birth (US Core's extension, else the administrative gender), the first home
    /// phone, email and address, the preferred language and the emergency contact. The MRN is Relief's to give:
    /// one that differs from `mrn` is refused.
    public static func registration(_ reader: inout FHIRResourceReader, base: PatientRegistration, mrn: String?) -> PatientRegistration {
        var registration = base
        for field in expressions.keys { registration[field] = "" }
        names(&reader, into: &registration)
        registration[.birthDate] = reader.string("birthDate").map { CalendarDate($0)?.display ?? $0 } ?? ""
        registration[.sexAtBirth] = sex(&reader)
        for (index, point) in (reader.element("telecom")?.array ?? []).enumerated() {
            let system = point.object?["system"]?.string, value = reader.string(point.object?["value"], at: "telecom[\(index)].value") ?? ""
            let field: PatientField? = system == "phone" ? .phone : system == "email" ? .email : nil
            guard let field else { reader.warn("telecom[\(index)]", "Relief keeps a phone and an email; this was not stored."); continue }
            if registration[field].isEmpty { registration[field] = value } else { reader.warn("telecom[\(index)]", "Relief keeps one \(system ?? ""); the first was stored.") }
        }
        address(&reader, into: &registration)
        let languages = reader.element("communication")?.array ?? []
        let preferred = languages.first { $0.object?["preferred"]?.bool == true } ?? languages.first
        registration[.preferredLanguage] = preferred.flatMap { reader.concept($0.object?["language"], at: "communication.language")?.label } ?? ""
        contact(&reader, into: &registration)
        if let identifiers = reader.element("identifier")?.array {
            let sent = identifiers.first { $0.object?["system"]?.string == FHIR.mrnSystem }?.object?["value"]?.string
            if let sent, sent != mrn { reader.issue("identifier", "The medical record number is Relief's to give; leave it out or send \(mrn ?? "none").") }
        }
        _ = reader.element("active") // a registered patient is active; merging and retiring charts is done in Relief
        _ = reader.element("extension") // the birth-sex extension, read above
        reader.unread()
        return registration
    }

    private static func names(_ reader: inout FHIRResourceReader, into registration: inout PatientRegistration) {
        let names = (reader.element("name")?.array ?? []).compactMap(\.object)
        guard let official = names.first(where: { $0["use"]?.string == "official" }) ?? names.first(where: { $0["use"]?.string != "usual" }) ?? names.first else {
            reader.issue("name", "Give the patient's name.")
            return
        }
        registration[.familyName] = reader.string(official["family"], at: "name.family") ?? ""
        let given = (official["given"]?.array ?? []).enumerated().compactMap { reader.string($1, at: "name.given[\($0)]") }
        registration[.givenName] = given.first ?? ""
        registration[.middleName] = given.dropFirst().joined(separator: " ")
        if let usual = names.first(where: { $0["use"]?.string == "usual" }) {
            registration[.preferredName] = (usual["given"]?.array ?? []).compactMap(\.string).joined(separator: " ")
        }
    }

    /// US Core's birth-sex extension when sent; else the administrative gender (FHIR's "other" is no sex at birth).
    private static func sex(_ reader: inout FHIRResourceReader) -> String {
        let extensions = (reader.resource["extension"]?.array ?? []).compactMap(\.object)
        if let birthSex = extensions.first(where: { $0["url"]?.string == FHIR.birthSexExtension })?["valueCode"]?.string {
            if SexAtBirth(rawValue: birthSex) == nil { reader.issue("extension", "US Core's birth sex is F, M or UNK.") }
            _ = reader.element("gender") // administrative, and Relief's follows from the sex at birth
            return birthSex
        }
        let gender = reader.code("gender", ["female": SexAtBirth.female, "male": .male, "unknown": .unknown, "other": nil])
        return gender??.rawValue ?? ""
    }

    private static func address(_ reader: inout FHIRResourceReader, into registration: inout PatientRegistration) {
        let addresses = (reader.element("address")?.array ?? []).compactMap(\.object)
        if addresses.count > 1 { reader.warn("address[1]", "Relief keeps one address; the home one (else the first) was stored.") }
        guard let address = addresses.first(where: { $0["use"]?.string == "home" }) ?? addresses.first else { return }
        let lines = (address["line"]?.array ?? []).enumerated().compactMap { reader.string($1, at: "address.line[\($0)]") }
        registration[.addressLine1] = lines.first ?? ""
        registration[.addressLine2] = lines.dropFirst().joined(separator: ", ")
        registration[.city] = reader.string(address["city"], at: "address.city") ?? ""
        let state = reader.string(address["state"], at: "address.state") ?? ""
        registration[.state] = USPostalState.code(state) ?? state
        registration[.postalCode] = reader.string(address["postalCode"], at: "address.postalCode") ?? ""
    }

    private static func contact(_ reader: inout FHIRResourceReader, into registration: inout PatientRegistration) {
        let contacts = (reader.element("contact")?.array ?? []).compactMap(\.object)
        if contacts.count > 1 { reader.warn("contact[1]", "Relief keeps one emergency contact; the first was stored.") }
        guard let contact = contacts.first else { return }
        let name = contact["name"]?.object
        registration[.emergencyName] = name?["text"]?.string
            ?? [name?["given"]?.array?.compactMap(\.string).joined(separator: " "), name?["family"]?.string].compactMap { $0 }.joined(separator: " ")
        // Relief marks every contact "C" (emergency contact); the relationship itself is the text, or another code's name.
        let relationships = (contact["relationship"]?.array ?? []).compactMap { reader.concept($0, at: "contact.relationship") }
        registration[.emergencyRelationship] = relationships.lazy.compactMap { $0.text ?? $0.codings.first { $0.code != "C" }?.display }.first ?? ""
        registration[.emergencyPhone] = contact["telecom"]?.array?.first { $0.object?["system"]?.string == "phone" }?.object?["value"]?.string ?? ""
    }
}
