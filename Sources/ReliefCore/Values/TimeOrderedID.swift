import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, then random bits. Rows keyed
    /// by it go in at the end of their primary-key index instead of on a random page, which matters for a table that
    /// takes a row on every read, like the audit trail; a random version 4 id dirties one more page a row.
    public static func timeOrdered<Generator: RandomNumberGenerator>(at time: Date, using generator: inout Generator) -> UUID {
        let milliseconds = UInt64(max(0, (time.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    public static func timeOrdered(at time: Date) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(at: time, using: &generator)
    }
}
