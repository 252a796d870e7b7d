import Foundation
import GongkaiCore
import GongkaiInterchange
import Plot
import Vapor

/// The back-office catalog pages: the list with what waits for me, the create and import forms, and one
/// catalog with its versions, entries, reviews and history.
enum CatalogPages {
    struct NewForm: Content {
        var unit: String = ""
        var domain: String = ""
        var level: String = ""
        var base: String?
    }

    struct ImportForm: Content {
        var file: File?
        var unit: String?
        var domain: String?
        var level: String?
        var dryRun: String?

        enum CodingKeys: String, CodingKey { case file, unit, domain, level, dryRun = "dry_run" }
    }

    struct ImportOutcome {
        let fileName: String
        let problems: [String]
        let preview: CatalogImport?
    }

    struct ListRow {
        let id: UUID
        let unit: String
        let unitSort: Int
        let domain: CatalogDomain
        let level: CatalogLevel
        let published: (number: Int, at: Date, count: Int)?
        let open: (number: Int, status: CatalogStatus, count: Int)?
    }

    struct IndexModel {
        let rows: [ListRow]
        let waiting: [ListRow]
        let domains: [CatalogDomain]
        let editableUnits: [(UUID, String, OrgUnitKind)]
        let bases: [ListRow]
        let form: NewForm
        let errors: ValidationErrors?
        let importResult: ImportOutcome?
        let canManageDomains: Bool
    }

