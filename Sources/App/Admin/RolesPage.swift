import Foundation
import Plot
import ReliefCore
import Vapor

/// What each role may do, drawn from the permission table itself, so the page cannot disagree with what is enforced.
/// Open to every signed-in user: staff asking "why can't I…" read the answer here.
enum RolesPage {
    static func show(req: Request) async throws -> Response {
        let user = try req.user
        return req.page("Roles", section: user.can(.userManage) ? .admin : nil, render(viewer: user.role, isAdmin: user.can(.userManage)))
    }

    static func render(viewer: Role, isAdmin: Bool) -> [BodyNode] {
        [
            .if(isAdmin, AdminTabs.render(current: SitePath.roles())),
            .tag("h1", text: "What each role may do"),
            .tag("p", text: "Your role: \(viewer.title). An administrator gives each staff account one role; "
                 + "every page and API call checks it against this table, and every refusal is kept in the audit trail."),
            .tag("table", [("class", "list roles")], [
                .tableHead(["May"] + Role.staff.map(\.title)),
                .tag("tbody", [], Action.allCases.map { action in
                    .tag("tr", [], [.tag("th", [("scope", "row")], text: action.explanation)] + Role.staff.map { role in
                        PermissionTable.allows(role, action)
                            ? .tag("td", [("class", "granted")], [.tag("span", [("aria-hidden", "true")], text: "✓"), .tag("span", [("class", "visually-hidden")], text: "yes")])
                            : .tag("td", [("class", "denied")], [.tag("span", [("aria-hidden", "true")], text: "—"), .tag("span", [("class", "visually-hidden")], text: "no")])
                    })
                }),
            ]),
            .tag("p", [("class", "muted")], text: "Patients never sign in as staff: they answer questionnaires on the waiting-room tablet with a one-time code."),
        ]
    }
}
