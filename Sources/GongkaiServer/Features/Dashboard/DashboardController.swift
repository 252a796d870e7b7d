import Foundation
import GongkaiCore
import Vapor

/// The back office's first page: who you are, what your unit and site hold, and what needs doing.
enum DashboardController {
    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .web)
        let schedule = ScheduleDashboard.model(try await PlanController.snapshots(siteID: staff.siteID, withNotes: false, req), staff: staff, acting: acting)
        let model = try await DashboardQuery.home(staff: staff, by: acting, schedule: schedule, today: req.today,
                                                  calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Response.html(Dashboard.render(model, chrome: PageChrome(req: req, title: "工作平台首页", area: .backOffice)))
    }
}
