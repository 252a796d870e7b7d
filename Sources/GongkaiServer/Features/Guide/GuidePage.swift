import Foundation
import GongkaiCore
import Plot

/// `/admin/guide`: the office's editor of the 政府信息公开指南, with its numbered versions.
enum GuidePage {
    struct Model: Sendable {
        struct Shown: Sendable {
            let heading: String
            let note: String
            let bodyHTML: String
        }

        struct Version: Sendable {
            let number: Int
            let time: String
            let by: String
            let note: String
        }

        let portalHref: String
        /// An earlier version opened for reading.
        let shown: Shown?
        let body: String
        let note: String
        /// The version the editor starts from (0: the default text).
        let basedOn: Int
        /// The newest version's number; nil while the portal shows the default text.
        let current: Int?
        let versions: [Version]
    }

    static func render(_ m: Model, errors: ValidationErrors?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("政府信息公开指南") }
            El("p", ["class": "lead"]) {
                T("指南应当包括政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式（条例第十二条），并及时更新。各单位的工作机构和联系方式由“单位”中的登记信息自动生成，这里编辑其余文字。")
            }
            El("p") { A("在门户查看指南", href: m.portalHref) }
            if let shown = m.shown {
                El("section", ["class": "card"]) {
                    El("h2") { T(shown.heading) }
                    El("p", ["class": "muted"]) { T("修改说明：\(shown.note)") }
                    El("div", ["class": "rich-text"]) { RawHTML(shown.bodyHTML) }
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminGuide.path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "basedOn", "value": String(m.basedOn)])
                TextAreaRow(label: m.current.map { "指南正文（第\($0)版）" } ?? "指南正文（当前为系统默认文字）", name: "body",
                            value: m.body, errors: errors?.messages(for: "body") ?? [],
                            hint: "可直接粘贴 Word 中的文字；保存时保留段落、标题、列表、表格和链接，去掉其他格式。", required: true, rows: 18)
                FieldRow(label: "修改说明", name: "note", value: m.note, errors: errors?.messages(for: "note") ?? [],
                         hint: "写入版本记录和操作日志。", required: true)
                SubmitRow(title: "保存为新版本并发布")
            }
            El("h2") { T("版本记录") }
            if m.versions.isEmpty {
                EmptyState(title: "还没有修改过", text: "门户目前显示系统默认文字（依据条例编写）。保存后即成为第1版。")
            } else {
                DataTable(headers: ["版本", "时间", "修改人", "修改说明", ""]) {
                    for version in m.versions {
                        El("tr") {
                            El("td") { T("第\(version.number)版") }
                            El("td") { T(version.time) }
                            El("td") { T(version.by) }
                            El("td") { T(version.note) }
                            El("td") { A("查看", href: SiteURL.adminGuide.path(.version(version.number))) }
                        }
                    }
                }
            }
        }
    }
}
