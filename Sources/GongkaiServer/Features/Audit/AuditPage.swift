import Foundation
import GongkaiCore
import Plot

enum AuditPage {
    struct Row {
        let time: String
        let actor: String
        let action: String
        let target: String
        let summary: String
        let address: String
    }

    struct Model {
        let rows: [Row]
        let total: Int
        let perPage: Int
        let query: AuditController.Query
        let errors: ValidationErrors
        var newerHref: String?
        var olderHref: String?
        var firstHref: String?
    }

    static let targetTypes: [(value: String, label: String)] = [
        ("", "全部"), ("unit", "单位"), ("user", "账号"), ("token", "API令牌"), ("site", "站点"),
    ]

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("操作日志") }
            El("p", ["class": "muted"]) { T("本站点的每一次修改都在同一事务中记录操作人、时间、对象和修改前后的内容；日志只增不删。") }
            ErrorSummary(errors: model.errors)
            El("form", ["method": "get", "action": SiteURL.adminAudit.path, "class": "filters"]) {
                SelectRow(label: "操作", name: "action",
                          options: [("", "全部")] + AuditLog.actionLabels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                          selected: model.query.action ?? "")
                SelectRow(label: "对象类型", name: "target", options: targetTypes, selected: model.query.target ?? "")
                FieldRow(label: "操作人", name: "actor", value: model.query.actor ?? "")
                FieldRow(label: "对象或摘要包含", name: "q", value: model.query.q ?? "")
                FieldRow(label: "开始日期", name: "from", value: model.query.from ?? "", type: "date",
                         errors: model.errors.messages(for: "from"))
                FieldRow(label: "结束日期", name: "to", value: model.query.to ?? "", type: "date",
                         errors: model.errors.messages(for: "to"))
                El("div", ["class": "field"]) { El("button", ["type": "submit", "class": "button"]) { T("筛选") } }
            }
            El("p") {
                T("共 \(model.total) 条。")
                A("导出为 CSV（Excel 可直接打开）", href: SiteURL.adminAuditExport.path(model.query.items))
            }
            table(model.rows)
            pager(model)
        }
    }

    static func table(_ rows: [Row]) -> Component {
        if rows.isEmpty {
            return EmptyState(title: "没有符合条件的记录", text: "调整筛选条件后再试。")
        }
        return El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table") {
                El("thead") {
                    El("tr") {
                        for heading in ["时间", "操作人", "操作", "对象", "变更摘要", "IP地址"] {
                            El("th", ["scope": "col"]) { T(heading) }
                        }
                    }
                }
                El("tbody") {
                    for row in rows {
                        El("tr") {
                            El("td") { T(row.time) }
                            El("td") { T(row.actor) }
                            El("td") { T(row.action) }
                            El("td") { T(row.target) }
                            El("td") { T(row.summary) }
                            El("td") { T(row.address) }
                        }
                    }
                }
            }
        }
    }

    static func pager(_ model: Model) -> Component {
        KeysetPager(first: model.firstHref, newer: model.newerHref, older: model.olderHref)
    }
}
