import Foundation
import ReliefCore
import Vapor

extension ConsentQueries {
    /// The patient and the consent the route's `:patient` and `:consent` name, or 404.
    static func consent(_ req: Request) async throws -> (PatientRecord, ConsentRecord) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.consent), let record = try await find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such consent.")
        }
        return (patient, record)
    }

    /// The lines of a consent's history, with staff names and local times.
    static func history(_ req: Request, _ record: ConsentRecord) async throws -> [String] {
        let names = try await StaffNames.lookup(Set([record.preparedBy, record.answerRecordedBy, record.cosignedBy, record.withdrawnBy].compactMap { $0 }),
                                                on: req.db)
        let name = { (id: UUID?) in id.flatMap { names[$0] } ?? "unknown" }
        var lines = ["Prepared by \(name(record.preparedBy)) on \(req.displayTime(record.preparedAt)), catalogue \(record.catalogueVersion)."]
        if let answered = record.answeredAt {
            if let signature = record.signature {
                let signer = signature.signer == .patient ? "the patient, \(signature.name)" : "\(signature.name), \(signature.relationship)"
                lines.append("Signed by \(signer) on \(req.displayTime(answered)), \(signature.method.title.lowercased())"
                             + (signature.witness.isEmpty ? "" : ", witnessed by \(signature.witness)") + "; recorded by \(name(record.answerRecordedBy)).")
            } else {
                lines.append("Declined on \(req.displayTime(answered)), recorded by \(name(record.answerRecordedBy)): \(record.reason ?? "").")
            }
        }
        if let cosigned = record.cosignedAt {
            lines.append("Co-signed by \(name(record.cosignedBy)) on \(req.displayTime(cosigned)): \(ConsentPages.cosignStatement)")
        }
        if let withdrawn = record.withdrawnAt {
            lines.append("Withdrawn on \(req.displayTime(withdrawn)), recorded by \(name(record.withdrawnBy)): \(record.reason ?? "").")
        }
        return lines
    }

    /// A signature or scan kept with the consent, served as stored; a scan is downloaded rather than shown inline,
    /// so a PDF's own content never runs in Relief's pages.
    static func file(_ req: Request, _ kind: ConsentAttachment.Kind) async throws -> Response {
        let (patient, record) = try await consent(req)
        let id = try record.requireID()
        guard let file = try await file(kind, of: id, on: req.db) else { throw Abort(.notFound, reason: "This consent has no \(kind.rawValue).") }
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Consent", resourceID: id.uuidString, patientID: patient.id, detail: kind.rawValue))
        let response = Response(status: .ok, body: .init(data: file.bytes))
        response.headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        if kind == .scan {
            let suffix = file.mediaType.split(separator: "/").last.map(String.init) ?? "bin"
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"consent-\(id.lowercasedText).\(suffix == "jpeg" ? "jpg" : suffix)\"")
        }
        return response
    }
}
