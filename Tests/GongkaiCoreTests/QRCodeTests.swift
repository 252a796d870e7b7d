import Foundation
import GongkaiCore
import Testing

/// The QR encoder, checked by a real decoder: zbarimg (Debian's zbar-tools, installed by scripts/test) must read
/// back every link, of every length the site prints, at every version the links reach.
@Suite("QR codes")
struct QRCodeTests {
    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func decode(_ code: QRCode) throws -> String {
        let zbarimg = try #require(Self.zbarimg, "zbarimg is missing: apt-get install zbar-tools (scripts/test installs it)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-qr-\(UUID().uuidString).pbm")
        try code.pbm(scale: 3).write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", "-Sbinary", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test("links of every length the site prints decode to themselves (versions 1 to 20)")
    func decodesLinks() throws {
        let id = "3149E294-45F4-4C63-B57D-B2CEB70F012F"
        var links = [
            "http://127.0.0.1:8080/",
            "https://www.hukou.gov.cn/sites/hukou/yishenqing/chaxun?code=K7QX-2M4P",
            "https://www.hukou.gov.cn/sites/hukou/banshi/qingdan/quanze/\(id)",
            "https://gongkai.wuding.gov.cn:8443/sites/wuding/xinxi/\(id)?version=12",
        ]
        // Lengths from 1 byte to the largest in steps of 9 (every version holds at least 12 more than the one before).
        for length in stride(from: 1, through: QRCode.capacity(version: 20), by: 9) {
            links.append("https://x.cn/" + String(repeating: "a", count: max(0, length - 13)))
        }
        links.append(String(repeating: "9", count: QRCode.capacity(version: 20)))
        var versions = Set<Int>()
        for link in links {
            let code = try QRCode(link)
            versions.insert(code.version)
            #expect(try Self.decode(code) == link, "version \(code.version), \(link.utf8.count) bytes")
        }
        #expect(versions == Set(1...20))
    }

    @Test("capacity, too long, and the SVG drawing")
    func shapes() throws {
        #expect(QRCode.capacity(version: 1) == 14)
        #expect(QRCode.capacity(version: 20) == 666)
        #expect(throws: QRCode.TooLong.self) { try QRCode(String(repeating: "x", count: 667)) }
        let code = try QRCode("https://www.hukou.gov.cn/")
        #expect(code.version == 2 && code.size == 25)
        let svg = code.svg(label: "本页网址二维码")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 33 33\""))
        #expect(svg.contains("aria-label=\"本页网址二维码\""))
        // Finder pattern: the top-left 7×7 has a dark ring, a light ring and a dark 3×3 centre.
        #expect(code.modules[0][0] && code.modules[0][6] && !code.modules[1][1] && code.modules[3][3])
    }
}
