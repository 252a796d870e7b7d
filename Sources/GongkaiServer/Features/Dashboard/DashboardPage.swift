import Foundation
import GongkaiCore
import Plot

/// The back office's home page as display values (built by `DashboardQuery.home`).
enum Dashboard {
    struct Model {
        let displayName: String
        let siteName: String
        let unitName: String
        let unitHref: String
        let roles: String
        /// The office (公开办): the site's accounts and recent operations are shown too.
        let isOffice: Bool
        let todos: [(text: String, href: String)]
        let schedule: ScheduleDashboard.Model
        let publishing: PublicationDashboard.Model
        let requests: RequestDashboard.Model
        let unitCounts: [(String, Int)]
        let activeUsers: Int
        let recent: [AuditPage.Row]
        /// What the person may do on their own unit, in words.
        let allowed: String
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
        Layout.render(chrome) {
            El("h1") { T("您好，\(model.displayName)") }
            El("dl", ["class": "kv card"]) {
                El("dt") { T("所属站点") }
                El("dd") { T(model.siteName) }
                El("dt") { T("所属单位") }
                El("dd") { A(model.unitName, href: model.unitHref) }
                El("dt") { T("角色") }
                El("dd") { T(model.roles) }
                El("dt") { T("可以") }
                El("dd") { T(model.allowed) }
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
                if model.isOffice {
                    El("div", ["class": "card"]) {
                        El("p", ["class": "muted"]) { T("在用账号") }
                        El("p", ["class": "lead"]) { A("\(model.activeUsers) 个", href: SiteURL.adminUsers.path) }
                    }
                }
            }
            if model.isOffice {
                El("h2") { T("最近操作") }
                AuditPage.table(model.recent)
                El("p") { A("查看全部操作日志", href: SiteURL.adminAudit.path) }
            }
        }
    }
}
