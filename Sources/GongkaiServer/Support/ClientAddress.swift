import GongkaiCore
import Vapor

extension Request {
    /// The address of the person at the other end, for rate limits and the audit trail. Behind a trusted reverse
    /// proxy (`AppConfig.trustedProxies`) it is the nearest address in `X-Forwarded-For` that is not one of the
    /// proxies; a forwarded header from anyone else is ignored, since a client can write what it likes there.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? ""
        let proxies = application.gongkai.config.trustedProxies
        guard !proxies.isEmpty, let peerAddress = NetworkAddress(peer), proxies.contains(where: { $0.contains(peerAddress) })
        else { return peer }
        let chain = headers[canonicalForm: "X-Forwarded-For"].map(String.init)
        for hop in chain.reversed() {
            guard let address = NetworkAddress(hop) else { return peer }
            if !proxies.contains(where: { $0.contains(address) }) { return hop.trimmingCharacters(in: .whitespaces) }
        }
        return peer
    }

    /// Whether the connection comes from this machine (and not through a proxy).
    var isFromLoopback: Bool {
        guard let peer = remoteAddress?.ipAddress, let address = NetworkAddress(peer) else { return false }
        let loopback = [AddressRange("127.0.0.0/8")!, AddressRange("::1")!]
        return loopback.contains { $0.contains(address) } && headers.first(name: "X-Forwarded-For") == nil
    }
}
