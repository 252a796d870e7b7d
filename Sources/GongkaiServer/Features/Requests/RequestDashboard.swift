import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// 依申请公开 on the back office's home page: every handler's pressing lists as to-dos; for the office, each unit's
/// counts and on-time rate (the same figures as `/admin/requests/overview`).
enum RequestDashboard {
    struct Model {
        var todos: [(text: String, href: String)] = []
        /// The office only: units with applications this year or open ones.
        var lines: [RequestQueues.UnitCounts] = []
    }

    static func model(_ req: Request, staff: Staff) async throws -> Model {
        var model = Model()
        let units = try await RequestQuery.handledUnits(access: staff.actor, on: req.db)
        guard !units.isEmpty else { return model }
        let calendar = try await req.calendarService.calendar(on: req.db)
        let entries = try await RequestQueues.open(siteID: staff.siteID, units: units, today: req.today, calendar: calendar, on: req.db)
        for kind in RequestQueues.Kind.allCases {
            let n = entries.filter { $0.kinds.contains(kind) }.count
            if n > 0 { model.todos.append(("依申请公开：\(kind.title) \(n)件。", SiteURL.adminRequests.path)) }
        }
        if RequestQuery.isOffice(staff.acting(req, via: .web)) {
            let records = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)).map(\.unit)
            model.lines = try await RequestQueues.counts(siteID: staff.siteID, units: records, today: req.today, calendar: calendar, on: req.db)
                .filter { $0.open + $0.receivedThisYear + $0.repliedThisYear > 0 }
        }
        return model
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
