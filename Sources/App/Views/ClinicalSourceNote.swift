import Plot
import ReliefCore

/// Where a clinical value comes from, for clinicians: a small "source" disclosure that opens on the citation, so the
/// reference does not crowd the finding. An unconfirmed value says "verify against current guideline" in the open.
/// Never drawn on what patients read.
enum ClinicalSourceNote {
    static func render(_ source: ClinicalSource) -> BodyNode { render(citation: source.citation, unconfirmed: source.needsVerification) }

    static func render(citation: String, unconfirmed: Bool) -> BodyNode {
        .tag("details", [("class", unconfirmed ? "source unconfirmed" : "source")], [
            .tag("summary", text: unconfirmed ? "verify against current guideline" : "source"),
            .tag("span", text: citation),
        ])
    }
}
