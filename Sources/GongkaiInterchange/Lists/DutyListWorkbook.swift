import Foundation
import GongkaiCore

/// What a 清单 import read: the rows with the sheet rows they came from, and how the columns were understood.
public struct DutyListImport: Sendable {
    public struct Row: Sendable {
        public var sheetRow: Int
        public var row: DutyListRow
    }

    public var kind: DutyListKind
    public var sheetName: String
    public var title: String
    public var columns: [(letter: String, meaning: String)]
    public var ignoredColumns: [String]
    public var rows: [Row]
    public var dutyRows: [DutyListRow] { rows.map(\.row) }
}

/// Reads and writes 权责清单 and 公共服务清单 workbooks as counties keep them: a title row, one header row (序号,
/// 职权类型, 职权名称, 子项, 实施依据, 实施主体, 责任事项, 追责情形, 备注 — or the 公共服务 columns), 职权类型 and
/// 职权名称 merged down over their 子项 rows, "同上" for "as above". Any problem refuses the whole file; every
/// problem is named by row and column.
public enum DutyListWorkbook {
    /// Header text → field, for both lists; the first matching prefix wins. Local lists' synonyms are accepted.
    static func field(_ header: String, kind: DutyListKind) -> DutyListField? {
        let h = CatalogWorkbook.normalised(header)
        let table: [(prefixes: [String], field: DutyListField)] = [
            (["职权编码", "事项编码", "实施编码", "编码", "编号"], .code),
            (["职权类型", "权力类型", "事项类型", "职权类别", "类型"], .powerType),
            (["子项"], .subItem),
            (["职权名称", "权力名称", "权力事项名称", "服务名称", "服务事项名称", "事项名称", "名称"], .name),
            (["实施依据", "设定依据", "法律依据", "办理依据", "依据"], .basis),
            (["实施主体", "行使主体", "法定主体", "责任单位", "责任主体", "实施机关"], .subject),
            (["责任事项"], .duties),
            (["追责情形", "问责情形", "追责"], .accountability),
            (["服务对象", "受理对象"], .audience),
            (["服务内容"], .content),
            (["办理时限", "承诺时限", "法定时限", "时限"], .timeLimit),
            (["收费", "是否收费"], .fee),
            (["咨询电话", "联系电话", "咨询方式", "电话"], .phone),
            (["实施层级", "服务层级", "层级"], .level),
            (["备注"], .note),
        ]
        for (prefixes, field) in table where prefixes.contains(where: h.hasPrefix) {
            return kind.fields.contains(field) ? field : nil
        }
        return nil
    }

    /// Which list a header row belongs to: 职权类型 or 责任事项 say 权责清单; 服务对象 or 服务内容 say 公共服务清单.
    static func kind(ofHeader texts: [String]) -> DutyListKind? {
        if texts.contains(where: { $0.hasPrefix("职权类型") || $0.hasPrefix("权力类型") || $0.hasPrefix("责任事项") || $0.hasPrefix("职权名称") }) { return .power }
        if texts.contains(where: { $0.hasPrefix("服务对象") || $0.hasPrefix("服务内容") || $0.hasPrefix("服务名称") || $0.hasPrefix("服务事项名称") }) { return .service }
        return nil
    }

    static func headerRow(in sheet: Worksheet) -> (Int, DutyListKind)? {
        let last = min(sheet.lastRow, 30)
        guard last >= 1, sheet.lastColumn >= 1 else { return nil }
        for row in 1...last {
            let texts = (1...sheet.lastColumn).map { CatalogWorkbook.normalised(sheet.shownText(row: row, column: $0)) }
            guard texts.filter({ !$0.isEmpty }).count >= 3, texts.contains(where: { $0.contains("依据") }) else { continue }
            if let kind = kind(ofHeader: texts) { return (row, kind) }
        }
        return nil
    }

    /// Reads the first sheet that has a 清单 header. `expected` is the list the user said it is; a file of the
    /// other list is refused. `defaultLevel` fills a 公共服务 row's level when the file has none.
    public static func read(_ data: Data, expected: DutyListKind, defaultLevel: CatalogLevel) throws(CatalogImportFailure) -> DutyListImport {
        let sheets: [Worksheet]
        do { sheets = try XLSXReader.read(data) } catch {
            throw CatalogImportFailure(problems: [CatalogImportProblem(columnTitle: "", found: "", message: error.message)])
        }
        for sheet in sheets {
            guard let (header, kind) = headerRow(in: sheet) else { continue }
            guard kind == expected else {
                throw CatalogImportFailure(problems: [CatalogImportProblem(
                    row: header, columnTitle: "", found: sheet.name,
                    message: "这是\(kind.title)的表头，不是\(expected.title)。请在“清单类别”中选择\(kind.title)，或上传\(expected.title)文件。")])
            }
            return try parse(sheet, header: header, kind: kind, defaultLevel: defaultLevel)
        }
        let wanted = expected == .power ? "“职权类型”“职权名称”“实施依据”“责任事项”" : "“服务名称”“服务对象”“服务内容”“办理依据”"
        throw CatalogImportFailure(problems: [CatalogImportProblem(
            columnTitle: "", found: sheets.map(\.name).joined(separator: "、"), message: "工作簿中没有找到\(expected.title)的表头（应有\(wanted)等列）。")])
    }

