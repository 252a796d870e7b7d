import Foundation
import GongkaiCore

/// Table 三 of the annual report as an .xlsx in the format's own layout (国办公开办函〔2021〕30号): the header block
/// with its 勾稽关系 note, 申请人情况 over 自然人 / 法人或其他组织 (five columns) / 总计, the 30 rows; and, when given,
/// table 四 (行政复议、行政诉讼) on a second sheet in its 15-column layout.
public enum TableThreeWorkbook {
    public static func write(_ table: TableThree, tableFour: TableFour? = nil, title: String) throws -> Data {
        var sheet = WorksheetDraft(name: "表三")
        let header = CellStyle(bold: true, horizontal: .center)
        let label = CellStyle()
        let number = CellStyle(horizontal: .center)
        sheet.set(1, 1, .text(title), CellStyle(bold: true, fontSize: 14, horizontal: .center, border: false))
        sheet.merge(CellPosition(row: 1, column: 1), CellPosition(row: 1, column: 10), style: CellStyle(bold: true, fontSize: 14, horizontal: .center, border: false))
        sheet.set(2, 1, .text("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), header)
        sheet.merge(CellPosition(row: 2, column: 1), CellPosition(row: 4, column: 3), style: header)
        sheet.set(2, 4, .text("申请人情况"), header)
        sheet.merge(CellPosition(row: 2, column: 4), CellPosition(row: 2, column: 10), style: header)
        sheet.set(3, 4, .text("自然人"), header)
        sheet.merge(CellPosition(row: 3, column: 4), CellPosition(row: 4, column: 4), style: header)
        sheet.set(3, 5, .text("法人或其他组织"), header)
        sheet.merge(CellPosition(row: 3, column: 5), CellPosition(row: 3, column: 9), style: header)
        sheet.set(3, 10, .text("总计"), header)
        sheet.merge(CellPosition(row: 3, column: 10), CellPosition(row: 4, column: 10), style: header)
        for (i, type) in ApplicantType.allCases.dropFirst().enumerated() { sheet.set(4, 5 + i, .text(type.label), header) }
        var row = 5
        for line in table.rows {
            sheet.set(row, 1, .text(line.label), line.figures == nil ? CellStyle(bold: true) : label)
            sheet.merge(CellPosition(row: row, column: 1), CellPosition(row: row, column: 3), style: line.figures == nil ? CellStyle(bold: true) : label)
            for (i, value) in (line.figures ?? []).enumerated() { sheet.set(row, 4 + i, .number(value), number) }
            if line.figures == nil { for column in 4...10 { sheet.set(row, column, .text(""), number) } }
            row += 1
        }
        sheet.columnWidths = [1: 14, 2: 14, 3: 22]
        for column in 4...10 { sheet.columnWidths[column] = 10 }
        sheet.printTitleRows = 2...4
        sheet.frozenRows = 4
        sheet.landscape = false
        return try XLSXWriter.write([sheet] + (tableFour.map { [fourSheet($0)] } ?? []), title: title)
    }

    /// 行政复议 (5 columns) | 行政诉讼: 未经复议直接起诉 (5) | 复议后起诉 (5); one row of figures.
    static func fourSheet(_ table: TableFour) -> WorksheetDraft {
        var sheet = WorksheetDraft(name: "表四")
        let header = CellStyle(bold: true, horizontal: .center)
        sheet.set(1, 1, .text("政府信息公开行政复议、行政诉讼情况（\(table.year)年）"), CellStyle(bold: true, fontSize: 14, horizontal: .center, border: false))
        sheet.merge(CellPosition(row: 1, column: 1), CellPosition(row: 1, column: 15), style: CellStyle(bold: true, fontSize: 14, horizontal: .center, border: false))
        sheet.set(2, 1, .text("行政复议"), header)
        sheet.merge(CellPosition(row: 2, column: 1), CellPosition(row: 2, column: 5), style: header)
        sheet.set(2, 6, .text("行政诉讼"), header)
        sheet.merge(CellPosition(row: 2, column: 6), CellPosition(row: 2, column: 15), style: header)
        let results = TableFour.Result.allCases.map(\.label) + ["总计"]
        for (i, label) in results.enumerated() {
            sheet.set(3, 1 + i, .text(label), header)
            sheet.merge(CellPosition(row: 3, column: 1 + i), CellPosition(row: 4, column: 1 + i), style: header)
        }
        sheet.set(3, 6, .text("未经复议直接起诉"), header)
        sheet.merge(CellPosition(row: 3, column: 6), CellPosition(row: 3, column: 10), style: header)
        sheet.set(3, 11, .text("复议后起诉"), header)
        sheet.merge(CellPosition(row: 3, column: 11), CellPosition(row: 3, column: 15), style: header)
        for (i, label) in (results + results).enumerated() { sheet.set(4, 6 + i, .text(label), header) }
        for (i, value) in table.figures.enumerated() { sheet.set(5, 1 + i, .number(value), CellStyle(horizontal: .center)) }
        for column in 1...15 { sheet.columnWidths[column] = 9 }
        sheet.landscape = true
        return sheet
    }
}
