import Plot

/// The page of a provider's calendar feed: whether one is live, the address once when made, and making or stopping it.
enum CalendarFeedPage {
    struct Model {
        let isProvider: Bool
        /// The address just made, shown this once.
        let address: String?
        let live: (hint: String, created: String, lastUsed: String)?
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let post = { (title: String, path: String, secondary: Bool) -> BodyNode in
            .tag("form", [("method", "post"), ("action", path), ("class", "inline")], [Forms.csrf(csrfToken), Forms.submit(title, secondary: secondary)])
        }
        return [
            .tag("p", [], [.link("← Schedule", to: SitePath.schedule())]),
            .tag("h1", text: "Your calendar feed"),
            .tag("p", text: "An address your phone's or computer's calendar subscribes to, showing your appointments from a month back to half a "
                 + "year ahead, updated as they are booked, moved or cancelled. Each shows the patient's initials and MRN only. Anyone with the "
                 + "address can read it: keep it to yourself, and make a new one (which closes the old) if it may have been seen."),
            .unwrap(model.address) { address in
                .tag("div", [("class", "notice"), ("role", "status")], [
                    .tag("p", [], [.tag("strong", text: "Your new address, shown this once:")]),
                    .tag("p", [], [.tag("code", [("class", "secret")], text: address)]),
                ])
            },
            .if(!model.isProvider, .tag("p", [("class", "muted")], text: "Only providers who are booked (physicians, nurses, therapists) have a feed.")),
            .unwrap(model.live, { live in
                .tag("p", text: "A feed is live: made \(live.created), address starting \(live.hint)…, last read \(live.lastUsed).")
            }, else: .tag("p", [("class", "muted")], text: "No feed is live.")),
            .if(model.isProvider, .tag("div", [("class", "page-actions")], [
                post(model.live == nil ? "Make an address" : "Make a new address", SitePath.calendarFeed(), false),
                .if(model.live != nil, post("Stop the feed", SitePath.revokeCalendarFeed(), true)),
            ])),
        ]
    }
}
