import Vapor

/// Guards the back office: anonymous visitors are sent to the login page and come back afterwards.
struct RequireStaffMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.staff != nil else {
            if req.method == .GET {
                let back = req.url.string
                return req.redirect(to: SiteURL.adminLogin(next: back).path)
            }
            throw Abort(.unauthorized, reason: "登录已过期，请重新登录后再提交。")
        }
        return try await next.respond(to: req)
    }
}
