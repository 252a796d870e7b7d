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
/// new PostgreSQL database when `GONGKAI_TEST_POSTGRES_URL` is set, or when the file named by
/// `GONGKAI_TEST_DATABASE_FILE` holds a PostgreSQL address. scripts/test uses the file: it keeps `swift test`'s
/// environment the same for both passes, because SwiftPM re-plans the whole package (10–20 s) whenever the
/// environment changes.
enum TestApp {
    /// The test cluster's address. A local throwaway cluster needs no TLS: without `sslmode=disable` every
    /// connection configuration loads the system's trust roots, which was a tenth of the PostgreSQL run's time.
    static let postgresURL: String? = configuredPostgresURL().flatMap { url -> String? in
        guard !url.isEmpty else { return nil }
        guard var components = URLComponents(string: url) else { return url }
        var items = components.queryItems ?? []
        if !items.contains(where: { $0.name == "sslmode" }) { items.append(URLQueryItem(name: "sslmode", value: "disable")) }
        components.queryItems = items
        return components.string ?? url
    }

    static var isPostgres: Bool { postgresURL != nil }

    private static func configuredPostgresURL() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["GONGKAI_TEST_POSTGRES_URL"] { return url }
        guard let file = environment["GONGKAI_TEST_DATABASE_FILE"],
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("postgres") ? url : nil
    }

    /// A settable clock for throttle and session tests.
    final class Clock: @unchecked Sendable {
        private let lock = NIOLock()
        private var value = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    /// - demo: start from a database with both demo counties loaded (most flows need them); false starts from
    ///   an empty, migrated one.
    /// - adjust: changes the settings before the app is configured (e.g. an SMTP relay for the mail tests).
    ///
    /// Migrating and loading the demo take most of a test's time, so each is done once per process into a
    /// template (`Templates`), and every test gets its own copy: the SQLite file and data folder are copied,
    /// a PostgreSQL database is created from the template database.
    static func run(demo: Bool = true, adjust: (inout AppConfig) -> Void = { _ in }, _ body: (Application, Clock) async throws -> Void) async throws {
        let template = try await Templates.shared.template(demo: demo)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-test-\(UUID().uuidString)").path
        var config = baseConfig(dir: dir)
        var databaseName: String?
        if let base = postgresURL {
            let name = "gk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await Templates.shared.copyDatabase(template.database!, to: String(name), base: base)
            databaseName = String(name)
            config.database = .postgres(url: replacingDatabase(in: base, with: String(name)))
        } else {
            config.database = .sqlite(path: dir + "/test.sqlite")
        }
        try FileManager.default.copyItem(atPath: template.directory, toPath: dir)
        adjust(&config)
        let app = try await Application.make(.testing)
        let clock = Clock()
        do {
            try await configure(app, config: config)
            app.gongkai.setClock { clock.now }
            try await body(app, clock)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup(dir: dir, database: databaseName)
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup(dir: dir, database: databaseName)
    }

    static func baseConfig(dir: String) -> AppConfig {
        var config = AppConfig()
        config.dataDirectory = dir
        config.passwordCost = 4
        config.demoEnabled = false
        config.logLevel = .warning
        return config
    }

    /// The migrated (and demo-loaded) starting points, built once per test process on first use.
    actor Templates {
        static let shared = Templates()

        struct Template: Sendable {
            /// The data folder to copy (with the SQLite file when on SQLite).
            let directory: String
            /// The PostgreSQL template database, when on PostgreSQL.
            let database: String?
        }

        private var building: [Bool: Task<Template, any Error>] = [:]

        func template(demo: Bool) async throws -> Template {
            if let task = building[demo] { return try await task.value }
            let task = Task { try await Self.build(demo: demo) }
            building[demo] = task
            return try await task.value
        }

        /// PostgreSQL copies a template only while nobody else is connected to it, so copies take turns.
        func copyDatabase(_ template: String, to name: String, base: String) async throws {
            let previous = copying
            let task = Task {
                _ = await previous?.result
                try await admin(base) { try await $0.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run() }
            }
            copying = Task { _ = await task.result }
            try await task.value
        }

        private var copying: Task<Void, Never>?

        private static func build(demo: Bool) async throws -> Template {
            let dir = FileManager.default.temporaryDirectory
                .appendingPathComponent("gongkai-template-\(demo ? "demo" : "empty")-\(getpid())-\(UUID().uuidString.prefix(8))").path
            var config = baseConfig(dir: dir)
            var database: String?
            if let base = postgresURL {
                let name = "gk_template_\(demo ? "demo" : "empty")_\(getpid())"
                try await admin(base) { sql in
                    try await sql.raw("DROP DATABASE IF EXISTS \(ident: name)").run()
                    try await sql.raw("CREATE DATABASE \(ident: name)").run()
                }
                database = name
                config.database = .postgres(url: replacingDatabase(in: base, with: name))
            } else {
                config.database = .sqlite(path: dir + "/test.sqlite")
            }
            let app = try await Application.make(.testing)
            do {
                try await configure(app, config: config)
                let clock = Clock()
                app.gongkai.setClock { clock.now }
                try await app.autoMigrate()
                if demo { _ = try await DemoLoader.load(app: app, on: app.db) }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            // Closing the last connection checkpoints SQLite's write-ahead log into the file that is copied.
            try await app.asyncShutdown()
            return Template(directory: dir, database: database)
        }
    }

    static func cleanup(dir: String, database: String?) async throws {
        try? FileManager.default.removeItem(atPath: dir)
        if let database, let base = postgresURL {
            try await admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(ident: database)").run() }
        }
    }

    /// Runs SQL on the cluster's maintenance database, through one connection pool kept for the whole process
    /// (an application per statement cost more than the statement).
    static func admin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await body(try await Maintenance.shared.database(url))
    }

    /// Made once: the actor hands every caller the same task, as it suspends while the application is made
    /// (two applications would be made otherwise, and the one dropped would trap for not being shut down).
    actor Maintenance {
        static let shared = Maintenance()
        private var making: Task<Application, any Error>?

        func database(_ url: String) async throws -> any SQLDatabase {
            let task = making ?? Task {
                let app = try await Application.make(.testing)
                app.databases.use(try .postgres(url: url), as: .psql)
                return app
            }
            making = task
            return try await task.value.db as! any SQLDatabase
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
