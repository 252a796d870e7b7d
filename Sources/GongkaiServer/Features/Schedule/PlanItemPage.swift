import Foundation
import GongkaiCore
import Plot

/// One item: what it asks, who is responsible and by when; each unit's line; the report form for the lines
/// this person reports on; the acceptance form for the lines this person guides; and the item's history.
enum PlanItemPage {
    struct HistoryEntry {
        let lineKey: String
        let at: Date
        let unit: String
        let group: String?
        let kind: String
        let status: String
        let percent: Int
        let note: String
        let who: String
        let via: String
        let evidence: [(title: String, href: String)]
    }

    struct Model {
        let snapshot: PlanSnapshot
        let item: PlanSnapshot.Item
        let task: PlanSnapshot.Task
        let reportable: [PlanSnapshot.Line]
        let reviewable: [PlanSnapshot.Line]
        /// The county office may report on behalf of any unit: unit names link to the item page for that unit.
        let canReportForOthers: Bool
        /// Links offered as evidence, per unit: the unit's published catalogs.
        let linkOptions: [UUID: [(title: String, href: String)]]
        let history: [HistoryEntry]
        let errors: ValidationErrors?
        let errorLine: String?
        let problem: String?
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "accept": "验收通过"
        case "return": "退回"
        default: "报告进度"
        }
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        let s = m.snapshot, item = m.item
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) {
                A("工作方案", href: SiteURL.adminPlans.path); T(" / ")
                A(s.title, href: SiteURL.adminPlan(s.planID).path(fragment: "item-\(item.number)")); T(" / ")
            }
            El("h1") { T("\(item.label)\(item.text)") }
            if let problem = m.problem { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(problem) } } }
            El("dl", ["class": "kv card"]) {
                El("dt") { T("工作任务") }
                El("dd") { T("\(m.task.number). \(m.task.title)") }
                for role in PlanRole.allCases {
                    let text = PlanViews.partyText(item, role)
                    if !text.isEmpty {
                        El("dt") { T(role.label) }
                        El("dd") { T(text) }
                    }
                }
                El("dt") { T("完成时间") }
                El("dd") {
                    T(item.deadlineText.isEmpty ? "未规定" : item.deadlineText)
                    if let due = item.due { T("（到期日 \(due.description)）") } else if let w = item.deadline.waitingText { T("（\(w)）") }
                    if let after = item.afterItemNumber {
                        T(" 前序事项：")
                        A(PlanItemNumber.label(after), href: SiteURL.adminPlanItem(s.planID, number: after).path)
                    }
                }
                El("dt") { T("进度") }
                El("dd") { PlanViews.bar(item.rollup.percent); T(" \(item.rollup.percent)%　\(PlanViews.summary(item.rollup))") }
            }
            if !item.groups.isEmpty {
                El("h2") { T("按领域分工（\(item.groups.count)个）") }
                DataTable(headers: ["领域", "指导责任单位"]) {
                    for group in item.groups {
                        El("tr") { El("td") { T(group.name) }; El("td") { T(group.guides.joined(separator: "、")) } }
                    }
                }
            }
            if !m.reviewable.isEmpty {
                El("section", ["class": "card", "id": "review"]) {
                    El("h2") { T("待我验收（\(m.reviewable.count)）") }
                    for line in m.reviewable { reviewForm(m, line: line, csrfToken: chrome.csrfToken) }
                }
            }
            if m.reportable.count > 2 {
                // A unit with a line per domain group gets one folded form per group, the one with errors open.
                El("h2") { T("报告本单位进度（\(m.reportable.count)项）") }
                for line in m.reportable {
                    El("details", optional: ["class": "report-fold", "open": m.errorLine == line.key ? "open" : nil]) {
                        El("summary") {
                            T(m.snapshot.unitName(line.unitID) + (line.groupName.map { "（\($0)）" } ?? "") + "：")
                            PlanViews.statusChip(line.status, alert: line.alert)
                            T(" \(ScheduleRules.percent(line.state))%")
                        }
                        reportForm(m, line: line, csrfToken: chrome.csrfToken)
                    }
                }
            } else {
                for line in m.reportable { reportForm(m, line: line, csrfToken: chrome.csrfToken) }
            }
            El("h2") { T("各单位进度（\(item.lines.count)）") }
            if m.canReportForOthers { El("p", ["class": "hint"]) { T("作为公开办，可点击单位名称代该单位报告进度（如没有账号的村（居）委会），报告记录会写明是您代报。") } }
            if item.lines.isEmpty {
                EmptyState(title: "本事项没有对应到具体单位", text: "方案中的责任单位为“有关部门”等未指定的表述，由公开办督促落实。")
            } else {
                linesTable(s, item, reportForOthers: m.canReportForOthers)
            }
            El("h2") { T("进度记录") }
            if m.history.isEmpty {
                EmptyState(title: "还没有报告", text: "各单位报告的进度、指导单位的验收和退回意见都会按时间保存在这里，不会被覆盖。")
            } else {
                El("ol", ["class": "history"]) {
                    for h in m.history {
                        El("li") {
                            El("p") {
                                El("strong") { T("\(ChineseTime.dateTime(h.at)) \(h.unit)" + (h.group.map { "（\($0)）" } ?? "")) }
                                T("　\(kindLabel(h.kind))：\(ReportedStatus(rawValue: h.status)?.label ?? h.status) \(h.percent)%　\(h.who)")
                                if h.via == "api" { Badge(text: "通过API") }
                            }
                            if !h.note.isEmpty { El("p", ["class": "note"]) { T(h.note) } }
                            if !h.evidence.isEmpty {
                                El("p") {
                                    T("佐证：")
                                    for e in h.evidence { A(e.title, href: e.href); T(" ") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func linesTable(_ s: PlanSnapshot, _ item: PlanSnapshot.Item, reportForOthers: Bool) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "lines"]) {
                El("thead") {
                    El("tr") {
                        for h in ["单位"] + (item.groups.isEmpty ? [] : ["领域"]) + ["状态", "完成比例", "验收", "说明"] {
                            El("th", ["scope": "col"]) { T(h) }
                        }
                    }
                }
                El("tbody") {
                    for line in item.lines {
                        El("tr") {
                            El("td") {
                                if reportForOthers {
                                    A(s.unitName(line.unitID), href: SiteURL.adminPlanItem(s.planID, number: item.number)
                                        .path(.unit(line.unitID), fragment: "report-\(line.key.replacingOccurrences(of: "/", with: "-"))"))
                                } else {
                                    T(s.unitName(line.unitID))
                                }
                            }
                            if !item.groups.isEmpty { El("td") { T(line.groupName ?? "") } }
                            El("td") { PlanViews.statusChip(line.status, alert: line.alert) }
                            El("td") { T("\(ScheduleRules.percent(line.state))%") }
                            El("td") {
                                PlanViews.acceptanceChip(line.state)
                                if !line.reviewComment.isEmpty { El("div", ["class": "small"]) { T("意见：\(line.reviewComment)") } }
                            }
                            El("td") { T(line.note) }
                        }
                    }
                }
            }
        }
    }

    static func reportForm(_ m: Model, line: PlanSnapshot.Line, csrfToken: String) -> Component {
        let s = m.snapshot
        let errors = m.errorLine == line.key ? m.errors ?? ValidationErrors() : ValidationErrors()
        let title = "报告进度：\(s.unitName(line.unitID))" + (line.groupName.map { "（\($0)）" } ?? "")
        let links = m.linkOptions[line.unitID] ?? []
        return El("section", ["class": "card report", "id": "report-\(line.key.replacingOccurrences(of: "/", with: "-"))"]) {
            El("h2") { T(title) }
            El("p") {
                T("当前：")
                PlanViews.statusChip(line.status, alert: line.alert)
                T(" \(ScheduleRules.percent(line.state))%")
                if line.state.reported == .completed { T(" "); PlanViews.acceptanceChip(line.state) }
                if !line.reviewComment.isEmpty { T("　指导单位意见：\(line.reviewComment)") }
            }
            ErrorSummary(errors: errors.isEmpty ? nil : errors)
            El("form", ["method": "post", "action": SiteURL.adminPlanItemReport(s.planID, number: m.item.number).path,
                        "enctype": "multipart/form-data", "class": "form", "accept-charset": "UTF-8"]) {
                VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrfToken])
                VoidEl("input", ["type": "hidden", "name": "line", "value": line.key])
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": "\(line.lockVersion)"])
                El("fieldset", ["class": "field"]) {
                    El("legend") { T("状态（“已逾期”由系统按完成时间判断，不需选择）") }
                    for status in ReportedStatus.allCases {
                        El("label", ["class": "check"]) {
                            VoidEl("input", ["type": "radio", "name": "status", "value": status.rawValue,
                                             "checked": status == (line.state.reported == .notStarted ? .inProgress : line.state.reported) ? "checked" : nil])
                            T(" " + status.label)
                        }
                    }
                }
                FieldRow(label: "完成比例（%）", name: "percent", value: "\(line.state.percent)", type: "number", errors: errors.messages(for: "percent"),
                         hint: "进行中填0到99；已完成按100%计。")
                El("div", ["class": errors.messages(for: "note").isEmpty ? "field" : "field field-invalid"]) {
                    El("label", ["for": "note-\(line.key)"]) { T("进展说明") }
                    for e in errors.messages(for: "note") { El("p", ["class": "error"]) { T(e) } }
                    El("textarea", ["id": "note-\(line.key)", "name": "note", "rows": "3"]) { T(line.note) }
                }
                if !links.isEmpty {
                    SelectRow(label: "关联平台内的成果（可选）", name: "link",
                              options: [("", "不关联")] + links.map { ($0.href, $0.title) }, selected: "")
                }
                El("div", ["class": "field"]) {
                    El("label", ["for": "file-\(line.key)"]) { T("佐证材料（可选）") }
                    El("p", ["class": "hint"]) { T("\(StoredFiles.acceptedDescription)，不超过20MB。") }
                    for e in errors.messages(for: "file") { El("p", ["class": "error"]) { T(e) } }
                    VoidEl("input", ["type": "file", "id": "file-\(line.key)", "name": "file"])
                }
                SubmitRow(title: "提交报告")
            }
        }
    }

    static func reviewForm(_ m: Model, line: PlanSnapshot.Line, csrfToken: String) -> Component {
        let s = m.snapshot
        let errors = m.errorLine == line.key ? m.errors ?? ValidationErrors() : ValidationErrors()
        return El("div", ["class": "review-line"]) {
            El("h3") { T(s.unitName(line.unitID) + (line.groupName.map { "（\($0)）" } ?? "") + "：报告已完成") }
            if !line.note.isEmpty { El("p", ["class": "note"]) { T(line.note) } }
            // The evidence of the completion report being judged (history is newest first).
            if let report = m.history.first(where: { $0.lineKey == line.key && $0.kind == "report" }), !report.evidence.isEmpty {
                El("p") {
                    T("佐证材料：")
                    for e in report.evidence { A(e.title, href: e.href); T(" ") }
                }
            }
            PostForm(action: SiteURL.adminPlanItemReview(s.planID, number: m.item.number).path, csrfToken: csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "line", "value": line.key])
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": "\(line.lockVersion)"])
                El("div", ["class": errors.messages(for: "comment").isEmpty ? "field" : "field field-invalid"]) {
                    El("label", ["for": "comment-\(line.key)"]) { T("意见（退回时必填）") }
                    for e in errors.messages(for: "comment") + errors.messages(for: "decision") { El("p", ["class": "error"]) { T(e) } }
                    El("textarea", ["id": "comment-\(line.key)", "name": "comment", "rows": "2"]) { EmptyComponent() }
                }
                El("div", ["class": "actions"]) {
                    El("button", ["type": "submit", "name": "decision", "value": "accept", "class": "button"]) { T("验收通过") }
                    El("button", ["type": "submit", "name": "decision", "value": "return", "class": "button secondary"]) { T("退回") }
                }
            }
        }
    }
}
