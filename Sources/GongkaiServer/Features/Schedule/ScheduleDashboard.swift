import Foundation
import GongkaiCore
import Plot

/// The rollout schedule on the dashboard: for the county office, who is late on what (by unit and by task);
/// for a unit, its own items; for a guiding unit, the completions waiting for its acceptance.
package enum ScheduleDashboard {
    struct UnitRow {
        let unitID: UUID
        let name: String
        var overdueNotStarted = 0
        var overdue = 0
        var dueSoon = 0
        var lines = 0
        var completed = 0
    }

    struct PlanPart {
        let snapshot: PlanSnapshot
        let byUnit: [UnitRow]
        let mine: [(item: PlanSnapshot.Item, line: PlanSnapshot.Line)]
        let toAccept: [(item: PlanSnapshot.Item, line: PlanSnapshot.Line)]
    }

    package struct Model {
        let parts: [PlanPart]
        let supervisor: Bool
    }

    package static func model(_ plans: [PlanSnapshot], staff: Staff, acting: Acting) -> Model {
        let supervisor = PlanManagementActions.mayManage(acting)
        let parts = plans.map { s -> PlanPart in
            var rows: [UUID: UnitRow] = [:]
            var mine: [(PlanSnapshot.Item, PlanSnapshot.Line)] = []
            var toAccept: [(PlanSnapshot.Item, PlanSnapshot.Line)] = []
            for item in s.items {
                for line in item.lines {
                    if supervisor {
                        var row = rows[line.unitID] ?? UnitRow(unitID: line.unitID, name: s.unitName(line.unitID))
                        row.lines += 1
                        if line.status == .completed { row.completed += 1 }
                        switch line.alert {
                        case .overdueNotStarted: row.overdueNotStarted += 1; row.overdue += 1
                        case .overdue: row.overdue += 1
                        case .dueSoon: row.dueSoon += 1
                        case nil: break
                        }
                        rows[line.unitID] = row
                    }
                    if line.unitID == staff.unitID && line.status != .completed { mine.append((item, line)) }
                    if line.state.reported == .completed && line.state.acceptance == .pending && !supervisor
                        && PlanActions.mayAccept(line, in: s, by: acting) {
                        toAccept.append((item, line))
                    }
                }
            }
            let byUnit = rows.values.filter { $0.overdue + $0.dueSoon > 0 }
                .sorted { ($0.overdueNotStarted, $0.overdue, $0.dueSoon, $1.name) > ($1.overdueNotStarted, $1.overdue, $1.dueSoon, $0.name) }
            // Worst first: overdue and not started, overdue, due soon, the rest; then in plan order.
            func rank(_ alert: ScheduleAlert?) -> Int { alert.map { ScheduleAlert.allCases.firstIndex(of: $0)! } ?? ScheduleAlert.allCases.count }
            mine.sort { (rank($0.1.alert), $0.0.number) < (rank($1.1.alert), $1.0.number) }
            return PlanPart(snapshot: s, byUnit: byUnit, mine: mine.map { (item: $0.0, line: $0.1) },
                            toAccept: toAccept.map { (item: $0.0, line: $0.1) })
        }
        return Model(parts: parts, supervisor: supervisor)
    }

    /// Lines for the to-do list.
    static func todos(_ m: Model) -> [(text: String, href: String)] {
        var todos: [(String, String)] = []
        for part in m.parts {
            let s = part.snapshot
            if m.supervisor {
                let r = s.rollup
                let overdue = r.overdue, notStarted = r.alerts[.overdueNotStarted] ?? 0, soon = r.alerts[.dueSoon] ?? 0
                if overdue + soon > 0 {
                    todos.append(("工作方案“\(s.title)”：\(overdue)项已逾期（其中\(notStarted)项逾期未启动），\(soon)项5个工作日内到期。",
                                  SiteURL.adminPlanMatrix(s.planID).path))
                }
            } else {
                // Counted in items: an item with domain groups is one thing to do for the unit.
                let late = Set(part.mine.filter { $0.line.status == .overdue }.map(\.item.number)).count
                let soon = Set(part.mine.filter { $0.line.alert == .dueSoon }.map(\.item.number)).count
                if late + soon > 0 {
                    todos.append(("本单位在“\(s.title)”中有\(late)个事项已逾期、\(soon)个事项即将到期，请报告进度。", "#schedule"))
                }
                if !part.toAccept.isEmpty {
                    todos.append(("有\(part.toAccept.count)项工作任务报告已完成，等待您验收。", "#schedule"))
                }
            }
        }
        return todos
    }

    package static func render(_ m: Model) -> Component {
        El("section", ["id": "schedule"]) {
            El("h2") { T("工作任务进度") }
            if m.parts.isEmpty {
                EmptyState(title: "还没有工作方案", text: "导入方案附件1后，各单位的事项、到期和逾期情况会显示在这里。")
            }
            for part in m.parts {
                let s = part.snapshot
                El("h3") { A(s.title, href: SiteURL.adminPlan(s.planID).path) }
                El("p") { PlanViews.bar(s.rollup.percent); T(" 平均完成 \(s.rollup.percent)%　\(PlanViews.summary(s.rollup))") }
                if m.supervisor { supervisorTables(part) } else { unitTables(part) }
            }
        }
    }

    static func supervisorTables(_ part: PlanPart) -> Component {
        let s = part.snapshot
        return ComponentGroup {
            El("h4") { T("按单位（逾期和即将到期）") }
            if part.byUnit.isEmpty {
                El("p", ["class": "muted"]) { T("没有逾期或5个工作日内到期的事项。") }
            } else {
                DataTable(headers: ["单位", "逾期未启动", "已逾期", "5个工作日内到期", "已完成"]) {
                    for row in part.byUnit.prefix(20) {
                        El("tr") {
                            El("td") { A(row.name, href: SiteURL.adminPlan(s.planID).path(.unit(row.unitID))) }
                            El("td", ["class": row.overdueNotStarted > 0 ? "st-overdue-not-started" : ""]) { T("\(row.overdueNotStarted)") }
                            El("td", ["class": row.overdue > 0 ? "st-overdue" : ""]) { T("\(row.overdue)") }
                            El("td") { T("\(row.dueSoon)") }
                            El("td") { T("\(row.completed)/\(row.lines)") }
                        }
                    }
                }
                if part.byUnit.count > 20 { El("p") { A("还有\(part.byUnit.count - 20)个单位，查看单位进度矩阵", href: SiteURL.adminPlanMatrix(s.planID).path) } }
            }
            El("h4") { T("按工作任务") }
            DataTable(headers: ["工作任务", "已逾期", "逾期未启动", "即将到期", "完成"]) {
                for task in s.tasks {
                    El("tr") {
                        El("td") { A("\(task.number). \(task.title)", href: SiteURL.adminPlan(s.planID).path(fragment: "item-\(task.items.first?.number ?? 0)")) }
                        El("td") { T("\(task.rollup.overdue)") }
                        El("td") { T("\(task.rollup.alerts[.overdueNotStarted] ?? 0)") }
                        El("td") { T("\(task.rollup.alerts[.dueSoon] ?? 0)") }
                        El("td") { PlanViews.bar(task.rollup.percent); T(" \(task.rollup.percent)%") }
                    }
                }
            }
        }
    }

    static func unitTables(_ part: PlanPart) -> Component {
        let s = part.snapshot
        return ComponentGroup {
            if !part.toAccept.isEmpty {
                El("h4") { T("待我验收（\(part.toAccept.count)）") }
                El("ul") {
                    for (item, line) in part.toAccept.prefix(30) {
                        El("li") {
                            A("\(item.label)\(PlanText.shortened(item.text, to: 30))", href: SiteURL.adminPlanItem(s.planID, number: item.number).path(fragment: "review"))
                            T("：\(s.unitName(line.unitID))" + (line.groupName.map { "（\($0)）" } ?? "") + "报告已完成")
                        }
                    }
                }
            }
            // One row per item; an item with domain groups lists the groups still open.
            let byItem = Dictionary(grouping: part.mine, by: \.item.number).sorted { $0.key < $1.key }
            El("h4") { T("本单位未完成的事项（\(byItem.count)）") }
            if byItem.isEmpty {
                El("p", ["class": "muted"]) { T("本单位在该方案中没有未完成的事项。") }
            } else {
                DataTable(headers: ["具体事项", "领域", "完成时间", "状态"]) {
                    for (_, entries) in byItem.prefix(50) {
                        let item = entries[0].item
                        let lines = entries.map(\.line)
                        El("tr") {
                            El("td") { A("\(item.label)\(PlanText.shortened(item.text, to: 40))", href: SiteURL.adminPlanItem(s.planID, number: item.number).path) }
                            El("td") {
                                let groups = lines.compactMap(\.groupName)
                                T(groups.isEmpty ? "" : groups.count == 1 ? groups[0] : "\(groups.count)个领域未完成：" + PlanText.shortened(groups.joined(separator: "、"), to: 40))
                            }
                            El("td") { T(item.dueText) }
                            El("td") {
                                if let (status, alert) = PlanPages.combined(lines) { PlanViews.statusChip(status, alert: alert) }
                                T(" \(lines.map { ScheduleRules.percent($0.state) }.reduce(0, +) / max(lines.count, 1))%")
                            }
                        }
                    }
                }
            }
        }
    }
}
