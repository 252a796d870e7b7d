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

    /// Prometheus text exposition format.
    @Sendable static func metrics(req: Request) async throws -> Response {
        let text = req.gongkai.metrics.emitToString()
        let response = Response(body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
