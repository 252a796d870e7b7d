import ConsoleKit
import Fluent
import Foundation
import SQLKit
import Vapor

/// What `gongkai serve` does before it listens: migrate an embedded database, load the demo into an empty
/// one, and tell the person at the terminal where to go.
enum Startup {
    static func migrateIfSQLite(_ app: Application) async throws {
        guard case .sqlite = app.gongkai.config.database else { return }
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
        try await app.autoMigrate()
    }

    static func prepareForServe(_ app: Application) async throws {
        let config = app.gongkai.config
        switch config.database {
        case .sqlite:
            try await migrateIfSQLite(app)
        case .postgres:
            // Several instances may share one PostgreSQL: migrating is a deliberate step, never a race at start-up.
            let pending = try await app.migrator.previewPrepareBatch().get()
            if !pending.isEmpty {
                throw CommandFailure("PostgreSQL 数据库有 \(pending.count) 个迁移尚未执行，请先运行 gongkai migrate。")
            }
        }
        app.lifecycle.use(OutboxWorker())
        let console = Terminal()
        let sites = try await SiteQueries.all(on: app.db)
        if sites.isEmpty {
            if config.demoEnabled {
                let outcome = try await DemoLoader.load(app: app, on: app.db)
                try await DemoPublications.load(app: app)
                try await DemoRequests.load(app: app)
                console.print("数据库为空，已加载示例数据：\(outcome.createdSites) 个县、\(outcome.createdUnits) 个单位、\(outcome.createdUsers) 个账号（均标注“示例”）。")
                printLogins(outcome.logins, console: console)
            } else {
                console.print("尚未建立站点。请运行：gongkai setup --site 县名 --parent-region 上级行政区 --admin-name 登录名 --password-stdin")
            }
        }
        console.print("门户网站：\(config.publicBaseURL)/")
        console.print("工作平台：\(config.publicBaseURL)\(SiteURL.adminLogin(next: nil).path)")
    }

    static func printLogins(_ logins: [DemoLoader.Login], console: any Console) {
        guard !logins.isEmpty else { return }
        console.print("示例账号（密码均为 \(DemoCounties.password)）：")
        for login in logins {
            console.print("  \(login.site)  \(login.name)  \(login.roles)")
        }
    }

    /// `gongkai` with no command, or `gongkai serve …`.
    static func isServe(_ arguments: [String]) -> Bool {
        arguments.count < 2 || arguments[1] == "serve"
    }
}
