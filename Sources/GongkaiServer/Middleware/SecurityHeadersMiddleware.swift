import Vapor

/// Headers that make the browser refuse what Gongkai never does: load scripts or styles from elsewhere, be
/// framed by another site, or guess content types.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let headers: [(String, String)] = [
            ("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.add(name: name, value: value)
        }
        if req.url.path.hasPrefix("/admin") && !response.headers.contains(name: .cacheControl) {
            response.headers.add(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
