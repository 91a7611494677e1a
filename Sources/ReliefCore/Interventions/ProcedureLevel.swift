/// A vertebra from C1 to S1, as levels are written.
public struct Vertebra: Hashable, Comparable, Sendable, CustomStringConvertible {
    private static let segments: [(letter: Character, count: Int, area: BodyArea)] = [
        ("C", 7, .cervical), ("T", 12, .thoracic), ("L", 5, .lumbar), ("S", 1, .sacral),
    ]

    /// 0 for C1 up to 24 for S1.
    public let index: Int

    public init?(letter: Character, number: Int) {
        var start = 0
        for segment in Self.segments {
            if segment.letter == letter {
                guard (1...segment.count).contains(number) else { return nil }
                index = start + number - 1
                return
            }
            start += segment.count
        }
        return nil
    }

    private var position: (letter: Character, number: Int, area: BodyArea) {
        var start = 0
        for segment in Self.segments {
            if index < start + segment.count { return (segment.letter, index - start + 1, segment.area) }
            start += segment.count
        }
        preconditionFailure("vertebra index out of range")
    }

    public var area: BodyArea { position.area }
    public var description: String { "\(position.letter)\(position.number)" }

    public var next: Vertebra? {
        let (letter, number, _) = position
        return Vertebra(letter: letter, number: number + 1)
            ?? Self.segments.firstIndex { $0.letter == letter }.flatMap { at in
                at + 1 < Self.segments.count ? Vertebra(letter: Self.segments[at + 1].letter, number: 1) : nil
            }
    }

    public static func < (lhs: Vertebra, rhs: Vertebra) -> Bool { lhs.index < rhs.index }
}

/// One level of a spinal procedure: a motion segment ("L4-L5", the facet joints, disc and foramina between two
/// vertebrae) or a single vertebra ("L1", a fractured body; "S1", a nerve root).
public struct ProcedureLevel: Hashable, Comparable, Sendable, TextCodable {
    public let upper: Vertebra
    /// The vertebra below, for a motion segment.
    public let lower: Vertebra?

    public var isSegment: Bool { lower != nil }
    public var area: BodyArea { upper.area }
    public var description: String { lower.map { "\(upper)-\($0)" } ?? upper.description }

    public static func < (lhs: ProcedureLevel, rhs: ProcedureLevel) -> Bool { lhs.upper < rhs.upper }

    /// Reads "L4-L5", "L4-5", "L4/5", "l5 - s1" or "L1"; nil for anything else, a skipped vertebra included.
    public init?(_ text: String) {
        let compact = text.uppercased().filter { $0 != " " }
        let parts = compact.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "/", omittingEmptySubsequences: false) }
        guard (1...2).contains(parts.count), let upper = Self.vertebra(parts[0], letter: nil) else { return nil }
        self.upper = upper
        guard parts.count == 2 else { lower = nil; return }
        guard let lower = Self.vertebra(parts[1], letter: parts[0].first), lower == upper.next else { return nil }
        self.lower = lower
    }

    /// "L4" or, after an upper vertebra, "5" for the same letter.
    private static func vertebra(_ text: Substring, letter: Character?) -> Vertebra? {
        let digits = text.drop { $0.isLetter }
        let prefix = text.prefix { $0.isLetter }
        guard prefix.count <= 1, (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), let letter = prefix.first ?? letter else { return nil }
        return Vertebra(letter: letter, number: number)
    }

    /// The most levels one session names.
    public static let sessionLimit = 6

    /// Reads a list of levels ("L4-L5, L5-S1") for an intervention done in `region`: each must be of the unit the
    /// intervention names and in that region (a lumbar procedure includes the lumbosacral junction and sacrum).
    /// Levels come back sorted and without repeats; the problem is worded for the form's field.
    public static func parseList(_ text: String, unit: LevelUnit, region: BodyArea) -> (levels: [ProcedureLevel], problem: String?) {
        let words = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var levels: Set<ProcedureLevel> = []
        for word in words {
            guard word.count <= 12, let level = ProcedureLevel(word) else {
                return ([], "“\(word.prefix(12))” is not a spinal level: write levels like L4-L5, L5-S1 or L1.")
            }
            switch unit {
            case .segment where !level.isSegment:
                return ([], "Name each level as two neighbouring vertebrae, like \(level.upper)-\(level.upper.next?.description ?? "S1").")
            case .vertebra where level.isSegment:
                return ([], "Name each level as one vertebra, like \(level.upper).")
            default: break
            }
            guard region.contains(level) else { return ([], "\(level) is not in the \(region.title.lowercased()) region.") }
            levels.insert(level)
        }
        guard levels.count <= sessionLimit else { return ([], "Name at most \(sessionLimit) levels for one session.") }
        return (levels.sorted(), nil)
    }
}

extension BodyArea {
    /// Whether a spinal level lies in this region: the lumbar region reaches the sacrum, as lumbosacral codes do.
    public func contains(_ level: ProcedureLevel) -> Bool {
        switch self {
        case .lumbar: level.area == .lumbar || level.area == .sacral
        case .cervical, .thoracic, .sacral: level.area == self
        default: false
        }
    }

    public var isSpinal: Bool { [.cervical, .thoracic, .lumbar, .sacral].contains(self) }
}
