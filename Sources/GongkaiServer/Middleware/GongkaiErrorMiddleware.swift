import SQLiteNIO
import Vapor

/// Turns every error into a page a person can read (HTML, in Chinese) or a JSON error body for the API,
/// with the right status. Server errors are logged as critical and never show their internals.
struct GongkaiErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return render(error, for: req)
        }
    }

    func render(_ error: any Error, for req: Request) -> Response {
        let status: HTTPResponseStatus
        var message: String
        var headers: HTTPHeaders = [:]
        var apiError: APIError?
        switch error {
        case let error as APIError:
            status = error.status
            message = error.message
            headers = error.headers
            apiError = error
        case let error as ActionError:
            status = error.status
            message = error.reason
            apiError = error.apiError
        case let error as any AbortError:
            status = error.status
            message = error.reason
            headers = error.headers
        case let error as SQLiteError where Self.isBusy(error):
            // Another process held the write lock longer than a transaction waits (a long import): nothing was
            // written, and the same submission will go through shortly.
            status = .serviceUnavailable
            message = "系统正忙（正在导入或备份数据），您提交的内容没有保存，请稍等片刻后重新提交。"
            headers.replaceOrAdd(name: .retryAfter, value: "10")
            req.logger.warning("database busy", metadata: ["error": "\(error)", "path": "\(req.url.path)"])
        default:
            status = .internalServerError
            message = ""
        }
        if status.code >= 500 && status != .serviceUnavailable {
            req.logger.critical("request failed", metadata: ["error": "\(String(reflecting: error))",
                                                              "path": "\(req.url.path)"])
            message = "服务器内部错误，我们已记录此问题。请稍后重试；如果一再出现，请联系网站管理员。"
        } else {
            req.logger.warning("request refused", metadata: ["status": "\(status.code)", "reason": "\(message)"])
        }
        // Vapor's own English reasons (decoding failures, unknown routes) are replaced by Chinese ones.
        if message.isEmpty || message == status.reasonPhrase || message.unicodeScalars.allSatisfy(\.isASCII) {
            message = Self.defaultMessage(for: status)
        }

        let response: Response
        if req.url.path.hasPrefix("/api/") {
            let body = (apiError ?? APIError(status, code: APIError.code(for: status), message: message)).body
            response = Response(status: status)
            try? response.content.encode(body, as: .json)
        } else {
            response = Response(status: status, body: .init(string: ErrorPage.render(
                status: status, message: message, req: req)))
            response.headers.contentType = .html
        }
        for (name, value) in headers where name.lowercased() != "content-type" && name.lowercased() != "content-length" {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if headers.first(name: .location) != nil && status.code >= 300 && status.code < 400 {
            response.headers.replaceOrAdd(name: .location, value: headers.first(name: .location)!)
        }
        return response
    }

    static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .locked, .busyTimeout, .busyInSnapshot, .busyInRecovery, .lockedBySharedCache, .lockedVirtualTable: true
        default: false
        }
    }

    static func defaultMessage(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "请求的内容不完整或格式不正确，请检查后重新提交。"
        case 401: "请先登录。"
        case 403: "您没有权限进行此操作。"
        case 404: "您访问的页面不存在，可能已被移动或地址输入有误。"
        case 405: "不支持这种访问方式。"
        case 409: "数据已被他人修改，请刷新后重试。"
        case 413: "提交的内容过大。"
        case 415: "不支持的内容类型。"
        case 422: "提交的内容无法处理，请检查后重试。"
        case 429: "请求过于频繁，请稍后再试。"
        default: "请求无法完成（\(status.code)）。"
        }
    }
}
