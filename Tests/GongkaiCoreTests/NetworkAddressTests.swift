import Testing

@testable import GongkaiCore

@Suite("Network addresses: what a webhook may reach, which proxies are trusted")
struct NetworkAddressTests {
    @Test("this machine, private networks, link-local and metadata addresses are not public, however written",
          arguments: ["127.0.0.1", "127.1.2.3", "10.0.0.8", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                      "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254",
                      "fc00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::10.0.0.1", "::127.0.0.1", "[::1]", "fe80::1%eth0"])
    func internal_(text: String) throws {
        let address = try #require(NetworkAddress(text))
        #expect(!address.isPublic, "\(text)")
    }

    @Test("ordinary internet addresses are public", arguments: ["8.8.8.8", "202.96.128.86", "172.32.0.1", "2400:3200::1",
                                                                "2001:4860:4860::8888", "::ffff:8.8.8.8"])
    func public_(text: String) throws {
        #expect(try #require(NetworkAddress(text)).isPublic, "\(text)")
    }

    @Test("text that is not an address is refused")
    func parsing() {
        for text in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "::1::2", "12345::", "example.gov.cn", "1:2:3:4:5:6:7:8:9"] {
            #expect(NetworkAddress(text) == nil, "\(text)")
        }
        #expect(NetworkAddress("1:2:3:4:5:6:7:8")?.description == "1:2:3:4:5:6:7:8")
    }

    @Test("ranges: a proxy list of addresses and CIDR blocks")
    func ranges() throws {
        let range = try #require(AddressRange("10.1.0.0/16"))
        #expect(range.contains(NetworkAddress("10.1.200.3")!))
        #expect(!range.contains(NetworkAddress("10.2.0.1")!))
        #expect(range.contains(NetworkAddress("::ffff:10.1.0.9")!), "an IPv4-mapped peer is the same host")
        #expect(AddressRange("192.168.0.5")!.contains(NetworkAddress("192.168.0.5")!))
        #expect(AddressRange("fc00::/7")!.contains(NetworkAddress("fd12::1")!))
        #expect(AddressRange("10.0.0.0/33") == nil)
        #expect(AddressRange("nonsense/8") == nil)
    }
}
