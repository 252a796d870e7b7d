import Foundation
import GongkaiCore

/// Reads the work plan table out of a Word document (.docx, as Word and WPS save it): the paragraphs before the
/// table and the first table whose text mentions the needle ("具体事项"). Merges follow WordprocessingML:
/// `w:gridSpan` covers grid columns to the right, `w:vMerge` without `restart` continues the cell above.
public enum WordTableReader {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    public static func read(_ data: Data, tableContaining needle: String) throws(Failure) -> PlanGrid {
        let package: OOXMLPackage
        do {
            package = try OOXMLPackage(
                data, noun: "文档",
                legacy: "这是旧版 Word（.doc）或 WPS（.wps）文件，请在 Word 或 WPS 中“另存为” .docx 格式后再导入。",
                notPackage: "文件不是 .docx 文档（应为 Word、WPS 或 LibreOffice 保存的 .docx 文件）。")
        } catch { throw Failure(message: error.message) }
        let xml: [UInt8]
        do {
            guard let bytes = try package.part("word/document.xml") else {
                throw Failure(message: "文档中没有 word/document.xml，不是有效的 .docx 文件。")
            }
            xml = bytes
        } catch let error as OOXMLPackage.Failure { throw Failure(message: error.message) } catch let error as Failure { throw error } catch {
            throw Failure(message: "\(error)")
        }
        let document: Document
        do { document = try parse(xml) } catch { throw Failure(message: "文档内容无法读取：\(error)") }
        guard let index = document.tables.firstIndex(where: { table in
            table.contains { row in row.contains { PlanText.compact($0.text).contains(needle) } }
        }) else {
            throw Failure(message: "文档中没有找到含“\(needle)”的表格。请确认任务分工表是 Word 表格（不是图片或文本框）。")
        }
        // A table pasted page by page arrives as several tables of the same width one after another: they are
        // one table. Another width, or an "附件" heading between them, ends it (附件2 is a different table).
        var rows = grid(document.tables[index])
        let width = rows.map(\.count).max() ?? 0
        for next in (index + 1)..<document.tables.count {
            let more = grid(document.tables[next])
            guard (more.map(\.count).max() ?? 0) == width,
                  !document.paragraphsBefore[next].contains(where: { PlanText.compact($0).hasPrefix("附件") })
            else { break }
            rows += more
        }
        return PlanGrid(preamble: document.paragraphsBefore[index], rows: rows, addressing: .wordTable)
    }

    // MARK: - WordprocessingML

    struct RawCell {
        var text = ""
        var span = 1
        /// nil: not merged; "restart": starts a vertical merge; "continue": continues one.
        var vMerge: String?
    }

    struct Document {
        var tables: [[[RawCell]]] = []
        /// For each table, the non-empty paragraphs between the previous table (or the start) and it.
        var paragraphsBefore: [[String]] = []
    }

    static func parse(_ xml: [UInt8]) throws -> Document {
        var scanner = XMLScanner(xml)
        var document = Document()
        var pending: [String] = []
        var depth = 0  // table nesting; only top-level tables count, nested ones become text
        var rows: [[RawCell]] = []
        var row: [RawCell] = []
        var cell = RawCell()
        var paragraph = ""
        var inText = false
        var cellParagraphs: [String] = []
        while let event = try scanner.next() {
            switch event {
            case .start(let tag, let attributes, let selfClosing):
                switch XMLScanner.localName(tag) {
                case "tbl":
                    depth += 1
                    if depth == 1 { rows = [] }
                case "tr" where depth == 1: row = []
                case "tc" where depth == 1:
                    cell = RawCell()
                    cellParagraphs = []
                case "gridSpan" where depth == 1:
                    cell.span = max(1, Int(value(attributes, "val") ?? "1") ?? 1)
                case "vMerge" where depth == 1:
                    cell.vMerge = value(attributes, "val") == "restart" ? "restart" : "continue"
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
                    if depth >= 1 { cellParagraphs.append(paragraph) } else if !PlanText.compact(paragraph).isEmpty {
                        pending.append(paragraph.trimmingCharacters(in: .whitespaces))
                    }
                case "tc" where depth == 1:
                    cell.text = cellParagraphs.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                    row.append(cell)
                case "tr" where depth == 1: rows.append(row)
                case "tbl":
                    if depth == 1 {
                        document.tables.append(rows)
                        document.paragraphsBefore.append(pending)
                        pending = []
                    }
                    depth -= 1
                default: break
                }
            case .text(let text):
                if inText { paragraph += text }
            }
        }
        return document
    }

    private static func value(_ attributes: [Substring: String], _ name: String) -> String? {
        attributes.first { XMLScanner.localName($0.key) == Substring(name) }?.value
    }

    /// Lays the cells out on the grid columns.
    static func grid(_ rows: [[RawCell]]) -> [[PlanGrid.Cell]] {
        rows.map { raw in
            var out: [PlanGrid.Cell] = []
            for cell in raw {
                let continues = cell.vMerge == "continue"
                out.append(PlanGrid.Cell(continues ? "" : cell.text, continuesAbove: continues))
                for _ in 1..<max(cell.span, 1) {
                    out.append(PlanGrid.Cell("", continuesAbove: continues, continuesLeft: true))
                }
            }
            return out
        }
    }
}
