/// RFC 4180 CSV output. `excelFriendly` starts the text with a UTF-8 byte order mark, without which Excel and
/// WPS on Chinese Windows open UTF-8 files as GBK and show mojibake.
public struct CSVWriter: Sendable {
    public var excelFriendly: Bool
    private var lines: [String] = []

    public init(excelFriendly: Bool = false) {
        self.excelFriendly = excelFriendly
    }

    public mutating func append(_ fields: [String]) {
        lines.append(fields.map(Self.escape).joined(separator: ","))
    }

    public var text: String {
        (excelFriendly ? "\u{FEFF}" : "") + lines.map { $0 + "\r\n" }.joined()
    }

    static func escape(_ field: String) -> String {
        // A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula: quote it as text.
        let formulaLike = field.first.map { "=+-@".contains($0) } ?? false
        guard formulaLike || field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return field }
        let body = field.replacingOccurrences(of: "\"", with: "\"\"")
        return formulaLike ? "\"'\(body)\"" : "\"\(body)\""
    }
}

import Foundation
