import Vapor

extension Response {
    /// A rendered page as the response, `text/html; charset=utf-8`, with its status (a form sent back with its
    /// problems is 422, a stale one 409).
    static func html(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .html
        return response
    }
}
