import Foundation
import Vapor

/// The cookies Gongkai sets. HttpOnly and SameSite=Lax always; Secure when the site is served over https.
enum GongkaiCookie {
    static let session = "gongkai_session"
    static let csrf = "gongkai_csrf"
    static let largeText = "gongkai_large_text"

    /// Sessions end after this long without a request.
    static let idleTimeout: TimeInterval = 8 * 3600

    static func make(_ value: String, req: Request, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/",
            isSecure: req.gongkai.config.baseURL?.hasPrefix("https://") ?? false,
            isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isHTTPOnly: true,
                          sameSite: .lax)
    }
}
