import Fluent
import Foundation
import Vapor

/// Recognises a signed-in browser by its session cookie and puts the staff member on the request.
/// Anything wrong with the session (unknown, ended, expired, account deactivated) simply leaves the request
/// anonymous and clears the cookie.
struct StaffSessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var clearCookie = false
        // The JSON API knows callers by bearer token only: it is exempt from CSRF checks because no cookie counts there.
        if req.url.path.hasPrefix("/api/") { return try await next.respond(to: req) }
        if let token = req.cookies[GongkaiCookie.session]?.string, !token.isEmpty {
            let now = req.now
            if let session = try await UserSessionRecord.query(on: req.db)
                .filter(\.$tokenHash == Secrets.sha256Hex(token))
                .filter(\.$endedAt == nil)
                .first(),
                session.expiresAt > now,
                let user = try await UserRecord.find(session.$user.id, on: req.db), user.isActive
            {
                req.staff = try await Staff.load(user: user, csrfToken: session.csrfToken, sessionID: session.id,
                                                 on: req.db)
                // Sliding expiry, written at most every five minutes so that reading pages stays read-only.
                if now.timeIntervalSince(session.lastSeenAt) > 300 {
                    session.lastSeenAt = now
                    session.expiresAt = now.addingTimeInterval(GongkaiCookie.idleTimeout)
                    try await session.save(on: req.db)
                }
            } else {
                clearCookie = true
            }
        }
        let response = try await next.respond(to: req)
        if clearCookie && response.cookies[GongkaiCookie.session] == nil {
            response.cookies[GongkaiCookie.session] = GongkaiCookie.expired(req: req)
        }
        return response
    }
}
