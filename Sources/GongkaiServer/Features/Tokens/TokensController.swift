import Fluent
import Foundation
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
        let tokens = try await APITokenRecord.query(on: req.db).filter(\.$user.$id == staff.userID).sort(\.$createdAt, .descending).all()
        let model = TokensPage.Model(newToken: newToken, error: error, tokens: tokens.map { token in
            .init(label: token.label, prefix: token.prefix + "…", created: ChineseTime.dateTime(token.createdAt),
                  lastUsed: token.lastUsedAt.map(ChineseTime.dateTime) ?? "从未使用",
                  status: token.revokedAt.map { "已于\(ChineseTime.dateTime($0))撤销" } ?? "有效",
                  revokeAction: token.revokedAt == nil ? token.id.map { SiteURL.adminTokenRevoke($0).path } : nil)
        })
        return Response.html(TokensPage.render(model, chrome: PageChrome(req: req, title: "API令牌", area: .backOffice)), status: status)
    }
}
