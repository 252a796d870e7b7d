import Foundation
import GongkaiCore
import Plot

/// Each staff member's personal API tokens: the new one shown once, the list with a way to revoke.
enum TokensPage {
    struct Model: Sendable {
        struct Token: Sendable {
            let label: String
            let prefix: String
            let created: String
            let lastUsed: String
            let status: String
            let revokeAction: String?
        }

        let newToken: String?
        let error: String?
        let tokens: [Token]
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("API令牌") }
            El("p", ["class": "muted"]) {
                T("部门业务系统通过 JSON API 读取或推送数据时使用个人令牌，请求头写作 Authorization: Bearer <令牌>。令牌拥有与您账号相同的权限；系统只保存令牌的摘要，遗失后无法找回，只能撤销并重新创建。")
            }
            if let newToken = m.newToken {
                El("div", ["class": "card", "role": "status"]) {
                    El("h2") { T("新令牌已创建") }
                    El("p") { T("请立即复制保存，离开本页后将无法再次查看：") }
                    El("p", ["class": "token-once"]) { T(newToken) }
                }
            }
            if let error = m.error { El("div", ["class": "error-summary", "role": "alert"]) { El("p", ["class": "error"]) { T(error) } } }
            PostForm(action: SiteURL.adminTokens.path, csrfToken: chrome.csrfToken) {
                FieldRow(label: "令牌用途", name: "label", value: "", errors: m.error.map { [$0] } ?? [],
                         hint: "便于日后辨认，例如“民政业务系统推送”。", required: true)
                SubmitRow(title: "创建令牌")
            }
            El("h2") { T("我的令牌") }
            if m.tokens.isEmpty {
                EmptyState(title: "还没有令牌", text: "创建令牌后，它会列在这里，可以随时撤销。")
            } else {
                DataTable(headers: ["用途", "开头", "创建时间", "最近使用", "状态", "操作"]) {
                    for token in m.tokens {
                        El("tr") {
                            El("td") { T(token.label) }
                            El("td") { T(token.prefix) }
                            El("td") { T(token.created) }
                            El("td") { T(token.lastUsed) }
                            El("td") { T(token.status) }
                            El("td") {
                                if let revoke = token.revokeAction {
                                    PostForm(action: revoke, csrfToken: chrome.csrfToken, class: "inline") {
                                        El("button", ["type": "submit", "class": "button secondary"]) { T("撤销") }
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
