import Foundation
import GongkaiCore
import Plot

/// `/admin/content-check`: the check of any pasted text, its result with a masked copy, and the 错敏词 list.
enum ContentCheckPage {
    struct Model: Sendable {
        struct Word: Sendable {
            let word: String
            let note: String
            let removeAction: String?
        }

        let result: ContentCheckController.Result?
        /// The office keeps the list; others see it.
        let canManage: Bool
        let words: [Word]
    }

    static func render(_ m: Model, errors: ValidationErrors?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("发布前内容检查") }
            El("p", ["class": "lead"]) {
                T("检查文字中是否含有居民身份证号码、手机号码、银行卡号等个人信息，以及本站点的错敏词。公开个人信息应当依法保护个人隐私，不得公开无关信息。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminContentCheck.path, csrfToken: chrome.csrfToken) {
                TextAreaRow(label: "要检查的文字", name: "text", value: m.result?.text ?? "", errors: errors?.messages(for: "text") ?? [],
                            hint: "可粘贴标题、正文或附件中的文字。", rows: 8)
                SubmitRow(title: "检查")
            }
            if let result = m.result { resultSection(result) }
            El("h2") { T("错敏词（\(m.words.count)个）") }
            if m.words.isEmpty {
                EmptyState(title: "还没有错敏词", text: m.canManage ? "在下面添加，每行一个。" : "由公开办管理员维护。")
            } else {
                El("ul", ["class": "word-list"]) {
                    for word in m.words {
                        El("li") {
                            T(word.word)
                            if !word.note.isEmpty { El("span", ["class": "muted"]) { T("（\(word.note)）") } }
                            if let remove = word.removeAction {
                                PostForm(action: remove, csrfToken: chrome.csrfToken, class: "inline") {
                                    El("button", ["type": "submit", "class": "link-button dark"]) { T("移除") }
                                }
                            }
                        }
                    }
                }
            }
            if m.canManage {
                El("section", ["class": "card"]) {
                    El("h3") { T("添加错敏词") }
                    PostForm(action: SiteURL.adminSensitiveWords.path, csrfToken: chrome.csrfToken) {
                        TextAreaRow(label: "错敏词（每行一个，可在词后用“｜”写明正确写法或原因）", name: "words", value: "",
                                    hint: "例：国务院办公厅｜不得简称“国办厅”", rows: 4)
                        SubmitRow(title: "添加")
                    }
                }
            }
        }
    }

    static func resultSection(_ result: ContentCheckController.Result) -> Component {
        El("section", ["class": "card", "id": "result"]) {
            El("h2") { T("检查结果") }
            if result.personal.isEmpty && result.words.isEmpty {
                El("p", ["class": "flash"]) { T("未发现个人信息和错敏词。") }
            }
            if !result.personal.isEmpty {
                El("h3") { T("个人信息（\(result.personal.count)处）") }
                El("ul") {
                    for finding in result.personal {
                        El("li") { T("\(finding.kind.label)：\(finding.masked)（第\(finding.start + 1)个字起）") }
                    }
                }
                El("h3") { T("屏蔽后的文字") }
                El("p", ["class": "hint"]) { T("已将上述号码中间部分替换为“*”，可复制使用。") }
                El("textarea", ["class": "masked", "rows": "8", "readonly": "readonly", "aria-label": "屏蔽后的文字"]) {
                    T(PersonalDataScanner.masked(result.text))
                }
            }
            if !result.words.isEmpty {
                El("h3") { T("错敏词（\(result.words.count)处）") }
                El("ul") {
                    for match in result.words {
                        El("li") { T("“\(match.word)”（第\(match.start + 1)个字起）：" + context(result.text, match)) }
                    }
                }
            }
        }
    }

    /// A few characters either side of a match.
    static func context(_ text: String, _ match: SensitiveWords.Match) -> String {
        let chars = Array(text)
        let from = max(0, match.start - 8), to = min(chars.count, match.start + match.word.count + 8)
        return (from > 0 ? "…" : "") + String(chars[from..<to]) + (to < chars.count ? "…" : "")
    }

}
