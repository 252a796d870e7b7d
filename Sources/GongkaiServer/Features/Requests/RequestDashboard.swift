import Foundation
import GongkaiCore
import Plot

/// 依申请公开 on the back office's home page: every handler's pressing lists as to-dos; for the office, each unit's
/// counts and on-time rate (the same figures as `/admin/requests/overview`).
enum RequestDashboard {
    struct Model {
        var todos: [(text: String, href: String)] = []
        /// The office only: units with applications this year or open ones.
        var lines: [RequestQueues.UnitCounts] = []
    }

    @ComponentBuilder
    static func render(_ model: Model) -> Component {
        if !model.lines.isEmpty {
            El("h2") { T("依申请公开办理情况") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") {
                        El("tr") { for h in ["受理单位", "本年收到", "未办结", "已逾期", "3个工作日内到期", "本年已答复", "按时答复", "按时答复率"] { El("th", ["scope": "col"]) { T(h) } } }
                    }
                    El("tbody") { for line in model.lines { RequestOverview.row(line) } }
                }
            }
            El("p") { A("查看依申请公开办理情况", href: SiteURL.adminRequestOverview.path) }
        }
    }
}