    static func parse(_ sheet: Worksheet, header: Int, kind: DutyListKind, defaultLevel: CatalogLevel) throws(CatalogImportFailure) -> DutyListImport {
        var problems: [CatalogImportProblem] = []
        var columns: [Int: DutyListField] = [:]
        var ignored: [String] = []
        var numberColumn: Int?
        for c in 1...sheet.lastColumn {
            let title = CatalogWorkbook.normalised(sheet.shownText(row: header, column: c))
            if title.isEmpty { continue }
            if title == "序号" { numberColumn = c; continue }
            guard let f = field(title, kind: kind) else { ignored.append("\(CellPosition.letters(c))列（\(title)）"); continue }
            if let existing = columns.first(where: { $0.value == f }) {
                problems.append(CatalogImportProblem(row: header, column: c, columnTitle: f.title(in: kind), found: title,
                                                     message: "与\(CellPosition.letters(existing.key))列重复。"))
            } else {
                columns[c] = f
            }
        }
        let present = Set(columns.values)
        for f in kind.fields where kind.required.contains(f) && !present.contains(f) && f != .level {
            problems.append(CatalogImportProblem(row: header, columnTitle: "", found: "", message: "缺少“\(f.title(in: kind))”列。"))
        }
        if !problems.isEmpty { throw CatalogImportFailure(problems: problems) }

        let columnOf = { (f: DutyListField) -> Int? in columns.first { $0.value == f }?.key }
        var rows: [DutyListImport.Row] = []
        var previous: [DutyListField: String] = [:]
        let firstDataRow = header + 1
        if firstDataRow <= sheet.lastRow {
            for r in firstDataRow...sheet.lastRow {
                let own = columns.keys.sorted().map { CatalogWorkbook.normalised(sheet.text(row: r, column: $0)) }
                if own.allSatisfy(\.isEmpty) { continue }
                let first = own.first { !$0.isEmpty } ?? ""
                if ["注", "说明", "填表说明"].contains(where: first.hasPrefix), own.filter({ !$0.isEmpty }).count == 1 { continue }
                var rowProblems: [CatalogImportProblem] = []
                func problem(_ f: DutyListField, _ message: String, found: String) {
                    rowProblems.append(CatalogImportProblem(row: r, column: columnOf(f), columnTitle: f.title(in: kind),
                                                            found: found.count > 40 ? "" : found, message: message))
                }
                var values: [DutyListField: String] = [:]
                for f in kind.fields {
                    guard let c = columnOf(f) else { continue }
                    var value = sheet.shownText(row: r, column: c).trimmingCharacters(in: .whitespacesAndNewlines)
                    if CatalogWorkbook.normalised(value) == "同上" {
                        if let above = previous[f] { value = above } else { problem(f, "第一行不能写“同上”。", found: value) }
                    }
                    values[f] = value
                }
                var row = DutyListRow(
                    code: values[.code] ?? "", name: values[.name] ?? "", subItem: values[.subItem] ?? "", basis: values[.basis] ?? "",
                    subject: values[.subject] ?? "", duties: values[.duties] ?? "", accountability: values[.accountability] ?? "",
                    audience: values[.audience] ?? "", content: values[.content] ?? "", timeLimit: values[.timeLimit] ?? "",
                    fee: values[.fee] ?? "", phone: values[.phone] ?? "", note: values[.note] ?? "")
                if row.code.hasSuffix(".0"), Double(row.code) != nil { row.code = String(row.code.dropLast(2)) }
                if kind == .power {
                    let written = values[.powerType] ?? ""
                    if let type = PowerType(written: written) { row.powerType = type }
                    else if !written.isEmpty { problem(.powerType, "职权类型应为\(PowerType.expected)之一。", found: written) }
                }
                if kind == .service {
                    let written = (values[.level] ?? "").replacingOccurrences(of: "（社区）", with: "").replacingOccurrences(of: "(社区)", with: "")
                    if written.isEmpty { row.level = defaultLevel }
                    else if let levels = CatalogLevel.parse(written), levels.count == 1 { row.level = levels.first }
                    else { problem(.level, "实施层级应为县级、乡镇级或村（社区）级之一。", found: values[.level] ?? "") }
                }
                for p in row.validate(for: kind).problems {
                    guard let f = DutyListField(rawValue: p.field), !rowProblems.contains(where: { $0.columnTitle == f.title(in: kind) }) else { continue }
                    if f == .powerType, !(values[.powerType] ?? "").isEmpty { continue }
                    problem(f, p.message, found: f == .phone || f == .fee ? row.text(f) : "")
                }
                if rowProblems.isEmpty {
                    rows.append(.init(sheetRow: r, row: row.normalised))
                } else {
                    problems += rowProblems.sorted { ($0.column ?? 0) < ($1.column ?? 0) }
                }
                previous = values
                _ = numberColumn
            }
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(CatalogImportProblem(row: firstDataRow, columnTitle: "", found: "", message: "表头下面没有任何事项。"))
        }
        if !problems.isEmpty { throw CatalogImportFailure(problems: problems) }
        let title = header > 1 ? sheet.shownText(row: 1, column: 1).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return DutyListImport(
            kind: kind, sheetName: sheet.name, title: title,
            columns: columns.keys.sorted().map { (CellPosition.letters($0), columns[$0]!.title(in: kind)) },
            ignoredColumns: ignored, rows: rows)
    }

