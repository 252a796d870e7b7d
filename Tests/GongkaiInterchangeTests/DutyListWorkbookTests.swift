import Foundation
import GongkaiCore
@testable import GongkaiInterchange
import Testing

/// 清单 workbooks as a county keeps them (scripts/fixtures/make_list_fixtures.py, openpyxl): a 填表说明 sheet first,
/// a title row, 职权类型 and 职权名称 merged over their 子项 rows.
@Suite("权责清单 and 公共服务清单 workbooks")
struct DutyListWorkbookTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/lists")

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    @Test("a county's 权责清单: merged 职权类型 and 职权名称 carried down to each 子项, the 注 line left out")
    func readsPowerList() throws {
        let result = try DutyListWorkbook.read(try Self.data("power-jiaotong.xlsx"), expected: .power, defaultLevel: .county)
        #expect(result.sheetName == "权责清单")
        #expect(result.title == "湖口县交通运输局权责清单")
        #expect(result.rows.count == 10)
        let third = result.rows[2]
        #expect(third.sheetRow == 5)
        #expect(third.row.powerType == .licensing && third.row.name == "涉路施工许可" && third.row.subItem.hasPrefix("在公路用地范围内"))
        #expect(result.rows.map(\.row.powerType).filter { $0 == .penalty }.count == 2)
        #expect(result.rows[4].row.note == "含县道、乡道")
        #expect(result.rows[4].row.duties.contains("2.调查取证责任"))
        #expect(result.ignoredColumns.isEmpty)
    }

    @Test("a 公共服务清单: levels as written (村（社区）级), 免费 stored as 不收费")
    func readsServiceList() throws {
        let result = try DutyListWorkbook.read(try Self.data("service-jiaotong.xlsx"), expected: .service, defaultLevel: .county)
        #expect(result.rows.map(\.row.level) == [.county, .county, .township, .village])
        #expect(result.rows.allSatisfy { $0.row.fee == "不收费" })
        #expect(result.rows[2].row.subject == "各乡镇人民政府")
    }

    @Test("a broken list is refused whole, each problem at its row and column; the wrong list and a non-workbook too")
    func refusals() throws {
        let broken = try Self.data("power-broken.xlsx"), service = try Self.data("service-jiaotong.xlsx")
        let csvFile = try Self.data("not-a-workbook.xlsx")
        do {
            _ = try DutyListWorkbook.read(broken, expected: .power, defaultLevel: .county)
            Issue.record("the broken list was read")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("第4行 B列（职权类型）") && $0.contains("行政审查") })
            #expect(lines.contains { $0.hasPrefix("第5行 E列（实施依据）") && $0.contains("不能为空") })
            #expect(lines.count == 2)
        }
        do {
            _ = try DutyListWorkbook.read(service, expected: .power, defaultLevel: .county)
            Issue.record("a service list read as a power list")
        } catch {
            #expect(error.problems.first?.message.contains("这是公共服务清单的表头，不是权责清单") == true)
        }
        do {
            _ = try DutyListWorkbook.read(csvFile, expected: .power, defaultLevel: .county)
            Issue.record("a CSV file named .xlsx was read")
        } catch {
            #expect(!error.problems.isEmpty && !error.description.isEmpty)
        }
    }

    @Test("written and read back: the same rows, in both lists; CSV has the list's own header")
    func roundTrip() throws {
        let power = try DutyListWorkbook.read(try Self.data("power-jiaotong.xlsx"), expected: .power, defaultLevel: .county).dutyRows
        let written = try DutyListWorkbook.write(kind: .power, title: "湖口县交通运输局权责清单", rows: power)
        #expect(try DutyListWorkbook.read(written, expected: .power, defaultLevel: .county).dutyRows == power)
        let service = try DutyListWorkbook.read(try Self.data("service-jiaotong.xlsx"), expected: .service, defaultLevel: .county).dutyRows
        let again = try DutyListWorkbook.read(try DutyListWorkbook.write(kind: .service, title: "清单", rows: service), expected: .service,
                                              defaultLevel: .township).dutyRows
        #expect(again == service)
        let csv = String(decoding: DutyListWorkbook.csv(kind: .service, rows: service), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}序号,编码,服务名称,服务对象,服务内容,办理依据,责任单位,办理时限,收费,咨询电话,实施层级,备注\r\n"))
        #expect(csv.contains("村（社区）级"))
    }
}
