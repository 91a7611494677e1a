import Foundation

/// Who signs for the patient: the patient, or a legal representative (a parent, a guardian, a health-care proxy).
public enum ConsentSigner: String, Coded, Codable {
    case patient, representative

    public var title: String {
        switch self {
        case .patient: "The patient"
        case .representative: "A legal representative"
        }
    }
}

/// How the patient signed: on the screen in the clinic, or on paper that was scanned and attached.
public enum SignatureMethod: String, Coded, Codable {
    case screen, paper

    public var title: String {
        switch self {
        case .screen: "On screen"
        case .paper: "On paper, scanned"
        }
    }
}

/// The patient's side of a consent: who signed, their typed name, their attestation and an optional witness. A drawn
/// signature or a scan is kept beside it (`ConsentAttachment`).
public struct PatientSignature: Hashable, Sendable {
    public static let attestation = "I have read this consent, or had it read to me. My questions were answered. I understand the risks, the other choices and what to expect, and I agree to the procedure."
    public static let attestField = "attest"

    public let signer: ConsentSigner
    public let name: String
    /// The representative's relation to the patient; empty for the patient.
    public let relationship: String
    public let witness: String
    public let method: SignatureMethod

    public init(signer: ConsentSigner, name: String, relationship: String = "", witness: String = "", method: SignatureMethod) {
        self.signer = signer
        self.name = name
        self.relationship = relationship
        self.witness = witness
        self.method = method
    }

    /// Reads `signer`, `name`, `relationship`, `witness`, the attestation, and either a drawing (`signatureImage`,
    /// signed on screen) or a scan (signed on paper). The patient types their own name as registered (given and
    /// family name, in any case and accents), so a signature cannot land on the wrong chart.
    public static func parse(_ fields: FormFields, scan: Data?, patientGiven: String, patientFamily: String,
                             today: CalendarDate) -> ((PatientSignature, ConsentAttachment?)?, [String: String]) {
        var reader = FormReader(fields.without("signatureImage"), today: today)
        let signer = reader.one("signer", ConsentSigner.self, required: "Choose who signs.")
        let name = reader.text("name", limit: 120, required: "Type the signer's full name.")
        let relationship = reader.text("relationship", limit: 60)
        let witness = reader.text("witness", limit: 120)
        switch signer {
        case .patient?:
            if !name.isEmpty, !Self.matches(name, given: patientGiven, family: patientFamily) {
                reader.problem("name", "Type the patient's name as registered: given and family name.")
            }
            if !relationship.isEmpty { reader.problem("relationship", "Leave this empty when the patient signs.") }
        case .representative?:
            if relationship.isEmpty { reader.problem("relationship", "Say how the representative is related to the patient.") }
        case nil:
            break
        }
        if fields[attestField] != "yes" { reader.problem(attestField, "Tick the statement to sign.") }
        var attachment: ConsentAttachment?
        switch SignatureImage.png(fromDataAddress: fields["signatureImage"]) {
        case .success(let png): attachment = png.map { ConsentAttachment(kind: .signature, mediaType: "image/png", bytes: $0) }
        case .failure(let problem): reader.problem("signatureImage", problem.message)
        }
        if let scan, !scan.isEmpty {
            switch ConsentScan.check(scan) {
            case .success(let type) where attachment == nil: attachment = ConsentAttachment(kind: .scan, mediaType: type, bytes: scan)
            case .success: reader.problem(ConsentScan.field, "Either sign on the screen or attach the signed paper, not both.")
            case .failure(let problem): reader.problem(ConsentScan.field, problem.message)
            }
        }
        guard reader.problems.isEmpty, let signer else { return (nil, reader.problems) }
        let method: SignatureMethod = attachment?.kind == .scan ? .paper : .screen
        return ((PatientSignature(signer: signer, name: name, relationship: relationship, witness: witness, method: method), attachment), [:])
    }

    /// The typed name holds the patient's first given name as a word and their family name, however spaced or
    /// hyphenated ("Zoe Muller Ludenscheidt" for "Zoë Müller-Lüdenscheidt").
    static func matches(_ typed: String, given: String, family: String) -> Bool {
        let words = typed.split(whereSeparator: \.isWhitespace).map { SearchKey.fold(String($0)) }
        let first = given.split(whereSeparator: \.isWhitespace).first.map { SearchKey.fold(String($0)) } ?? ""
        let surname = SearchKey.fold(family)
        return !first.isEmpty && !surname.isEmpty && words.contains(first) && words.joined().contains(surname)
    }
}

/// A file kept with a consent: the signature as drawn, or the scan of the signed paper.
public struct ConsentAttachment: Hashable, Sendable {
    public enum Kind: String, Sendable { case signature, scan }
    public let kind: Kind
    public let mediaType: String
    public let bytes: Data
}

/// A signature drawn on the screen, sent by the page's script as a PNG data address.
public enum SignatureImage {
    /// A signature drawn on a 600 × 180 pad is 5–25 KB; the limit keeps the API body, escaped at worst, under 1 MB.
    public static let byteLimit = 60_000
    static let prefix = "data:image/png;base64,"

    /// The PNG's bytes, or a message for the `signatureImage` field; an empty field is no image.
    public static func png(fromDataAddress text: String) -> Result<Data?, ConsentProblem> {
        guard !text.isEmpty else { return .success(nil) }
        guard text.hasPrefix(prefix), let data = Data(base64Encoded: String(text.dropFirst(prefix.count))),
              ConsentScan.mediaType(of: data) == "image/png" else { return .failure(ConsentProblem("The drawn signature could not be read; clear it and sign again.")) }
        guard data.count <= byteLimit else { return .failure(ConsentProblem("The drawn signature is too large; clear it and sign again.")) }
        return .success(data)
    }
}

/// A paper consent, signed and scanned: a PDF, PNG or JPEG file, recognised by its first bytes rather than its name.
public enum ConsentScan {
    public static let field = "scanFile"
    /// Under the default 1 MB request limit, with room for the rest of the form.
    public static let byteLimit = 900_000

    public static func mediaType(of data: Data) -> String? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// The file's media type, or a message for the `scanFile` field.
    public static func check(_ data: Data) -> Result<String, ConsentProblem> {
        guard data.count <= byteLimit else { return .failure(ConsentProblem("The scan is over 900 KB; scan it in grey at 150 dpi, or as a PDF.")) }
        guard let type = mediaType(of: data) else { return .failure(ConsentProblem("Attach a PDF, PNG or JPEG file.")) }
        return .success(type)
    }
}

public struct ConsentProblem: Error, Hashable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
