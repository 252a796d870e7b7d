import Foundation

/// An IPv4 or IPv6 address read from text, and the questions Gongkai asks of one: is it a public address a
/// webhook may be sent to (not this machine, not a private or link-local network, not a cloud metadata service),
/// and is it inside a range given as `10.0.0.0/8` (the trusted reverse proxies).
public struct NetworkAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public init?(_ text: String) {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        if let v4 = Self.parseIPv4(text) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var isIPv4: Bool { bytes.count == 4 }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::a.b.c.d) one.
    public var embeddedIPv4: NetworkAddress? {
        guard !isIPv4 else { return nil }
        let head = Array(bytes[0..<12])
        let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
        let nat64: [UInt8] = [0x00, 0x64, 0xFF, 0x9B] + Array(repeating: 0, count: 8)
        let compatible = Array(repeating: UInt8(0), count: 12)
        guard head == mapped || head == nat64 || (head == compatible && bytes[12..<15].contains { $0 != 0 }) else {
            return nil
        }
        return NetworkAddress(bytes: Array(bytes[12..<16]))
    }

    /// Ranges no webhook may reach: RFC 6890's special-purpose blocks (this host, loopback, private, shared,
    /// link-local with the 169.254.169.254 metadata service, documentation, benchmarking, multicast, reserved) and
    /// IPv6's unspecified, loopback, unique-local, link-local, site-local, multicast and documentation blocks.
    static let blocked: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { AddressRange($0)! }

    /// Whether the address is an ordinary address on the public internet.
    public var isPublic: Bool {
        if let inner = embeddedIPv4 { return inner.isPublic }
        return !Self.blocked.contains { $0.contains(self) }
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = UInt8(part) else { return nil }
            out.append(value)
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var text = Substring(text)
        var tail: [UInt8] = []
        // An IPv4 address may end it (::ffff:127.0.0.1).
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseIPv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var out: [UInt8] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 {
            let all = head + tail
            return all.count == 16 ? all : nil
        }
        guard let rest = groups(halves[1]) else { return nil }
        let missing = 16 - head.count - rest.count - tail.count
        guard missing >= 2 else { return nil }
        return head + Array(repeating: 0, count: missing) + rest + tail
    }
}

/// An address with a prefix length: `192.168.0.0/16`, `fc00::/7`, or one address (`10.0.0.5`).
public struct AddressRange: Hashable, Sendable {
    public let base: NetworkAddress
    public let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let base = NetworkAddress(String(first)) else { return nil }
        let width = base.bytes.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...width).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = width
        }
        self.base = base
    }

    public func contains(_ address: NetworkAddress) -> Bool {
        let candidate = (address.isIPv4 == base.isIPv4) ? address : (address.embeddedIPv4 ?? address)
        guard candidate.bytes.count == base.bytes.count else { return false }
        var left = prefix
        for (a, b) in zip(candidate.bytes, base.bytes) {
            if left <= 0 { return true }
            let bits = min(8, left)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            left -= bits
        }
        return true
    }
}
