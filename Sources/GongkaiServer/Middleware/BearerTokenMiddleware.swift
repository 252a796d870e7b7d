import Fluent
import Foundation
import Vapor

/// Authenticates JSON API calls by personal token (`Authorization: Bearer gk_…`). A route behind it answers
/// 401 with a JSON error when the token is missing, unknown, revoked or belongs to a deactivated account.
struct BearerTokenMiddleware: AsyncMiddleware {
    /// Public reads that say more to staff: without a token the caller is anonymous, with one it must be valid.
    var optional = false

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if optional && req.headers.bearerAuthorization == nil { return try await next.respond(to: req) }
        guard let bearer = req.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw APIError(.unauthorized, code: "unauthorized",
                           message: "缺少 API 令牌：请在请求头中加入 Authorization: Bearer <令牌>。")
        }
        guard let token = try await APITokenRecord.query(on: req.db)
            .filter(\.$tokenHash == Secrets.sha256Hex(bearer))
            .filter(\.$revokedAt == nil)
            .first(),
            let user = try await UserRecord.find(token.$user.id, on: req.db), user.isActive
        else {
            throw APIError(.unauthorized, code: "invalid_token", message: "API 令牌无效、已撤销或所属账号已停用。")
        }
        let now = req.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 300 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: req.db)
        }
        req.staff = try await Staff.load(user: user, csrfToken: nil, sessionID: nil, on: req.db)
        return try await next.respond(to: req)
    }
}