    // MARK: - Writing

    /// The list as counties print it: a title row, the header, one row a 子项 with 序号, wrapped text, the
    /// header repeated on every printed page (A4 landscape). `read` gives back the same rows.
    public static func write(kind: DutyListKind, title: String, rows: [DutyListRow]) throws -> Data {
        let fields = kind.fields
        let widths: [DutyListField: Double] = [
            .code: 12, .powerType: 10, .name: 22, .subItem: 18, .basis: 40, .subject: 14, .duties: 40, .accountability: 36,
            .audience: 14, .content: 30, .timeLimit: 14, .fee: 14, .phone: 14, .level: 10, .note: 12,
        ]
        let titleStyle = CellStyle(bold: true, fontSize: 16, horizontal: .center, vertical: .center, wrap: false, border: false)
        let headerStyle = CellStyle(bold: true, fontSize: 10, horizontal: .center, vertical: .center)
        let textStyle = CellStyle(horizontal: .left, vertical: .center)
        let centre = CellStyle(horizontal: .center, vertical: .center)
        var ws = WorksheetDraft(name: kind.title)
        let count = fields.count + 1
        ws.set(1, 1, .text(title), titleStyle)
        ws.merge(CellPosition(row: 1, column: 1), CellPosition(row: 1, column: count), style: titleStyle)
        ws.rowHeights[1] = 36
        ws.set(2, 1, .text("序号"), headerStyle)
        ws.columnWidths[1] = 6
        for (i, f) in fields.enumerated() {
            ws.set(2, i + 2, .text(f.title(in: kind)), headerStyle)
            ws.columnWidths[i + 2] = widths[f] ?? 14
        }
        ws.printTitleRows = 2...2
        ws.frozenRows = 2
        for (index, row) in rows.enumerated() {
            let r = index + 3
            ws.set(r, 1, .number(index + 1), centre)
            for (i, f) in fields.enumerated() {
                ws.set(r, i + 2, .text(row.text(f)), f == .powerType || f == .level ? centre : textStyle)
            }
            ws.rowHeights[r] = CatalogWorkbook.rowHeight(ws, row: r, widths: ws.columnWidths)
        }
        return try XLSXWriter.write([ws], title: title)
    }

    /// CSV with the same columns (a BOM so that Excel on Chinese Windows reads it as UTF-8).
    public static func csv(kind: DutyListKind, rows: [DutyListRow]) -> Data {
        var writer = CSVWriter(excelFriendly: true)
        writer.append(["序号"] + kind.fields.map { $0.title(in: kind) })
        for (index, row) in rows.enumerated() {
            writer.append([String(index + 1)] + kind.fields.map(row.text))
        }
        return Data(writer.text.utf8)
    }
}

/// A 清单 row as JSON (export files and the API): every field by name, the type and level as written.
public struct DutyListRowJSON: Codable, Sendable, Equatable {
    public var position: Int
    public var code: String
    public var powerType: String?
    public var name: String
    public var subItem: String?
    public var basis: String
    public var subject: String
    public var duties: String?
    public var accountability: String?
    public var audience: String?
    public var content: String?
    public var timeLimit: String?
    public var fee: String?
    public var phone: String?
    public var level: String?
    public var note: String

    public init(_ row: DutyListRow, position: Int, kind: DutyListKind) {
        self.position = position
        code = row.code
        name = row.name
        basis = row.basis
        subject = row.subject
        note = row.note
        if kind == .power {
            powerType = row.powerType?.label
            subItem = row.subItem
            duties = row.duties
            accountability = row.accountability
        } else {
            audience = row.audience
            content = row.content
            timeLimit = row.timeLimit
            fee = row.fee
            phone = row.phone
            level = row.level.map(DutyListRow.levelLabel)
        }
    }
}
