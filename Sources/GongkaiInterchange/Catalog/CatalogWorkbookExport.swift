import Foundation
import GongkaiCore

extension CatalogWorkbook {
    /// One catalog to put on a sheet.
    public struct Sheet: Sendable {
        public var name: String
        public var title: String
        public var entries: [CatalogEntry]
        public var layout: CatalogLayout

        public init(name: String, title: String, entries: [CatalogEntry], layout: CatalogLayout = .yunnan) {
            self.name = name
            self.title = title
            self.entries = entries
            self.layout = layout
        }
    }

    /// The official template in the sheet's layout: title row, the two-row header with merged group cells, ■/□
    /// channel checklists in the county's own channel names, √ marks, widths, wrapping, and a landscape A4 print
    /// setup that repeats the header on every page. 江西's template has no 公开层级 and says 主动公开 / 依申请公开 and
    /// 特定群体; the other says 主动 / 依申请, 特定群体（请写明）and has 县级 / 乡级 (村级 when an entry needs it).
    /// A 三级事项 column is added only when an entry needs it. `read` gives back the same entries.
    public static func write(_ sheets: [Sheet]) throws -> Data {
        try XLSXWriter.write(sheets.map(draft), title: sheets.first?.title ?? "基层政务公开事项标准目录")
    }

    static func draft(_ sheet: Sheet) -> WorksheetDraft {
        let hasLevel3 = sheet.entries.contains { !$0.level3.isEmpty }
        let hasVillage = sheet.entries.contains { $0.levels.contains(.village) }
        let jiangxi = sheet.layout == .jiangxi
        let levelColumns: [CatalogLevel] = jiangxi ? [] : hasVillage ? [.county, .township, .village] : [.county, .township]

        // Columns in template order; the group headers of the first header row span the sub-columns.
        var columns: [(group: String?, title: String, width: Double)] = [
            (nil, "序号", 5), ("公开事项", "一级事项", 10), ("公开事项", "二级事项", 14),
        ]
        if hasLevel3 { columns.append(("公开事项", "三级事项", 14)) }
        columns += [
            (nil, "公开内容\n（要素）", 30), (nil, "公开依据", 30), (nil, "公开\n时限", 14), (nil, jiangxi ? "公开主体" : "公开\n主体", 14),
            (nil, "公开渠道和载体", 32), ("公开对象", "全社会", 6), ("公开对象", jiangxi ? "特定群体" : "特定群体\n（请写明）", 10),
            ("公开方式", jiangxi ? "主动公开" : "主动", 6), ("公开方式", jiangxi ? "依申请公开" : "依申请", 6),
        ]
        columns += levelColumns.map { ("公开层级", $0.label, 6) }

        let titleStyle = CellStyle(bold: true, fontSize: 16, horizontal: .center, vertical: .center, wrap: false, border: false)
        let headerStyle = CellStyle(bold: true, fontSize: 10, horizontal: .center, vertical: .center)
        let textStyle = CellStyle(horizontal: .left, vertical: .center)
        let markStyle = CellStyle(horizontal: .center, vertical: .center)

        var ws = WorksheetDraft(name: sheet.name)
        ws.set(1, 1, .text(sheet.title), titleStyle)
        ws.merge(CellPosition(row: 1, column: 1), CellPosition(row: 1, column: columns.count), style: titleStyle)
        ws.rowHeights[1] = 36
        ws.rowHeights[2] = 24
        ws.rowHeights[3] = 30
        var c = 1
        while c <= columns.count {
            let column = columns[c - 1]
            ws.columnWidths[c] = column.width
            if let group = column.group {
                var end = c
                while end < columns.count, columns[end].group == group { end += 1 }
                ws.set(2, c, .text(group), headerStyle)
                ws.merge(CellPosition(row: 2, column: c), CellPosition(row: 2, column: end), style: headerStyle)
                for sub in c...end {
                    ws.columnWidths[sub] = columns[sub - 1].width
                    ws.set(3, sub, .text(columns[sub - 1].title), headerStyle)
                }
                c = end + 1
            } else {
                ws.set(2, c, .text(column.title), headerStyle)
                ws.merge(CellPosition(row: 2, column: c), CellPosition(row: 3, column: c), style: headerStyle)
                c += 1
            }
        }
        ws.printTitleRows = 2...3
        ws.frozenRows = 3

        func mark(_ on: Bool) -> WorksheetDraft.Value { .text(on ? "√" : "") }
        var row = 4
        var level1Start = 4
        for (index, e) in sheet.entries.enumerated() {
            var col = 1
            func put(_ value: WorksheetDraft.Value, _ style: CellStyle) {
                ws.set(row, col, value, style)
                col += 1
            }
            let number = e.number.isEmpty ? String(index + 1) : e.number
            put(Int(number).flatMap { String($0) == number ? .number($0) : nil } ?? .text(number), markStyle)
            // 一级事项 is merged down over the rows that share it, as the published catalogs do.
            let sameAsAbove = index > 0 && sheet.entries[index - 1].level1 == e.level1
            if !sameAsAbove { level1Start = row }
            put(.text(sameAsAbove ? "" : e.level1), textStyle)
            if sameAsAbove {
                ws.merges.removeAll { $0.first == CellPosition(row: level1Start, column: 2) }
                ws.merges.append(CellRange(first: CellPosition(row: level1Start, column: 2), last: CellPosition(row: row, column: 2)))
            }
            put(.text(e.level2), textStyle)
            if hasLevel3 { put(.text(e.level3), textStyle) }
            put(.text(e.content), textStyle)
            put(.text(e.basis), textStyle)
            put(.text(e.timeLimit.text), textStyle)
            put(.text(e.body), textStyle)
            put(.text(e.channels.checklistText), textStyle)
            put(mark(e.audience.everyone), markStyle)
            put(.text(e.audience.specificGroup.map { $0.isEmpty ? "√" : $0 } ?? ""), markStyle)
            put(mark(e.methods.proactive), markStyle)
            put(mark(e.methods.onRequest), markStyle)
            for level in levelColumns { put(mark(e.levels.contains(level)), markStyle) }
            ws.rowHeights[row] = rowHeight(ws, row: row, widths: ws.columnWidths)
            row += 1
        }
        return ws
    }

    /// Spreadsheets do not grow a row for wrapped text when they open a file, so the height is set from the
    /// text: lines per cell at its column width (a Chinese character is about two width units), 10-point lines.
    static func rowHeight(_ ws: WorksheetDraft, row: Int, widths: [Int: Double]) -> Double {
        var lines = 1
        for (position, cell) in ws.cells where position.row == row {
            guard case .text(let text) = cell.0, !text.isEmpty else { continue }
            let usable = max((widths[position.column] ?? 8.43) - 1, 1)
            var count = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let width = line.unicodeScalars.reduce(0.0) { $0 + ($1.value < 0x2E80 ? 1.0 : 2.0) }
                count += max(1, Int((width / usable).rounded(.up)))
            }
            lines = max(lines, count)
        }
        return min(409, Double(lines) * 13.5 + 4)
    }
}
