/// The two-letter codes a US postal address takes for its state: the 50 states, the District of Columbia, the
/// inhabited territories and freely associated states, and the armed forces' codes. Source: USPS Publication 28,
/// Appendix B ("State Abbreviations").
public enum USPostalState {
    public static let codes = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
    ]
    private static let known = Set(codes)

    /// The states', the District's and the territories' names by their codes (same source), for addresses that
    /// spell the state out.
    private static let names: [String: String] = [
        "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO", "connecticut": "CT",
        "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
        "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
        "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
        "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
        "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
        "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI",
        "wyoming": "WY", "district of columbia": "DC", "american samoa": "AS", "guam": "GU", "northern mariana islands": "MP",
        "puerto rico": "PR", "virgin islands": "VI",
    ]

    /// The code for a code or a spelled-out name ("Massachusetts" is MA); nil for neither.
    public static func code(_ text: String) -> String? {
        isCode(text.uppercased()) ? text.uppercased() : names[text.lowercased()]
    }

    public static func isCode(_ text: String) -> Bool { known.contains(text) }
}
