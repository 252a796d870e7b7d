/// Reads RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF or LF
/// line ends, an optional UTF-8 byte order mark. Problems are reported with their line number.
public enum CSVReader {
    public struct Row: Equatable, Sendable {
        /// 1-based line number where the row starts, for error messages.
        public let line: Int
        public let fields: [String]
    }

    public struct Failure: Error, Equatable, Sendable {
        public let line: Int
        public let message: String
    }

    public static func read(_ text: String) throws(Failure) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var rowStart = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0

        func endRow() {
            fields.append(field)
            // A completely empty line is skipped rather than read as one empty field.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Row(line: rowStart, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"":
                    guard field.isEmpty else {
                        throw Failure(line: line, message: "第\(line)行：字段中间出现了未转义的双引号。")
                    }
                    inQuotes = true
                    fieldWasQuoted = true
                case ",":
                    fields.append(field)
                    field = ""
                    fieldWasQuoted = false
                case "\r":
                    if i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
                    endRow()
                    line += 1
                    rowStart = line
                case "\n":
                    endRow()
                    line += 1
                    rowStart = line
                default:
                    if fieldWasQuoted {
                        throw Failure(line: line, message: "第\(line)行：引号结束后还有多余的字符。")
                    }
                    field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes {
            throw Failure(line: rowStart, message: "第\(rowStart)行：引号没有闭合，文件可能不完整。")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }
}
