import Foundation
import Prometheus
import Vapor

/// Counts and times every request for `/metrics`, and writes one structured log line per request.
/// Paths are reported by route pattern (`/sites/:slug`), never by the raw URL, to keep label sets small.
struct RequestMetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            record(req, status: (error as? any AbortError)?.status.code ?? 500, start: start)
            throw error
        }
        record(req, status: response.status.code, start: start)
        return response
    }

    /// `gongkai_http_requests_total` and `gongkai_http_request_duration_seconds`, each with its `# HELP` line.
    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "gongkai", subsystem: "http", metricName: "requests", unitName: "total",
                                               helpText: "HTTP requests answered, by method, route and status") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(namespace: "gongkai", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                               helpText: "Time to answer an HTTP request, by method and route") }

    private func record(_ req: Request, status: UInt, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", req.method.rawValue), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("method", req.method.rawValue), ("route", route)],
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(1000),
                      .seconds(5)]
        ).record(elapsed)
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        req.logger.info("request", metadata: [
            "method": "\(req.method.rawValue)", "path": "\(req.url.path)", "route": "\(route)",
            "status": .stringConvertible(Int(status)), "duration_ms": .stringConvertible((ms * 10).rounded() / 10),
        ])
    }
}
