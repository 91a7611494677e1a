import Foundation
import ReliefCore

/// The strip at the top of every page about one patient: who they are, and what must never be missed.
enum PatientBanner {
    struct Model: Equatable {
        let id: UUID
        let name: String
        let age: Int
        let birthDate: String
        let sex: String
        let mrn: String
        /// Active allergies; empty for "no known allergies"; nil when nobody has recorded either.
        let allergies: [String]?
        let alerts: [String]
    }

    static func model(_ patient: PatientRecord, today: CalendarDate, allergies: [String]? = nil, alerts: [String] = []) -> Model {
        let (birth, sex) = (patient.registration.birthDate, patient.registration[.sexAtBirth])
        return Model(
            id: patient.id, name: patient.displayName, age: birth.map { $0.years(until: today) } ?? 0,
            birthDate: birth?.display ?? patient.registration[.birthDate],
            sex: SexAtBirth(rawValue: sex)?.title ?? sex,
            mrn: patient.mrn, allergies: allergies, alerts: alerts)
    }

    static func render(_ model: Model) -> BodyNode {
        .tag("section", [("class", "patient-banner"), ("aria-label", "Patient")], [
            .tag("div", [("class", "who")], [
                .link(model.name, to: SitePath.patient(model.id), [("class", "patient-name")]),
                .tag("span", text: "\(model.age) y · DOB \(model.birthDate) · \(model.sex)"),
                .tag("span", text: "MRN \(model.mrn)"),
            ]),
            .tag("div", [("class", model.allergies?.isEmpty == false ? "allergies has-allergies" : "allergies")], [
                .tag("strong", text: "Allergies: "),
                .safeText(model.allergies.map { $0.isEmpty ? "No known allergies" : $0.joined(separator: ", ") }
                      ?? "not yet recorded"),
            ]),
            .tag("div", [("class", "alerts")], [
                .tag("strong", text: "Alerts: "),
                .safeText(model.alerts.isEmpty ? "none" : model.alerts.joined(separator: "; ")),
            ]),
        ])
    }
}