    static func index(_ m: IndexModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("政务公开事项标准目录") }
            El("p", ["class": "lead"]) {
                T("每个单位按领域编制标准目录：草稿 → 本单位审核 →（乡级目录）领域指导单位审核 → 发布。已发布的版本不再修改，修订时新建版本，历史版本全部保留。")
            }
            if m.canManageDomains { El("p") { A("领域与指导单位、其他领域", href: SiteURL.adminCatalogDomains.path) } }
            if !m.waiting.isEmpty {
                El("section", ["class": "card"]) {
                    El("h2") { T("待我处理（\(m.waiting.count)）") }
                    table(m.waiting)
                }
            }
            El("h2") { T("目录（\(m.rows.count)）") }
            if m.rows.isEmpty {
                EmptyState(title: "还没有目录", text: "用下面的表单新建目录，或导入按附件2格式模板填写的 xlsx 文件。")
            } else {
                table(m.rows)
            }
            if !m.editableUnits.isEmpty {
                importSection(m, csrfToken: chrome.csrfToken)
                createSection(m, csrfToken: chrome.csrfToken)
            }
        }
    }

    static func table(_ rows: [ListRow]) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table") {
                El("thead") {
                    El("tr") {
                        for h in ["单位", "领域", "层级", "已发布版本", "正在处理"] { El("th", ["scope": "col"]) { T(h) } }
                    }
                }
                El("tbody") {
                    for row in rows {
                        El("tr") {
                            El("td") { A(row.unit, href: SiteURL.adminCatalog(row.id).path) }
                            El("td") { T(row.domain.name) }
                            El("td") { T(row.level.label) }
                            El("td") {
                                T(row.published.map { "第\($0.number)版，\(ChineseTime.date($0.at))，\($0.count)个事项" } ?? "未发布")
                            }
                            El("td") {
                                if let open = row.open {
                                    El("span", ["class": "status status-\(open.status.rawValue)"]) { T("第\(open.number)版 \(open.status.label)") }
                                    T("（\(open.count)个事项）")
                                } else {
                                    T("—")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func unitOptions(_ m: IndexModel) -> [(value: String, label: String)] {
        [("", "请选择")] + m.editableUnits.map { ($0.0.uuidString, $0.1) }
    }

    static func domainOptions(_ m: IndexModel) -> [(value: String, label: String)] {
        [("", "请选择")] + m.domains.map { ($0.code, $0.name + ($0.isPilot ? "" : "（其他领域）")) }
    }

    static let levelOptions: [(value: String, label: String)] = [("county", "县级"), ("township", "乡级"), ("village", "村级")]

    static func importSection(_ m: IndexModel, csrfToken: String) -> Component {
        let e = m.errors ?? ValidationErrors()
        return El("section", ["class": "card", "id": "import"]) {
            El("h2") { T("导入 xlsx 目录") }
            El("p", ["class": "hint"]) {
                T("按附件2格式模板填写的 .xlsx 文件（Excel、WPS、LibreOffice 保存均可）。导入的内容成为新的草稿版本；文件中有任何问题都不会导入，并逐条列出行号、列号和读到的内容。")
            }
            if let result = m.importResult {
                ImportProblems(fileName: result.fileName, problems: result.problems)
                if let preview = result.preview {
                    El("div", ["class": "flash", "role": "status"]) {
                        El("p") { T("“\(result.fileName)”检查通过：工作表“\(preview.sheetName)”，\(preview.rows.count)个事项。尚未导入——确认无误后取消勾选“仅检查”再上传。") }
                        if !preview.ignoredColumns.isEmpty { El("p") { T("未导入的列：" + preview.ignoredColumns.joined(separator: "、")) } }
                        El("ol") {
                            for row in preview.rows.prefix(50) {
                                El("li") { T("第\(row.sheetRow)行：\(row.entry.key)（\(row.entry.timeLimit.summary)）") }
                            }
                        }
                    }
                }
            }
            El("form", ["method": "post", "action": SiteURL.adminCatalogImport.path, "enctype": "multipart/form-data", "class": "form", "accept-charset": "UTF-8"]) {
                VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrfToken])
                SelectRow(label: "单位", name: "unit", options: unitOptions(m), selected: m.form.unit, errors: e.messages(for: "unit"), id: "import-unit")
                SelectRow(label: "领域", name: "domain", options: domainOptions(m), selected: m.form.domain, errors: e.messages(for: "domain"), id: "import-domain")
                SelectRow(label: "目录层级", name: "level", options: levelOptions, selected: m.form.level.isEmpty ? "county" : m.form.level,
                          errors: e.messages(for: "level"), hint: "文件没有“公开层级”列时，事项按此层级公开。", id: "import-level")
                XLSXFileField(label: "目录文件（.xlsx）", errors: e.messages(for: "file"))
                El("label", ["class": "check"]) {
                    VoidEl("input", ["type": "checkbox", "name": "dry_run", "value": "1", "checked": "checked"])
                    T(" 仅检查，不导入")
                }
                SubmitRow(title: "上传")
            }
        }
    }

    static func createSection(_ m: IndexModel, csrfToken: String) -> Component {
        let e = m.errors ?? ValidationErrors()
        return El("section", ["class": "card", "id": "new"]) {
            El("h2") { T("新建目录") }
            PostForm(action: SiteURL.adminCatalogNew.path, csrfToken: csrfToken) {
                SelectRow(label: "单位", name: "unit", options: unitOptions(m), selected: m.form.unit, errors: e.messages(for: "unit"))
                SelectRow(label: "领域", name: "domain", options: domainOptions(m), selected: m.form.domain, errors: e.messages(for: "domain"))
                SelectRow(label: "目录层级", name: "level", options: levelOptions, selected: m.form.level.isEmpty ? "county" : m.form.level,
                          errors: e.messages(for: "level"))
                SelectRow(label: "以已发布的县级目录为基础（乡级目录可选）", name: "base",
                          options: [("", "不使用，从空白目录开始")] + m.bases.map { ($0.id.uuidString, "\($0.unit) \($0.domain.name) 第\($0.published!.number)版") },
                          selected: m.form.base ?? "", errors: e.messages(for: "base"),
                          hint: "复制县级目录的全部事项作为起点，每个事项记住它来自哪一条。")
                SubmitRow(title: "新建目录")
            }
        }
    }
}
