import Foundation

/// Numbers as clinicians write them: "7.5", "30", "0.125", never "30.0" or a trailing zero. Doses, MME, scores and
/// chart coordinates all print through here.
public enum Figures {
    public static func text(_ value: Double) -> String {
        guard value != value.rounded() else { return String(Int(value)) }
        // Two decimals, or three for small values such as 0.001; never a trailing zero or dot.
        let text = String(format: abs(value) < 0.1 ? "%.3f" : "%.2f", value)
        return text.replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }
}
