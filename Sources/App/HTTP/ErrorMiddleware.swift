import Foundation
import ReliefCore
import Vapor

/// A request that failed validation: field-level messages for the form or the JSON client.
struct ValidationFailure: AbortError {
    var status: HTTPResponseStatus { .unprocessableEntity }
    let fields: [String: String]
    var reason: String { "Some fields need attention." }
}

/// Turns every error into a page (browsers) or `{"error": …, "fields": …}` (JSON clients), keeping the real
/// status code. Internal errors are logged with the request id and never shown.
struct ReliefErrorMiddleware: Middleware {
    struct Body: Content {
        let error: String
        let fields: [String: String]?
        let requestID: String
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in response(for: error, request: request) }
    }

    func response(for error: any Error, request: Request) -> Response {
        let (status, reason, fields) = classify(error)
        if status.code >= 500 {
            request.logger.report(error: error)
        }
        let response: Response
        if request.isFHIR, let issues = (error as? FHIRFailure)?.issues, !issues.isEmpty {
            response = FHIRController.respond(FHIRServer.outcome(issues), status: status)
        } else if request.isFHIR {
            response = FHIRController.respond(FHIRServer.outcome(FHIRServer.issueCode(status: Int(status.code)), reason,
                                                                 expression: (error as? FHIRFailure)?.expression), status: status)
        } else if request.wantsJSON {
            response = Response(status: status)
            try? response.content.encode(Body(error: reason, fields: fields, requestID: request.id), as: .json)
        } else {
            response = request.page(status.reasonPhrase, section: nil, status: status, [
                .tag("h1", text: title(for: status)),
                .tag("p", text: reason),
                .tag("p", [("class", "muted")], text: "Reference: \(request.id)"),
                .link("Back to the start page", to: SitePath.home()),
            ])
        }
        // Allow, WWW-Authenticate, Retry-After: said in JSON and on pages alike.
        if let abort = error as? any AbortError {
            for (name, value) in abort.headers where name.lowercased() != "content-type" {
                response.headers.replaceOrAdd(name: name, value: value)
            }
        }
        return response
    }

    private func classify(_ error: any Error) -> (HTTPResponseStatus, String, [String: String]?) {
        switch error {
        case let failure as ValidationFailure:
            return (failure.status, failure.reason, failure.fields)
        case let abort as any AbortError:
            let reason = abort.status == .payloadTooLarge ? "The request is too large." : abort.reason
            return (abort.status, reason, nil)
        case is DecodingError:
            return (.badRequest, "The request could not be read. Check its format.", nil)
        default:
            return (.internalServerError, "Something went wrong on our side. Your change was not saved; please try again.", nil)
        }
    }

    private func title(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "Not found"
        case .forbidden: "Not allowed"
        case .unauthorized: "Please sign in"
        case .tooManyRequests: "Too many attempts"
        case .conflict: "Changed by someone else"
        default: status.code >= 500 ? "Something went wrong" : "That did not work"
        }
    }
}
