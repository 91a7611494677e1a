import Foundation
import Plot
import ReliefCore

/// The registration form, used to register and to edit. It always shows what the user typed.
enum PatientForm {
    struct Model {
        var title: String
        var action: String
        var registration: PatientRegistration
        var problems: [PatientField: String]
        /// The version the user started editing from; nil when registering.
        var version: Int?
        /// Likely the same person, registered already, with the reasons: shown before saving a new patient.
        var duplicates: [(patient: PatientRow, reasons: String)] = []
        var conflict: PatientConflict.Model?
        var cancel: String
    }

    static let sections: [(String, [PatientField])] = [
        ("Name", [.familyName, .givenName, .middleName, .preferredName]),
        ("Birth and identity", [.birthDate, .sexAtBirth, .genderIdentity, .preferredLanguage, .occupation]),
        ("Contact", [.phone, .email, .addressLine1, .addressLine2, .city, .state, .postalCode]),
        ("Emergency contact", [.emergencyName, .emergencyRelationship, .emergencyPhone]),
        ("Primary care physician", [.primaryCareName, .primaryCarePractice, .primaryCarePhone]),
        ("Referring provider", [.referringName, .referringPractice, .referringPhone]),
    ]

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let errors = PatientField.allCases.compactMap { field in model.problems[field].map { (name: field.rawValue, message: $0) } }
        return [
            .tag("h1", text: model.title),
            Forms.errorSummary(errors),
            .unwrap(model.conflict) { PatientConflict.render($0) },
            .if(!model.duplicates.isEmpty, duplicateWarning(model.duplicates)),
            .tag("form", [("method", "post"), ("action", model.action), ("class", "patient-form"), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .unwrap(model.version) { Forms.hidden("version", String($0)) },
                .group(sections.map { legend, fields in
                    .tag("fieldset", [], [.tag("legend", text: legend), .tag("div", [("class", "grid")], fields.map {
                        control(for: $0, model: model)
                    })])
                }),
                .tag("div", [("class", "actions")], [
                    model.duplicates.isEmpty
                        ? Forms.submit(model.version == nil ? "Register patient" : "Save changes")
                        : Forms.submit("Register as a new patient anyway", name: "confirmDuplicate", value: "1"),
                    .link("Cancel", to: model.cancel, [("class", "button secondary")]),
                ]),
            ]),
        ]
    }

    static func control(for field: PatientField, model: Model) -> BodyNode {
        let value = model.registration[field]
        let error = model.problems[field]
        let required = PatientRegistration.requiredFields.contains(field)
        switch field {
        case .sexAtBirth:
            return Forms.select(field.rawValue, label: field.label,
                                options: SexAtBirth.allCases.map { .init(value: $0.rawValue, title: $0.title) },
                                selected: value, error: error, required: true)
        case .genderIdentity:
            return Forms.select(field.rawValue, label: field.label,
                                options: GenderIdentity.allCases.map { .init(value: $0.rawValue, title: $0.title) },
                                selected: value, error: error, placeholder: "Not asked")
        case .birthDate:
            // A text field with a format hint: date pickers are slow for birth dates and vary by browser.
            let shown = CalendarDate(value)?.display ?? value
            return Forms.text(field.rawValue, label: field.label, value: shown, error: error, required: true,
                              autocomplete: "off", hint: "MM/DD/YYYY", extra: [("inputmode", "numeric")])
        default:
            return Forms.text(field.rawValue, label: field.label, value: value, error: error,
                              type: inputType(field), required: required, autocomplete: autocomplete(field))
        }
    }

    private static func inputType(_ field: PatientField) -> String {
        switch field {
        case .phone, .emergencyPhone, .primaryCarePhone, .referringPhone: "tel"
        case .email: "email"
        default: "text"
        }
    }

    private static func autocomplete(_ field: PatientField) -> String {
        switch field {
        case .addressLine1: "address-line1"
        case .addressLine2: "address-line2"
        case .city: "address-level2"
        case .state: "address-level1"
        case .postalCode: "postal-code"
        default: "off"  // staff type other people's data: the browser's own details would be wrong
        }
    }

    private static func duplicateWarning(_ duplicates: [(patient: PatientRow, reasons: String)]) -> BodyNode {
        .tag("div", [("class", "notice warning"), ("role", "alert")], [
            .tag("h2", text: duplicates.count == 1 ? "Possibly registered already" : "Possibly registered already: \(duplicates.count) patients"),
            .tag("p", text: "Open the existing chart if it is the same person. Register a new patient only if none of these is them."),
            .tag("table", [("class", "list")], [
                .tableHead(["Name", "Date of birth", "MRN", "Phone", "Alike"]),
                .tag("tbody", [], duplicates.map { duplicate in
                    .tag("tr", [], [
                        .tag("td", [], [.link(duplicate.patient.name, to: SitePath.patient(duplicate.patient.id))]),
                        .tag("td", text: duplicate.patient.birthDate), .tag("td", text: duplicate.patient.mrn),
                        .tag("td", text: duplicate.patient.phone), .tag("td", text: duplicate.reasons),
                    ])
                }),
            ]),
        ])
    }
}
