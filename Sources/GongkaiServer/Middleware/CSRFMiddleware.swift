import Foundation
import Vapor

/// Cross-site request forgery protection for every HTML form.
///
/// A signed-in browser's token lives in its session row; an anonymous browser (the login form, public forms)
/// gets a random token in an HttpOnly cookie. Every POST, PUT, PATCH or DELETE outside the JSON API must send
/// the same token back in the `csrf_token` field or the `X-CSRF-Token` header. The JSON API is exempt because
/// it authenticates with bearer tokens, never with cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrf_token"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookieToken = req.cookies[GongkaiCookie.csrf]?.string
        let anonymousToken = cookieToken.flatMap { $0.count >= 32 ? $0 : nil } ?? Secrets.randomToken()
        let expected = req.staff?.csrfToken ?? anonymousToken
        req.csrfToken = expected

        let unsafe: [HTTPMethod] = [.POST, .PUT, .PATCH, .DELETE]
        if unsafe.contains(req.method) && !req.url.path.hasPrefix("/api/") {
            var sent = req.headers.first(name: "X-CSRF-Token")
            if sent == nil {
                // Over a socket the body arrives in pieces after the head; the token may be anywhere in it, so the
                // body is collected first, within the route's own limit (a larger one answers 413).
                _ = try await req.body.collect(max: BodyLimit.of(req)).get()
                sent = try? req.content.get(String.self, at: Self.fieldName)
            }
            guard let sent, Secrets.constantTimeEquals(sent, expected) else {
                throw Abort(.forbidden, reason: "表单已过期或来源无法验证（缺少有效的安全令牌）。请返回上一页，刷新后重新提交。")
            }
        }

        let response = try await next.respond(to: req)
        if cookieToken != anonymousToken {
            response.cookies[GongkaiCookie.csrf] = GongkaiCookie.make(anonymousToken, req: req, maxAge: nil)
        }
        return response
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }

    /// The token every form on this page must carry.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }
}
