import Foundation
import GongkaiCore
import Plot

/// The back-office 办事指南 pages: the list, the form (every element, eight material rows, steps a line each), and
/// one guide with its review steps and a preview as the portal shows it.
enum ServiceGuidePages {
    struct Row {
        let id: UUID
        let unit: String
        let name: String
        let status: DutyListStatus
        let number: Int
        let published: Bool
    }

    struct IndexModel {
        let rows: [Row]
        let canCreate: Bool
    }

    static func index(_ m: IndexModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("办事指南") }
            El("p", ["class": "lead"]) {
                T("每个政务服务事项一份办事指南：事项名称、设定依据、受理条件、申请材料、办理流程、办结时限、收费、办理地点和时间、咨询和监督投诉电话、网上可办程度、结果送达、常见问题。草稿 → 提交 → 本单位审核发布；已发布的版本不再修改，修订时新建版本。")
            }
            if m.canCreate { El("p") { A("新建办事指南", href: SiteURL.adminServiceNew.path, class: "button") } }
            if m.rows.isEmpty {
                EmptyState(title: "还没有办事指南", text: m.canCreate ? "点“新建办事指南”，按要素逐项填写。" : "各单位编写的办事指南将列在这里。")
            } else {
                DataTable(headers: ["事项名称", "单位", "状态"], class: "stack") {
                    for row in m.rows {
                        El("tr") {
                            El("td", ["data-label": "事项名称"]) { A(row.name, href: SiteURL.adminService(row.id).path) }
                            El("td", ["data-label": "单位"]) { T(row.unit) }
                            El("td", ["data-label": "状态"]) {
                                T("第\(row.number)版 " + (row.status == .submitted ? "待审核" : row.status.label) + (row.published && row.status != .published ? "（已有发布版本）" : ""))
                            }
                        }
                    }
                }
            }
        }
    }

    struct FormModel {
        let heading: String
        let action: String
        let cancel: String
        let form: ServiceGuideForm
        let units: [(String, String)]
        let lockVersion: Int?
        let errors: ValidationErrors?
        let problem: String?
    }

    static func form(_ m: FormModel, chrome: PageChrome) -> String {
        let g = m.form.guide
        let e = m.errors ?? ValidationErrors()
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("办事指南", href: SiteURL.adminServices.path) }
            El("h1") { T(m.heading) }
            if let problem = m.problem { El("p", ["class": "error-summary", "role": "alert"]) { T(problem) } }
            ErrorSummary(errors: m.errors)
            PostForm(action: m.action, csrfToken: chrome.csrfToken) {
                if let lock = m.lockVersion { VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(lock)]) }
                El("fieldset", ["class": "field-group"]) {
                    El("legend") { T("事项") }
                    if !m.units.isEmpty {
                        SelectRow(label: "办理单位", name: "unit", options: [("", "请选择")] + m.units, selected: m.form.unit,
                                  errors: e.messages(for: "unit"), required: true)
                    }
                    FieldRow(label: "事项名称", name: "name", value: g.name, errors: e.messages(for: "name"), required: true)
                    SelectRow(label: "事项类型", name: "itemType", options: [("", "请选择")] + ServiceGuide.ItemType.all.map { ($0.label, $0.label) },
                              selected: g.itemType?.label ?? "", errors: e.messages(for: "itemType"), required: true)
                    SelectRow(label: "实施层级", name: "level", options: CatalogLevel.allCases.map { ($0.rawValue, DutyListRow.levelLabel($0)) },
                              selected: g.level.rawValue)
                    TextAreaRow(label: "设定依据", name: "basis", value: g.basis, errors: e.messages(for: "basis"),
                                hint: "写明法律法规的名称和条款，如《社会救助暂行办法》第十一条。", required: true, rows: 3)
                    SelectRow(label: "服务对象", name: "audience", options: ServiceGuide.Audience.allCases.map { ($0.rawValue, $0.label) },
                              selected: g.audience.rawValue)
                    TextAreaRow(label: "受理条件", name: "conditions", value: g.conditions, errors: e.messages(for: "conditions"), required: true, rows: 3)
                    CheckboxGroup(legend: "主题", name: "themes[]", options: LifeEvent.allCases.map { ($0.rawValue, $0.label) },
                                  checked: Set(g.themes.map(\.rawValue)))
                }
                El("fieldset", ["class": "field-group", "id": "materials"]) {
                    El("legend") { T("申请材料") }
                    El("p", ["class": "hint"]) { T("每行一项材料，逐项写明名称，不要写“其他材料”“相关材料”。空行不保存。确实不需要材料的，写一项“无需提交材料”。") }
                    for message in e.messages(for: "materials") { El("p", ["class": "error"]) { T(message) } }
                    for i in 1...ServiceGuideForm.materialRows {
                        materialRow(i, i <= g.materials.count ? g.materials[i - 1] : nil, errors: e)
                    }
                }
                El("fieldset", ["class": "field-group"]) {
                    El("legend") { T("办理流程和时限") }
                    TextAreaRow(label: "办理流程", name: "steps", value: g.steps.joined(separator: "\n"), errors: e.messages(for: "steps"),
                                hint: "每行一步，如：申请、受理、审核、决定、送达。页面上画成流程图。", required: true, rows: 6)
                    FieldRow(label: "法定办结时限", name: "statutoryLimit", value: g.statutoryLimit, errors: e.messages(for: "statutoryLimit"),
                             hint: "即办件写“即办”；承诺件写“自受理之日起20个工作日”。")
                    FieldRow(label: "承诺办结时限", name: "promisedLimit", value: g.promisedLimit, errors: e.messages(for: "promisedLimit"))
                    FieldRow(label: "收费标准", name: "fee", value: g.fee, errors: e.messages(for: "fee"),
                             hint: "不收费的写“不收费”，不要写“无”或空着。", required: true)
                    FieldRow(label: "收费依据", name: "feeBasis", value: g.feeBasis, errors: e.messages(for: "feeBasis"), hint: "收费的写明文件名称和文号。")
                    FieldRow(label: "结果送达", name: "delivery", value: g.delivery, errors: e.messages(for: "delivery"), required: true)
                }
                El("fieldset", ["class": "field-group"]) {
                    El("legend") { T("办理地点和联系方式") }
                    FieldRow(label: "受理机构", name: "office", value: g.office, errors: e.messages(for: "office"), hint: "写到科室或窗口。", required: true)
                    FieldRow(label: "办理地点", name: "place", value: g.place, errors: e.messages(for: "place"), required: true)
                    FieldRow(label: "办理时间", name: "hours", value: g.hours, errors: e.messages(for: "hours"),
                             hint: "写明法定节假日是否办理。", required: true)
                    FieldRow(label: "咨询电话", name: "phone", value: g.phone, type: "tel", errors: e.messages(for: "phone"), required: true)
                    FieldRow(label: "监督投诉电话", name: "complaintPhone", value: g.complaintPhone, type: "tel", errors: e.messages(for: "complaintPhone"),
                             required: true)
                    SelectRow(label: "网上可办程度", name: "online", options: ServiceGuide.OnlineLevel.allCases.map { ($0.rawValue, $0.label) },
                              selected: g.online.rawValue)
                    FieldRow(label: "网上办理网址", name: "onlineURL", value: g.onlineURL, type: "url", errors: e.messages(for: "onlineURL"),
                             hint: "本省政务服务网上本事项的网址。")
                    TextAreaRow(label: "常见问题", name: "faq", value: m.form.faqText, errors: e.messages(for: "faq.1"),
                                hint: "每个问题一行“问：……”，下一行“答：……”。", rows: 4)
                }
                SubmitRow(title: "保存", cancelHref: m.cancel)
            }
        }
    }

    static func materialRow(_ i: Int, _ m: ServiceMaterial?, errors e: ValidationErrors) -> Component {
        let problems = e.messages(for: "materials.\(i).name") + e.messages(for: "materials.\(i).copies") + e.messages(for: "materials.\(i).source")
        return El("div", ["class": problems.isEmpty ? "material-row" : "material-row field-invalid", "role": "group", "aria-label": "第\(i)项材料"]) {
            for message in problems { El("p", ["class": "error"]) { T(message) } }
            El("label", ["for": "m\(i)_name"]) { T("\(i). 名称") }
            VoidEl("input", ["type": "text", "id": "m\(i)_name", "name": "m\(i)_name", "value": m?.name ?? ""])
            El("label", ["for": "m\(i)_form"]) { T("形式") }
            El("select", ["id": "m\(i)_form", "name": "m\(i)_form"]) {
                for form in ServiceMaterial.Form.allCases {
                    if form == (m?.form ?? .original) { El("option", ["value": form.rawValue, "selected": "selected"]) { T(form.label) } }
                    else { El("option", ["value": form.rawValue]) { T(form.label) } }
                }
            }
            El("label", ["for": "m\(i)_copies"]) { T("份数") }
            VoidEl("input", ["type": "number", "id": "m\(i)_copies", "name": "m\(i)_copies", "min": "1", "max": "99", "value": String(m?.copies ?? 1)])
            El("label", ["for": "m\(i)_source"]) { T("来源") }
            VoidEl("input", ["type": "text", "id": "m\(i)_source", "name": "m\(i)_source", "value": m?.source ?? ""])
            El("label", ["for": "m\(i)_required"]) { T("是否必需") }
            El("select", ["id": "m\(i)_required", "name": "m\(i)_required"]) {
                if m?.required ?? true {
                    El("option", ["value": "yes", "selected": "selected"]) { T("必需") }
                    El("option", ["value": "no"]) { T("非必需") }
                } else {
                    El("option", ["value": "yes"]) { T("必需") }
                    El("option", ["value": "no", "selected": "selected"]) { T("非必需") }
                }
            }
        }
    }

    struct ShowModel {
        let id: UUID
        let unit: String
        let number: Int
        let status: DutyListStatus
        let lockVersion: Int
        let returnComment: String?
        let guide: ServiceGuide
        let canEdit: Bool
        let steps: [ServiceGuideEditing.Step]
        let publicHref: String?
        let problem: String?
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("办事指南", href: SiteURL.adminServices.path) }
            El("h1") { T(m.guide.name) }
            if let problem = m.problem { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(problem) } } }
            El("section", ["class": "card"]) {
                El("h2") { T("第\(m.number)版：" + (m.status == .submitted ? "待审核" : m.status.label)) }
                El("p") { T(m.unit) }
                if let comment = m.returnComment, m.status == .returned { El("p", ["class": "warning"]) { T("退回意见：\(comment)") } }
                if let href = m.publicHref { El("p") { A("在门户网站查看已发布版本", href: href) } }
                El("div", ["class": "actions"]) {
                    if m.canEdit { A(m.status == .published ? "修订（新建版本）" : "修改", href: SiteURL.adminServiceEdit(m.id).path, class: "button secondary") }
                    for step in m.steps where step != .returnForChanges {
                        PostForm(action: SiteURL.adminServiceAction(m.id).path, csrfToken: chrome.csrfToken, class: "inline") {
                            VoidEl("input", ["type": "hidden", "name": "action", "value": step.rawValue])
                            VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
                            El("button", ["type": "submit", "class": "button"]) { T(step == .submit ? "提交审核" : "审核通过并发布") }
                        }
                    }
                }
                if m.steps.contains(.returnForChanges) {
                    PostForm(action: SiteURL.adminServiceAction(m.id).path, csrfToken: chrome.csrfToken) {
                        VoidEl("input", ["type": "hidden", "name": "action", "value": "return"])
                        VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
                        TextAreaRow(label: "退回意见（退回时必填）", name: "comment", value: "", rows: 3)
                        El("button", ["type": "submit", "class": "button secondary"]) { T("退回修改") }
                    }
                }
            }
            ServiceGuideView(guide: m.guide)
        }
    }
}
