import Foundation
import GongkaiCore
import Plot

/// The drafting form: metadata as Chinese government sites show it, 公开属性 with its legal reason, the catalog
/// entries the record fulfils, the body and the channels. Works without JavaScript; errors sit beside the field.
enum PublicationForms {
    struct Model {
        /// The record being changed (nil for a new one).
        struct Editing {
            let id: UUID
            let lockVersion: Int
            /// A published record with no draft open: saving starts version `nextNumber`.
            let isRevision: Bool
            let nextNumber: Int
        }

        /// The policy an interpretation explains.
        struct Policy {
            let id: UUID
            let title: String
            let documentNumber: String
        }

        let editing: Editing?
        let draft: PublicationDraft
        let unitID: UUID
        let units: [(String, String)]
        let options: [PublicationStore.EntryOption]
        let selected: Set<String>
        let interprets: Policy?
        let errors: ValidationErrors?
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        let d = m.draft
        let action = m.editing.map { SiteURL.adminPublicationEdit($0.id).path } ?? SiteURL.adminPublicationNew.path
        let isRevision = m.editing?.isRevision ?? false
        func errors(_ field: String) -> [String] { m.errors?.messages(for: field) ?? [] }
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("信息发布", href: SiteURL.adminPublications.path) }
            El("h1") { T(chrome.title) }
            if isRevision {
                El("p", ["class": "notice"]) {
                    T("这条信息已发布。保存后将建立第\(m.editing?.nextNumber ?? 1)版草稿，经审核发布后替代现行版本；现行版本在此之前继续公开，并保留在历史版本中。")
                }
            }
            ErrorSummary(errors: m.errors)
            PostForm(action: action, csrfToken: chrome.csrfToken) {
                if let editing = m.editing { VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(editing.lockVersion)]) }
                VoidEl("input", ["type": "hidden", "name": "kind", "value": d.kind.rawValue])
                if let policy = m.interprets {
                    VoidEl("input", ["type": "hidden", "name": "interprets", "value": policy.id.uuidString])
                    El("p", ["class": "hint"]) { T("解读的政策文件：\(policy.title)" + (policy.documentNumber.isEmpty ? "" : "（\(policy.documentNumber)）")) }
                }
                if !m.units.isEmpty {
                    SelectRow(label: "发布机构", name: "unit", options: m.units.map { (value: $0.0, label: $0.1) }, selected: m.unitID.uuidString,
                              hint: "公开办可以代各单位录入；对应目录事项按所选单位列出（保存后可修改）。")
                }
                FieldRow(label: "标题", name: "title", value: d.title, errors: errors("title"), required: true)
                FieldRow(label: "文号", name: "documentNumber", value: d.documentNumber, errors: errors("documentNumber"),
                         hint: "没有文号的可不填。写法如：湖府办发〔2020〕12号（方括号、圆括号也能识别，保存时统一为六角括号）。")
                SelectRow(label: "主题分类", name: "theme", options: ThemeCategory.all.map { (value: $0, label: $0) }, selected: d.theme,
                          errors: errors("theme"))
                FieldRow(label: "成文日期", name: "writtenOn", value: d.writtenOn, type: "date", errors: errors("writtenOn"))
                FieldRow(label: "形成或变更日期", name: "formedOn", value: d.formedOn, type: "date", errors: errors("formedOn"),
                         hint: "公开时限从这一天起算（条例第二十六条：自该政府信息形成或者变更之日起20个工作日内）。对应目录事项时必填。")
                entries(m)
                El("fieldset", ["class": "field", "id": "attribute"]) {
                    El("legend") { T("公开属性（源头认定）") }
                    for e in errors("explanation") + errors("reason") { El("p", ["class": "error"]) { T(e) } }
                    for attribute in DisclosureAttribute.allCases {
                        El("label", ["class": "check"]) {
                            VoidEl("input", ["type": "radio", "name": "attribute", "value": attribute.rawValue,
                                             "checked": d.determination.attribute == attribute ? "checked" : nil])
                            T(" " + attribute.label)
                        }
                    }
                    SelectRow(label: "不予公开的法定理由", name: "reason",
                              options: [(value: "", label: "（主动公开、依申请公开不选）")] + WithholdingReason.allCases.map { (value: $0.rawValue, label: "\($0.label)（\($0.article)）") },
                              selected: d.determination.reason?.rawValue ?? "")
                    TextAreaRow(label: "理由说明", name: "explanation", value: d.determination.explanation,
                                hint: "确定为依申请公开或不予公开的，须写明理由；主动公开可不填。", rows: 2)
                }
                TextAreaRow(label: "正文", name: "body", value: d.body, errors: errors("body"),
                            hint: "可直接粘贴文字（每行一段），或粘贴网页/文档中的格式（段落、标题、列表、表格、链接会保留，其余格式和脚本会被清除）。", rows: 14)
                El("fieldset", ["class": "field", "id": "channels"]) {
                    El("legend") { T("公开渠道和载体") }
                    for e in errors("channels") { El("p", ["class": "error"]) { T(e) } }
                    El("div", ["class": "check-columns"]) {
                        for channel in DisclosureChannel.allCases where channel != .other {
                            El("label", ["class": "check"]) {
                                VoidEl("input", ["type": "checkbox", "name": "channels[]", "value": channel.rawValue,
                                                 "checked": d.channels.contains(channel) ? "checked" : nil])
                                T(" " + channel.label)
                            }
                        }
                    }
                    FieldRow(label: "其他渠道", name: "channelsOther", value: d.channelsOther)
                }
                SelectRow(label: "有效性", name: "validity", options: [("valid", "有效"), ("expired", "失效"), ("repealed", "废止")].map { (value: $0.0, label: $0.1) },
                          selected: d.validity, errors: errors("validity"),
                          hint: "文件修改、废止、失效的，应在原文件上作出明确标注（政府网站发展指引）。")
                FieldRow(label: "失效或废止日期", name: "validityDate", value: d.validityDate, type: "date", errors: errors("validityDate"))
                FieldRow(label: "废止依据（文件名称或文号）", name: "repealedBy", value: d.repealedBy, errors: errors("repealedBy"))
                if m.editing != nil {
                    TextAreaRow(label: "修改说明", name: "changeNote", value: d.changeNote, errors: errors("changeNote"),
                                hint: isRevision ? "必填：说明修改了什么，将显示在历史版本中。" : "可不填。", rows: 2)
                }
                SubmitRow(title: "保存草稿", cancelHref: m.editing.map { SiteURL.adminPublication($0.id).path } ?? SiteURL.adminPublications.path)
            }
        }
    }

    @ComponentBuilder
    static func entries(_ m: Model) -> Component {
        El("fieldset", ["class": "field", "id": "entries"]) {
            El("legend") { T("对应的标准目录事项") }
            if m.options.isEmpty {
                El("p", ["class": "hint"]) { T("本单位还没有已发布的标准目录，可以先不选，目录发布后再补。") }
            } else {
                El("p", ["class": "hint"]) { T("选中后，这条信息会显示在门户“法定主动公开内容”的该事项下，并按该事项的公开时限计算是否按时。") }
                for domain in orderedDomains(m.options) {
                    El("p", ["class": "group-title"]) { T("\(domain.unit) · \(domain.name)") }
                    for option in m.options where option.domainName == domain.name && option.unitName == domain.unit {
                        El("label", ["class": "check"]) {
                            VoidEl("input", ["type": "checkbox", "name": "entries[]", "value": option.entryID.uuidString,
                                             "checked": m.selected.contains(option.entryID.uuidString) || m.selected.contains(option.key) ? "checked" : nil])
                            T(" \(option.number). \(option.label)")
                            El("span", ["class": "muted"]) { T("　公开时限：\(option.timeLimit)") }
                        }
                    }
                }
            }
        }
    }

    static func orderedDomains(_ options: [PublicationStore.EntryOption]) -> [(unit: String, name: String)] {
        var seen: [(unit: String, name: String)] = []
        for option in options where !seen.contains(where: { $0.unit == option.unitName && $0.name == option.domainName }) {
            seen.append((option.unitName, option.domainName))
        }
        return seen
    }
}
