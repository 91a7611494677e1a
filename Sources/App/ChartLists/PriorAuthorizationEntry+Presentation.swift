import Foundation
import Plot
import ReliefCore
import Vapor

extension PriorAuthorizationEntry: ChartEntryPresentation {
    static let fieldOrder = ["payer", "reference", "status", "intervention", "codes", "units", "requestedOn", "validFrom", "validUntil", "note"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set("status", AuthorizationStatus.requested.rawValue)
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Authorisation", [
                Forms.row([form.text("payer", "Payer", required: true), form.text("reference", "Authorisation number"),
                           form.choose("status", "Status", AuthorizationStatus.self, required: true)]),
                Forms.groupedSelect("intervention", label: "For", groups: Forms.interventionGroups(procedures: true), selected: form.fields["intervention"],
                                    error: form.problems["intervention"], hint: "The planned procedure, when the approval names one"),
                Forms.row([form.text("codes", "CPT codes approved", hint: "Like 64483, 64484"), form.number("units", "Units approved", narrow: true)]),
                Forms.row([form.text("requestedOn", "Requested", hint: "MM/DD/YYYY"), form.text("validFrom", "Valid from", hint: "MM/DD/YYYY"),
                           form.text("validUntil", "Valid until", hint: "MM/DD/YYYY")]),
                form.area("note", "Note", rows: 2),
            ]),
        ]
    }

    static let columns = ["Authorisation", "Status", "Codes", "Units", "Valid"]

    var cells: [String] {
        [label, authorizationStatus.title, codes.joined(separator: ", "), units.map(String.init) ?? "",
         [validFrom?.display, validUntil?.display].compactMap { $0 }.joined(separator: " – ")]
    }

    /// Approvals running out or used up by the procedures signed here, above the list.
    static func summary(_ req: Request, patientID: UUID, current: [PriorAuthorizationEntry]) async throws -> [BodyNode] {
        let performed = try await ProcedureQueries.performed(patientID: patientID, on: req.db)
        let warnings = current.compactMap { entry in entry.warning(today: req.today, used: entry.unitsUsed(by: performed)).map { "\(entry.label): \($0)" } }
        return warnings.isEmpty ? [] : [.tag("div", [("class", "notice warning"), ("role", "status")], warnings.map { .tag("p", text: $0) })]
    }
}
