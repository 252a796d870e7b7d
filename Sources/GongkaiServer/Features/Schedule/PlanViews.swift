import Foundation
import GongkaiCore
import Plot

/// Small pieces the plan pages share: status labels (never colour alone), progress bars, the plan's tabs.
enum PlanViews {
    /// 逾期未启动 replaces 已逾期; 即将到期 is added to 未开始 or 进行中.
    static func statusChip(_ status: LineStatus, alert: ScheduleAlert? = nil) -> Component {
        switch alert {
        case .overdueNotStarted:
            return El("span", ["class": "st st-overdue-not-started"]) { T(ScheduleAlert.overdueNotStarted.label) }
        case .dueSoon:
            return El("span", ["class": "st st-\(status.rawValue) st-due-soon"]) { T("\(status.label)（即将到期）") }
        default:
            return El("span", ["class": "st st-\(status.rawValue)"]) { T(status.label) }
        }
    }

    static func acceptanceChip(_ state: ProgressState) -> Component {
        guard state.reported == .completed else { return T("—") }
        return El("span", ["class": "st st-acceptance-\(state.acceptance.rawValue)"]) { T(state.acceptance.label) }
    }

    /// A native progress bar: no inline style (the CSP forbids it) and read out by screen readers.
    static func bar(_ percent: Int) -> Component {
        El("progress", ["class": "bar", "max": "100", "value": "\(min(max(percent, 0), 100))"]) { T("\(percent)%") }
    }

    /// "21条：已完成 3 · 进行中 2 · 未开始 10 · 已逾期 6"
    static func summary(_ r: ProgressRollup) -> String {
        guard r.lines > 0 else { return "未确定责任单位" }
        let parts = LineStatus.allCases.compactMap { s in r.count(s) > 0 ? "\(s.label) \(r.count(s))" : nil }
        return "\(r.lines)项：" + parts.joined(separator: " · ")
    }

    static func tabs(_ planID: UUID, current: String) -> Component {
        let tabs: [(String, String, String)] = [
            ("table", "任务分工表", SiteURL.adminPlan(planID).path),
            ("timeline", "时间轴", SiteURL.adminPlanTimeline(planID).path),
            ("matrix", "单位进度矩阵", SiteURL.adminPlanMatrix(planID).path),
            ("events", "事件日期", SiteURL.adminPlanEvents(planID).path),
        ]
        return El("nav", ["class": "tabs no-print", "aria-label": "工作方案视图"]) {
            for (key, title, href) in tabs {
                if key == current {
                    El("a", ["href": href, "aria-current": "page"]) { T(title) }
                } else {
                    A(title, href: href)
                }
            }
            A("导出 Excel", href: SiteURL.adminPlanExport(planID).path)
        }
    }

    static func header(_ s: PlanSnapshot) -> Component {
        ComponentGroup {
            El("p", ["class": "breadcrumb"]) { A("工作方案", href: SiteURL.adminPlans.path); T(" / ") }
            El("h1") { T(s.title) }
            if let archived = s.archived {
                El("p", ["class": "warning", "role": "note"]) {
                    T("本方案已于\(ChineseTime.date(archived.at))撤销：\(archived.reason)。以下为撤销时的内容和进度，仅供查阅。")
                }
            }
            El("p", ["class": "muted"]) {
                T("截至 \(s.today.description)：\(summary(s.rollup))；平均完成 \(s.rollup.percent)%。来源：\(s.sourceName)。")
            }
        }
    }

    static func partyText(_ item: PlanSnapshot.Item, _ role: PlanRole) -> String {
        (item.parties[role] ?? []).joined(separator: "、")
    }
}
