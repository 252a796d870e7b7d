import Foundation
import GongkaiCore
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Where a webhook may be sent. The public subscription form lets anyone name a URL that this server will POST to,
/// so without a check it could be made to reach this machine, the county's intranet or a cloud metadata service
/// (SSRF). Only public addresses are reached, unless the site's office allows an internal host by name, address or
/// range. The name is resolved and checked before every attempt (a DNS answer can change between attempts), and
/// plain-HTTP deliveries connect to the address that was checked.
enum WebhookTarget {
    struct Refused: Error {
        let message: String
    }

    /// The allowed hosts of a site's setting: names (lowercased) and ranges.
    struct Allowance: Sendable {
        var names: Set<String> = []
        var ranges: [AddressRange] = []

        init(_ setting: String) {
            for line in setting.split(whereSeparator: { $0.isNewline || $0 == "," }) {
                let item = line.trimmingCharacters(in: .whitespaces).lowercased()
                guard !item.isEmpty else { continue }
                if let range = AddressRange(item) { ranges.append(range) } else { names.insert(item) }
            }
        }

        /// Problems of a setting as typed (each line must be a host name, an address or a range).
        static func problems(_ setting: String) -> [String] {
            setting.split(whereSeparator: { $0.isNewline || $0 == "," }).compactMap { line in
                let item = line.trimmingCharacters(in: .whitespaces)
                if item.isEmpty || AddressRange(item) != nil { return nil }
                let hostChars = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
                return item.unicodeScalars.allSatisfy(hostChars.contains) && !item.hasPrefix("-")
                    ? nil : "“\(item)”不是主机名、IP地址或网段。"
            }
        }
    }

    /// The checked address to connect to (nil when the host is allowed by name: it is then used as written).
    static func check(_ url: URL, allowance: Allowance, resolve: (String) -> [NetworkAddress] = resolve) throws -> NetworkAddress? {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil
        else { throw Refused(message: "推送地址应以 http:// 或 https:// 开头，且不含用户名和密码。") }
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if allowance.names.contains(name) { return nil }
        let addresses = NetworkAddress(name).map { [$0] } ?? resolve(name)
        guard !addresses.isEmpty else { throw Refused(message: "无法解析推送地址的主机名“\(host)”。") }
        for address in addresses where !address.isPublic && !allowance.ranges.contains(where: { $0.contains(address) }) {
            throw Refused(message: "推送地址“\(host)”指向本机或内部网络地址（\(address)），已拒绝。如确需推送到本单位内网系统，请公开办在“订阅推送”页允许该主机。")
        }
        return addresses[0]
    }

    /// Every address a name resolves to (getaddrinfo, as the HTTP client will).
    static func resolve(_ host: String) -> [NetworkAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var out: [NetworkAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0,
               let address = NetworkAddress(String(cString: buffer)), !out.contains(address) {
                out.append(address)
            }
            cursor = info.pointee.ai_next
        }
        return out
    }

    /// The URL to connect to and the Host header to send: for plain HTTP the checked address itself, so that a
    /// second DNS answer cannot point elsewhere; HTTPS keeps the name (the certificate is checked against it).
    static func connection(for url: URL, checked: NetworkAddress?) -> (uri: URI, host: String?) {
        guard let checked, url.scheme?.lowercased() == "http", var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return (URI(string: url.absoluteString), nil) }
        let hostHeader = url.port.map { "\(url.host!):\($0)" } ?? url.host!
        components.host = checked.isIPv4 ? checked.description : "[\(checked.description)]"
        return (URI(string: components.string ?? url.absoluteString), hostHeader)
    }
}
