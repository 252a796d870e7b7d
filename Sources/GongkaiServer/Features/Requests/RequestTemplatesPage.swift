import Foundation
import GongkaiCore
import Plot

/// `/admin/requests/templates`: the letters' wording, one template per kind, with a preview from sample facts.
enum RequestTemplatesPage {
    struct Row: Sendable {
        let label: String
        let href: String
        let version: String
        let changed: String
    }

    static func index(_ rows: [Row], chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("告知书模板") }
            El("p", ["class": "lead"]) { T("依申请公开各类告知书的文字。办理时按当时的模板生成告知书，修改模板不影响已发出的告知书。") }
            DataTable(headers: ["告知书", "版本", "最近修改"]) {
                for row in rows {
                    El("tr") {
                        El("td") { A(row.label, href: row.href) }
                        El("td") { T(row.version) }
                        El("td") { T(row.changed) }
                    }
                }
            }
        }
    }

    struct EditModel: Sendable {
        let kind: RequestLetter.Kind
        /// The version the form edits (0: the default text).
        let current: Int
        let body: String
        let note: String
        /// The letter as the text would issue it, from sample facts.
        let sample: RequestLetter.Letter
        /// "第2版" and who saved it when, with the note.
        let history: [(title: String, text: String)]
    }

    static func edit(_ m: EditModel, errors: ValidationErrors?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p") { A("← 告知书模板", href: SiteURL.adminRequestTemplates.path) }
            El("h1") { T(m.kind.label) }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminRequestTemplate(key: m.kind.key).path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "number", "value": String(m.current)])
                TextAreaRow(label: "告知书正文（\(m.current == 0 ? "默认文字" : "第\(m.current)版")）", name: "body", value: m.body,
                            errors: errors?.messages(for: "body") ?? [], hint: "每行一段。花括号中的占位符在生成时换成本申请的内容。", rows: 12)
                FieldRow(label: "修改说明", name: "note", value: m.note, errors: [])
                SubmitRow(title: "保存为新版本")
            }
            El("h2") { T("占位符") }
            El("dl", ["class": "kv"]) {
                for p in RequestLetter.placeholders { El("dt") { El("code") { T("{\(p.name)}") } }; El("dd") { T(p.meaning) } }
            }
            El("h2") { T("预览（示例内容）") }
            El("div", ["class": "card"]) { RequestLetterPages.letter(m.sample) }
            if !m.history.isEmpty {
                El("h2") { T("历史版本") }
                El("ol", ["class": "history"]) {
                    for row in m.history {
                        El("li") {
                            El("strong") { T(row.title) }
                            T(row.text)
                        }
                    }
                }
            }
        }
    }
}
