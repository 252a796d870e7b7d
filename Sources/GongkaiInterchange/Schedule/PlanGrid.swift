import GongkaiCore

/// A table as the eye sees it, whatever file it came from: rows of grid columns, each cell with its own text
/// or marked as covered by a merged cell above (vertical) or to the left (horizontal). Word tables, Excel sheets
/// and the bundled CSV plans all become one of these, so the work plan rules are written once.
public struct PlanGrid: Sendable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        /// Covered by the cell above (a vertical merge: "same as above").
        public var continuesAbove: Bool
        /// Covered by the cell to the left (a horizontal merge: no value of its own).
        public var continuesLeft: Bool

        public init(_ text: String, continuesAbove: Bool = false, continuesLeft: Bool = false) {
            self.text = text
            self.continuesAbove = continuesAbove
            self.continuesLeft = continuesLeft
        }
    }

    /// Where a cell is, in the words of the file's program ("第5行 E列" in a workbook, "表格第5行第3格" in Word).
    public enum Addressing: Sendable {
        case sheet
        case wordTable
        case text

        func label(row: Int, column: Int) -> String {
            switch self {
            case .sheet: "第\(row)行 \(CellPosition.letters(column))列"
            case .wordTable: "表格第\(row)行第\(column)格"
            case .text: "第\(row)行第\(column)列"
            }
        }
    }

    /// Paragraphs before the table (the plan's title, "附件1").
    public var preamble: [String]
    public var rows: [[Cell]]
    public var addressing: Addressing
    /// The file row number of `rows[0]` (a sheet's table may start below its title rows).
    public var firstRowNumber: Int

    public init(preamble: [String] = [], rows: [[Cell]], addressing: Addressing, firstRowNumber: Int = 1) {
        self.preamble = preamble
        self.rows = rows
        self.addressing = addressing
        self.firstRowNumber = firstRowNumber
    }

    public func cell(_ row: Int, _ column: Int) -> Cell {
        guard row < rows.count, column < rows[row].count else { return Cell("") }
        return rows[row][column]
    }

    public var columnCount: Int { rows.map(\.count).max() ?? 0 }
}

extension PlanGrid {
    /// A worksheet as a grid: merged ranges mark the cells they cover.
    public init(sheet: Worksheet) {
        var rows: [[Cell]] = []
        let lastColumn = sheet.lastColumn
        for r in 1...max(sheet.lastRow, 1) {
            var row: [Cell] = []
            for c in 1...max(lastColumn, 1) {
                if let range = sheet.merge(containing: CellPosition(row: r, column: c)), range.first != CellPosition(row: r, column: c) {
                    row.append(Cell("", continuesAbove: r > range.first.row, continuesLeft: r == range.first.row))
                } else {
                    row.append(Cell(sheet.text(row: r, column: c)))
                }
            }
            rows.append(row)
        }
        self.init(rows: rows, addressing: .sheet)
    }

    /// Rows of plain fields (the bundled plans are CSV): an empty field is blank, which the rules read as
    /// "same as above" where the seeds' merged cells were.
    public init(fields: [[String]]) {
        self.init(rows: fields.map { $0.map { Cell($0) } }, addressing: .text)
    }
}
