/// The body map's named regions. Each region has a left and a right half, so one-sided pain is recorded as such;
/// a mark is stored as `region:side` with its intensity.
public enum BodyView: String, CaseIterable, Codable, Sendable {
    case front, back

    public var title: String { self == .front ? "Front" : "Back" }
}

public enum BodySide: String, CaseIterable, Codable, Sendable {
    case right, left

    public var title: String { self == .right ? "Right" : "Left" }
}

public struct BodyRegion: Hashable, Sendable, Identifiable {
    public let id: String
    public let label: String
    public let view: BodyView
}

/// One marked half-region and how much it hurts there (0–10).
public struct PainMark: Hashable, Codable, Sendable, Comparable {
    public let region: String
    public let side: BodySide
    public let intensity: Int

    public static let intensityRange = 0...10

    public init?(region: String, side: BodySide, intensity: Int) {
        guard BodyMap.region(region) != nil, Self.intensityRange.contains(intensity) else { return nil }
        self.region = region
        self.side = side
        self.intensity = intensity
    }

    /// `lower-back:left`, the form field name and stored code of a half-region.
    public var code: String { BodyMap.code(region, side) }

    public var label: String { "\(side.title) \(BodyMap.region(region)!.label.lowercased())" }

    public static func < (lhs: PainMark, rhs: PainMark) -> Bool {
        (BodyMap.order[lhs.region]!, lhs.side.rawValue) < (BodyMap.order[rhs.region]!, rhs.side.rawValue)
    }
}

public enum BodyMap {
    public static let regions: [BodyRegion] = [
        BodyRegion(id: "head", label: "Head and face", view: .front),
        BodyRegion(id: "neck", label: "Front of neck", view: .front),
        BodyRegion(id: "shoulder", label: "Shoulder", view: .front),
        BodyRegion(id: "chest", label: "Chest", view: .front),
        BodyRegion(id: "upper-arm", label: "Upper arm", view: .front),
        BodyRegion(id: "abdomen", label: "Abdomen", view: .front),
        BodyRegion(id: "lower-arm", label: "Forearm", view: .front),
        BodyRegion(id: "hip", label: "Hip", view: .front),
        BodyRegion(id: "groin", label: "Groin", view: .front),
        BodyRegion(id: "hand", label: "Hand", view: .front),
        BodyRegion(id: "thigh", label: "Front of thigh", view: .front),
        BodyRegion(id: "knee", label: "Knee", view: .front),
        BodyRegion(id: "lower-leg", label: "Shin", view: .front),
        BodyRegion(id: "foot", label: "Foot", view: .front),
        BodyRegion(id: "back-of-head", label: "Back of head", view: .back),
        BodyRegion(id: "back-of-neck", label: "Back of neck", view: .back),
        BodyRegion(id: "shoulder-blade", label: "Shoulder blade", view: .back),
        BodyRegion(id: "upper-back", label: "Upper back", view: .back),
        BodyRegion(id: "back-of-upper-arm", label: "Back of upper arm", view: .back),
        BodyRegion(id: "mid-back", label: "Mid back", view: .back),
        BodyRegion(id: "back-of-lower-arm", label: "Back of forearm", view: .back),
        BodyRegion(id: "lower-back", label: "Lower back", view: .back),
        BodyRegion(id: "back-of-hand", label: "Back of hand", view: .back),
        BodyRegion(id: "buttock", label: "Buttock", view: .back),
        BodyRegion(id: "back-of-thigh", label: "Back of thigh", view: .back),
        BodyRegion(id: "back-of-knee", label: "Back of knee", view: .back),
        BodyRegion(id: "calf", label: "Calf", view: .back),
        BodyRegion(id: "heel", label: "Heel and sole", view: .back),
    ]

    private static let byID = Dictionary(uniqueKeysWithValues: regions.map { ($0.id, $0) })
    static let order = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($0.element.id, $0.offset) })

    public static func region(_ id: String) -> BodyRegion? { byID[id] }

    public static func code(_ region: String, _ side: BodySide) -> String { "\(region):\(side.rawValue)" }

    /// Reads a stored code (`lower-back:left`) with its intensity.
    public static func mark(code: String, intensity: Int) -> PainMark? {
        let parts = code.split(separator: ":")
        guard parts.count == 2, let side = BodySide(rawValue: String(parts[1])) else { return nil }
        return PainMark(region: String(parts[0]), side: side, intensity: intensity)
    }

    /// Stored form: `region:side=intensity` entries joined by commas, in map order.
    public static func encode(_ marks: [PainMark]) -> String {
        marks.sorted().map { "\($0.code)=\($0.intensity)" }.joined(separator: ",")
    }

    public static func decode(_ text: String) -> [PainMark] {
        text.split(separator: ",").compactMap { entry in
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let intensity = Int(parts[1]) else { return nil }
            return mark(code: String(parts[0]), intensity: intensity)
        }
    }
}
