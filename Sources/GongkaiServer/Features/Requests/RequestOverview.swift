import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/requests/overview`: the office's view of every unit's applications — open, overdue, due soon, this
/// year's replies and the share answered on time. Query → model → view (decision 0009): the view is tested from
/// `Model.mock` without a database.
enum RequestOverview {
    struct Model: Sendable {
        let year: Int
        /// 今天, as the lead sentence says it (e.g. 2026年12月5日).
        let today: String
        /// Units with applications this year or open ones, in the site's order.
        let lines: [RequestQueues.UnitCounts]
        let total: RequestQueues.UnitCounts
    }

    /// The office only (403 for anyone else); counted by today and the working-day calendar.
    static func query(by acting: Acting, today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> Model {
        try RequestQuery.requireOffice(acting)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)).map(\.unit)
        let all = try await RequestQueues.counts(siteID: acting.siteID, units: units, today: today, calendar: calendar, on: db)
        let lines = all.filter { $0.receivedThisYear + $0.open + $0.repliedThisYear > 0 }
        let total = lines.reduce(into: RequestQueues.UnitCounts(unitID: acting.siteID, unitName: "合计")) { sum, line in
            sum.receivedThisYear += line.receivedThisYear
            sum.open += line.open
            sum.overdue += line.overdue
            sum.dueSoon += line.dueSoon
            sum.repliedThisYear += line.repliedThisYear
            sum.repliedOnTime += line.repliedOnTime
        }
        return Model(year: today.year, today: today.chinese, lines: lines, total: total)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let model = try await query(by: acting, today: req.today, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Response.html(render(model, chrome: PageChrome(req: req, title: "依申请公开办理情况", area: .backOffice)))
    }

}
