import Foundation

/// The readable text of a docx or xlsx attachment, for the personal data check before publishing and for search.
/// Other formats (pdf, ofd, images, the old binary formats) give nil: their text is not read, and the page says so.
public enum AttachmentText {
    /// At most this many characters are kept (a long annex is checked in full up to here).
    public static let limit = 200_000

    public static func extract(_ data: Data, fileName: String) -> String? {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "docx": return try? word(data)
        case "xlsx": return try? workbook(data)
        default: return nil
        }
    }

    static func word(_ data: Data) throws -> String {
        let package = try OOXMLPackage(data, noun: "文档", legacy: "", notPackage: "")
        guard let xml = try package.part("word/document.xml") else { return "" }
        var scanner = XMLScanner(xml)
        var lines: [String] = []
        var paragraph = ""
        var inText = false
        var total = 0
        while let event = try scanner.next() {
            switch event {
            case .start(let tag, _, let selfClosing):
                switch XMLScanner.localName(tag) {
                case "p": paragraph = ""
                case "t": inText = !selfClosing
                case "tab": paragraph += " "
                case "br", "cr": paragraph += "\n"
                default: break
                }
            case .end(let tag):
                switch XMLScanner.localName(tag) {
                case "t": inText = false
                case "p":
                    let line = paragraph.trimmingCharacters(in: .whitespaces)
                    if !line.isEmpty { lines.append(line); total += line.count }
                default: break
                }
            case .text(let text):
                if inText { paragraph += text }
            }
            if total > limit { break }
        }
        return String(lines.joined(separator: "\n").prefix(limit))
    }

    static func workbook(_ data: Data) throws -> String {
        let sheets = try XLSXReader.read(data)
        var lines: [String] = []
        var total = 0
        for sheet in sheets {
            let rows = Dictionary(grouping: sheet.cells, by: { $0.key.row })
            for row in rows.keys.sorted() {
                let line = rows[row]!.sorted { $0.key.column < $1.key.column }.map(\.value)
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: " ")
                if !line.isEmpty { lines.append(line); total += line.count }
                if total > limit { break }
            }
        }
        return String(lines.joined(separator: "\n").prefix(limit))
    }
}
