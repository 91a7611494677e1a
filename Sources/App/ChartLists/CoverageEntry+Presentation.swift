import Plot
import ReliefCore

extension CoverageEntry: ChartEntryPresentation {
    static let fieldOrder = ["payerKind", "payer", "plan", "memberID", "groupID", "subscriber", "relationship", "startOn", "endOn", "priority",
                             "status", "checkedOn", "checkedBy", "deductible", "deductibleRemaining", "coinsurancePercent", "copay",
                             "outOfPocketMax", "outOfPocketRemaining", "note"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set([("status", CoverageStatus.active.rawValue), ("priority", CoveragePriority.primary.rawValue), ("relationship", "self")])
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Coverage", [
                Forms.row([
                    form.choose("payerKind", "Kind", PayerKind.self, required: true),
                    form.text("payer", "Payer", hint: "As on the card", required: true),
                    form.text("plan", "Plan"),
                ]),
                Forms.row([
                    form.text("memberID", "Member id"), form.text("groupID", "Group id"),
                    form.choose("priority", "Order", CoveragePriority.self), form.choose("status", "Status", CoverageStatus.self, required: true),
                ]),
                Forms.row([
                    form.choose("relationship", "Patient is", SubscriberRelationship.self),
                    form.text("subscriber", "Subscriber", hint: "When the patient is covered through someone else"),
                    form.text("startOn", "From", hint: "MM/DD/YYYY"), form.text("endOn", "Until", hint: "MM/DD/YYYY"),
                ]),
            ]),
            Forms.section("Benefits check", [
                Forms.row([form.text("checkedOn", "Checked on", hint: "MM/DD/YYYY"), form.text("checkedBy", "Checked with", hint: "Payer portal, phone and reference")]),
                Forms.row([
                    form.number("deductible", "Deductible ($)", decimal: true), form.number("deductibleRemaining", "Deductible left ($)", decimal: true),
                    form.number("coinsurancePercent", "Coinsurance (%)", hint: "The patient's share"), form.number("copay", "Copay ($)", decimal: true),
                ]),
                Forms.row([
                    form.number("outOfPocketMax", "Out-of-pocket maximum ($)", decimal: true),
                    form.number("outOfPocketRemaining", "Out-of-pocket left ($)", decimal: true),
                ]),
                form.area("note", "Note", rows: 2),
            ]),
        ]
    }

    static let columns = ["Coverage", "Member id", "Kind", "Benefits checked", "Deductible left", "Coinsurance", "Out-of-pocket left"]

    var cells: [String] {
        [label, memberID, payerKind.title, checkedOn.map { "\($0.display)\(checkedBy.isEmpty ? "" : " (\(checkedBy))")" } ?? "Not yet",
         deductibleRemaining?.description ?? "", coinsurancePercent.map { "\($0)%" } ?? "", outOfPocketRemaining?.description ?? ""]
    }
}
