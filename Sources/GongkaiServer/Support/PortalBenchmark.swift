import Foundation
import Vapor

/// Serves portal pages through the whole app (middleware, routing, database, rendering) in-process, on a
/// fresh SQLite database with the demo counties, and reports pages per second for each path.
public enum PortalBenchmark {
    public static func run(requests: Int) async throws -> [(String, Double)] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = AppConfig()
        config.dataDirectory = dir
        config.database = .sqlite(path: dir + "/gongkai.sqlite")
        config.passwordCost = 4
        config.logLevel = .error
        var env = Environment.testing
        env.arguments = ["gongkai-bench"]
        let app = try await Application.make(env)
        var results: [(String, Double)] = []
        do {
            try await configure(app, config: config)
            try await Startup.migrateIfSQLite(app)
            _ = try await DemoLoader.load(app: app, on: app.db)
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
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return results
    }
}
