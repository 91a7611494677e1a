import Foundation
import Plot
import ReliefCore

/// Views of the staff administration pages.
enum UsersPages {
    struct FormModel {
        var name: String
        var email: String
        var role: String
        var version: Int?
        var errors: [String: String]
        var id: UUID? = nil
        var disabled: Bool = false
    }

    struct IndexModel {
        var users: [UserDirectory.Summary]
        var windowMinutes: Int
        /// Accounts with enough recent failures to look at: someone may be guessing their password.
        var underAttack: [UserDirectory.Summary]
        var lastLogin: (Date?) -> String
    }

    static func index(_ model: IndexModel) -> [BodyNode] {
        [
            AdminTabs.render(current: SitePath.adminUsers()),
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Staff accounts"),
                .link("Add a staff member", to: SitePath.newUser(), [("class", "button")]),
            ]),
            .if(!model.underAttack.isEmpty, .tag("div", [("class", "notice warning"), ("role", "alert"), ("id", "failed-sign-ins")], [
                .tag("p", text: "Repeated failed sign-ins in the last \(model.windowMinutes) minutes: "
                     + model.underAttack.map { "\($0.name) (\($0.recentFailures))" }.joined(separator: ", ") + "."),
                .tag("p", text: "Nobody is locked out: an address that keeps failing must wait. If the person did not mistype, "
                     + "someone may be guessing; the audit trail shows the addresses."),
            ])),
            .tag("table", [("class", "list")], [
                .tableHead(["Name", "Email", "Role", "Status", "Last sign-in"]),
                .tag("tbody", [], model.users.map { user in
                    .tag("tr", [], [
                        .tag("td", [], [.link(user.name, to: SitePath.user(user.id))]),
                        .tag("td", text: user.email),
                        .tag("td", text: user.role.title),
                        .tag("td", text: user.disabled ? "Disabled"
                             : user.recentFailures > 0 ? "Active, \(user.recentFailures) failed sign-in(s) lately" : "Active"),
                        .tag("td", text: model.lastLogin(user.lastLoginAt)),
                    ])
                }),
            ]),
        ]
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let order = ["name", "email", "role", "password"]
        let roles = Role.staff.map { Forms.Option(value: $0.rawValue, title: $0.title) }
        return [
            AdminTabs.render(current: SitePath.adminUsers()),
            .tag("h1", text: model.id == nil ? "Add a staff member" : model.name),
            Forms.errorSummary(order.compactMap { name in model.errors[name].map { (name: name, message: $0) } }),
            .tag("form", [("method", "post"), ("action", model.id.map { SitePath.user($0) } ?? SitePath.adminUsers()), ("class", "narrow")], [
                Forms.csrf(csrfToken),
                .unwrap(model.version) { Forms.hidden("version", String($0)) },
                Forms.text("name", label: "Name", value: model.name, error: model.errors["name"], required: true, autocomplete: "off"),
                model.id == nil
                    ? Forms.text("email", label: "Email (sign-in name)", value: model.email, error: model.errors["email"],
                                 type: "email", required: true, autocomplete: "off")
                    : .tag("p", [], [.tag("strong", text: "Email: "), .text(model.email)]),
                Forms.select("role", label: "Role", options: roles, selected: model.role, error: model.errors["role"], required: true),
                .if(model.id == nil, .tag("p", [("class", "hint")], text: "Relief makes a temporary password and shows it once; the person chooses their own at first sign-in.")),
                Forms.submit(model.id == nil ? "Create account" : "Save"),
            ]),
            .unwrap(model.id) { id in
                .tag("div", [("class", "actions card")], [
                    .tag("h2", text: "Account actions"),
                    actionButton(SitePath.userPasswordReset(id), "Reset password", csrfToken),
                    model.disabled
                        ? actionButton(SitePath.userEnable(id), "Enable account", csrfToken)
                        : actionButton(SitePath.userDisable(id), "Disable account", csrfToken),
                ])
            },
        ]
    }

    static func temporaryPassword(name: String, email: String, password: String) -> [BodyNode] {
        [
            .tag("h1", text: "Temporary password for \(name)"),
            .tag("p", text: "Give this password to \(name) in person. It is shown only now. They sign in as \(email) and must choose their own password straight away."),
            .tag("p", [("class", "temporary-password")], [.tag("code", text: password)]),
            .link("Back to staff accounts", to: SitePath.adminUsers(), [("class", "button")]),
        ]
    }

    private static func actionButton(_ action: String, _ title: String, _ csrfToken: String) -> BodyNode {
        .tag("form", [("method", "post"), ("action", action), ("class", "inline")], [
            Forms.csrf(csrfToken), Forms.submit(title, secondary: true),
        ])
    }
}

/// The tabs of the admin area.
enum AdminTabs {
    static func render(current: String) -> BodyNode {
        Tabs.render("Admin", [("Staff accounts", SitePath.adminUsers()), ("Practice", SitePath.practiceProfile()), ("Audit trail", SitePath.audit()),
                              ("Roles", SitePath.roles()), ("Schedule set-up", SitePath.scheduleSettings())], current: current)
    }
}
