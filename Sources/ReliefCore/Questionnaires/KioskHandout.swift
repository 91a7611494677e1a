import Foundation

/// The questionnaires staff hand to the tablet, in the order the patient answers them.
public enum KioskHandout {
    /// The ticked questionnaires ordered by the numbers typed beside them (unnumbered ones after, as ticked:
    /// a browser sends them in the list's order), or the problem: nothing ticked, one not in the list, a number that is not 1–99.
    public static func order(_ ticked: [String], among listed: [String], numbers: [String: String]) -> (order: [String]?, problem: String) {
        guard !ticked.isEmpty, Set(ticked).count == ticked.count, ticked.allSatisfy(listed.contains) else {
            return (nil, "Choose at least one questionnaire from the list.")
        }
        var ranked: [(rank: Int, position: Int, id: String)] = []
        for (position, id) in ticked.enumerated() {
            let typed = numbers[id, default: ""].trimmingCharacters(in: .whitespaces)
            let rank: Int
            if typed.isEmpty {
                rank = Int.max
            } else if typed.count <= 2, typed.allSatisfy(\.isASCIIDigit), let number = Int(typed), number >= 1 {
                rank = number
            } else {
                return (nil, "Number the order with 1, 2, 3 … or leave it empty.")
            }
            ranked.append((rank, position, id))
        }
        return (ranked.sorted { ($0.rank, $0.position) < ($1.rank, $1.position) }.map(\.id), "")
    }
}
