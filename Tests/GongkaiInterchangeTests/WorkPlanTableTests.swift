import Foundation
import GongkaiCore
import Testing

@testable import GongkaiInterchange

@Suite("Work plan tables")
struct WorkPlanTableTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/plans")

    func fixture(_ name: String) throws -> Data { try Data(contentsOf: Self.fixtures.appendingPathComponent(name)) }

    func date(_ y: Int, _ m: Int, _ d: Int) -> PlanDeadline { .date(CivilDate(year: y, month: m, day: d)!) }

    @Test("湖口县: 12 tasks, 28 items, repeated task numbers are one task")
    func hukou() throws {
        let plan = try WorkPlanFile.bundled("hukou").get()
        #expect(plan.title == "湖口县基层政务公开标准化规范化工作任务分工及进度安排")
        #expect(plan.tasks.count == 12)
        #expect(plan.items.count == 28)
        #expect(plan.items.map(\.number) == Array(1...28))
        #expect(plan.tasks.map(\.items.count) == [3, 2, 4, 2, 4, 2, 1, 3, 1, 3, 2, 1])
        #expect(plan.tasks[2].title == "落实其他领域标准指引")
        let first = plan.items[0]
        #expect(first.text == "梳理规范基层政府权责清单")
        #expect(first.cells(.responsible).map(\.text) == ["县政府各部门和各乡（镇、场）"])
        #expect(first.cells(.guiding).map(\.text) == ["县行政服务中心"])
        #expect(first.deadline == date(2020, 9, 30) && first.deadlineText == "2020年9月底前")
        #expect(plan.items[2].cells(.guiding).map(\.text) == ["县政府办公室\n县电政办"])
        #expect(plan.items[3].text == "编制26个领域政务公开事项目录" && plan.items[3].deadline == date(2020, 10, 31))
        #expect(plan.items[24].text == "探索推进政府网站与政务服务网、12345服务热线平台融合发展")
        #expect(plan.items[27].deadline == date(2022, 6, 30))
        #expect(plan.items[13].deadline == date(2021, 11, 30))
        #expect(plan.items.allSatisfy { $0.groups.isEmpty })
    }

    @Test("武定县: 9 tasks, 16 items, 18 domain groups with their guides, relative deadlines")
    func wuding() throws {
        let plan = try WorkPlanFile.bundled("wuding").get()
        #expect(plan.title == "基层政务公开标准化规范化工作任务分工及进度安排")
        #expect(plan.tasks.count == 9)
        #expect(plan.items.count == 16)
        let first = plan.items[0]
        #expect(first.groups.count == 18)
        #expect(first.groups.first?.name == "重大建设项目")
        #expect(first.groups.first?.parties.map(\.text) == ["县发展和改革局"])
        #expect(first.groups[3].name == "社会救助、养老服务" && first.groups[3].parties.map(\.text) == ["县民政局"])
        #expect(first.groups.last?.name == "税收管理" && first.groups.last?.parties.map(\.text) == ["县税务局"])
        #expect(first.cells(.guiding).isEmpty)
        #expect(first.cells(.supervising).map(\.text) == ["县人民政府"])
        #expect(first.cells(.responsible).map(\.text) == ["各乡镇\n各部门"])
        #expect(first.deadline == date(2020, 9, 30))
        #expect(plan.items[1].cells(.guiding).map(\.text) == ["县政府办"])
        #expect(plan.items[2].deadline == .afterEvent(event: "国务院部门其他领域标准指引出台", .months(2)))
        #expect(plan.items[3].deadline == .afterItem(condition: "其他领域政务公开标准编制完成", .months(1)))
        // Blank means above: (13) keeps (12)'s 主管 and 指导.
        #expect(plan.items[12].cells(.supervising).map(\.text) == ["各乡镇\n人民政府"])
        #expect(plan.items[12].cells(.guiding).map(\.text) == ["县政府办公室"])
        #expect(plan.items[4].text.hasPrefix("健全完善信息发布、政策解读、回应关切"))
        #expect(plan.items[15].deadline == date(2020, 12, 31))
    }

    /// The same plan from Word and Excel files with merged cells reads the same as the bundled table; the split
    /// file has the whole 方案 before 附件1, the table pasted in two parts and 附件2 after it.
    @Test("Word and Excel files with merged cells read like the bundled tables",
          arguments: ["hukou-plan.docx", "hukou-plan.xlsx", "wuding-plan.docx", "wuding-plan.xlsx", "wuding-plan-libreoffice.docx",
                      "hukou-plan-split.docx"])
    func files(name: String) throws {
        let slug = String(name.prefix { $0 != "-" })
        let expected = try WorkPlanFile.bundled(slug).get()
        let plan = try WorkPlanFile.read(try fixture(name), fileName: name).get()
        #expect(plan.title == expected.title)
        #expect(plan.tasks.map(\.number) == expected.tasks.map(\.number))
        #expect(plan.tasks.map(\.title) == expected.tasks.map(\.title))
        for (a, b) in zip(plan.items, expected.items) {
            #expect(a.number == b.number && a.text == b.text && a.deadline == b.deadline)
            #expect(a.parties.map { PlanParties.parse($0.text) } == b.parties.map { PlanParties.parse($0.text) }, "item \(a.number)")
            #expect(a.groups.map(\.name) == b.groups.map(\.name))
        }
    }

    @Test("a broken workbook: every problem with its row and column, and no plan")
    func broken() throws {
        let result = WorkPlanFile.read(try fixture("hukou-plan-broken.xlsx"), fileName: "hukou-plan-broken.xlsx")
        guard case .failure(let failure) = result else { Issue.record("must fail"); return }
        let messages = failure.problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("第5行 F列（完成时间）：读不懂完成时间") && $0.contains("（读到：“尽快”）") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("第6行 C列（具体事项）：具体事项应以序号开头") }, "\(messages)")
        #expect(failure.partial?.items.count == 26)
    }

    @Test("files that are not plans are refused in Chinese")
    func refusals() {
        let doc = Data([0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0])
        if case .failure(let f) = WorkPlanFile.read(doc, fileName: "方案.doc") {
            #expect(f.description.contains("另存为” .docx"))
        } else { Issue.record("a .doc must be refused") }
        if case .failure(let f) = WorkPlanFile.read(Data("hello".utf8), fileName: "方案.txt") {
            #expect(f.description.contains("Word（.docx）或 Excel（.xlsx）"))
        } else { Issue.record("text must be refused") }
        let noHeader = PlanGrid(fields: [["序号", "名称"], ["1", "x"]])
        if case .failure(let f) = WorkPlanTable.read(noHeader, fallbackTitle: "x") {
            #expect(f.description.contains("没有找到表头"))
        } else { Issue.record("a table without 具体事项 must be refused") }
    }
}
