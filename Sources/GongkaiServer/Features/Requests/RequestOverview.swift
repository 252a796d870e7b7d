import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests/overview`: the office's view of every unit's applications — open, overdue, due soon, this
/// year's replies and the share answered on time — and the working lists the queue page shows per unit.
enum RequestOverview {
    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try RequestQuery.requireOffice(staff.acting(req, via: .web))
        let calendar = try await req.calendarService.calendar(on: req.db)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)).map(\.unit)
        let lines = try await RequestQueues.counts(siteID: staff.siteID, units: units, today: req.today, calendar: calendar, on: req.db)
        let total = lines.reduce(into: RequestQueues.UnitCounts(unitID: staff.siteID, unitName: "合计")) { sum, line in
            sum.receivedThisYear += line.receivedThisYear
            sum.open += line.open
            sum.overdue += line.overdue
            sum.dueSoon += line.dueSoon
            sum.repliedThisYear += line.repliedThisYear
            sum.repliedOnTime += line.repliedOnTime
        }
        let chrome = PageChrome(req: req, title: "依申请公开办理情况", area: .backOffice)
        let html = Layout.render(chrome) {
            El("p") { A("← 依申请公开", href: SiteURL.adminRequests().path) }
            El("h1") { T("\(req.today.year)年依申请公开办理情况") }
            El("p", ["class": "lead"]) { T("各受理单位的申请，按今天（\(req.today.chinese)）和工作日日历计算；按时答复率为本年已答复申请中在答复期限内答复的比例。") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") {
                        El("tr") { for h in ["受理单位", "本年收到", "未办结", "已逾期", "3个工作日内到期", "本年已答复", "按时答复", "按时答复率"] { El("th", ["scope": "col"]) { T(h) } } }
                    }
                    El("tbody") {
                        for line in lines where line.receivedThisYear + line.open + line.repliedThisYear > 0 { row(line) }
                        row(total)
                    }
                }
            }
            if lines.allSatisfy({ $0.receivedThisYear + $0.open + $0.repliedThisYear == 0 }) {
                EmptyState(title: "还没有申请", text: "公众在线提交和工作人员登记的申请会计入这里。")
            }
        }
        return Response.html(html)
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
