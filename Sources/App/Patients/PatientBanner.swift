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
        /// Open alerts, worst first; nil for a viewer who does not read clinical notes (the front desk).
        let alerts: [PatientAlert]?
    }

    static func model(_ patient: PatientRecord, today: CalendarDate, allergies: [String]? = nil, alerts: [PatientAlert]? = nil) -> Model {
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
            .unwrap(model.alerts, alerts),
        ])
    }

    /// "No open alerts" in plain ink; otherwise the count, then one line per alert marked by its severity.
    private static func alerts(_ alerts: [PatientAlert]) -> BodyNode {
        guard !alerts.isEmpty else { return .tag("div", [("class", "alerts none")], [.tag("span", text: "No open alerts")]) }
        return .tag("div", [("class", "alerts has-alerts")], [
            .tag("strong", [("class", "alert-count")], [.text(alerts.count == 1 ? "1 open alert" : "\(alerts.count) open alerts")]),
            .tag("ul", [], alerts.map { alert in
                .tag("li", [("class", "alert-\(alert.severity)")], [
                    .tag("span", [("class", "severity")], [.text(alert.severity.title + ": ")]), .text(alert.message),
                ])
            }),
        ])
    }
}
