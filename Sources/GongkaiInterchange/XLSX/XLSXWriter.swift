import GongkaiCore
import Foundation
import ZIPFoundation

/// How a written cell looks. Only what government tables need: 宋体 text, bold headers, alignment, wrapping and
/// thin borders.
public struct CellStyle: Hashable, Sendable {
    public enum Horizontal: String, Sendable { case left, center }
    public enum Vertical: String, Sendable { case top, center }

    public var bold = false
    public var fontSize = 10.0
    public var horizontal = Horizontal.left
    public var vertical = Vertical.center
    public var wrap = true
    public var border = true

    public init(bold: Bool = false, fontSize: Double = 10, horizontal: Horizontal = .left, vertical: Vertical = .center,
                wrap: Bool = true, border: Bool = true) {
        self.bold = bold
        self.fontSize = fontSize
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.border = border
    }
}

/// One sheet to write: cells with their styles, merges, widths, and the print setup.
public struct WorksheetDraft: Sendable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Int)
    }

    public var name: String
    public var cells: [CellPosition: (Value, CellStyle)] = [:]
    public var merges: [CellRange] = []
    /// Column widths in Excel's character units, by column number.
    public var columnWidths: [Int: Double] = [:]
    public var rowHeights: [Int: Double] = [:]
    /// Rows repeated at the top of every printed page (打印标题行), e.g. 2...3 for the two-row header.
    public var printTitleRows: ClosedRange<Int>?
    /// Rows kept visible while scrolling.
    public var frozenRows = 0
    public var landscape = true

    public init(name: String) { self.name = name }

    public mutating func set(_ row: Int, _ column: Int, _ value: Value, _ style: CellStyle) {
        cells[CellPosition(row: row, column: column)] = (value, style)
    }

    /// Merges a range and gives every cell of it the style (so borders are drawn round the whole range).
    public mutating func merge(_ first: CellPosition, _ last: CellPosition, style: CellStyle) {
        merges.append(CellRange(first: first, last: last))
        for row in first.row...last.row {
            for column in first.column...last.column where cells[CellPosition(row: row, column: column)] == nil {
                cells[CellPosition(row: row, column: column)] = (.text(""), style)
            }
        }
    }
}

