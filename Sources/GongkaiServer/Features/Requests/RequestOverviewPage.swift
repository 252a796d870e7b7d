import Foundation
import GongkaiCore
import Plot

/// The office's table of every unit's applications (the model is `RequestOverview.Model`).
extension RequestOverview {
    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p") { A("← 依申请公开", href: SiteURL.adminRequests.path) }
            El("h1") { T("\(model.year)年依申请公开办理情况") }
            El("p", ["class": "lead"]) { T("各受理单位的申请，按今天（\(model.today)）和工作日日历计算；按时答复率为本年已答复申请中在答复期限内答复的比例。") }
            if model.lines.isEmpty {
                EmptyState(title: "还没有申请", text: "公众在线提交和工作人员登记的申请会计入这里。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") {
                            El("tr") { for h in ["受理单位", "本年收到", "未办结", "已逾期", "3个工作日内到期", "本年已答复", "按时答复", "按时答复率"] { El("th", ["scope": "col"]) { T(h) } } }
                        }
                        El("tbody") {
                            for line in model.lines { row(line) }
                            row(model.total)
                        }
                    }
                }
            }
        }
    }

    static func row(_ line: RequestQueues.UnitCounts) -> Component {
        El("tr") {
            El("td") { T(line.unitName) }
            El("td") { T(String(line.receivedThisYear)) }
            El("td") { T(String(line.open)) }
            El("td") { if line.overdue > 0 { Badge(text: String(line.overdue), kind: "danger") } else { T("0") } }
            El("td") { if line.dueSoon > 0 { Badge(text: String(line.dueSoon), kind: "warning") } else { T("0") } }
            El("td") { T(String(line.repliedThisYear)) }
            El("td") { T(String(line.repliedOnTime)) }
            El("td") { T(line.onTimeRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—") }
        }
    }
}

extension RequestOverview.Model {
    /// Two townships and the total, one with an overdue case: what the view tests render.
    static var mock: Self {
        var a = RequestQueues.UnitCounts(unitID: UUID(uuid: (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), unitName: "湖口县双钟镇人民政府")
        (a.receivedThisYear, a.open, a.overdue, a.dueSoon, a.repliedThisYear, a.repliedOnTime) = (12, 3, 1, 1, 9, 8)
        var b = RequestQueues.UnitCounts(unitID: UUID(uuid: (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)), unitName: "湖口县民政局")
        (b.receivedThisYear, b.open, b.repliedThisYear, b.repliedOnTime) = (4, 0, 4, 4)
        var total = RequestQueues.UnitCounts(unitID: UUID(uuid: (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), unitName: "合计")
        (total.receivedThisYear, total.open, total.overdue, total.dueSoon, total.repliedThisYear, total.repliedOnTime) = (16, 3, 1, 1, 13, 12)
        return Self(year: 2026, today: "2026年12月5日", lines: [a, b], total: total)
    }
}
