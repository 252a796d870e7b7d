/// A small pull scanner for the XML inside xlsx packages (SpreadsheetML is plain: elements, attributes, text,
/// the five entities and numeric references). Foundation's XMLParser needs libxml2 at run time on Linux and
/// builds a callback object per document; this walks the bytes once and is enough for what Excel, WPS and
/// LibreOffice write. DTDs and processing instructions are skipped.
struct XMLScanner {
    enum Event {
        case start(name: Substring, attributes: [Substring: String], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "XML 格式错误（第\(offset)字节）：\(reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is allowed before the declaration.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// The next event, or `nil` at the end of the document.
    mutating func next() throws(Malformed) -> Event? {
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                return .text(try Self.decode(bytes[start..<index], at: start))
            }
            // "<"
            guard index + 1 < bytes.count else { throw Malformed(offset: index, reason: "文档在“<”后结束") }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"):
                try skip(past: "?>")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: "-->")
                } else if matches("<![CDATA[") {
                    let start = index + 9
                    try skip(past: "]]>")
                    return .text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self))
                } else {
                    try skip(past: ">")
                }
            case UInt8(ascii: "/"):
                index += 2
                let name = readName()
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                guard index < bytes.count else { throw Malformed(offset: index, reason: "结束标签没有“>”") }
                index += 1
                return .end(name: name)
            default:
                return try readStartTag()
            }
        }
        return nil
    }

    private func matches(_ literal: String) -> Bool {
        var i = index
        for b in literal.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    private mutating func skip(past literal: String) throws(Malformed) {
        let pattern = Array(literal.utf8)
        let start = index
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
        throw Malformed(offset: start, reason: "缺少“\(literal)”")
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        !(b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
            || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "="))
    }

    private mutating func readName() -> Substring {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        return Substring(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    private mutating func readStartTag() throws(Malformed) -> Event {
        index += 1
        let name = readName()
        guard !name.isEmpty else { throw Malformed(offset: index, reason: "标签没有名称") }
        var attributes: [Substring: String] = [:]
        while true {
            skipSpace()
            guard index < bytes.count else { throw Malformed(offset: index, reason: "标签 \(name) 没有结束") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
                    throw Malformed(offset: index, reason: "标签 \(name) 中有多余的“/”")
                }
                index += 2
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let key = readName()
            skipSpace()
            guard !key.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw Malformed(offset: index, reason: "标签 \(name) 的属性格式不对")
            }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw Malformed(offset: index, reason: "属性 \(key) 的值没有引号")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw Malformed(offset: start, reason: "属性 \(key) 的值没有结束") }
            attributes[key] = try Self.decode(bytes[start..<index], at: start)
            index += 1
        }
    }

    /// Text with entity and character references resolved.
    static func decode(_ slice: ArraySlice<UInt8>, at offset: Int) throws(Malformed) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            let b = slice[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            guard let semicolon = slice[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 10 else {
                throw Malformed(offset: offset + (i - slice.startIndex), reason: "“&”后面不是实体")
            }
            let name = String(decoding: slice[(i + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    value = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    value = UInt32(name.dropFirst())
                } else {
                    value = nil
                }
                guard let value, let scalar = Unicode.Scalar(value) else {
                    throw Malformed(offset: offset + (i - slice.startIndex), reason: "未知的实体“&\(name);”")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

}
