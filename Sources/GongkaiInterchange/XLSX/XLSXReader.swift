import Foundation
import ZIPFoundation

/// A cell position, 1-based as Excel shows it (row 1, column 1 = A1).
public struct CellPosition: Hashable, Sendable, Comparable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// "A1", "AB12" → position; `nil` for anything else.
    public init?(reference: Substring) {
        var column = 0
        var row = 0
        var sawDigit = false
        for b in reference.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit: column = column * 26 + Int(b - UInt8(ascii: "A") + 1)
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit: column = column * 26 + Int(b - UInt8(ascii: "a") + 1)
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true; row = row * 10 + Int(b - UInt8(ascii: "0"))
            default: return nil
            }
        }
        guard column > 0, row > 0 else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 → A, 27 → AA.
    public static func letters(_ column: Int) -> String {
        var n = column
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    public var reference: String { Self.letters(column) + String(row) }

    public static func < (a: CellPosition, b: CellPosition) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// A rectangle of merged cells; its value is the top-left cell's.
public struct CellRange: Hashable, Sendable {
    public var first: CellPosition
    public var last: CellPosition

    public init(first: CellPosition, last: CellPosition) {
        self.first = first
        self.last = last
    }

    public init?(reference: Substring) {
        let parts = reference.split(separator: ":")
        guard let a = parts.first.flatMap({ CellPosition(reference: $0) }) else { return nil }
        let b = parts.count > 1 ? CellPosition(reference: parts[1]) : a
        guard let b else { return nil }
        self.init(first: a, last: b)
    }

    public func contains(_ p: CellPosition) -> Bool {
        (first.row...last.row).contains(p.row) && (first.column...last.column).contains(p.column)
    }

    public var reference: String { first == last ? first.reference : "\(first.reference):\(last.reference)" }
}

/// One worksheet's cell texts and merged ranges, as the reader found them.
public struct Worksheet: Sendable {
    public var name: String
    public var cells: [CellPosition: String]
    public var merges: [CellRange]
    private var mergeOrigin: [CellPosition: CellPosition] = [:]

    public init(name: String, cells: [CellPosition: String], merges: [CellRange]) {
        self.name = name
        self.cells = cells
        self.merges = merges
        for range in merges where range.first != range.last {
            for row in range.first.row...range.last.row {
                for column in range.first.column...range.last.column {
                    mergeOrigin[CellPosition(row: row, column: column)] = range.first
                }
            }
        }
    }

    public var lastRow: Int { max(cells.keys.map(\.row).max() ?? 0, merges.map(\.last.row).max() ?? 0) }
    public var lastColumn: Int { max(cells.keys.map(\.column).max() ?? 0, merges.map(\.last.column).max() ?? 0) }

    /// The text of a cell as written in it (empty for a covered cell of a merge).
    public func text(row: Int, column: Int) -> String { cells[CellPosition(row: row, column: column)] ?? "" }

    /// The text a reader sees at a cell: a cell covered by a merge shows the merge's top-left text.
    public func shownText(row: Int, column: Int) -> String {
        let p = CellPosition(row: row, column: column)
        return cells[mergeOrigin[p] ?? p] ?? ""
    }

    /// The merge a cell belongs to, if it is part of one.
    public func merge(containing p: CellPosition) -> CellRange? {
        guard let origin = mergeOrigin[p] else { return nil }
        return merges.first { $0.first == origin }
    }

    /// Whether the cell is covered by a merge that started in an earlier row.
    public func isContinuation(row: Int, column: Int) -> Bool {
        guard let origin = mergeOrigin[CellPosition(row: row, column: column)] else { return false }
        return origin.row < row
    }
}

/// Reads the sheets of an .xlsx package (Office Open XML, as Excel, WPS and LibreOffice save it): shared and
/// inline strings, numbers as written, merged cells. Formulas give their cached value. Styles are not read.
public enum XLSXReader {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    public static func read(contentsOf url: URL) throws(Failure) -> [Worksheet] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw Failure(message: "无法读取文件 \(url.path)：\(error.localizedDescription)") }
        return try read(data)
    }

    public static func read(_ data: Data) throws(Failure) -> [Worksheet] {
        let package: OOXMLPackage
        do {
            package = try OOXMLPackage(
                data, noun: "工作簿",
                legacy: "这是旧版 Excel（.xls）或 WPS（.et）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。",
                notPackage: "文件不是 .xlsx 工作簿（应为 Excel、WPS 或 LibreOffice 保存的 .xlsx 文件）。")
        } catch { throw Failure(message: error.message) }
        func part(_ path: String) throws(Failure) -> [UInt8]? {
            do { return try package.part(path) } catch { throw Failure(message: error.message) }
        }
        do {
            guard let workbook = try part("xl/workbook.xml") else {
                throw Failure(message: "工作簿中没有 xl/workbook.xml，不是有效的 .xlsx 文件。")
            }
            let relations = try part("xl/_rels/workbook.xml.rels").map(relationships) ?? [:]
            let strings = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
            var sheets: [Worksheet] = []
            for (name, relationID) in try sheetList(workbook) {
                guard var target = relations[relationID] else { continue }
                if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
                guard let xml = try part(target) else {
                    throw Failure(message: "工作簿中缺少工作表“\(name)”（\(target)）。")
                }
                sheets.append(try worksheet(xml, name: name, strings: strings))
            }
            guard !sheets.isEmpty else { throw Failure(message: "工作簿中没有工作表。") }
            return sheets
        } catch let error as XMLScanner.Malformed {
            throw Failure(message: "工作簿内容无法读取：\(error)")
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(message: "工作簿内容无法读取：\(error)")
        }
    }

    private static func local(_ name: Substring) -> Substring { XMLScanner.localName(name) }

    private static func attribute(_ attributes: [Substring: String], _ localName: String) -> String? {
        if let v = attributes[Substring(localName)] { return v }
        return attributes.first { local($0.key) == localName }?.value
    }

    static func relationships(_ xml: [UInt8]) throws -> [String: String] {
        var scanner = XMLScanner(xml)
        var result: [String: String] = [:]
        while let event = try scanner.next() {
            if case .start(let name, let attributes, _) = event, local(name) == "Relationship",
               let id = attributes["Id"], let target = attributes["Target"] {
                result[id] = target
            }
        }
        return result
    }

    static func sheetList(_ xml: [UInt8]) throws -> [(String, String)] {
        var scanner = XMLScanner(xml)
        var result: [(String, String)] = []
        while let event = try scanner.next() {
            if case .start(let name, let attributes, _) = event, local(name) == "sheet",
               let sheetName = attributes["name"], let id = attribute(attributes, "id") {
                result.append((sheetName, id))
            }
        }
        return result
    }

    /// Shared strings; rich-text runs are joined and phonetic runs (rPh) left out.
    static func sharedStrings(_ xml: [UInt8]) throws -> [String] {
        var scanner = XMLScanner(xml)
        var result: [String] = []
        var current = ""
        var inText = false
        var phoneticDepth = 0
        while let event = try scanner.next() {
            switch event {
            case .start(let name, _, let selfClosing):
                switch local(name) {
                case "si": current = ""; if selfClosing { result.append("") }
                case "t": inText = !selfClosing
                case "rPh": if !selfClosing { phoneticDepth += 1 }
                default: break
                }
            case .end(let name):
                switch local(name) {
                case "si": result.append(unescapeOOXML(current))
                case "t": inText = false
                case "rPh": phoneticDepth -= 1
                default: break
                }
            case .text(let text):
                if inText && phoneticDepth == 0 { current += text }
            }
        }
        return result
    }

    /// Excel writes characters XML cannot carry as `_xHHHH_` (a line break's \r as `_x000D_`).
    static func unescapeOOXML(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                if scalar != "\r" { out.unicodeScalars.append(scalar) }
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    static func worksheet(_ xml: [UInt8], name: String, strings: [String]) throws -> Worksheet {
        var scanner = XMLScanner(xml)
        var cells: [CellPosition: String] = [:]
        var merges: [CellRange] = []
        var position: CellPosition?
        var type = "n"
        var value = ""
        var capture = false
        var inInline = false
        var row = 0
        var column = 0
        while let event = try scanner.next() {
            switch event {
            case .start(let tag, let attributes, let selfClosing):
                switch local(tag) {
                case "row":
                    row = attributes["r"].flatMap { Int($0) } ?? row + 1
                    column = 0
                case "c":
                    column += 1
                    if let r = attributes["r"], let p = CellPosition(reference: Substring(r)) {
                        position = p
                        column = p.column
                    } else {
                        position = CellPosition(row: max(row, 1), column: column)
                    }
                    type = attributes["t"] ?? "n"
                    value = ""
                    if selfClosing { position = nil }
                case "v": capture = !selfClosing && !inInline
                case "is": inInline = true
                case "t": capture = inInline && !selfClosing
                case "rPh": capture = false
                case "mergeCell":
                    if let ref = attributes["ref"], let range = CellRange(reference: Substring(ref)) { merges.append(range) }
                default: break
                }
            case .end(let tag):
                switch local(tag) {
                case "v", "t": capture = false
                case "is": inInline = false
                case "c":
                    if let p = position {
                        let text: String
                        switch type {
                        case "s": text = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
                        case "b": text = value == "1" ? "TRUE" : "FALSE"
                        case "inlineStr": text = unescapeOOXML(value)
                        default: text = value
                        }
                        if !text.isEmpty { cells[p] = text }
                    }
                    position = nil
                default: break
                }
            case .text(let text):
                if capture { value += text }
            }
        }
        return Worksheet(name: name, cells: cells, merges: merges)
    }
}
