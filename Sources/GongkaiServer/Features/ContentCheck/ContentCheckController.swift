import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/content-check`: the checks run before publishing — personal data (居民身份证号码, 手机号码, 银行卡号) and the
/// site's 错敏词 — on any text, with a masked copy in one click; and the admin's 错敏词 list.
enum ContentCheckController {
    struct CheckForm: Content {
        var text: String?
    }

    struct Result {
        let text: String
        let personal: [PersonalDataScanner.Finding]
        let words: [SensitiveWords.Match]
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try await page(req, staff: staff, result: nil, errors: nil, status: .ok)
    }

    @Sendable static func check(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let text = try req.content.decode(CheckForm.self).text ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await page(req, staff: staff, result: nil, errors: ValidationErrors(field: "text", message: "请粘贴要检查的文字。"),
                                  status: .unprocessableEntity)
        }
        guard text.count <= 200_000 else {
            return try await page(req, staff: staff, result: nil,
                                  errors: ValidationErrors(field: "text", message: "一次最多检查20万字（现有\(text.count)字），请分段检查。"),
                                  status: .unprocessableEntity)
        }
        let words = try await SensitiveWordRecord.matcher(siteID: staff.siteID, on: req.db)
        let result = Result(text: text, personal: PersonalDataScanner.scan(text), words: words.matches(in: text))
        return try await page(req, staff: staff, result: result, errors: nil, status: .ok)
    }

    static func page(_ req: Request, staff: Staff, result: Result?, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let isAdmin = SensitiveWordsActions.mayManage(staff.acting(req, via: .web))
        let words = try await SensitiveWordRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$removedAt == nil)
            .sort(\.$word).all()
        let chrome = PageChrome(req: req, title: "内容检查", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("发布前内容检查") }
            El("p", ["class": "lead"]) {
                T("检查文字中是否含有居民身份证号码、手机号码、银行卡号等个人信息，以及本站点的错敏词。公开个人信息应当依法保护个人隐私，不得公开无关信息。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminContentCheck.path, csrfToken: chrome.csrfToken) {
                TextAreaRow(label: "要检查的文字", name: "text", value: result?.text ?? "", errors: errors?.messages(for: "text") ?? [],
                            hint: "可粘贴标题、正文或附件中的文字。", rows: 8)
                SubmitRow(title: "检查")
            }
            if let result { resultSection(result) }
            El("h2") { T("错敏词（\(words.count)个）") }
            if words.isEmpty {
                EmptyState(title: "还没有错敏词", text: isAdmin ? "在下面添加，每行一个。" : "由公开办管理员维护。")
            } else {
                El("ul", ["class": "word-list"]) {
                    for word in words {
                        El("li") {
                            T(word.word)
                            if !word.note.isEmpty { El("span", ["class": "muted"]) { T("（\(word.note)）") } }
                            if isAdmin {
                                PostForm(action: SiteURL.adminSensitiveWordRemove(word.id!).path, csrfToken: chrome.csrfToken, class: "inline") {
                                    El("button", ["type": "submit", "class": "link-button dark"]) { T("移除") }
                                }
                            }
                        }
                    }
                }
            }
            if isAdmin {
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
        return Response.html(html, status: status)
    }

    static func resultSection(_ result: Result) -> Component {
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

    struct WordsForm: Content {
        var words: String?
    }

    @Sendable static func addWords(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let added: Int
        do {
            added = try await SensitiveWordsActions.add(try req.content.decode(WordsForm.self).words ?? "", by: staff.acting(req, via: .web),
                                                        at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return try await page(req, staff: staff, result: nil, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminContentCheck.path(.notice(added == 0 ? .wordsUnchanged : .wordsAdded)))
    }

    @Sendable static func removeWord(req: Request) async throws -> Response {
        try await SensitiveWordsActions.remove(req.parameters.get("id").flatMap(UUID.init(uuidString:)),
                                               by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminContentCheck.path(.notice(.wordsRemoved)))
    }
}
