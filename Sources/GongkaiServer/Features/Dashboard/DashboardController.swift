import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// The back office's first page: who you are, what your unit and site hold, and what needs doing.
enum DashboardController {
    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let units = try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)
        var counts: [OrgUnitKind: Int] = [:]
        for unit in units { counts[unit.unitKind, default: 0] += 1 }
        let isAdmin = staff.roles.contains(.admin)
        let userCount = isAdmin ? try await UserRecord.query(on: req.db).filter(\.$site.$id == staff.siteID)
            .filter(\.$deactivatedAt == nil).count() : 0
        let recent = isAdmin ? try await AuditQueries.search(AuditQueries.Filter(siteID: staff.siteID), page: 1,
                                                             perPage: 8, on: req.db).events : []
        var todos: [(String, String)] = []
        if CalendarActions.mayManage(staff.acting(req, via: .web)) {
            let calendar = try await req.calendarService.calendar(on: req.db)
            let today = ChineseTime.today(req.now)
            // The State Council publishes next year's arrangement between October and December.
            for year in [today.year, today.year + 1] where !calendar.isConfirmed(year: year)
                && (year == today.year || today.month >= 11) {
                todos.append(("\(year)年节假日安排尚未录入：跨入\(year)年的期限只能按周末计算，标注为“未确认”。请在国务院办公厅通知发布后录入。",
                              SiteURL.adminCalendarNew(year: year).path))
            }
        }
        let waitingCatalogs = try await CatalogQuery.waitingCount(by: staff.acting(req, via: .web), on: req.db)
        if waitingCatalogs > 0 {
            todos.append(("有\(waitingCatalogs)份政务公开事项标准目录等待您审核、发布或修改。", SiteURL.adminCatalogs.path))
        }
        let schedule = ScheduleDashboard.model(try await PlanController.snapshots(siteID: staff.siteID, withNotes: false, req), staff: staff, acting: staff.acting(req, via: .web))
        todos += ScheduleDashboard.todos(schedule)
        let publishing = try await PublicationDashboard.model(req, staff: staff)
        todos += PublicationDashboard.todos(publishing)
        let requests = try await RequestDashboard.model(req, staff: staff)
        todos += requests.todos
        let model = Dashboard.Model(
            staff: staff,
            todos: todos,
            schedule: schedule,
            publishing: publishing,
            requests: requests,
            unitCounts: OrgUnitKind.allCases.compactMap { kind in counts[kind].map { (kind.label, $0) } },
            activeUsers: userCount,
            recent: recent.map { AuditPage.Row($0) },
            allowed: staff.acting(req, via: .web).allowedOnOwnUnit)
        return Response.html(Dashboard.render(model, chrome: PageChrome(req: req, title: "工作平台首页", area: .backOffice)))
    }
}

enum Dashboard {
    struct Model {
        let staff: Staff
        let todos: [(text: String, href: String)]
        let schedule: ScheduleDashboard.Model
        let publishing: PublicationDashboard.Model
        let requests: RequestDashboard.Model
        let unitCounts: [(String, Int)]
        let activeUsers: Int
        let recent: [AuditPage.Row]
        let allowed: [AccessAction]
    }

    static func actionLabel(_ action: AccessAction) -> String {
        switch action {
        case .enterBackOffice: "进入工作平台"
        case .viewUnit: "查看本单位数据"
        case .editUnit: "修改本单位信息"
        case .manageUnits: "管理单位"
        case .manageUsers: "管理账号"
        case .viewAudit: "查看操作日志"
        case .editContent: "编辑本单位内容"
        case .reviewContent: "审核"
        case .publishContent: "发布"
        case .manageSite: "管理站点设置"
        case .reportProgress: "报告本单位工作进度"
        case .acceptProgress: "验收指导事项"
        case .handleRequest: "办理本单位的依申请公开"
        case .extendRequest: "记录延长答复期限"
        case .chargeFee: "决定收取信息处理费"
        }
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        let staff = model.staff
        return Layout.render(chrome) {
            El("h1") { T("您好，\(staff.displayName)") }
            El("dl", ["class": "kv card"]) {
                El("dt") { T("所属站点") }
                El("dd") { T(staff.siteName) }
                El("dt") { T("所属单位") }
                El("dd") { A(staff.unitName, href: SiteURL.adminUnitEdit(staff.unitID).path) }
                El("dt") { T("角色") }
                El("dd") { T(staff.rolesLabel.isEmpty ? "（未分配）" : staff.rolesLabel) }
                El("dt") { T("可以") }
                El("dd") { T(model.allowed.map(actionLabel).joined(separator: "、")) }
            }
            El("h2") { T("待办事项") }
            if model.todos.isEmpty {
                EmptyState(title: "暂无待办",
                           text: "标准目录待审核、信息待发布、依申请公开答复到期和工作任务逾期提醒等将汇总在这里。")
            } else {
                El("ul", ["class": "todos"]) {
                    for todo in model.todos { El("li") { A(todo.text, href: todo.href) } }
                }
            }
            PublicationDashboard.render(model.publishing)
            RequestDashboard.render(model.requests)
            ScheduleDashboard.render(model.schedule)
            El("h2") { T("本站点概况") }
            El("div", ["class": "grid"]) {
                for (label, count) in model.unitCounts {
                    El("div", ["class": "card"]) {
                        El("p", ["class": "muted"]) { T(label) }
                        El("p", ["class": "lead"]) { T("\(count) 个") }
                    }
                }
                if staff.roles.contains(.admin) {
                    El("div", ["class": "card"]) {
                        El("p", ["class": "muted"]) { T("在用账号") }
                        El("p", ["class": "lead"]) { A("\(model.activeUsers) 个", href: SiteURL.adminUsers.path) }
                    }
                }
            }
            if staff.roles.contains(.admin) {
                El("h2") { T("最近操作") }
                AuditPage.table(model.recent)
                El("p") { A("查看全部操作日志", href: SiteURL.adminAudit.path) }
            }
        }
    }
}
