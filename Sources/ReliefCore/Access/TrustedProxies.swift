import Foundation

/// The reverse proxies whose `X-Forwarded-For` Relief believes (`RELIEF_TRUSTED_PROXIES`). Behind a proxy every
/// request comes from the proxy's address, so without this the per-address sign-in limit would stop the whole
/// clinic at once; believing the header from anyone would let a guesser pick a fresh address per try.
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [AddressRange]

    public init(_ ranges: [AddressRange] = []) { self.ranges = ranges }

    /// "10.0.0.5, 192.168.1.0/24, ::1": addresses or CIDR ranges, separated by commas; nil when one is not.
    public init?(list: String) {
        var ranges: [AddressRange] = []
        for item in list.split(separator: ",") {
            guard let range = AddressRange(item.trimmingCharacters(in: .whitespaces)) else { return nil }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = AddressRange.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client: the peer itself, unless the peer is a trusted proxy; then the right-most address in
    /// `X-Forwarded-For` that is not one of ours (what a proxy appends last is what it saw; what comes before came
    /// from the client and may be forged).
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard !ranges.isEmpty, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard AddressRange.bytes(of: hop) != nil else { return peer }  // malformed: believe nothing of it
            if !trusts(hop) { return hop }
        }
        return hops.first ?? peer
    }
}

/// An IPv4 or IPv6 address with a prefix length.
public struct AddressRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let prefix = parts.count == 2 ? PlainNumber.integer(String(parts[1])) : bytes.count * 8
        guard let prefix, prefix >= 0, prefix <= bytes.count * 8 else { return nil }
        self.bytes = bytes
        self.prefix = prefix
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        for bit in 0..<prefix where (address[bit / 8] ^ bytes[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 { return false }
        return true
    }

    /// 4 bytes for dotted IPv4, 16 for IPv6 (with "::" and a zone index ignored); nil for anything else.
    static func bytes(of text: String) -> [UInt8]? {
        if text.contains(":") { return ipv6(text.split(separator: "%").first.map(String.init) ?? text) }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard octet.count <= 3, let value = PlainNumber.integer(String(octet)), value >= 0, value <= 255 else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ half: String) -> [UInt16]? {
            guard !half.isEmpty else { return [] }
            var values: [UInt16] = []
            for group in half.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: missing) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
