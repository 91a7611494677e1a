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
        /// New items waiting there (the inbox's), drawn beside the title when more than none.
        var count: Int? = nil
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
        /// Seconds a signed-in session lasts idle, for the script that warns before it ends.
        var sessionTimeout: Int? = nil
    }

    enum Section: CaseIterable {
        case inbox, patients, schedule, worklists, interventions, reports, admin

        var title: String {
            switch self {
            case .inbox: "Inbox"
            case .patients: "Patients"
            case .schedule: "Schedule"
            case .worklists: "Worklists"
            case .interventions: "Interventions"
            case .reports: "Reports"
            case .admin: "Admin"
            }
        }

        var href: String {
            switch self {
            case .inbox: SitePath.inbox()
            case .patients: SitePath.patients()
            case .schedule: SitePath.schedule()
            case .worklists: SitePath.worklists()
            case .interventions: SitePath.interventions()
            case .reports: SitePath.reports()
            case .admin: SitePath.adminUsers()
            }
        }

        var actions: [Action] {
            switch self {
            case .inbox: [.clinicalRead]
            case .patients: [.patientRead]
            case .schedule: [.scheduleView]
            case .worklists: [.worklistView]
            case .interventions: [.catalogueRead]
            case .reports: [.reportView]
            case .admin: [.userManage, .auditView]
            }
        }
    }

    /// The sections a role may open, in menu order.
    static func nav(for role: Role?, current: Section?, inboxCount: Int? = nil) -> [NavItem] {
        guard let role else { return [] }
        return Section.allCases
            .filter { section in section.actions.contains { PermissionTable.allows(role, $0) } }
            .map { NavItem(title: $0.title, href: $0.href, isCurrent: $0 == current,
                           count: $0 == .inbox ? inboxCount : nil) }
    }

    static func render(_ model: Model, content: [BodyNode]) -> String {
        render(model, html: BodyNode.group(content).render())
    }

    /// The frame written as text around content that is HTML already. Drawn through Plot's renderer (a closure
    /// per node and attribute) the frame was a tenth of every page's time (docs/benchmarks.md).
    static func render(_ model: Model, html content: String) -> String {
        var html = documentStart(title: model.title, body: model.kiosk ? #" class="kiosk""#
            : model.sessionTimeout.map { #" data-session-timeout="\#($0)" data-session-renew="\#(SitePath.session())""# } ?? "")
        html.reserveCapacity(content.utf8.count + 2_048)
        html += ##"<a href="#main" class="skip-link">Skip to content</a>"##
        html += model.kiosk ? #"<header class="site-header"><span class="brand">Relief</span></header>"# : header(model)
        if let banner = model.banner { html += PatientBanner.render(banner).render() }
        html += #"<main id="main" tabindex="-1">"#
        if let flash = model.flash {
            html += Markup.element("div", [("class", "flash flash-\(flash.kind.rawValue)"), ("role", "status")],
                                   escapedContent: Markup.escape(flash.message))
        }
        html += content
        html += #"</main><footer class="site-footer">Relief — interventional pain management</footer>"#
        // Own script, from this server only (the CSP allows nothing inline); every page works without it.
        html += Markup.element("script", [("src", SitePath.bodyMapScript())], escapedContent: "")
        html += Markup.element("script", [("src", SitePath.formsScript())], escapedContent: "")
        return html + "</body></html>"
    }

    /// The document up to its opened body, the same for every page and printout; `body` is the body's attributes,
    /// written already (` class="kiosk"`).
    static func documentStart(title: String, body attributes: String) -> String {
        var html = #"<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"/>"#
        html += #"<meta name="viewport" content="width=device-width, initial-scale=1"/>"#
        html += Markup.element("title", [], escapedContent: Markup.escape("\(title) · Relief"))
        html += Markup.element("link", [("rel", "stylesheet"), ("href", SitePath.stylesheet()), ("type", "text/css")], escapedContent: nil)
        return html + "</head><body" + attributes + ">"
    }

    private static func header(_ model: Model) -> String {
        var html = #"<header class="site-header">"# + Markup.element("a", [("href", SitePath.home()), ("class", "brand")], escapedContent: "Relief")
        if !model.nav.isEmpty {
            html += #"<nav aria-label="Main"><ul>"#
            for item in model.nav {
                var title = Markup.escape(item.title)
                if let count = item.count, count > 0 {
                    title += #" <span class="nav-count" aria-label="\#(count) new">\#(count)</span>"#
                }
                html += "<li>" + Markup.element("a", [("href", item.href)] + (item.isCurrent ? [("aria-current", "page")] : []),
                                                escapedContent: title) + "</li>"
            }
            html += "</ul></nav>"
        }
        if let name = model.userName {
            html += #"<div class="user-menu">"# + Markup.element("a", [("href", SitePath.account())], escapedContent: Markup.escape(name))
            html += Markup.element("span", [("class", "role")], escapedContent: Markup.escape(model.roleTitle ?? ""))
            html += Markup.element("form", [("method", "post"), ("action", SitePath.logout()), ("class", "inline")],
                                   escapedContent: Forms.csrf(model.csrfToken).render()
                                       + #"<button type="submit" class="link-button">Sign out</button>"#)
            html += "</div>"
        }
        return html + "</header>"
    }
}

extension Request {
    /// Renders a page inside the layout. A flash message shown here is cleared.
    func page(_ title: String, section: Layout.Section?, banner: PatientBanner.Model? = nil,
              status: HTTPStatus = .ok, kiosk: Bool = false, _ content: [BodyNode]) -> Response {
        let model = layoutModel(title, section: section, banner: banner, kiosk: kiosk)
        return page(model, status: status, body: .init(string: Layout.render(model, content: content)))
    }

    /// A page whose content is HTML already (a kept chart).
    func page(_ title: String, section: Layout.Section?, banner: PatientBanner.Model?, html content: String) -> Response {
        let model = layoutModel(title, section: section, banner: banner, kiosk: false)
        return page(model, status: .ok, body: .init(string: Layout.render(model, html: content)))
    }

    private func layoutModel(_ title: String, section: Layout.Section?, banner: PatientBanner.Model?, kiosk: Bool) -> Layout.Model {
        let user = kiosk ? nil : currentUser
        return Layout.Model(
            title: title, userName: user?.name, roleTitle: user?.role.title,
            nav: Layout.nav(for: user?.role, current: section, inboxCount: inboxCount), flash: flash, csrfToken: csrfToken, banner: banner, kiosk: kiosk,
            sessionTimeout: user?.sessionID == nil ? nil : Int(application.config.sessionIdleTimeout))
    }

    private func page(_ model: Layout.Model, status: HTTPStatus, body: Response.Body) -> Response {
        let response = Response(status: status, body: body)
        response.headers.contentType = .html
        if model.flash != nil { response.cookies[Flash.cookieName] = .expired }
        return response
    }
}
