import CGongkaiRank
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import GongkaiInterchange
import SQLKit
import Vapor

/// Builds the application from its settings. `gongkai` and the tests both call this, so tests run the real
/// app with only the settings changed.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.gongkai = AppServices(config: config)
    app.calendarService = CalendarService(bundled: try BundledCalendar.definitions())
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "2mb"
    // The only outgoing HTTP is webhook delivery: never follow a redirect (WebhookTarget checked the first address only).
    app.http.client.configuration.redirectConfiguration = .disallow
    app.logger.logLevel = config.logLevel
    app.storage[PasswordHashing.InFlightKey.self] = NIOLockedValueBox(0)

    switch config.database {
    case .sqlite(let path):
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        // sqlite-kit turns foreign keys on for every connection; WAL (a property of the file) lets the portal
        // read while the back office writes. The search's ranking function is registered on every connection.
        guard gongkai_rank_install() == 0 else { throw CommandFailure("无法注册检索排序函数（SQLite）。") }
        // One connection per event loop (the driver's fixed choice); a request may wait for it while a writer
        // waits for another process's lock (WriteSerializing), so the pool's wait matches the lock's.
        let sqlite = DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: .seconds(70), sqlLogLevel: .debug)
        app.databases.use(DatabaseConfigurationFactory { WriteSerializing(inner: sqlite.make(), engine: .sqlite) }, as: .sqlite)
    case .postgres(let url):
        let postgres = try DatabaseConfigurationFactory.postgres(url: url, sqlLogLevel: .debug)
        app.databases.use(DatabaseConfigurationFactory { WriteSerializing(inner: postgres.make(), engine: .postgres) }, as: .psql)
    }
    try FileManager.default.createDirectory(atPath: config.filesDirectory, withIntermediateDirectories: true)
    app.migrations.add(GongkaiMigrations.all)

    app.middleware = .init()
    app.middleware.use(RequestMetricsMiddleware(registry: app.gongkai.metrics))
    // Outside the error middleware, so that error pages carry the same headers as every other page.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(GongkaiErrorMiddleware())
    app.middleware.use(StaffSessionMiddleware())
    app.middleware.use(CSRFMiddleware())

    try routes(app)
    registerCommands(app)
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(UserCommands(), as: "user")
    app.asyncCommands.use(TokenCommands(), as: "token")
    app.asyncCommands.use(DemoCommands(), as: "demo")
    app.asyncCommands.use(SetupCommand(), as: "setup")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(CalendarCommands(), as: "calendar")
    app.asyncCommands.use(DeadlineCommand(), as: "deadline")
    app.asyncCommands.use(TimeLimitCommands(), as: "timelimit")
    app.asyncCommands.use(CatalogCommands(), as: "catalog")
    app.asyncCommands.use(ScheduleCommands(), as: "schedule")
    app.asyncCommands.use(RequestCommands(), as: "requests")
    app.asyncCommands.use(ReindexCommand(), as: "reindex")
    app.asyncCommands.use(OutboxCommands(), as: "outbox")
}

