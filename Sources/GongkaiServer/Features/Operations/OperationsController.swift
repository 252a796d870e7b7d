import Fluent
import Foundation
import SQLKit
import Vapor

enum OperationsController {
    struct Health: Content {
        let status: String
        let database: String
    }

    /// 200 when the database answers a query, 503 otherwise: what a load balancer needs.
    @Sendable static func health(req: Request) async throws -> Response {
        let response = Response()
        do {
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1 AS ok").all()
            try response.content.encode(Health(status: "ok", database: "ok"))
        } catch {
            req.logger.error("health check failed", metadata: ["error": "\(error)"])
            response.status = .serviceUnavailable
            try response.content.encode(Health(status: "unavailable", database: "error"))
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Prometheus text exposition format, for a collector on this machine or one holding the metrics token: the
    /// figures (routes, error counts, timings) tell an attacker more than a resident needs.
    @Sendable static func metrics(req: Request) async throws -> Response {
        let token = req.application.gongkai.config.metricsToken
        let presented = req.headers.bearerAuthorization?.token
        let allowed = req.isFromLoopback || (token != nil && presented.map { Secrets.constantTimeEquals($0, token!) } == true)
        guard allowed else {
            throw Abort(.notFound, reason: "您访问的页面不存在，可能已被移动或地址输入有误。")
        }
        let text = req.gongkai.metrics.emitToString()
        let response = Response(body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