/// Writes an .xlsx package (Office Open XML, SpreadsheetML) that Excel, WPS and LibreOffice open without repair.
public enum XLSXWriter {
    public static func write(_ sheets: [WorksheetDraft], title: String = "") throws -> Data {
        var styles: [CellStyle] = []
        var styleIndex: [CellStyle: Int] = [:]
        var strings: [String] = []
        var stringIndex: [String: Int] = [:]
        var sheetXML: [String] = []
        for sheet in sheets {
            sheetXML.append(worksheet(sheet, styleID: { style in
                if let i = styleIndex[style] { return i + 1 }
                styles.append(style)
                styleIndex[style] = styles.count - 1
                return styles.count
            }, stringID: { text in
                if let i = stringIndex[text] { return i }
                strings.append(text)
                stringIndex[text] = strings.count - 1
                return strings.count - 1
            }))
        }
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)), ("_rels/.rels", rootRelationships),
            ("docProps/core.xml", OOXMLPackage.coreProperties(title: title)), ("docProps/app.xml", app), ("xl/workbook.xml", workbook(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)), ("xl/styles.xml", stylesheet(styles)),
            ("xl/sharedStrings.xml", sharedStrings(strings)),
        ]
        for (i, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", xml)) }
        return try OOXMLPackage.build(parts, noun: "工作簿")
    }

    private static let header = OOXMLPackage.xmlHeader
    private static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private static func worksheet(_ sheet: WorksheetDraft, styleID: (CellStyle) -> Int, stringID: (String) -> Int) -> String {
        var xml = header + #"<worksheet xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        let lastRow = sheet.cells.keys.map(\.row).max() ?? 1
        let lastColumn = sheet.cells.keys.map(\.column).max() ?? 1
        xml += #"<dimension ref="A1:\#(CellPosition(row: lastRow, column: lastColumn).reference)"/>"#
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.frozenRows > 0 {
            let topLeft = CellPosition(row: sheet.frozenRows + 1, column: 1).reference
            xml += #"<pane ySplit="\#(sheet.frozenRows)" topLeftCell="\#(topLeft)" activePane="bottomLeft" state="frozen"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="14.25"/>"#
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>"
            for (column, width) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                xml += #"<col min="\#(column)" max="\#(column)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        let byRow = Dictionary(grouping: sheet.cells, by: { $0.key.row })
        for row in byRow.keys.sorted() {
            xml += #"<row r="\#(row)""#
            if let height = sheet.rowHeights[row] { xml += #" ht="\#(height)" customHeight="1""# }
            xml += ">"
            for (position, cell) in byRow[row]!.sorted(by: { $0.key.column < $1.key.column }) {
                let (value, style) = cell
                xml += #"<c r="\#(position.reference)" s="\#(styleID(style))""#
                switch value {
                case .number(let n): xml += "><v>\(n)</v></c>"
                case .text(let t) where t.isEmpty: xml += "/>"
                case .text(let t): xml += #" t="s"><v>\#(stringID(t))</v></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.merges.isEmpty {
            xml += #"<mergeCells count="\#(sheet.merges.count)">"#
            for range in sheet.merges { xml += #"<mergeCell ref="\#(range.reference)"/>"# }
            xml += "</mergeCells>"
        }
        xml += #"<printOptions horizontalCentered="1"/>"#
        xml += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        xml += #"<pageSetup paperSize="9" orientation="\#(sheet.landscape ? "landscape" : "portrait")" fitToWidth="1" fitToHeight="0"/>"#
        xml += "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        xml += "</worksheet>"
        return xml
    }

    private static func workbook(_ sheets: [WorksheetDraft]) -> String {
        var xml = header + #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)"><bookViews><workbookView/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            xml += #"<sheet name="\#(Markup.escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        xml += "</sheets>"
        let titles = sheets.enumerated().compactMap { i, sheet in sheet.printTitleRows.map { (i, sheet.name, $0) } }
        if !titles.isEmpty {
            xml += "<definedNames>"
            for (i, name, rows) in titles {
                let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
                xml += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">\#(Markup.escape(quoted))!$\#(rows.lowerBound):$\#(rows.upperBound)</definedName>"#
            }
            xml += "</definedNames>"
        }
        return xml + "</workbook>"
    }

    private static func stylesheet(_ styles: [CellStyle]) -> String {
        // Fonts: 0 is the default; each distinct (bold, size) gets its own.
        var fonts: [String] = [#"<font><sz val="10"/><name val="宋体"/><charset val="134"/></font>"#]
        var fontIndex: [String: Int] = [:]
        var xfs: [String] = [#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#]
        for style in styles {
            let font = #"<font>\#(style.bold ? "<b/>" : "")<sz val="\#(style.fontSize)"/><name val="宋体"/><charset val="134"/></font>"#
            let fontID: Int
            if let i = fontIndex[font] { fontID = i } else { fonts.append(font); fontID = fonts.count - 1; fontIndex[font] = fontID }
            xfs.append(#"<xf numFmtId="0" fontId="\#(fontID)" fillId="0" borderId="\#(style.border ? 1 : 0)" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="\#(style.horizontal.rawValue)" vertical="\#(style.vertical.rawValue)"\#(style.wrap ? #" wrapText="1""# : "")/></xf>"#)
        }
        let thin = #"<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>"#
        return header + #"<styleSheet xmlns="\#(mainNS)">"#
            + #"<fonts count="\#(fonts.count)">\#(fonts.joined())</fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>\#(thin)</border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(xfs.count)">\#(xfs.joined())</cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    private static func sharedStrings(_ strings: [String]) -> String {
        var xml = header + #"<sst xmlns="\#(mainNS)" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for s in strings {
            let preserve = s.first?.isWhitespace == true || s.last?.isWhitespace == true || s.contains("\n")
            xml += "<si><t\(preserve ? #" xml:space="preserve""# : "")>\(Markup.escape(s))</t></si>"
        }
        return xml + "</sst>"
    }

    private static func contentTypes(sheetCount: Int) -> String {
        var xml = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        for i in 1...max(sheetCount, 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    private static let rootRelationships = header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...max(sheetCount, 1) {
            xml += #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId\#(sheetCount + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return xml + "</Relationships>"
    }

    private static let app = header
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Gongkai</Application></Properties>"#
}
