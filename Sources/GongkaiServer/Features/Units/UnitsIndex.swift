import Foundation
import Plot

enum UnitsIndex {
    struct Row {
        let id: UUID
        let name: String
        let kind: String
        let depth: Int
        let isExample: Bool
        let isArchived: Bool
        let canEdit: Bool
        let isOwn: Bool
    }

    struct Model {
        let rows: [Row]
        let canManage: Bool
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("单位") }
            El("p", ["class": "muted"]) {
                T("各单位的办公地址、办公时间和联系方式用于自动生成门户的“政府信息公开指南”。编辑和审核人员可以维护本单位的信息；新增、更名和撤销单位由公开办管理员办理。")
            }
            if model.canManage {
                El("p") { A("新增单位", href: SiteURL.adminUnitNew(parent: nil).path, class: "button") }
            }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") {
                        El("tr") {
                            El("th", ["scope": "col"]) { T("单位") }
                            El("th", ["scope": "col"]) { T("类型") }
                            El("th", ["scope": "col"]) { T("操作") }
                        }
                    }
                    El("tbody") {
                        for row in model.rows {
                            El("tr") {
                                El("td") {
                                    T(String(repeating: "　　", count: row.depth))
                                    A(row.name, href: SiteURL.adminUnitEdit(row.id).path)
                                    if row.isOwn { Badge(text: "本单位") }
                                    if row.isExample { Badge(text: "示例", kind: "demo") }
                                    if row.isArchived { Badge(text: "已撤销", kind: "bad") }
                                }
                                El("td") { T(row.kind) }
                                El("td") {
                                    if row.canEdit && !row.isArchived {
                                        A("修改", href: SiteURL.adminUnitEdit(row.id).path)
                                    }
                                    if model.canManage && !row.isArchived {
                                        T("　")
                                        A("新增下级", href: SiteURL.adminUnitNew(parent: row.id).path)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
