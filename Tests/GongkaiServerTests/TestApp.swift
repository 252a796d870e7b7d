import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// Runs a test against the real app on a real, fresh database: SQLite in a temporary folder by default, or a
/// new PostgreSQL database when `GONGKAI_TEST_POSTGRES_URL` is set (scripts/test sets it for the second pass).
enum TestApp {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isPostgres: Bool { postgresURL != nil }

    /// A settable clock for throttle and session tests.
    final class Clock: @unchecked Sendable {
        private let lock = NIOLock()
        private var value = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    /// - adjust: changes the settings before the app is configured (e.g. an SMTP relay for the mail tests).
    static func run(demo: Bool = true, adjust: (inout AppConfig) -> Void = { _ in }, _ body: (Application, Clock) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-test-\(UUID().uuidString)").path
        var config = AppConfig()
        config.dataDirectory = dir
        config.passwordCost = 4
        config.demoEnabled = false
        config.logLevel = .warning
        var databaseName: String?
        if let base = postgresURL {
            let name = "gk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await admin(base) { try await $0.raw("CREATE DATABASE \(ident: String(name))").run() }
            databaseName = String(name)
            config.database = .postgres(url: replacingDatabase(in: base, with: String(name)))
        } else {
            config.database = .sqlite(path: dir + "/test.sqlite")
        }
        adjust(&config)
        let app = try await Application.make(.testing)
        let clock = Clock()
        do {
            try await configure(app, config: config)
            app.gongkai.setClock { clock.now }
            try await app.autoMigrate()
            if demo { _ = try await DemoLoader.load(app: app, on: app.db) }
            try await body(app, clock)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup(dir: dir, database: databaseName)
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup(dir: dir, database: databaseName)
    }

    static func cleanup(dir: String, database: String?) async throws {
        try? FileManager.default.removeItem(atPath: dir)
        if let database, let base = postgresURL {
            try await admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(ident: database)").run() }
        }
    }

    /// Runs SQL on the cluster's maintenance database.
    static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: url), as: .psql)
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
