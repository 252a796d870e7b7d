import GongkaiServer
import Foundation
import Vapor

/// The whole app in-process on a fresh SQLite database with the demo counties, for the benchmarks; removed after.
enum BenchmarkApp {
    static func withDemo<T>(_ body: (Application) async throws -> T) async throws -> T {
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
        do {
            try await configure(app, config: config)
            try await Startup.migrateIfSQLite(app)
            _ = try await DemoLoader.load(app: app, on: app.db)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
