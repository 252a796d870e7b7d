import GongkaiCore
import Testing

@Suite("Catalog coverage of the 清单")
struct ListCoverageTests {
    @Test("a row is covered when a 一级, 二级 or 三级事项 names it or is named by it; duplicates offered once")
    func coverage() {
        let rows = ["食品经营许可办理", "个体工商户登记", "个体工商户登记", "消费投诉受理", "结婚登记"].map { DutyListRow(name: $0) }
        let entries = [ListCoverage.Entry(level2: "食品经营许可", level3: ""), ListCoverage.Entry(level2: "市场主体登记", level3: "个体工商户 登记"),
                       ListCoverage.Entry(level2: "办事指南", level3: "")]
        #expect(ListCoverage.uncovered(rows, by: entries).map(\.name) == ["消费投诉受理", "结婚登记"])
        #expect(ListCoverage.uncovered(rows, by: []).count == 4)
        #expect(ListCoverage.uncovered([DutyListRow(name: "最低生活保障金给付")], by: [.init(level1: "最低生活保障", level2: "办事指南", level3: "")]).isEmpty)
    }
}
