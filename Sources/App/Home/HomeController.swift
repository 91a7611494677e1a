import Foundation
import ReliefCore
import Vapor

/// The start page sends each role where its work is.
enum HomeController {
    static func home(req: Request) async throws -> Response {
        let user = try req.user
        let section = Layout.Section.allCases.first { section in section.actions.contains { user.can($0) } }
        guard let section else {
            return req.page("Welcome", section: nil, [
                .tag("h1", text: "Welcome, \(user.name)"),
                .tag("p", text: "The patient portal opens in a later release of Relief."),
            ])
        }
        return req.redirect(to: section.href)
    }
}
