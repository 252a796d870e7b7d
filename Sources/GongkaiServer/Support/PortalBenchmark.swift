import Foundation
import Vapor

/// Serves portal pages through the whole app (middleware, routing, database, rendering) in-process, on a
/// fresh SQLite database with the demo counties, and reports pages per second for each path.
public enum PortalBenchmark {
    public static func run(requests: Int) async throws -> [(String, Double)] {
        try await BenchmarkApp.withDemo { app in
            var results: [(String, Double)] = []
            for path in ["/", "/sites/hukou/", "/sites/hukou/zhinan", "/healthz"] {
                let start = ContinuousClock.now
                for _ in 0..<requests {
                    let request = Request(application: app, method: .GET, url: URI(path: path), on: app.eventLoopGroup.next())
                    let response = try await app.responder.respond(to: request).get()
                    guard response.status == .ok else { throw Abort(response.status) }
                }
                let elapsed = ContinuousClock.now - start
                let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                results.append((path, Double(requests) / secs))
            }
            return results
        }
    }
}
