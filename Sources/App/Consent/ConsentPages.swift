import Foundation
import Plot
import ReliefCore

/// Informed consent pages: the patient's consents, preparing one for a procedure (with the text it will show), and
/// one consent with the patient's signature (on screen or a scanned paper), the physician's co-signature and
/// withdrawal. The document itself is drawn the same way on screen and on paper.
enum ConsentPages {
    /// The page preparing a consent for `candidate`, from a check or a plan.
    static func prepareLink(patientID: UUID, _ candidate: Candidate, planID: UUID?) -> String {
        SitePath.newConsent(patientID)
            + DecisionSupportPages.queryString(candidate.site.fields() + [("plannedOn", candidate.date.description), ("plan", planID?.lowercasedText)])
    }

    static func index(patientID: UUID, consents: [ConsentRecord], canWrite: Bool) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Informed consents"),
                .if(canWrite, .link("Prepare a consent", to: SitePath.newConsent(patientID), [("class", "button")])),
            ]),
            consents.isEmpty
                ? .tag("p", [("class", "muted")], text: "No consent yet. Prepare one from a treatment plan, a procedure check or here.")
                : .tag("table", [("class", "list")], [
                    .tableHead(["Procedure", "Planned", "Status", "Holds until", "Sessions"]),
                    .tag("tbody", [], consents.map { record in
                        .tag("tr", [], [
                            .tag("td", [], [.link(record.label, to: SitePath.consent(patientID, record.id ?? UUID()))]),
                            .tag("td", text: record.planned?.display ?? record.plannedOn),
                            .tag("td", [("class", "consent-\(record.status)")], text: record.consentStatus.title),
                            .tag("td", text: record.lastDay?.display ?? record.validUntil),
                            .tag("td", text: String(record.sessions)),
                        ])
                    }),
                ]),
        ]
    }

    struct FormModel {
        let patientID: UUID
        let fields: FormFields
        var problems: [String: String] = [:]
        /// The check and the text for the fields as they stand, once they make a valid consent.
        var preview: (Decision, ConsentDocument)?
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let controls: [BodyNode] = [
            form.intervention("intervention", "Procedure", procedures: true),
            Forms.row([
                form.choose("region", "Region", BodyArea.self, required: true),
                form.text("levels", "Levels", hint: "Like L4-L5, L5-S1"),
                form.choose("side", "Side", Laterality.self),
            ]),
            Forms.row([
                form.text("plannedOn", "Planned date", hint: "MM/DD/YYYY, today or later", required: true),
                form.text("validUntil", "Holds until", hint: "Up to a year after the planned date", required: true),
                form.number("sessions", "Sessions it covers", hint: "More than one for a series", narrow: true),
            ]),
        ]
        return [
            .tag("p", [], [.link("← Informed consents", to: SitePath.consents(model.patientID))]),
            .tag("h1", text: "Prepare a consent"),
            .tag("p", [("class", "muted")], text: "The text is written for this patient from the catalogue and the chart: their own risks, the "
                 + "holds before the procedure and realistic expectations. Once prepared it does not change; the patient reads and signs it."),
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.consents(model.patientID)), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .unwrap(model.fields["plan"].isEmpty ? nil : model.fields["plan"]) { Forms.hidden("plan", $0) },
                .group(controls),
                .tag("div", [("class", "actions")], [Forms.submit("Prepare for signing")]),
            ]),
            .unwrap(model.preview) { decision, document in
                .tag("section", [("class", "card"), ("aria-labelledby", "preview-heading")], [
                    .tag("h2", [("id", "preview-heading")], text: "The text the patient will read"),
                    .if(decision.verdict != .appropriate, .tag("p", [("class", "notice warning")], [
                        .text("Decision support: \(decision.verdict.title). "),
                        .link("See why", to: DecisionSupportPages.checkLink(patientID: model.patientID, decision.candidate)),
                    ])),
                    .group(render(document)),
                ])
            },
        ]
    }

    /// The consent's text: its title and sections.
    static func render(_ document: ConsentDocument) -> [BodyNode] {
        [.tag("h2", [("class", "consent-title")], text: document.title)] + document.sections.map { section in
            .tag("section", [("class", "consent-section")], [
                .tag("h3", text: section.title),
                .group(section.paragraphs.map { .tag("p", text: $0) }),
                .if(!section.items.isEmpty, .tag("ul", [], section.items.map { .tag("li", text: $0) })),
            ])
        }
    }

    struct ShowModel {
        let patientID: UUID
        let record: ConsentRecord
        let document: ConsentDocument
        /// "Prepared by …", "Signed by …", "Co-signed by …", "Withdrawn …", in order.
        let history: [String]
        let files: Set<String>
        let canWrite: Bool
        let canCosign: Bool
        let csrfToken: String
        /// The form sent back with its problems, by its action's last segment ("sign", "decline", "cosign", "withdraw").
        var failed: (form: String, fields: FormFields, problems: [String: String])?
    }

    static func show(_ model: ShowModel) -> [BodyNode] {
        let record = model.record, id = record.id ?? UUID(), status = record.consentStatus
        return [
            .tag("p", [], [.link("← Informed consents", to: SitePath.consents(model.patientID))]),
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: record.label),
                .link("Print", to: SitePath.printConsent(model.patientID, id), [("class", "button secondary")]),
            ]),
            .tag("p", [("class", "consent-status consent-\(record.status)")], text: status.title + " · " + terms(record)),
            .unwrap(model.failed) { Forms.errorSummary(BoundForm(fields: $0.fields, problems: $0.problems).errors) },
            .tag("article", [("class", "card consent-document")], render(model.document)),
            signatures(model, id: id),
            .if(status == .proposed && model.canWrite, patientForms(model, id: id)),
            .if(status == .patientSigned && model.canCosign, cosignForm(model, id: id)),
            .if([.proposed, .patientSigned, .active].contains(status) && model.canWrite, withdrawForm(model, id: id)),
        ]
    }

    static func terms(_ record: ConsentRecord) -> String {
        "planned \(record.planned?.display ?? record.plannedOn), holds until \(record.lastDay?.display ?? record.validUntil), "
            + (record.sessions == 1 ? "one session" : "up to \(record.sessions) sessions")
    }

    /// Who prepared, signed, co-signed and withdrew it, with the drawn signature and the scan.
    static func signatures(_ model: ShowModel, id: UUID) -> BodyNode {
        .tag("section", [("class", "card consent-signatures"), ("aria-labelledby", "signatures-heading")], [
            .tag("h2", [("id", "signatures-heading")], text: "Signatures and history"),
            .tag("ul", [], model.history.map { .tag("li", text: $0) }),
            .if(model.files.contains(ConsentAttachment.Kind.signature.rawValue),
                .void("img", [("src", SitePath.consentSignature(model.patientID, id)), ("alt", "The signature as drawn"), ("class", "signature-image")])),
            .if(model.files.contains(ConsentAttachment.Kind.scan.rawValue), .tag("p", [], [.link("Open the scanned paper consent", to: SitePath.consentScan(model.patientID, id))])),
        ])
    }

    /// On paper: the history and drawn signature when signed, otherwise lines to sign on, for a consent signed by hand
    /// and scanned back.
    static func paperSignatures(patientID: UUID, record: ConsentRecord, history: [String], files: Set<String>) -> BodyNode {
        let line = { (who: String) -> BodyNode in
            .tag("div", [("class", "sign-line")], [.tag("span", text: who), .tag("span", text: "Date")])
        }
        return .tag("section", [("class", "consent-signatures")], [
            .tag("h2", text: "Signatures"),
            .tag("ul", [], history.map { .tag("li", text: $0) }),
            .if(files.contains(ConsentAttachment.Kind.signature.rawValue),
                .void("img", [("src", SitePath.consentSignature(patientID, record.id ?? UUID())), ("alt", "The signature as drawn"), ("class", "signature-image")])),
            .if(record.consentStatus == .proposed, .group([
                .tag("p", text: PatientSignature.attestation),
                line("Patient or legal representative (name, relation)"), line("Witness (optional)"),
                .tag("p", text: cosignStatement), line("Physician"),
            ])),
        ])
    }

    private static func bound(_ model: ShowModel, _ name: String, defaults: FormFields = FormFields()) -> BoundForm {
        guard let failed = model.failed, failed.form == name else { return BoundForm(fields: defaults, problems: [:]) }
        return BoundForm(fields: failed.fields, problems: failed.problems)
    }

    private static func post(_ model: ShowModel, _ action: String, multipart: Bool = false, _ content: [BodyNode]) -> BodyNode {
        .tag("form", [("method", "post"), ("action", action), ("novalidate", nil)] + (multipart ? [("enctype", "multipart/form-data")] : []), [
            Forms.csrf(model.csrfToken), Forms.hidden("version", String(model.record.version)), .group(content),
        ])
    }

    private static func signerFields(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.row([
                form.choose("signer", "Who signs", ConsentSigner.self, required: true),
                form.text("name", "Full name", hint: "The patient's name as registered, or the representative's", required: true),
            ]),
            Forms.row([
                form.text("relationship", "Representative's relation", hint: "Parent, guardian, health-care proxy"),
                form.text("witness", "Witness (optional)"),
            ]),
        ]
    }

    private static func attestation(_ form: BoundForm, _ text: String) -> BodyNode {
        form.note(PatientSignature.attestField, "Statement")
        return Forms.checkboxes(PatientSignature.attestField, legend: "Statement", options: [Forms.Option(value: "yes", title: text)],
                                checked: form.fields.values(PatientSignature.attestField), error: form.problems[PatientSignature.attestField])
    }

    private static func patientForms(_ model: ShowModel, id: UUID) -> BodyNode {
        var defaults = FormFields()
        defaults.set("signer", ConsentSigner.patient.rawValue)
        let sign = bound(model, "sign", defaults: defaults), decline = bound(model, "decline")
        return .group([
            .tag("section", [("class", "card"), ("id", "sign"), ("aria-labelledby", "sign-heading")], [
                .tag("h2", [("id", "sign-heading")], text: "Patient signature"),
                .tag("p", [("class", "hint")], text: "Hand the screen to the patient. They read the consent above, ask their questions, then sign here. "
                     + "If they signed the printed consent instead, attach its scan."),
                post(model, SitePath.signConsent(model.patientID, id), multipart: true, signerFields(sign) + [
                    Forms.hidden("signatureImage", ""),
                    .tag("div", [("class", "signature-pad"), ("data-signature-pad", ""), ("hidden", nil)], [
                        .tag("p", [("class", "label")], text: "Sign here (optional)"),
                        .tag("canvas", [("width", "600"), ("height", "180"), ("aria-label", "Signature pad")], []),
                        .tag("button", [("type", "button"), ("class", "button secondary"), ("data-clear", "")], text: "Clear"),
                    ]),
                    scanField(sign),
                    attestation(sign, PatientSignature.attestation),
                    .tag("div", [("class", "actions")], [Forms.submit("Sign the consent")]),
                ]),
            ]),
            .tag("details", [("class", "card"), ("id", "decline")] + (model.failed?.form == "decline" ? [("open", nil)] : []), [
                .tag("summary", text: "The patient declines"),
                post(model, SitePath.declineConsent(model.patientID, id), [
                    decline.area("reason", "What the patient said", rows: 2, required: true, id: "decline-reason"),
                    .tag("div", [("class", "actions")], [Forms.submit("Record the refusal", secondary: true)]),
                ]),
            ]),
        ])
    }

    private static func scanField(_ form: BoundForm) -> BodyNode {
        let name = ConsentScan.field, error = form.problems[name], hint = "Only if it was signed on paper: PDF, PNG or JPEG, up to 900 KB"
        form.note(name, "Scanned paper consent")
        return Forms.wrap(name, label: "Scanned paper consent", required: false, error: error, hint: hint,
                          control: .void("input", [("type", "file"), ("id", name), ("name", name), ("accept", "application/pdf,image/png,image/jpeg")]
                                         + Forms.describedBy(name, error: error, hint: hint)))
    }

    static let cosignStatement = "I explained this procedure, its risks, benefits and alternatives to the patient and answered their questions."

    private static func cosignForm(_ model: ShowModel, id: UUID) -> BodyNode {
        let form = bound(model, "cosign")
        return .tag("section", [("class", "card"), ("id", "cosign"), ("aria-labelledby", "cosign-heading")], [
            .tag("h2", [("id", "cosign-heading")], text: "Physician co-signature"),
            post(model, SitePath.cosignConsent(model.patientID, id), [
                attestation(form, cosignStatement),
                .tag("div", [("class", "actions")], [Forms.submit("Co-sign")]),
            ]),
        ])
    }

    private static func withdrawForm(_ model: ShowModel, id: UUID) -> BodyNode {
        let form = bound(model, "withdraw")
        let signed = model.record.consentStatus != .proposed
        return .tag("details", [("class", "card"), ("id", "withdraw")] + (model.failed?.form == "withdraw" ? [("open", nil)] : []), [
            .tag("summary", text: signed ? "The patient withdraws consent" : "Set aside (prepared in error or no longer planned)"),
            post(model, SitePath.withdrawConsent(model.patientID, id), [
                form.area("reason", signed ? "What the patient said, and when" : "Why", rows: 2, required: true, id: "withdraw-reason"),
                .tag("div", [("class", "actions")], [Forms.submit(signed ? "Record the withdrawal" : "Set aside", secondary: true)]),
            ]),
        ])
    }
}
