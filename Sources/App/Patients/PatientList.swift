import Foundation
import Plot
import ReliefCore

/// One line of a patient list.
struct PatientRow: Equatable {
    let id: UUID
    let mrn: String
    let name: String
    let birthDate: String
    let age: Int
    let sex: String
    let phone: String

    init(_ patient: PatientSummary, today: CalendarDate) {
        let birth = CalendarDate(patient.birthDate)
        id = patient.id
        mrn = patient.mrn
        name = patient.displayName
        birthDate = birth?.display ?? patient.birthDate
        age = birth?.years(until: today) ?? 0
        sex = SexAtBirth(rawValue: patient.sexAtBirth)?.title ?? patient.sexAtBirth
        phone = patient.phone ?? ""
    }
}

/// The patient search page: one box that takes a name, date of birth, MRN or phone number.
enum PatientList {
    struct Model {
        var query: String
        var rows: [PatientRow]
        var heading: String
        var truncated: Bool
        var canRegister: Bool
        var problem: String?
    }

    static func render(_ model: Model) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Patients"),
                .if(model.canRegister, .link("Register a patient", to: SitePath.newPatient(), [("class", "button")])),
            ]),
            .tag("form", [("method", "get"), ("action", SitePath.patients()), ("role", "search"), ("class", "search")], [
                Forms.text("q", label: "Find a patient", value: model.query, error: model.problem,
                           type: "search", autocomplete: "off",
                           hint: "Name (\"smith\", \"smith, jo\" or \"jo smith\"), date of birth (MM/DD/YYYY), MRN or phone",
                           extra: [("autofocus", nil)]),
                Forms.submit("Search"),
            ]),
            .tag("h2", text: model.heading),
            model.rows.isEmpty ? .tag("p", [("class", "muted")], text: "No patients found.") : table(model.rows),
            .if(model.truncated, .tag("p", [("class", "muted")],
                                       text: "Only the first \(PatientQueries.searchLimit) matches are shown: add more of the name or the date of birth.")),
        ]
    }

    static func table(_ rows: [PatientRow]) -> BodyNode {
        .tag("table", [("class", "list")], [
            .tableHead(["Name", "Date of birth", "Age", "Sex", "MRN", "Phone"]),
            // The rows written into one string: a search draws 25 of them on every submit.
            .raw(body(rows)),
        ])
    }

    static func body(_ rows: [PatientRow]) -> String {
        var html = "<tbody>"
        html.reserveCapacity(rows.count * 256)
        for row in rows {
            html += "<tr><td><a href=\""
            html += Markup.escape(SitePath.patient(row.id))
            html += "\">"
            html += Markup.escape(row.name)
            html += "</a></td><td>"
            html += Markup.escape(row.birthDate)
            html += "</td><td>"
            html += String(row.age)
            html += "</td><td>"
            html += Markup.escape(row.sex)
            html += "</td><td>"
            html += Markup.escape(row.mrn)
            html += "</td><td>"
            html += Markup.escape(row.phone)
            html += "</td></tr>"
        }
        return html + "</tbody>"
    }
}
