/// A QR Code (ISO/IEC 18004) for the links Gongkai prints: byte mode, error correction level M (about 15 % of the
/// symbol can be lost to a fold or a stain), versions 1–20 (up to 666 bytes), the mask with the lowest penalty.
/// Written here because no QR package is on the mirror; printed guides and letters carry one so that a reader
/// with a phone reaches the online version. `svg` draws it; tests decode it with zbarimg.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let mask: Int
    /// Rows of modules, `true` = dark.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    public struct TooLong: Error, Equatable, CustomStringConvertible {
        public let bytes: Int
        public var description: String { "链接太长（\(bytes)字节），二维码最多容纳\(QRCode.capacity(version: 20))字节。" }
    }

    /// The smallest symbol that holds `text` as UTF-8.
    public init(_ text: String) throws(TooLong) {
        let data = Array(text.utf8)
        guard let version = (1...20).first(where: { Self.capacity(version: $0) >= data.count }) else { throw TooLong(bytes: data.count) }
        let codewords = Self.codewords(data, version: version)
        var grid = Grid(version: version)
        grid.place(codewords)
        var best: (penalty: Int, mask: Int, modules: [[Bool]])?
        for mask in 0..<8 {
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormat(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, mask, candidate.modules) }
        }
        self.version = version
        self.mask = best!.mask
        self.modules = best!.modules
    }

    // MARK: - Error correction level M, versions 1–20

    /// (EC codewords per block, blocks of group 1, data codewords each, blocks of group 2, data codewords each).
    static let blocks: [(ec: Int, g1: Int, d1: Int, g2: Int, d2: Int)] = [
        (10, 1, 16, 0, 0), (16, 1, 28, 0, 0), (26, 1, 44, 0, 0), (18, 2, 32, 0, 0), (24, 2, 43, 0, 0),
        (16, 4, 27, 0, 0), (18, 4, 31, 0, 0), (22, 2, 38, 2, 39), (22, 3, 36, 2, 37), (26, 4, 43, 1, 44),
        (30, 1, 50, 4, 51), (22, 6, 36, 2, 37), (22, 8, 37, 1, 38), (24, 4, 40, 5, 41), (24, 5, 41, 5, 42),
        (28, 7, 45, 3, 46), (28, 10, 46, 1, 47), (26, 9, 43, 4, 44), (26, 3, 44, 11, 45), (26, 3, 41, 13, 42),
    ]

    static func dataCodewords(version: Int) -> Int {
        let b = blocks[version - 1]
        return b.g1 * b.d1 + b.g2 * b.d2
    }

    /// Bytes a version holds in byte mode: the data codewords less the 4-bit mode and the character count.
    public static func capacity(version: Int) -> Int {
        (dataCodewords(version: version) * 8 - 4 - countBits(version: version)) / 8
    }

    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The final message: data in byte mode with terminator and padding, split into blocks, each with its
    /// Reed–Solomon codewords, interleaved.
    static func codewords(_ data: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(data.count, countBits(version: version))
        for byte in data { append(Int(byte), 8) }
        let capacityBits = dataCodewords(version: version) * 8
        append(0, min(4, capacityBits - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var bytes: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while bytes.count < dataCodewords(version: version) {
            bytes.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        let b = blocks[version - 1]
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for length in Array(repeating: b.d1, count: b.g1) + Array(repeating: b.d2, count: b.g2) {
            dataBlocks.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        let generator = ReedSolomon.generator(degree: b.ec)
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, generator: generator) }
        var result: [UInt8] = []
        for i in 0..<max(b.d1, b.d2) { for block in dataBlocks where i < block.count { result.append(block[i]) } }
        for i in 0..<b.ec { for block in ecBlocks { result.append(block[i]) } }
        return result
    }
}

/// Arithmetic in GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1, and the Reed–Solomon remainder.
enum ReedSolomon {
    static let tables: (exp: [UInt8], log: [Int]) = {
        var exp = [UInt8](repeating: 0, count: 512)
        var log = [Int](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            log[x] = i
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
    }

    /// The generator ∏(x − αⁱ), i < degree, as coefficients from the highest power down (the leading 1 left out).
    static func generator(degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, c) in poly.enumerated() {
                next[j] ^= c
                next[j + 1] ^= multiply(c, tables.exp[i])
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for (i, g) in generator.enumerated() { result[i] ^= multiply(g, factor) }
        }
        return result
    }
}
