import Vapor

/// A JSON API error in the shape of DESIGN.md: `{"error": {"code": "…", "message": "中文说明", "field": "…"}}`.
struct APIError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?

    init(_ status: HTTPResponseStatus, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    var reason: String { message }

    var headers: HTTPHeaders {
        status == .unauthorized ? ["WWW-Authenticate": "Bearer realm=\"gongkai\""] : [:]
    }

    struct Body: Content {
        struct Detail: Content {
            let code: String
            let message: String
            let field: String?
        }
        let error: Detail
    }

    var body: Body { Body(error: .init(code: code, message: message, field: field)) }

    /// The code a plain HTTP status maps to when a handler threw a bare `Abort`.
    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "unprocessable"
        case 429: "too_many_requests"
        default: status.code >= 500 ? "internal_error" : "error"
        }
    }
}
