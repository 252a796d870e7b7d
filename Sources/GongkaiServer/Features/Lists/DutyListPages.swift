import Foundation
import GongkaiCore
import GongkaiInterchange
import Plot
import Vapor

/// The back-office 清单 pages: every list with what waits for me and the import form; one list with its versions,
/// rows, changes against the published version, and the review steps the person may take.
enum DutyListPages {
    struct ImportForm: Content {
        var file: File?
        var unit: String?
        var kind: String?
        var dryRun: String?

        enum CodingKeys: String, CodingKey { case file, unit, kind, dryRun = "dry_run" }
    }

    struct ImportOutcome {
        let fileName: String
        let problems: [String]
        let preview: DutyListImport?
    }

    struct ListRow {
        let id: UUID
        let unit: String
        let kind: DutyListKind
        let published: (number: Int, at: Date, count: Int)?
        let open: (number: Int, status: DutyListStatus, count: Int)?
    }

    struct IndexModel {
        let rows: [ListRow]
        let waiting: [ListRow]
        let editableUnits: [(id: UUID, name: String)]
        let unit: String
        let kind: String
        let errors: ValidationErrors?
        let importResult: ImportOutcome?
    }

    static func index(_ m: IndexModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("权责清单和公共服务清单") }
            El("p", ["class": "lead"]) {
                T("各单位的权责清单（行政职权及其依据、实施主体、责任事项、追责情形）和公共服务清单，按版本管理：导入或修订草稿 → 本单位审核 → 公开办审核发布。已发布的版本不再修改，历史版本全部保留，门户网站“办事服务”栏目公开已发布的版本。")
            }
            if !m.waiting.isEmpty {
                El("section", ["class": "card"]) {
                    El("h2") { T("待我处理（\(m.waiting.count)）") }
                    table(m.waiting)
                }
            }
            El("h2") { T("清单（\(m.rows.count)）") }
            if m.rows.isEmpty {
                EmptyState(title: "还没有清单", text: "用下面的表单导入本单位的权责清单或公共服务清单（.xlsx）。")
            } else {
                table(m.rows)
            }
            if !m.editableUnits.isEmpty { importSection(m, csrfToken: chrome.csrfToken) }
        }
    }

    static func table(_ rows: [ListRow]) -> Component {
        DataTable(headers: ["单位", "清单", "已发布版本", "正在处理"], class: "stack") {
            for row in rows {
                El("tr") {
                    El("td", ["data-label": "单位"]) { A(row.unit, href: SiteURL.adminList(row.id).path) }
                    El("td", ["data-label": "清单"]) { T(row.kind.title) }
                    El("td", ["data-label": "已发布版本"]) {
                        T(row.published.map { "第\($0.number)版，\(ChineseTime.date($0.at))，\($0.count)项" } ?? "未发布")
                    }
                    El("td", ["data-label": "正在处理"]) {
                        if let open = row.open {
                            El("span", ["class": "status status-\(open.status.rawValue)"]) { T("第\(open.number)版 \(open.status.label)") }
                            T("（\(open.count)项）")
                        } else {
                            T("—")
                        }
                    }
                }
            }
        }
    }

    static func importSection(_ m: IndexModel, csrfToken: String) -> Component {
        let e = m.errors ?? ValidationErrors()
        return El("section", ["class": "card", "id": "import"]) {
            El("h2") { T("导入清单（.xlsx）") }
            El("p", ["class": "hint"]) {
                T("按本县清单格式填写的 .xlsx 文件：标题行下一行为表头（权责清单：序号、职权类型、职权名称、子项、实施依据、实施主体、责任事项、追责情形、备注；公共服务清单：序号、服务名称、服务对象、服务内容、办理依据、责任单位、办理时限、收费、咨询电话、实施层级、备注）。主项合并单元格、“同上”均可识别。文件中有任何问题都不会导入，并逐条列出行号、列号和读到的内容。导入的内容成为草稿，替换尚未提交的草稿。")
            }
            if let result = m.importResult {
                ImportProblems(fileName: result.fileName, problems: result.problems)
                if let preview = result.preview {
                    El("div", ["class": "flash", "role": "status"]) {
                        El("p") { T("“\(result.fileName)”检查通过：工作表“\(preview.sheetName)”，\(preview.kind.title)\(preview.rows.count)项。尚未导入——确认无误后取消勾选“仅检查”再上传。") }
                        if !preview.ignoredColumns.isEmpty { El("p") { T("未导入的列：" + preview.ignoredColumns.joined(separator: "、")) } }
                        El("ol") {
                            for row in preview.rows.prefix(50) { El("li") { T("第\(row.sheetRow)行：\(row.row.key)") } }
                        }
                        if preview.rows.count > 50 { El("p") { T("……另有\(preview.rows.count - 50)项") } }
                    }
                }
            }
            El("form", ["method": "post", "action": SiteURL.adminListImport.path, "enctype": "multipart/form-data", "class": "form", "accept-charset": "UTF-8"]) {
                VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrfToken])
                SelectRow(label: "单位", name: "unit", options: [("", "请选择")] + m.editableUnits.map { ($0.id.uuidString, $0.name) },
                          selected: m.unit, errors: e.messages(for: "unit"), id: "unit")
                SelectRow(label: "清单类别", name: "kind", options: [("", "请选择")] + DutyListKind.allCases.map { ($0.rawValue, $0.title) },
                          selected: m.kind, errors: e.messages(for: "kind"), id: "kind")
                XLSXFileField(label: "清单文件（.xlsx）", errors: e.messages(for: "file"))
                El("label", ["class": "check"]) {
                    VoidEl("input", ["type": "checkbox", "name": "dry_run", "value": "1", "checked": "checked"])
                    T(" 仅检查，不导入")
                }
                SubmitRow(title: "上传")
            }
        }
    }

    // MARK: - One list

    struct VersionRow {
        let number: Int
        let status: DutyListStatus
        let source: String
        let createdBy: String
        let at: Date
        let count: Int
    }

    struct ShowModel {
        let id: UUID
        let label: String
        let kind: DutyListKind
        let versions: [VersionRow]
        let shown: VersionRow
        let lockVersion: Int
        let returnComment: String?
        let unitApprovedBy: String?
        let rows: [DutyListRow]
        /// The version compared with, and what changed from it to the shown one.
        let comparedWith: Int?
        let changes: [DutyListDiff.Change]
        let steps: [DutyListActions.Step]
        let problem: String?
        let publicHref: String?
        /// The shown version is a draft the person may change row by row.
        var editable = false
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p") { A("← 全部清单", href: SiteURL.adminLists.path) }
            El("h1") { T(m.label) }
            if let problem = m.problem {
                El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(problem) } }
            }
            El("section", ["class": "card"]) {
                El("h2") { T("第\(m.shown.number)版：\(m.shown.status.label)") }
                El("p") { T("\(m.shown.count)项。\(m.shown.source)，\(m.shown.createdBy)，\(ChineseTime.date(m.shown.at))。") }
                if let by = m.unitApprovedBy, m.shown.status == .unitApproved { El("p") { T("本单位审核：\(by)通过。") } }
                if let comment = m.returnComment, m.shown.status == .returned {
                    El("p", ["class": "warning"]) { T("退回意见：\(comment)") }
                }
                if let href = m.publicHref { El("p") { A("在门户网站查看已发布版本", href: href) } }
                El("p") {
                    T("下载本版本：")
                    for format in ["xlsx", "csv", "json"] {
                        A(format.uppercased(), href: SiteURL.adminListDownload(m.id, version: m.shown.number, format: format).path)
                        T(" ")
                    }
                }
                steps(m, csrfToken: chrome.csrfToken)
            }
            if let compared = m.comparedWith {
                El("section", ["class": "card", "id": "changes"]) {
                    El("h2") { T("与第\(compared)版相比（\(m.changes.count)处变化）") }
                    if m.changes.isEmpty { El("p") { T("没有变化。") } }
                    El("ul") {
                        for change in m.changes {
                            switch change {
                            case .added(let row): El("li") { Badge(text: "新增", kind: "ok"); T(" " + row.key) }
                            case .removed(let row): El("li") { Badge(text: "删除", kind: "warn"); T(" " + row.key) }
                            case .changed(let key, let fields):
                                El("li") {
                                    Badge(text: "修改"); T(" " + key)
                                    El("ul") {
                                        for f in fields { El("li") { T("\(f.label)：“\(f.old)” → “\(f.new)”") } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            El("h2", ["id": "rows"]) { T("事项（\(m.rows.count)）") }
            if m.editable { El("p") { A("添加事项", href: SiteURL.adminListRowNew(m.id).path, class: "button") } }
            DutyListTable(kind: m.kind, rows: m.rows, editing: m.editable ? .init(listID: m.id, lockVersion: m.lockVersion, csrfToken: chrome.csrfToken) : nil)
            El("h2") { T("版本") }
            DataTable(headers: ["版本", "状态", "来源", "事项数", "日期"], class: "stack") {
                for v in m.versions {
                    El("tr") {
                        El("td", ["data-label": "版本"]) { A("第\(v.number)版", href: SiteURL.adminList(m.id).path(.version(v.number))) }
                        El("td", ["data-label": "状态"]) { T(v.status.label) }
                        El("td", ["data-label": "来源"]) { T(v.source) }
                        El("td", ["data-label": "事项数"]) { T(String(v.count)) }
                        El("td", ["data-label": "日期"]) { T(ChineseTime.date(v.at)) }
                    }
                }
            }
        }
    }

    static func steps(_ m: ShowModel, csrfToken: String) -> Component {
        let action = SiteURL.adminListAction(m.id).path
        func hidden() -> Component {
            ComponentGroup {
                VoidEl("input", ["type": "hidden", "name": "version", "value": String(m.shown.number)])
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
            }
        }
        return ComponentGroup {
            El("div", ["class": "actions"]) {
                for step in m.steps where step != .returnForChanges && step != .discard {
                    PostForm(action: action, csrfToken: csrfToken, class: "inline") {
                        hidden()
                        VoidEl("input", ["type": "hidden", "name": "action", "value": step.rawValue])
                        El("button", ["type": "submit", "class": "button"]) { T(title(step)) }
                    }
                }
            }
            if m.steps.contains(.returnForChanges) {
                PostForm(action: action, csrfToken: csrfToken) {
                    hidden()
                    VoidEl("input", ["type": "hidden", "name": "action", "value": DutyListActions.Step.returnForChanges.rawValue])
                    El("div", ["class": "field"]) {
                        El("label", ["for": "comment"]) { T("退回意见（退回时必填）") }
                        El("textarea", ["id": "comment", "name": "comment", "rows": "3"]) { T("") }
                    }
                    El("button", ["type": "submit", "class": "button secondary"]) { T("退回修改") }
                }
            }
            if m.steps.contains(.discard) {
                PostForm(action: action, csrfToken: csrfToken) {
                    hidden()
                    VoidEl("input", ["type": "hidden", "name": "action", "value": DutyListActions.Step.discard.rawValue])
                    El("label", ["class": "check"]) {
                        VoidEl("input", ["type": "checkbox", "name": "confirm", "value": "yes"])
                        T(" 确认放弃这个草稿（已发布的版本不受影响）")
                    }
                    El("button", ["type": "submit", "class": "button secondary"]) { T("放弃草稿") }
                }
            }
        }
    }

    static func title(_ step: DutyListActions.Step) -> String {
        switch step {
        case .submit: "提交审核"
        case .approveUnit: "本单位审核通过"
        case .publish: "公开办审核通过并发布"
        case .revise: "新建修订版本"
        case .discard: "放弃草稿"
        case .returnForChanges: "退回修改"
        }
    }
}

/// A 清单's rows as a table that becomes label/value blocks on a phone: every column the list has, text kept
/// with its line breaks (责任事项 are numbered stages).
struct DutyListTable: Component {
    /// A draft's rows get 修改 and 删除 (删除 behind a confirmation).
    struct Editing {
        let listID: UUID
        let lockVersion: Int
        let csrfToken: String
    }

    let kind: DutyListKind
    let rows: [DutyListRow]
    var editing: Editing?

    var body: Component {
        let fields = kind.fields.filter { f in f != .code || rows.contains { !$0.code.isEmpty } }
        return DataTable(headers: ["序号"] + fields.map { $0.title(in: kind) } + (editing == nil ? [] : ["操作"]), class: "stack list-rows") {
            for (i, row) in rows.enumerated() {
                El("tr") {
                    El("td", ["data-label": "序号"]) { T(String(i + 1)) }
                    for f in fields {
                        El("td", optional: ["data-label": f.title(in: kind), "class": f == .duties || f == .accountability ? "pre-line" : nil]) {
                            T(row.text(f))
                        }
                    }
                    if let editing {
                        El("td", ["data-label": "操作", "class": "row-actions"]) {
                            A("修改", href: SiteURL.adminListRow(editing.listID, position: i + 1).path)
                            El("details") {
                                El("summary") { T("删除…") }
                                PostForm(action: SiteURL.adminListRowRemove(editing.listID, position: i + 1).path, csrfToken: editing.csrfToken,
                                         class: "inline-form") {
                                    VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(editing.lockVersion)])
                                    El("button", ["type": "submit", "class": "link-button"]) { T("确认删除第\(i + 1)项") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
