import Foundation
import GongkaiCore

/// A problem found in an imported catalog file: where (sheet row, column) and what was found, in Chinese.
public struct CatalogImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var row: Int?
    public var column: Int?
    public var columnTitle: String
    public var found: String
    public var message: String

    public var description: String {
        var place: [String] = []
        if let row { place.append("第\(row)行") }
        if let column { place.append("\(CellPosition.letters(column))列" + (columnTitle.isEmpty ? "" : "（\(columnTitle)）")) }
        var text = place.isEmpty ? message : place.joined(separator: " ") + "：" + message
        let shown = found.replacingOccurrences(of: "\n", with: "⏎")
        if !shown.isEmpty { text += "（读到：“\(shown.count > 40 ? String(shown.prefix(40)) + "…" : shown)”）" }
        return text
    }
}

/// Every problem of a refused import; nothing was imported.
public struct CatalogImportFailure: Error, Equatable, CustomStringConvertible {
    public var problems: [CatalogImportProblem]
    public var description: String {
        "导入失败，未导入任何内容。共\(problems.count)处问题：\n" + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// What an import read: the entries with the sheet rows they came from, and how the columns were understood.
public struct CatalogImport: Sendable {
    public struct Row: Sendable {
        public var sheetRow: Int
        public var entry: CatalogEntry
    }

    public var sheetName: String
    public var title: String
    public var headerRows: ClosedRange<Int>
    /// Column letter → what it was read as ("公开对象：全社会").
    public var columns: [(letter: String, meaning: String)]
    /// Columns with a header Gongkai does not know (备注 …): left out, and said so.
    public var ignoredColumns: [String]
    public var rows: [Row]
    /// The template the file follows: with 公开层级 columns (云南's and later), or without (江西's).
    public var layout: CatalogLayout
    public var entries: [CatalogEntry] { rows.map(\.entry) }
}

/// Reads the 基层政务公开事项标准目录 template as counties fill it in (Excel, WPS, LibreOffice): a title row, the
/// two-row header with merged group cells, 一级事项 left empty or merged to mean "as above", ■/□ checklists,
/// √ marks, and the variants of real catalogs (三级事项, 特定群众, 依申请, 乡、村级, 镇级/村级, 区级 …).
public enum CatalogWorkbook {
    enum Field: Hashable {
        case number, level1, level2, level3, content, basis, timeLimit, body, channels
        case everyone, specificGroup, audienceText
        case proactive, onRequest, methodsText
        case levelColumn(Set<CatalogLevel>), levelsText

        var title: String {
            switch self {
            case .number: "序号"
            case .level1: "一级事项"
            case .level2: "二级事项"
            case .level3: "三级事项"
            case .content: "公开内容（要素）"
            case .basis: "公开依据"
            case .timeLimit: "公开时限"
            case .body: "公开主体"
            case .channels: "公开渠道和载体"
            case .everyone: "公开对象：全社会"
            case .specificGroup: "公开对象：特定群体"
            case .audienceText: "公开对象"
            case .proactive: "公开方式：主动公开"
            case .onRequest: "公开方式：依申请公开"
            case .methodsText: "公开方式"
            case .levelColumn(let levels): "公开层级：" + levels.sorted().map(\.label).joined(separator: "、")
            case .levelsText: "公开层级"
            }
        }
    }

    public static func read(_ data: Data, defaultLevels: Set<CatalogLevel>) throws(CatalogImportFailure) -> CatalogImport {
        let sheets: [Worksheet]
        do { sheets = try XLSXReader.read(data) } catch {
            throw CatalogImportFailure(problems: [CatalogImportProblem(columnTitle: "", found: "", message: error.message)])
        }
        // The first sheet with a catalog header; 填表说明 sheets before it are skipped.
        for sheet in sheets where headerRow(in: sheet) != nil {
            return try parse(sheet, defaultLevels: defaultLevels)
        }
        throw CatalogImportFailure(problems: [CatalogImportProblem(
            columnTitle: "", found: sheets.map(\.name).joined(separator: "、"),
            message: "工作簿中没有找到目录表头（应有“序号”“公开事项”“公开内容（要素）”“公开依据”等列）。")])
    }

    /// Header texts compared without spaces or line breaks, with half-width brackets made full-width.
    static func normalised(_ text: String) -> String {
        String(text.compactMap { c -> Character? in
            if c.isWhitespace || c == "\u{3000}" { return nil }
            if c == "(" { return "（" }
            if c == ")" { return "）" }
            return c
        })
    }

    static func headerRow(in sheet: Worksheet) -> Int? {
        let last = min(sheet.lastRow, 30)
        guard last >= 1 else { return nil }
        for row in 1...last {
            let texts = (1...max(sheet.lastColumn, 1)).map { normalised(sheet.shownText(row: row, column: $0)) }
            if texts.contains(where: { $0.hasPrefix("公开内容") }) && texts.contains(where: { $0.hasPrefix("公开依据") }) {
                return row
            }
        }
        return nil
    }

    static let subHeaderWords = ["一级事项", "二级事项", "三级事项", "全社会", "特定群", "主动", "依申请", "级"]

    static func field(top: String, sub: String) -> Field? {
        let key = sub.isEmpty ? top : sub
        if top == "序号" || top == "编号" { return .number }
        if key.hasPrefix("一级事项") || key == "一级" { return .level1 }
        if key.hasPrefix("二级事项") || key == "二级" { return .level2 }
        if key.hasPrefix("三级事项") || key == "三级" { return .level3 }
        if top.hasPrefix("公开内容") { return .content }
        if top.hasPrefix("公开依据") { return .basis }
        if top.hasPrefix("公开时限") || top == "时限" { return .timeLimit }
        if top.hasPrefix("公开主体") || top == "责任主体" { return .body }
        if top.hasPrefix("公开渠道") || top.hasPrefix("公开载体") { return .channels }
        if top.hasPrefix("公开对象") {
            if sub.isEmpty { return .audienceText }
            if sub.hasPrefix("全社会") { return .everyone }
            if sub.hasPrefix("特定") { return .specificGroup }
            return nil
        }
        if top.hasPrefix("公开方式") {
            if sub.isEmpty { return .methodsText }
            if sub.hasPrefix("主动") { return .proactive }
            if sub.hasPrefix("依申请") { return .onRequest }
            return nil
        }
        if top.hasPrefix("公开层级") {
            if sub.isEmpty { return .levelsText }
            return CatalogLevel.parse(sub).map { .levelColumn($0) }
        }
        return nil
    }

    /// Reads one sheet. Every problem is collected before failing, so the user fixes the file in one pass.
    public static func parse(_ sheet: Worksheet, defaultLevels: Set<CatalogLevel>) throws(CatalogImportFailure) -> CatalogImport {
        guard let header = headerRow(in: sheet) else {
            throw CatalogImportFailure(problems: [CatalogImportProblem(
                columnTitle: "", found: sheet.name, message: "工作表中没有找到目录表头（应有“公开内容（要素）”“公开依据”等列）。")])
        }
        let lastColumn = sheet.lastColumn
        let hasSubRow = (1...lastColumn).contains { c in
            let sub = normalised(sheet.text(row: header + 1, column: c))
            return !sub.isEmpty && subHeaderWords.contains { sub.contains($0) } && sub.count <= 12
        }
        var problems: [CatalogImportProblem] = []
        var fields: [Int: Field] = [:]
        var ignored: [String] = []
        for c in 1...lastColumn {
            let top = normalised(sheet.shownText(row: header, column: c))
            let sub = hasSubRow && !sheet.isContinuation(row: header + 1, column: c) ? normalised(sheet.text(row: header + 1, column: c)) : ""
            if top.isEmpty && sub.isEmpty { continue }
            if let f = field(top: top, sub: sub) {
                if let existing = fields.first(where: { $0.value == f }) {
                    problems.append(CatalogImportProblem(row: header, column: c, columnTitle: f.title, found: top + sub,
                                                         message: "与\(CellPosition.letters(existing.key))列重复。"))
                } else {
                    fields[c] = f
                }
            } else if (top.hasPrefix("公开对象") || top.hasPrefix("公开方式") || top.hasPrefix("公开层级")) {
                problems.append(CatalogImportProblem(row: header + 1, column: c, columnTitle: top, found: sub,
                                                     message: "无法识别这一列（\(top)下应为\(top.hasPrefix("公开对象") ? "全社会、特定群体" : top.hasPrefix("公开方式") ? "主动、依申请" : "县级、乡级、村级")）。"))
            } else {
                ignored.append("\(CellPosition.letters(c))列（\(top + (sub.isEmpty ? "" : "/" + sub))）")
            }
        }
        let present = Set(fields.values.map(\.title))
        let required: [(String, [Field])] = [
            ("一级事项", [.level1]), ("二级事项", [.level2]), ("公开内容（要素）", [.content]), ("公开依据", [.basis]),
            ("公开时限", [.timeLimit]), ("公开主体", [.body]), ("公开渠道和载体", [.channels]),
            ("公开对象", [.everyone, .specificGroup, .audienceText]), ("公开方式", [.proactive, .onRequest, .methodsText]),
        ]
        for (title, options) in required where !options.contains(where: { present.contains($0.title) }) {
            problems.append(CatalogImportProblem(row: header, columnTitle: "", found: "", message: "缺少“\(title)”列。"))
        }
        if !problems.isEmpty { throw CatalogImportFailure(problems: problems) }

        let columnOf = { (f: Field) -> Int? in fields.first { $0.value == f }?.key }
        let firstDataRow = header + (hasSubRow ? 2 : 1)
        var rows: [CatalogImport.Row] = []
        var previous: [Field: String] = [:]
        let textFields: [Field] = [.level1, .level2, .level3, .content, .basis, .timeLimit, .body]
        let sortedColumns = fields.keys.sorted()
        if firstDataRow <= sheet.lastRow {
            for row in firstDataRow...sheet.lastRow {
                let own = sortedColumns.map { normalised(sheet.text(row: row, column: $0)) }
                if own.allSatisfy(\.isEmpty) { continue }
                // A header repeated where the table broke across pages, or a 注/说明 line under the table.
                // Both header words must be there: an entry whose content starts "公开内容包括…" is data (issue 16).
                if let c = columnOf(.content), let b = columnOf(.basis),
                   normalised(sheet.shownText(row: row, column: c)).hasPrefix("公开内容"),
                   normalised(sheet.shownText(row: row, column: b)).hasPrefix("公开依据") { continue }
                let firstText = own.first { !$0.isEmpty } ?? ""
                let ownOf = { (f: Field) in columnOf(f).map { sheet.text(row: row, column: $0) } ?? "" }
                if ["注", "说明", "填表说明", "备注"].contains(where: firstText.hasPrefix), ownOf(.content).isEmpty, ownOf(.basis).isEmpty {
                    continue
                }
                var rowProblems: [CatalogImportProblem] = []
                func cell(_ f: Field) -> String {
                    guard let c = columnOf(f) else { return "" }
                    return sheet.shownText(row: row, column: c).trimmingCharacters(in: .whitespacesAndNewlines)
                }
                func problem(_ f: Field, _ message: String, found: String) {
                    rowProblems.append(CatalogImportProblem(row: row, column: columnOf(f), columnTitle: f.title, found: found, message: message))
                }
                var values: [Field: String] = [:]
                for f in textFields {
                    var value = cell(f)
                    if normalised(value) == "同上" {
                        if let above = previous[f] { value = above } else { problem(f, "第一个事项不能写“同上”。", found: value) }
                    }
                    if f == .level1, value.isEmpty {
                        if let above = previous[.level1] { value = above } else { problem(f, "第一个事项的一级事项不能为空。", found: "") }
                    }
                    values[f] = value
                }
                var number = cell(.number)
                if let n = Double(number), n == n.rounded(), abs(n) < 1e9 { number = String(Int(n)) }

                var audience = Audience(everyone: false, specificGroup: nil)
                if columnOf(.everyone) != nil {
                    let text = cell(.everyone)
                    if let ticked = tick(text) { audience.everyone = ticked } else { problem(.everyone, "应为“√”或留空。", found: text) }
                }
                if columnOf(.specificGroup) != nil {
                    let text = cell(.specificGroup)
                    if let ticked = tick(text) {
                        audience.specificGroup = ticked ? "" : nil
                    } else {
                        // 特定群体（请写明）: the cell names who, possibly after a tick.
                        audience.specificGroup = String(text.drop { tickMarks.contains($0) || $0.isWhitespace })
                            .trimmingCharacters(of: "：:（）()")
                    }
                }
                if columnOf(.audienceText) != nil {
                    let text = cell(.audienceText)
                    if text.contains("全社会") || text.contains("社会公众") { audience.everyone = true }
                    if let range = text.range(of: "特定") {
                        let who = text[range.upperBound...].drop { "群体众：:（(".contains($0) }.trimmingCharacters(of: "）) ")
                        audience.specificGroup = who
                    } else if !text.isEmpty && !audience.everyone {
                        audience.specificGroup = text
                    }
                }
                var methods = DisclosureMethods(proactive: false, onRequest: false)
                for (f, keyPath) in [(Field.proactive, \DisclosureMethods.proactive), (.onRequest, \.onRequest)] where columnOf(f) != nil {
                    let text = cell(f)
                    if let ticked = tick(text) { methods[keyPath: keyPath] = ticked } else { problem(f, "应为“√”或留空。", found: text) }
                }
                if columnOf(.methodsText) != nil {
                    let text = cell(.methodsText)
                    methods.proactive = methods.proactive || text.contains("主动")
                    methods.onRequest = methods.onRequest || text.contains("依申请")
                    if !text.isEmpty && !methods.proactive && !methods.onRequest {
                        problem(.methodsText, "公开方式应为“主动公开”“依申请公开”或两者。", found: text)
                    }
                }
                var levels = Set<CatalogLevel>()
                var hasLevelColumns = false
                for c in sortedColumns {
                    guard case .levelColumn(let named) = fields[c]! else { continue }
                    hasLevelColumns = true
                    let text = sheet.shownText(row: row, column: c).trimmingCharacters(in: .whitespacesAndNewlines)
                    if let ticked = tick(text) { if ticked { levels.formUnion(named) } } else {
                        problem(fields[c]!, "应为“√”或留空。", found: text)
                    }
                }
                if columnOf(.levelsText) != nil {
                    hasLevelColumns = true
                    let text = cell(.levelsText)
                    if let parsed = CatalogLevel.parse(text) { levels.formUnion(parsed) } else if !text.isEmpty {
                        problem(.levelsText, "公开层级应为县级、乡级、村级（可写多个，如“乡、村级”）。", found: text)
                    }
                }
                if !hasLevelColumns { levels = defaultLevels }

                let entry = CatalogEntry(
                    number: number, level1: values[.level1]!, level2: values[.level2]!, level3: values[.level3]!,
                    content: values[.content]!, basis: values[.basis]!, timeLimit: values[.timeLimit]!, body: values[.body]!,
                    channels: ChannelSelection.parse(cell(.channels)).normalisedAsChecklist, audience: audience, methods: methods, levels: levels)
                let fieldFor: [String: Field] = [
                    "level1": .level1, "level2": .level2, "level3": .level3, "content": .content, "basis": .basis,
                    "timeLimit": .timeLimit, "body": .body, "channels": .channels,
                ]
                let audienceTitles = [Field.everyone, .specificGroup, .audienceText].map(\.title)
                let methodTitles = [Field.proactive, .onRequest, .methodsText].map(\.title)
                for p in entry.validate().problems where !rowProblems.contains(where: { reported in
                    reported.columnTitle == fieldFor[p.field]?.title
                        || (p.field == "audience" && audienceTitles.contains(reported.columnTitle))
                        || (p.field == "methods" && methodTitles.contains(reported.columnTitle))
                        || (p.field == "levels" && reported.columnTitle.hasPrefix("公开层级"))
                }) {
                    switch p.field {
                    case "audience":
                        let f = columnOf(.everyone) != nil ? Field.everyone : columnOf(.audienceText) != nil ? .audienceText : .specificGroup
                        problem(f, p.message, found: "")
                    case "methods":
                        problem(columnOf(.proactive) != nil ? .proactive : .methodsText, p.message, found: "")
                    case "levels":
                        let levelColumn = sortedColumns.first { if case .levelColumn = fields[$0]! { return true }; return fields[$0] == .levelsText }
                        rowProblems.append(CatalogImportProblem(row: row, column: levelColumn, columnTitle: "公开层级", found: "", message: p.message))
                    default:
                        let f = fieldFor[p.field] ?? .content
                        problem(f, p.message, found: p.field == "channels" ? cell(.channels) : cell(f).count > 40 ? "" : cell(f))
                    }
                }
                problems += rowProblems.sorted { ($0.column ?? 0) < ($1.column ?? 0) }
                for f in textFields { previous[f] = values[f] }
                rows.append(.init(sheetRow: row, entry: entry))
            }
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(CatalogImportProblem(row: firstDataRow, columnTitle: "", found: "", message: "表头下面没有任何事项。"))
        }
        if !problems.isEmpty { throw CatalogImportFailure(problems: problems) }
        let title = (1..<header).map { r in (1...lastColumn).map { sheet.text(row: r, column: $0) }.joined() }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return CatalogImport(
            sheetName: sheet.name, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
            headerRows: header...(firstDataRow - 1),
            columns: sortedColumns.map { (CellPosition.letters($0), fields[$0]!.title) }, ignoredColumns: ignored, rows: rows,
            layout: fields.values.contains { if case .levelColumn = $0 { true } else { $0 == .levelsText } } ? .yunnan : .jiangxi)
    }

    static let tickMarks: Set<Character> = ["√", "✓", "✔", "■", "☑", "●", "t", "ü", "R", "▇"]

    /// A mark column: √ (or ✓, ■, ●, 是, and the Wingdings letters t/ü/R some files use) is ticked; empty, □, ×,
    /// 否 is not; anything else is not a mark (`nil`).
    static func tick(_ text: String) -> Bool? {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{3000}" }
        if compact.isEmpty || ["□", "☐", "×", "✗", "否", "无", "-", "—", "/", "o", "q", "¨"].contains(compact) { return false }
        if compact.allSatisfy(tickMarks.contains) || ["是", "Y", "y", "1", "有", "TRUE"].contains(compact) { return true }
        return nil
    }
}

extension String {
    func trimmingCharacters(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) || f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, set.contains(l) || l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(of set: String) -> String { String(self).trimmingCharacters(of: set) }
}
