import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// A person's browser against the in-memory app: keeps cookies, reads the CSRF token from the last page, and
/// submits forms as `application/x-www-form-urlencoded`.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var lastBody = ""

    init(_ app: Application) {
        self.app = app
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: withCookies(headers))
        absorb(response)
        return response
    }

    /// Posts a form. The CSRF token is taken from the last page unless `csrf` is given (pass "" to omit it).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var all = fields
        let token = csrf ?? csrfToken
        if let token, !token.isEmpty { all.append(("csrf_token", token)) }
        var headers = withCookies(extra)
        headers.contentType = .urlEncodedForm
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers,
                                                           body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Posts a `multipart/form-data` form with one file, as a browser's file upload does.
    @discardableResult
    func upload(_ path: String, _ fields: [(String, String)], file: (field: String, name: String, content: String),
                csrf: String? = nil) async throws -> TestingHTTPResponse {
        try await upload(path, fields, file: (file.field, file.name, Data(file.content.utf8), "text/csv"), csrf: csrf)
    }

    /// The same with a binary file (an .xlsx workbook).
    @discardableResult
    func upload(_ path: String, _ fields: [(String, String)], file: (field: String, name: String, data: Data, type: String),
                csrf: String? = nil) async throws -> TestingHTTPResponse {
        var all = fields
        if let token = csrf ?? csrfToken, !token.isEmpty { all.append(("csrf_token", token)) }
        let boundary = "----gongkai\(UUID().uuidString)"
        var body = ""
        for (name, value) in all {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
        body += "Content-Type: \(file.type)\r\n\r\n"
        var buffer = ByteBuffer(string: body)
        buffer.writeBytes(file.data)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        var headers = withCookies([:])
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: buffer)
        absorb(response)
        return response
    }

    func login(_ name: String, password: String = DemoCounties.password) async throws -> TestingHTTPResponse {
        try await get("/admin/login")
        return try await post("/admin/login", [("name", name), ("password", password)])
    }

    var csrfToken: String? {
        guard let range = lastBody.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        let rest = lastBody[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private func withCookies(_ headers: HTTPHeaders) -> HTTPHeaders {
        var headers = headers
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        return headers
    }

    private func absorb(_ response: TestingHTTPResponse) {
        lastBody = response.body.string
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count >= 1 else { continue }
            let name = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }
}

extension TestingHTTPResponse {
    /// The body as a JSON object (API tests).
    func jsonObject() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any])
    }

    var text: String { body.string }
}
