import Foundation
import Plot
import ReliefCore

/// Shown when someone saved the patient while this user was editing: what they changed, next to what this
/// user typed, so nothing is overwritten without being seen.
enum PatientConflict {
    struct Change: Equatable {
        let label: String
        let before: String
        let now: String
        let yours: String
    }

    struct Model: Equatable {
        let changedBy: String
        let changedAt: String
        let changes: [Change]
    }

    static func model(base: PatientRegistration?, current: PatientRegistration, yours: PatientRegistration,
                      changedBy: String, changedAt: String) -> Model {
        let fields = base.map { current.changedFields(comparedTo: $0) } ?? current.changedFields(comparedTo: yours)
        return Model(changedBy: changedBy, changedAt: changedAt, changes: fields.map { field in
            Change(label: field.label, before: base?[field] ?? "", now: current[field], yours: yours[field])
        })
    }

    static func render(_ model: Model) -> BodyNode {
        .tag("div", [("class", "notice warning"), ("role", "alert"), ("id", "conflict")], [
            .tag("h2", text: "Someone else changed this patient while you were editing"),
            .tag("p", text: "\(model.changedBy) saved it at \(model.changedAt). Nothing of yours was saved yet. Your entries are kept in the form below: check them against the new values and save again."),
            .tag("table", [("class", "list")], [
                .tableHead(["Field", "When you started", "Saved by them", "Your entry"]),
                .tag("tbody", [], model.changes.map { change in
                    .tag("tr", [], [
                        .tag("th", [("scope", "row")], text: change.label),
                        .tag("td", text: change.before.isEmpty ? "—" : change.before),
                        .tag("td", [("class", "changed")], text: change.now.isEmpty ? "—" : change.now),
                        .tag("td", text: change.yours.isEmpty ? "—" : change.yours),
                    ])
                }),
            ]),
        ])
    }
}
