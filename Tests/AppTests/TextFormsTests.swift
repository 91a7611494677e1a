import Foundation
import Testing
@testable import App
import Vapor

/// The hand-written text forms that hot pages use instead of Foundation's and Plot's.
@Suite struct TextFormsTests {
    @Test func aUUIDsTextRoundTripsInEitherCase() throws {
        // setup
        let ids = (0..<200).map { _ in UUID() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                                                    UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in ids {
            // act
            let text = id.lowercasedText
            // check
            #expect(text == id.uuidString.lowercased())
            #expect(UUID(text36: text) == id)
            #expect(UUID(text36: id.uuidString) == id)
        }
    }

    @Test(arguments: ["", "not-a-uuid", "86a029d4-d67a-4a55-92a7-628fe54249a", "86a029d4-d67a-4a55-92a7-628fe54249aff",
                      "86a029d4xd67a-4a55-92a7-628fe54249af", "86a029d4-d67a-4a55-92a7-628fe54249ag", "86a029d4-d67a-4a55-92a7-628fé54249a"])
    func malformedTextIsNoUUID(text: String) {
        // act / check
        #expect(UUID(text36: text) == nil)
    }

    @Test func theFrameEscapesWhatItWritesAndMarksTheCurrentSection() {
        // setup
        let model = Layout.Model(title: "<Smith> & co", userName: "Dr. \"Q\"", roleTitle: "Physician",
                                 nav: Layout.nav(for: .physician, current: .worklists), flash: Flash(.success, "Saved <it>."),
                                 csrfToken: "token", banner: nil)
        // act
        let html = Layout.render(model, html: "<p>content</p>")
        // check
        #expect(html.hasPrefix(#"<!DOCTYPE html><html lang="en">"#) && html.hasSuffix("</body></html>"))
        #expect(html.contains("<title>&lt;Smith&gt; &amp; co · Relief</title>"))
        #expect(html.contains(#"<a href="/worklists" aria-current="page">Worklists</a>"#))
        #expect(html.contains(#"<a href="/schedule">Schedule</a>"#) && html.contains(#"<a href="/reports">Reports</a>"#))
        #expect(html.contains(#"<a href="/account">Dr. &quot;Q&quot;</a>"#))
        #expect(html.contains(#"<input type="hidden" name="_csrf" value="token"/>"#))
        #expect(html.contains(#"<div class="flash flash-success" role="status">Saved &lt;it&gt;.</div><p>content</p></main>"#))
        #expect(!Layout.render(Layout.Model(title: "Q", nav: [], csrfToken: "t", kiosk: true), html: "").contains("user-menu"))
    }

    @Test(arguments: [("<a href=\"x\">Tom & Jerry's</a>", "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"),
                      ("Muñoz-García 1990 (MRN 000123)", "Muñoz-García 1990 (MRN 000123)"), ("", ""), ("<", "&lt;"),
                      ("a long name with no special characters at all, beyond the small-string size", "a long name with no special characters at all, beyond the small-string size"),
                      ("O'Brien", "O&#39;Brien")])
    func escapingChangesOnlyTheFiveSpecialCharacters(text: String, escaped: String) {
        // act / check
        #expect(Markup.escape(text) == escaped)
    }

    @Test func aQueryParameterIsReadDecodedAndFirstWins() {
        // setup
        let query = "x=1&q=o%27brien%2C+j%C3%B6&q=second&empty=&bare&bad=%zz+1"
        // act / check
        #expect(Request.value(named: "q", inQuery: query) == "o'brien, jö")
        #expect(Request.value(named: "empty", inQuery: query) == "")
        #expect(Request.value(named: "bare", inQuery: query) == "")
        #expect(Request.value(named: "bad", inQuery: query) == "%zz 1")
        #expect(Request.value(named: "missing", inQuery: query) == nil)
        #expect(Request.value(named: "q", inQuery: "") == nil)
        #expect(Request.value(named: "a b", inQuery: "a+b=c") == "c")
    }
}
