import Foundation
import Plot
import ReliefCore

/// Implanted devices: the patient's list with the form to add one, one device with its programming and refills,
/// and the pumps whose refill falls due.
enum ImplantPages {
    struct ListModel {
        let patientID: UUID
        let devices: [(UUID, Implant)]
        let fields: FormFields
        let problems: [String: String]
        let canWrite: Bool
    }

    static func index(_ model: ListModel, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Implants"),
            model.devices.isEmpty ? .tag("p", [("class", "muted")], text: "No implanted devices recorded.") : .tag("table", [("class", "list")], [
                .tableHead(["Device", "Implanted", "MRI", "Status"]),
                .tag("tbody", [], model.devices.map { id, implant in
                    .tag("tr", [], [
                        .tag("td", [], [.link("\(implant.kind.title): \(implant.manufacturer) \(implant.model)", to: SitePath.implant(model.patientID, id))]),
                        .tag("td", text: implant.implantedOn.display), .tag("td", text: implant.mri.title),
                        .tag("td", text: implant.explantedOn.map { "Explanted \($0.display)" } ?? "In place"),
                    ])
                }),
            ]),
            .if(model.canWrite, implantForm(action: SitePath.implants(model.patientID), heading: "Add a device", version: nil, fields: model.fields,
                                            problems: model.problems, csrfToken: csrfToken)),
        ]
    }

    struct Detail {
        let patientID: UUID
        let id: UUID
        let version: Int
        let implant: Implant
        let trial: (text: String, source: ClinicalSource)?
        let settings: [String]
        let refills: [String]
        /// When the drug put in runs out before the next refill.
        let supply: String?
        let fields: FormFields
        let settingFields: FormFields
        let refillFields: FormFields
        /// The problems of the form sent (`failed`), shown on that form only.
        let problems: [String: String]
        let failed: Form?
        let canWrite: Bool
        var conflict: String?

        func problems(of form: Form) -> [String: String] { failed == form ? problems : [:] }
    }

    enum Form { case device, setting, refill }

    static func detail(_ model: Detail, csrfToken: String) -> [BodyNode] {
        let implant = model.implant
        let rows: [(String, String)] = [
            ("Device", "\(implant.kind.title): \(implant.manufacturer) \(implant.model)"), ("UDI", implant.udi.isEmpty ? "Not recorded" : implant.udi),
            ("Leads or catheter", implant.leadSites), ("Generator or pump", implant.generatorSite), ("Implanted", implant.implantedOn.display),
            ("Explanted", implant.explantedOn.map { "\($0.display): \(implant.explantReason)" } ?? "In place"), ("MRI", implant.mri.title),
            ("Note", implant.note),
        ].filter { !$0.1.isEmpty }
        return [
            .tag("p", [], [.link("← Implants", to: SitePath.implants(model.patientID))]),
            .tag("h1", text: implant.kind.title),
            .unwrap(model.conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            .if(implant.mri != .safe, .tag("p", [("class", "notice warning")], text: "MRI: \(implant.mri.title).")),
            .tag("dl", [("class", "document-list")], rows.flatMap { [BodyNode.tag("dt", text: $0.0), .tag("dd", text: $0.1)] }),
            .unwrap(model.trial) { trial in .tag("p", [], [.text(trial.text + " "), ClinicalSourceNote.render(trial.source)]) },
            .tag("section", [("class", "card"), ("id", "programming")], [
                .tag("h2", text: "Programming"),
                model.settings.isEmpty ? .tag("p", [("class", "muted")], text: "None recorded.") : .tag("ul", [], model.settings.map { .tag("li", text: $0) }),
                .if(model.canWrite && implant.isActive, settingForm(model, csrfToken: csrfToken)),
            ]),
            .if(implant.kind.isPump, .tag("section", [("class", "card"), ("id", "refills")], [
                .tag("h2", text: "Refills"),
                .unwrap(model.supply) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
                model.refills.isEmpty ? .tag("p", [("class", "muted")], text: "None recorded.") : .tag("ul", [], model.refills.map { .tag("li", text: $0) }),
                .if(model.canWrite && implant.isActive, refillForm(model, csrfToken: csrfToken)),
            ])),
            .if(model.canWrite, implantForm(action: SitePath.implant(model.patientID, model.id), heading: "Change the device's record (or record its explant)",
                                            version: model.version, fields: model.fields, problems: model.problems(of: .device), csrfToken: csrfToken)),
        ]
    }

    private static func implantForm(action: String, heading: String, version: Int?, fields: FormFields, problems: [String: String],
                                    csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: fields, problems: problems)
        return .group([
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil), ("class", "card"), ("id", "device-form")], [
                .tag("h2", text: heading), Forms.csrf(csrfToken), .unwrap(version) { Forms.hidden("version", String($0)) },
                Forms.row([form.choose("kind", "Device", ImplantKind.self, required: true), form.text("manufacturer", "Manufacturer", required: true),
                           form.text("model", "Model", required: true)]),
                form.text("udi", "UDI", hint: "As printed on the implant card, e.g. (01)00643169007222(17)270101(21)ABC123"),
                Forms.row([form.text("leadSites", "Leads or catheter", hint: "Like: two percutaneous leads, T8–T10"),
                           form.text("generatorSite", "Generator or pump", hint: "Like: right upper buttock")]),
                Forms.row([form.text("trialOn", "Trial on", hint: "MM/DD/YYYY"), form.number("trialReliefPercent", "Trial relief (%)", narrow: true),
                           form.text("implantedOn", "Implanted on", hint: "MM/DD/YYYY", required: true)]),
                Forms.row([form.text("explantedOn", "Explanted on", hint: "MM/DD/YYYY"), form.text("explantReason", "Why removed")]),
                form.choose("mri", "MRI labelling", MRIConditionality.self),
                form.area("note", "Note", rows: 2),
                Forms.submit(version == nil ? "Add the device" : "Save"),
            ]),
        ])
    }

    private static func settingForm(_ model: Detail, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.settingFields, problems: model.problems(of: .setting))
        let pump = model.implant.kind.isPump
        return .tag("form", [("method", "post"), ("action", SitePath.implantSettings(model.patientID, model.id)), ("novalidate", nil)], [
            .tag("h3", text: "Record the programming"), Forms.csrf(csrfToken), Forms.errorSummary(form.errors),
            Forms.row([form.text("recordedOn", "On", hint: "MM/DD/YYYY", required: true),
                       form.text("program", pump ? "Mode" : "Program", hint: pump ? "Like: simple continuous" : "Like: Program 2, tonic", required: true)]),
            pump ? form.number("dailyDose", "Daily dose (mg/day)", decimal: true, narrow: true)
                : Forms.row([form.number("amplitude", "Amplitude (mA)", decimal: true, narrow: true), form.number("pulseWidth", "Pulse width (µs)", narrow: true),
                             form.number("rate", "Rate (Hz)", narrow: true)]),
            form.area("note", "Note", rows: 2),
            Forms.submit("Record the programming", secondary: true),
        ])
    }

    private static func refillForm(_ model: Detail, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.refillFields, problems: model.problems(of: .refill))
        return .tag("form", [("method", "post"), ("action", SitePath.pumpRefills(model.patientID, model.id)), ("novalidate", nil)], [
            .tag("h3", text: "Record a refill"), Forms.csrf(csrfToken), Forms.errorSummary(form.errors),
            Forms.row([form.text("refilledOn", "Refilled on", hint: "MM/DD/YYYY", required: true), form.text("drug", "Drug", hint: "Like: morphine", required: true)]),
            Forms.row([form.number("concentration", "Concentration (mg/mL)", decimal: true, narrow: true, required: true),
                       form.number("volume", "Volume put in (mL)", decimal: true, narrow: true, required: true)]),
            Forms.row([form.text("nextRefillOn", "Next refill on", hint: "From the programmer", required: true),
                       form.text("alarmOn", "Low-reservoir alarm on", hint: "From the programmer", required: true)]),
            form.area("note", "Note", rows: 2),
            Forms.submit("Record the refill", secondary: true),
        ])
    }

    struct DueRow {
        let patientID: UUID
        let implantID: UUID
        let patient: String
        let phone: String
        let device: String
        let nextRefill: CalendarDate
        let alarm: CalendarDate
    }

    static func worklist(_ rows: [DueRow], today: CalendarDate, canOpen: Bool) -> [BodyNode] {
        [
            .tag("h1", text: "Pump refills"),
            .tag("p", text: "Intrathecal pumps in place whose next refill is within \(PumpRefillDue.withinDays) days or past; book each before its alarm date."),
            rows.isEmpty ? .tag("p", [("class", "muted")], text: "No refills due.") : .tag("table", [("class", "list worklist")], [
                .tableHead(["Patient", "Pump", "Next refill", "Alarm"]),
                .tag("tbody", [], rows.map { row in
                    .tag("tr", [], [
                        .tag("td", [], [canOpen ? .link(row.patient, to: SitePath.implant(row.patientID, row.implantID)) : .text(row.patient),
                                        .tag("div", [("class", "hint")], text: row.phone)]),
                        .tag("td", text: row.device),
                        .tag("td", [("class", row.nextRefill < today ? "overdue" : "")],
                             text: row.nextRefill.display + (row.nextRefill < today ? " (\(today.daysSince(row.nextRefill)) days late)" : "")),
                        .tag("td", [("class", row.alarm <= today ? "overdue" : "")], text: row.alarm.display),
                    ])
                }),
            ]),
        ]
    }
}
