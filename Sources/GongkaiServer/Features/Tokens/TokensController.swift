import Fluent
import Foundation
import Plot
import Vapor

/// Each staff member's personal API tokens: create (shown once), list, revoke.
enum TokensController {
    struct CreateForm: Content { var label: String? }

    @Sendable static func index(req: Request) async throws -> Response {
        try await page(req, newToken: nil, error: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let label = try req.content.decode(CreateForm.self).label ?? ""
        do {
            let token = try await UsersActions.createToken(label: label, for: staff.userID, by: staff.acting(req, via: .web),
                                                           at: req.now, on: req.db)
            return try await page(req, newToken: token, error: nil, status: .created)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, newToken: nil, error: errors.summary, status: .badRequest)
        }
    }

    @Sendable static func revoke(req: Request) async throws -> Response {
        try await UsersActions.revokeToken(req.parameters.get("id").flatMap(UUID.init(uuidString:)),
                                           by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminTokens.path(.notice(.revoked)))
    }

    static func page(_ req: Request, newToken: String?, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let tokens = try await APITokenRecord.query(on: req.db).filter(\.$user.$id == staff.userID)
            .sort(\.$createdAt, .descending).all()
        let chrome = PageChrome(req: req, title: "API令牌", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("API令牌") }
            El("p", ["class": "muted"]) {
                T("部门业务系统通过 JSON API 读取或推送数据时使用个人令牌，请求头写作 Authorization: Bearer <令牌>。令牌拥有与您账号相同的权限；系统只保存令牌的摘要，遗失后无法找回，只能撤销并重新创建。")
            }
            if let newToken {
                El("div", ["class": "card", "role": "status"]) {
                    El("h2") { T("新令牌已创建") }
                    El("p") { T("请立即复制保存，离开本页后将无法再次查看：") }
                    El("p", ["class": "token-once"]) { T(newToken) }
                }
            }
            if let error { El("div", ["class": "error-summary", "role": "alert"]) { El("p", ["class": "error"]) { T(error) } } }
            PostForm(action: SiteURL.adminTokens.path, csrfToken: chrome.csrfToken) {
                FieldRow(label: "令牌用途", name: "label", value: "", errors: error.map { [$0] } ?? [],
                         hint: "便于日后辨认，例如“民政业务系统推送”。", required: true)
                SubmitRow(title: "创建令牌")
            }
            El("h2") { T("我的令牌") }
            if tokens.isEmpty {
                EmptyState(title: "还没有令牌", text: "创建令牌后，它会列在这里，可以随时撤销。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["用途", "开头", "创建时间", "最近使用", "状态", ""] { El("th") { T(h) } } } }
                        El("tbody") {
                            for token in tokens {
                                El("tr") {
                                    El("td") { T(token.label) }
                                    El("td") { T(token.prefix + "…") }
                                    El("td") { T(ChineseTime.dateTime(token.createdAt)) }
                                    El("td") { T(token.lastUsedAt.map(ChineseTime.dateTime) ?? "从未使用") }
                                    El("td") { T(token.revokedAt.map { "已于\(ChineseTime.dateTime($0))撤销" } ?? "有效") }
                                    El("td") {
                                        if token.revokedAt == nil, let id = token.id {
                                            PostForm(action: SiteURL.adminTokenRevoke(id).path, csrfToken: chrome.csrfToken,
                                                     class: "inline") {
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
        return Response.html(html, status: status)
    }
}
