import Foundation
import Plot
import ReliefCore
import Vapor

/// The frame of every page: skip link, top navigation, flash message, optional patient banner, main content.
enum Layout {
    struct NavItem: Equatable {
        let title: String
        let href: String
        let isCurrent: Bool
        /// A section a later release fills; shown so users see where it will be.
        let isPlaceholder: Bool
    }

    struct Model {
        var title: String
        var userName: String?
        var roleTitle: String?
        var nav: [NavItem]
        var flash: Flash?
        var csrfToken: String
        var banner: PatientBanner.Model?
        /// A patient's tablet: no navigation, no links out, nothing but the questionnaire.
        var kiosk = false
    }

    enum Section: CaseIterable {
        case patients, schedule, worklists, reports, admin

        var title: String {
            switch self {
            case .patients: "Patients"
            case .schedule: "Schedule"
            case .worklists: "Worklists"
            case .reports: "Reports"
            case .admin: "Admin"
            }
        }

        var href: String {
            switch self {
            case .patients: SitePath.patients
            case .schedule: SitePath.schedule
            case .worklists: SitePath.worklists
            case .reports: SitePath.reports
            case .admin: SitePath.adminUsers
            }
        }

        var actions: [Action] {
            switch self {
            case .patients: [.patientRead]
            case .schedule: [.scheduleView]
            case .worklists: [.worklistView]
            case .reports: [.reportView]
            case .admin: [.userManage, .auditView]
            }
        }

        var isPlaceholder: Bool { [.schedule, .reports].contains(self) }
    }

    /// The sections a role may open, in menu order.
    static func nav(for role: Role?, current: Section?) -> [NavItem] {
        guard let role else { return [] }
        return Section.allCases
            .filter { section in section.actions.contains { PermissionTable.allows(role, $0) } }
            .map { NavItem(title: $0.title, href: $0.href, isCurrent: $0 == current, isPlaceholder: $0.isPlaceholder) }
    }

    /// Stands where `Request.page(_:section:banner:html:)` writes its content; escaped text can never contain it.
    static let contentMarker = "<!--relief:content-->"

    static func render(_ model: Model, content: [BodyNode]) -> String {
        let document = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's `.title` also copies the text, unescaped, into social-media meta tags: write the element itself.
                .element(named: "title", text: "\(model.title) · Relief"),
                .stylesheet(SitePath.stylesheet)
            ),
            .body(
                .if(model.kiosk, .class("kiosk")),
                .tag("a", [("href", "#main"), ("class", "skip-link")], text: "Skip to content"),
                model.kiosk ? .tag("header", [("class", "site-header")], [.tag("span", [("class", "brand")], text: "Relief")]) : header(model),
                .unwrap(model.banner) { PatientBanner.render($0) },
                .tag("main", [("id", "main"), ("tabindex", "-1")], [
                    .unwrap(model.flash) { flash in
                        .tag("div", [("class", "flash flash-\(flash.kind.rawValue)"), ("role", "status")], text: flash.message)
                    },
                    .group(content),
                ]),
                .tag("footer", [("class", "site-footer")], text: "Relief — interventional pain management"),
                // Own script, from this server only (the CSP allows nothing inline); every page works without it.
                .tag("script", [("src", SitePath.bodyMapScript)], [])
            )
        )
        return document.render()
    }

    private static func header(_ model: Model) -> BodyNode {
        .tag("header", [("class", "site-header")], [
            .link("Relief", to: SitePath.home, [("class", "brand")]),
            .if(!model.nav.isEmpty, .tag("nav", [("aria-label", "Main")], [
                .tag("ul", [], model.nav.map { item in
                    .tag("li", [], [
                        .tag("a", [("href", item.href)] + (item.isCurrent ? [("aria-current", "page")] : []), [
                            .safeText(item.title),
                            .if(item.isPlaceholder, .tag("span", [("class", "soon")], text: " (coming)")),
                        ]),
                    ])
                }),
            ])),
            .unwrap(model.userName) { name in
                .tag("div", [("class", "user-menu")], [
                    .link(name, to: SitePath.account),
                    .tag("span", [("class", "role")], text: model.roleTitle ?? ""),
                    .tag("form", [("method", "post"), ("action", SitePath.logout), ("class", "inline")], [
                        Forms.csrf(model.csrfToken),
                        .tag("button", [("type", "submit"), ("class", "link-button")], text: "Sign out"),
                    ]),
                ])
            },
        ])
    }
}

extension Request {
    /// Renders a page inside the layout. A flash message shown here is cleared.
    func page(_ title: String, section: Layout.Section?, banner: PatientBanner.Model? = nil,
              status: HTTPStatus = .ok, kiosk: Bool = false, _ content: [BodyNode]) -> Response {
        let model = layoutModel(title, section: section, banner: banner, kiosk: kiosk)
        return page(model, status: status, body: .init(string: Layout.render(model, content: content)))
    }

    /// A page whose content is HTML already (a kept chart): the layout is drawn around a marker and the content
    /// written in its place, so the large string is not copied through Plot's renderer.
    func page(_ title: String, section: Layout.Section?, banner: PatientBanner.Model?, html content: String) -> Response {
        let model = layoutModel(title, section: section, banner: banner, kiosk: false)
        let shell = Layout.render(model, content: [.raw(Layout.contentMarker)])
        guard let marker = shell.range(of: Layout.contentMarker) else { return page(model, status: .ok, body: .init(string: shell)) }
        var buffer = ByteBufferAllocator().buffer(capacity: shell.utf8.count + content.utf8.count)
        buffer.writeSubstring(shell[..<marker.lowerBound])
        buffer.writeString(content)
        buffer.writeSubstring(shell[marker.upperBound...])
        return page(model, status: .ok, body: .init(buffer: buffer))
    }

    private func layoutModel(_ title: String, section: Layout.Section?, banner: PatientBanner.Model?, kiosk: Bool) -> Layout.Model {
        let user = kiosk ? nil : currentUser
        return Layout.Model(
            title: title, userName: user?.name, roleTitle: user?.role.title,
            nav: Layout.nav(for: user?.role, current: section), flash: flash, csrfToken: csrfToken, banner: banner, kiosk: kiosk)
    }

    private func page(_ model: Layout.Model, status: HTTPStatus, body: Response.Body) -> Response {
        let response = Response(status: status, body: body)
        response.headers.contentType = .html
        if model.flash != nil { response.cookies[Flash.cookieName] = .expired }
        return response
    }
}
