import ConsoleKit
import Fluent
import Foundation
import SQLKit
import Vapor

/// What `gongkai serve` does before it listens: migrate an embedded database, load the demo into an empty
/// one, and tell the person at the terminal where to go.
package enum Startup {
    package static func migrateIfSQLite(_ app: Application) async throws {
        guard case .sqlite = app.gongkai.config.database else { return }
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
        try await app.autoMigrate()
    }

    static func prepareForServe(_ app: Application) async throws {
        let config = app.gongkai.config
        switch config.database {
        case .sqlite:
            // Held while serving, so that `restore` (and a second server) cannot move the database away under it.
            guard let lock = try DataDirectoryLock.acquire(dataDirectory: config.dataDirectory) else {
                let pid = DataDirectoryLock.holder(dataDirectory: config.dataDirectory).map { "（进程 \($0)）" } ?? ""
                throw CommandFailure("数据目录 \(config.dataDirectory) 已被另一个正在运行的 gongkai 服务\(pid)使用。一个数据目录只能由一个服务使用。")
            }
            app.storage[DataDirectoryLockKey.self] = lock
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
        if try await LoginController.demoExposed(app, on: app.db) {
            console.warning("警告：服务监听 \(config.host)，其他计算机可以访问，而示例账号的密码是公开的。正式使用前请停用示例账号（工作平台“账号”页），或用 gongkai setup 建立正式站点（GONGKAI_DEMO=0）。")
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

struct DataDirectoryLockKey: StorageKey { typealias Value = DataDirectoryLock }
