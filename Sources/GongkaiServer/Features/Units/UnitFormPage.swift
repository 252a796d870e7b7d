import Foundation
import GongkaiCore
import Plot

enum UnitFormPage {
    enum Mode {
        case edit(id: UUID, version: Int)
        case new(parent: UUID?)
    }

    struct Model {
        let mode: Mode
        let draft: OrgUnitDraft
        let errors: ValidationErrors?
        let message: String?
        let parentName: String?
        let parents: [(value: String, label: String)]
        let canEditContact: Bool
        let canManage: Bool
        let isExample: Bool
        let archived: (date: String, reason: String)?
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        let errors = model.errors ?? ValidationErrors()
        let action: String
        var title = "新增单位"
        switch model.mode {
        case .edit(let id, _):
            action = SiteURL.adminUnitEdit(id).path
            title = model.draft.name
        case .new:
            action = SiteURL.adminUnitNew(parent: nil).path
        }
        return Layout.render(chrome) {
            El("p") { A("← 返回单位列表", href: SiteURL.adminUnits.path) }
            El("h1") {
                T(title)
                if model.isExample { Badge(text: "示例", kind: "demo") }
            }
            if let parent = model.parentName { El("p", ["class": "muted"]) { T("上级单位：\(parent)") } }
            if let archived = model.archived {
                El("div", ["class": "error-summary"]) { T("该单位已于\(archived.date)撤销。撤销原因：\(archived.reason)") }
            }
            if let message = model.message {
                El("div", ["class": "error-summary", "role": "alert"]) { El("p", ["class": "error"]) { T(message) } }
            }
            ErrorSummary(errors: errors.problems.contains { $0.field == "reason" } ? nil : model.errors)
            if model.canEditContact && model.archived == nil {
                form(model, action: action, errors: errors, csrfToken: chrome.csrfToken)
            } else {
                readOnly(model.draft)
            }
            if case .edit(let id, _) = model.mode, model.canManage, model.archived == nil {
                El("h2") { T("撤销单位") }
                El("p", ["class": "muted"]) { T("机构改革、合并或撤销时使用。单位的全部记录和撤销原因都会保留，不会删除。") }
                PostForm(action: SiteURL.adminUnitArchive(id).path, csrfToken: chrome.csrfToken) {
                    FieldRow(label: "撤销原因", name: "reason", value: "", errors: errors.messages(for: "reason"), required: true)
                    El("div", ["class": "actions"]) {
                        El("button", ["type": "submit", "class": "button danger"]) { T("撤销这个单位") }
                    }
                }
            }
        }
    }

    static func form(_ model: Model, action: String, errors: ValidationErrors, csrfToken: String) -> Component {
        let draft = model.draft
        let structural = model.canManage
        return PostForm(action: action, csrfToken: csrfToken) {
            switch model.mode {
            case .edit(_, let version):
                VoidEl("input", ["type": "hidden", "name": "version", "value": String(version)])
            case .new(let parent):
                SelectRow(label: "上级单位", name: "parent", options: [("", "请选择")] + model.parents,
                          selected: parent?.uuidString ?? "", errors: errors.messages(for: "parent"))
            }
            if structural {
                FieldRow(label: "单位全称", name: "name", value: draft.name, errors: errors.messages(for: "name"),
                         hint: "与公章一致，例如 湖口县民政局。", required: true)
                FieldRow(label: "简称", name: "shortName", value: draft.shortName,
                         errors: errors.messages(for: "shortName"), hint: "文件中常用的称呼，例如 县民政局。")
                SelectRow(label: "单位类型", name: "kind", options: OrgUnitKind.allCases.filter { $0 != .countyGovernment }
                            .map { ($0.rawValue, $0.label) } + (draft.kind == .countyGovernment ? [(OrgUnitKind.countyGovernment.rawValue, OrgUnitKind.countyGovernment.label)] : []),
                          selected: draft.kind.rawValue, errors: errors.messages(for: "kind"))
                FieldRow(label: "别名", name: "aliases", value: draft.aliases.joined(separator: "、"),
                         errors: errors.messages(for: "aliases"), hint: "文件中出现的其他叫法，用顿号分隔，例如 县政务服务局。")
                FieldRow(label: "统一社会信用代码", name: "creditCode", value: draft.creditCode, errors: errors.messages(for: "creditCode"),
                         hint: "18位，见单位的统一社会信用代码证书；也可填9位组织机构代码。索引号以它开头，未填写的暂用系统内部编号。",
                         autocomplete: "off")
            } else {
                readOnly(OrgUnitDraft(name: draft.name, shortName: draft.shortName, kind: draft.kind,
                                      contact: OrgUnitContact(), creditCode: draft.creditCode))
            }
            El("h2") { T("政府信息公开工作机构联系方式") }
            FieldRow(label: "办公地址", name: "address", value: draft.contact.address,
                     errors: errors.messages(for: "address"))
            FieldRow(label: "办公时间", name: "officeHours", value: draft.contact.officeHours,
                     errors: errors.messages(for: "officeHours"), hint: "例如 工作日 上午8:30-12:00，下午14:30-17:30")
            FieldRow(label: "联系电话", name: "phone", value: draft.contact.phone, errors: errors.messages(for: "phone"))
            FieldRow(label: "传真号码", name: "fax", value: draft.contact.fax, errors: errors.messages(for: "fax"))
            FieldRow(label: "电子邮箱", name: "email", value: draft.contact.email, type: "email",
                     errors: errors.messages(for: "email"))
            FieldRow(label: "邮政编码", name: "postcode", value: draft.contact.postcode,
                     errors: errors.messages(for: "postcode"))
            SubmitRow(title: "保存", cancelHref: SiteURL.adminUnits.path)
        }
    }

    static func readOnly(_ draft: OrgUnitDraft) -> Component {
        El("dl", ["class": "kv card"]) {
            for (label, value) in [("单位全称", draft.name), ("简称", draft.shortName), ("类型", draft.kind.label),
                                   ("统一社会信用代码", draft.creditCode),
                                   ("办公地址", draft.contact.address), ("办公时间", draft.contact.officeHours),
                                   ("联系电话", draft.contact.phone), ("传真号码", draft.contact.fax),
                                   ("电子邮箱", draft.contact.email), ("邮政编码", draft.contact.postcode)] {
                El("dt") { T(label) }
                El("dd") { T(value.isEmpty ? "—" : value) }
            }
        }
    }
}
