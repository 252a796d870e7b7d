import Testing

@testable import GongkaiInterchange

@Suite("CSV")
struct CSVTests {
    @Test("write then read gives the same fields back, quotes, commas and line breaks included")
    func roundTrip() throws {
        let rows = [["日期", "类型"], ["2026-10-01", "holiday"], ["含,逗号", "含\"引号\""], ["多\n行", ""]]
        var writer = CSVWriter(excelFriendly: true)
        rows.forEach { writer.append($0) }
        #expect(writer.text.hasPrefix("\u{FEFF}"))
        let read = try CSVReader.read(writer.text)
        #expect(read.map(\.fields) == rows)
        #expect(read.map(\.line) == [1, 2, 3, 4])
    }

    @Test("formula-looking cells are neutralised for spreadsheets")
    func formulas() {
        var writer = CSVWriter()
        writer.append(["=HYPERLINK(\"x\")", "-1", "正常"])
        #expect(writer.text == "\"'=HYPERLINK(\"\"x\"\")\",\"'-1\",正常\r\n")
    }

    @Test("LF line ends, blank lines skipped")
    func lineEnds() throws {
        let rows = try CSVReader.read("date,kind\n\n2027-01-01,holiday\n")
        #expect(rows.map(\.fields) == [["date", "kind"], ["2027-01-01", "holiday"]])
        #expect(rows[1].line == 3)
    }

    @Test("broken quoting is reported with its line")
    func errors() {
        #expect(throws: CSVReader.Failure(line: 2, message: "第2行：引号没有闭合，文件可能不完整。")) {
            try CSVReader.read("a,b\n\"open,c\n")
        }
        #expect(throws: CSVReader.Failure.self) { try CSVReader.read("a,b\"c\n") }
    }
}
