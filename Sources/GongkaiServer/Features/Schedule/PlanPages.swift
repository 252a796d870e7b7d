import Foundation
import GongkaiCore
import Plot

/// The work plan pages: the list, the live 任务分工表, the per-unit matrix and the event dates.
enum PlanPages {
    struct ImportOutcome {
        let fileName: String
        let problems: [String]
        let preview: (tasks: Int, items: Int, title: String)?
    }

    static func index(_ plans: [PlanSnapshot], withdrawn: [(UUID, String, String)], canImport: Bool, importResult: ImportOutcome?,
                      chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("工作方案与进度") }
            El("p", ["class": "lead"]) {
                T("基层政务公开标准化规范化工作任务分工及进度安排：每个具体事项的责任单位、指导单位和完成时间，各单位报告进度，指导单位验收，逾期自动提醒。")
            }
            if plans.isEmpty {
                EmptyState(title: "还没有工作方案", text: "公开办管理员可导入方案附件1（Word 表格或 Excel）。")
            }
            for s in plans {
                El("section", ["class": "card"]) {
                    El("h2") { A(s.title, href: SiteURL.adminPlan(s.planID).path) }
                    El("p") { T("\(s.tasks.count)项工作任务，\(s.items.count)个具体事项。\(PlanViews.summary(s.rollup))") }
                    PlanViews.bar(s.rollup.percent)
                    T(" 平均完成 \(s.rollup.percent)%")
                    let alerts = ScheduleAlert.allCases.compactMap { a in s.rollup.alerts[a].map { "\(a.label) \($0)" } }
                    if !alerts.isEmpty { El("p", ["class": "warning"]) { T("需要督促：" + alerts.joined(separator: "，")) } }
                }
            }
            if !withdrawn.isEmpty {
                El("h2") { T("已撤销的方案") }
                El("ul") {
                    for (id, title, reason) in withdrawn { El("li") { A(title, href: SiteURL.adminPlan(id).path); T("（\(reason)）") } }
                }
            }
            if canImport { importSection(importResult, csrfToken: chrome.csrfToken) }
        }
    }

    static func importSection(_ result: ImportOutcome?, csrfToken: String) -> Component {
        El("section", ["class": "card", "id": "import"]) {
            El("h2") { T("导入工作方案") }
            El("p", ["class": "hint"]) {
                T("上传方案的附件1“任务分工及进度安排”：Word（.docx）或 Excel（.xlsx）。合并单元格和空白单元格按“同上”处理；单位名称须与本站点的单位对应。文件中有任何问题都不会导入，并逐条列出行号和列。")
            }
            if let result {
                if !result.problems.isEmpty {
                    El("div", ["class": "error-summary", "role": "alert"]) {
                        El("h3") { T("“\(result.fileName)”未导入，请修改后重新上传：") }
                        El("ul") { for p in result.problems { El("li") { T(p) } } }
                    }
                } else if let preview = result.preview {
                    El("div", ["class": "flash", "role": "status"]) {
                        T("“\(result.fileName)”检查通过：“\(preview.title)”，\(preview.tasks)项工作任务，\(preview.items)个具体事项。尚未导入——确认无误后取消勾选“仅检查”再上传。")
                    }
                }
            }
            El("form", ["method": "post", "action": SiteURL.adminPlanImport.path, "enctype": "multipart/form-data", "class": "form",
                        "accept-charset": "UTF-8"]) {
                VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrfToken])
                El("div", ["class": "field"]) {
                    El("label", ["for": "file"]) { T("方案文件（.docx 或 .xlsx）") }
                    VoidEl("input", ["type": "file", "id": "file", "name": "file", "accept": ".docx,.xlsx"])
                }
                El("label", ["class": "check"]) {
                    VoidEl("input", ["type": "checkbox", "name": "dry_run", "value": "1", "checked": "checked"])
                    T(" 仅检查，不导入")
                }
                SubmitRow(title: "上传")
            }
        }
    }

    // MARK: - The live table

    static func show(_ s: PlanSnapshot, unit: UUID?, myUnit: UUID, canManage: Bool, archiveError: String?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            PlanViews.header(s)
            PlanViews.tabs(s.planID, current: "table")
            if canManage && s.archived == nil {
                El("details", optional: ["class": "danger no-print", "open": archiveError == nil ? nil : "open"]) {
                    El("summary") { T("撤销本方案") }
                    PostForm(action: SiteURL.adminPlanArchive(s.planID).path, csrfToken: chrome.csrfToken) {
                        El("p") { T("撤销后，本方案不再出现在列表、工作平台首页和提醒中，也不能再报告进度；方案和全部进度记录仍保留，可从“已撤销的方案”查看。") }
                        El("div", ["class": archiveError == nil ? "field" : "field field-invalid"]) {
                            El("label", ["for": "reason"]) { T("撤销原因") }
                            if let archiveError { El("p", ["class": "error"]) { T(archiveError) } }
                            El("textarea", ["id": "reason", "name": "reason", "rows": "2", "required": "required"]) { EmptyComponent() }
                        }
                        El("button", ["type": "submit", "class": "button danger"]) { T("确认撤销") }
                    }
                }
            }
            El("form", ["method": "get", "action": SiteURL.adminPlan(s.planID).path, "class": "filters no-print"]) {
                SelectRow(label: "按单位查看", name: "unit",
                          options: [("", "全部单位（汇总）")] + s.lineUnits.map { ($0.id.uuidString, $0.name) },
                          selected: unit?.uuidString ?? "")
                El("button", ["type": "submit", "class": "button secondary"]) { T("查看") }
                if s.lineUnits.contains(where: { $0.id == myUnit }) && unit != myUnit {
                    A("只看本单位", href: SiteURL.adminPlan(s.planID).path(.unit(myUnit)))
                }
            }
            if let unit { El("h2") { T("\(s.unitName(unit))的事项") } }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "plan-table"]) {
                    El("thead") {
                        El("tr") {
                            for h in ["序号", "工作任务", "具体事项", "责任单位", "完成时间", unit == nil ? "各单位进度" : "本单位进度"] {
                                El("th", ["scope": "col"]) { T(h) }
                            }
                        }
                    }
                    El("tbody") {
                        for task in s.tasks {
                            for (i, item) in task.items.enumerated() {
                                El("tr", ["id": "item-\(item.number)"]) {
                                    if i == 0 {
                                        El("td", ["rowspan": "\(task.items.count)", "data-label": "序号"]) { T("\(task.number)") }
                                        El("td", ["rowspan": "\(task.items.count)", "data-label": "工作任务"]) {
                                            T(task.title)
                                            El("div", ["class": "muted small"]) { T("完成 \(task.rollup.percent)%") }
                                        }
                                    }
                                    El("td", ["data-label": "具体事项"]) {
                                        A("\(item.label)\(item.text)", href: SiteURL.adminPlanItem(s.planID, number: item.number).path)
                                        if !item.groups.isEmpty {
                                            El("div", ["class": "muted small"]) { T("分\(item.groups.count)个领域：" + item.groups.map(\.name).joined(separator: "；")) }
                                        }
                                    }
                                    El("td", ["data-label": "责任单位", "class": "col-parties"]) { parties(item) }
                                    El("td", ["data-label": "完成时间", "class": "col-deadline"]) {
                                        T(item.deadlineText.isEmpty ? "未规定" : item.deadlineText)
                                        if let due = item.due, item.deadline.waitingText != nil { El("div") { T("即 \(due.description)") } }
                                        if item.due == nil, let waiting = item.deadline.waitingText { El("div", ["class": "muted small"]) { T(waiting) } }
                                    }
                                    El("td", ["data-label": unit == nil ? "各单位进度" : "本单位进度"]) { progressCell(item, unit: unit, s) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func parties(_ item: PlanSnapshot.Item) -> Component {
        El("dl", ["class": "parties"]) {
            for role in PlanRole.allCases {
                let text = PlanViews.partyText(item, role)
                if !text.isEmpty {
                    El("dt") { T(role.label) }
                    El("dd") { T(text) }
                }
            }
            if !item.groups.isEmpty {
                El("dt") { T("指导责任单位") }
                El("dd") { T("按领域分别指导（见事项页）") }
            }
        }
    }

    /// Unit short names by their (combined) status on an item, worst first.
    static func unitsByStatus(_ item: PlanSnapshot.Item, _ s: PlanSnapshot) -> [((LineStatus, ScheduleAlert?), [String])] {
        let order: [(LineStatus, ScheduleAlert?)] = [(.overdue, .overdueNotStarted), (.overdue, .overdue), (.overdue, nil),
                                                     (.notStarted, .dueSoon), (.inProgress, .dueSoon), (.notStarted, nil),
                                                     (.inProgress, nil), (.completed, nil)]
        var names: [Int: [String]] = [:]
        for (unit, lines) in Dictionary(grouping: item.lines, by: \.unitID).sorted(by: { (s.units[$0.key]?.sortOrder ?? 0) < (s.units[$1.key]?.sortOrder ?? 0) }) {
            guard let combined = combined(lines) else { continue }
            let index = order.firstIndex { $0.0 == combined.0 && $0.1 == combined.1 } ?? order.count - 1
            names[index, default: []].append(s.units[unit]?.shortName ?? s.unitName(unit))
        }
        return names.keys.sorted().map { (order[$0], names[$0]!) }
    }

    static func progressCell(_ item: PlanSnapshot.Item, unit: UUID?, _ s: PlanSnapshot) -> Component {
        if let unit {
            let mine = item.lines.filter { $0.unitID == unit }
            if mine.isEmpty { return El("span", ["class": "muted"]) { T("不涉及") } }
            return El("ul", ["class": "plain"]) {
                for line in mine {
                    El("li") {
                        if let group = line.groupName { T("\(group)：") }
                        PlanViews.statusChip(line.status, alert: line.alert)
                        T(" \(ScheduleRules.percent(line.state))%")
                        if line.state.reported == .completed { T(" "); PlanViews.acceptanceChip(line.state) }
                    }
                }
            }
        }
        return ComponentGroup {
            PlanViews.bar(item.rollup.percent)
            T(" \(item.rollup.percent)%")
            if item.rollup.awaitingAcceptance > 0 { El("div", ["class": "small"]) { T("待验收 \(item.rollup.awaitingAcceptance)") } }
            if item.lines.isEmpty {
                El("div", ["class": "small"]) { T(PlanViews.summary(item.rollup)) }
            } else {
                // Each unit's status, folded: the table stays as compact as the seeds' and still says who is late.
                El("details", ["class": "small unit-status"]) {
                    El("summary") { T(PlanViews.summary(item.rollup)) }
                    El("dl") {
                        for (status, names) in unitsByStatus(item, s) {
                            El("dt") { PlanViews.statusChip(status.0, alert: status.1) }
                            El("dd") { T(names.joined(separator: "、")) }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Matrix

    /// One status for a unit's lines of an item (an item with domain groups has several).
    static func combined(_ lines: [PlanSnapshot.Line]) -> (LineStatus, ScheduleAlert?)? {
        guard !lines.isEmpty else { return nil }
        if lines.allSatisfy({ $0.status == .completed }) { return (.completed, nil) }
        let overdue = lines.filter { $0.status == .overdue }
        if !overdue.isEmpty {
            return (.overdue, overdue.allSatisfy { $0.alert == .overdueNotStarted } ? .overdueNotStarted : .overdue)
        }
        let soon: ScheduleAlert? = lines.contains { $0.alert == .dueSoon } ? .dueSoon : nil
        if lines.contains(where: { $0.status == .inProgress || $0.status == .completed }) { return (.inProgress, soon) }
        return (.notStarted, soon)
    }

    static func matrix(_ s: PlanSnapshot, chrome: PageChrome) -> String {
        let byUnit = Dictionary(grouping: s.lines, by: \.unitID)
        let byUnitItem = Dictionary(grouping: s.lines) { PlanSnapshot.LineID(item: $0.itemID, group: nil, unit: $0.unitID) }
        let short: [LineStatus: String] = [.completed: "完", .inProgress: "进", .notStarted: "未", .overdue: "逾"]
        return Layout.render(chrome) {
            PlanViews.header(s)
            PlanViews.tabs(s.planID, current: "matrix")
            El("p", ["class": "legend"]) {
                T("图例：")
                for status in LineStatus.allCases {
                    El("span", ["class": "st st-\(status.rawValue)"]) { T("\(short[status]!) \(status.label)") }
                    T(" ")
                }
                El("span", ["class": "st st-overdue-not-started"]) { T("逾 逾期未启动") }
                T(" — 不涉及")
            }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "matrix"]) {
                    El("thead") {
                        El("tr") {
                            El("th", ["scope": "col"]) { T("单位 \\ 事项") }
                            for item in s.items {
                                El("th", ["scope": "col", "title": item.text]) {
                                    A(item.label, href: SiteURL.adminPlanItem(s.planID, number: item.number).path)
                                }
                            }
                            El("th", ["scope": "col"]) { T("完成") }
                        }
                    }
                    El("tbody") {
                        for unit in s.lineUnits {
                            let mine = byUnit[unit.id] ?? []
                            El("tr") {
                                El("th", ["scope": "row"]) { A(unit.shortName, href: SiteURL.adminPlan(s.planID).path(.unit(unit.id))) }
                                for item in s.items {
                                    if let (status, alert) = combined(byUnitItem[PlanSnapshot.LineID(item: item.id, group: nil, unit: unit.id)] ?? []) {
                                        let cls = alert == .overdueNotStarted ? "overdue-not-started" : status.rawValue
                                        El("td", ["class": "st-\(cls)", "title": "\(unit.name) \(item.label)：\(alert == .overdueNotStarted ? "逾期未启动" : status.label)"]) {
                                            T(short[status]!)
                                        }
                                    } else {
                                        El("td", ["class": "na"]) { T("—") }
                                    }
                                }
                                El("td") { T("\(mine.filter { $0.status == .completed }.count)/\(mine.count)") }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Events

    static func events(_ s: PlanSnapshot, canManage: Bool, errors: ValidationErrors?, chrome: PageChrome) -> String {
        let relative = s.items.filter { $0.deadline.period != nil }
        return Layout.render(chrome) {
            PlanViews.header(s)
            PlanViews.tabs(s.planID, current: "events")
            El("p") {
                T("有些事项的完成时间从某个事件或前序事项完成之日起算（如“国务院部门其他领域标准指引出台2个月内”）。事件发生后由公开办录入日期，系统据此算出到期日并开始提醒。")
            }
            ErrorSummary(errors: errors)
            if s.events.isEmpty {
                EmptyState(title: "本方案没有需要录入日期的事件", text: "所有事项的完成时间都是确定的日期，或从前序事项完成时起算。")
            }
            for event in s.events {
                El("section", ["class": "card"]) {
                    El("h2") { T(event.name) }
                    El("p") { T(event.occurredOn.map { "已录入：\($0.description)" } ?? "尚未录入日期：依赖它的事项到期日未定，不会提醒。") }
                    if canManage {
                        PostForm(action: SiteURL.adminPlanEvents(s.planID).path, csrfToken: chrome.csrfToken) {
                            VoidEl("input", ["type": "hidden", "name": "event", "value": event.name])
                            FieldRow(label: "事件日期", name: "date", value: event.occurredOn?.description ?? "", type: "date",
                                     errors: errors?.messages(for: "date") ?? [], hint: "格式：2021-12-31", required: true)
                            SubmitRow(title: event.occurredOn == nil ? "录入日期" : "更正日期")
                        }
                    }
                }
            }
            if !relative.isEmpty {
                El("h2") { T("按事件或前序事项起算的事项") }
                El("ul") {
                    for item in relative {
                        El("li") {
                            A("\(item.label)\(PlanText.shortened(item.text, to: 40))", href: SiteURL.adminPlanItem(s.planID, number: item.number).path)
                            T("：\(item.deadlineText)")
                            if let after = item.afterItemNumber { T("（前序事项：\(PlanItemNumber.label(after))）") }
                            T(item.due.map { "，到期日 \($0.description)" } ?? "，到期日未定")
                        }
                    }
                }
            }
        }
    }
}
