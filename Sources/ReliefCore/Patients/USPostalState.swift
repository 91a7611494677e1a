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

    public static func isCode(_ text: String) -> Bool { known.contains(text) }
}
