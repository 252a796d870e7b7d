import ConsoleKit
import Fluent
import NIOCore
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
                try await DemoPlanHistory.load(app: app)
                try await DemoDutyLists.load(app: app)
                try await DemoServiceGuides.load(app: app)
                try await DemoRequests.load(app: app)
                console.print("数据库为空，已加载示例数据：\(outcome.createdSites) 个县、\(outcome.createdUnits) 个单位、\(outcome.createdUsers) 个账号（均标注“示例”）。")
                printLogins(outcome.logins, console: console)
            } else {
                console.print("尚未建立站点。请运行（县名、上级行政区、网址标识和登录名换成本县的）：\(SetupCommand.usage)")
            }
        } else if config.demoEnabled {
            // A demo loaded by an earlier version gains the parts added since (each loads only where it is missing).
            try await DemoDutyLists.load(app: app)
            try await DemoServiceGuides.load(app: app)
        }
        if try await LoginController.demoExposed(app, on: app.db) {
            console.warning("警告：服务监听 \(config.host)，其他计算机可以访问，而示例账号的密码是公开的。正式使用前请停用示例账号（工作平台“账号”页），或用 gongkai setup 建立正式站点（GONGKAI_DEMO=0）。")
        }
    }

    /// Starts listening (Vapor's `serve` with its `--hostname`, `--port`, `--bind`), records the address actually
    /// bound — so that links carry the real port, even one the system chose for `--port 0` — and only then tells the
    /// person where to go. A taken address is said in Chinese and ends the program before any address is printed.
    static func serve(_ app: Application, arguments: [String]) async throws {
        do {
            try await app.startup()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            let (host, port) = requestedAddress(arguments, config: app.gongkai.config)
            throw CommandFailure("地址 \(host):\(port) 已被占用（另一个程序或另一个 gongkai 正在使用这个端口）。"
                                 + "请换一个端口，例如 gongkai serve --port \(port == 8080 ? 8081 : 8080)，或设置 GONGKAI_PORT；也可以先停止占用它的程序。")
        }
        recordBoundAddress(app)
        let console = Terminal()
        console.print("门户网站：\(app.gongkai.publicBaseURL)/")
        console.print("工作平台：\(app.gongkai.publicBaseURL)\(SiteURL.adminLogin(next: nil).path)")
    }

    /// Reads the listening socket's address into the links' base (a no-op before the server listens).
    package static func recordBoundAddress(_ app: Application) {
        guard let address = app.http.server.shared.localAddress, let port = address.port else { return }
        let host = app.http.server.configuration.hostname
        app.gongkai.didBind(host: host, port: port)
    }

    /// What `serve` was asked to bind: `--bind host:port`, `--hostname`/`-H`, `--port`/`-p`, else the settings.
    static func requestedAddress(_ arguments: [String], config: AppConfig) -> (String, Int) {
        var host = config.host, port = config.port
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arg {
            case "--hostname", "-H": host = value; i += 1
            case "--port", "-p": port = Int(value) ?? port; i += 1
            case "--bind", "-b":
                let parts = value.split(separator: ":")
                if let h = parts.first { host = String(h) }
                if parts.count > 1, let p = Int(parts[1]) { port = p }
                i += 1
            default: break
            }
            i += 1
        }
        return (host, port)
    }

    static func printLogins(_ logins: [DemoLoader.Login], console: any Console) {
        guard !logins.isEmpty else { return }
        console.print("示例账号（密码均为 \(DemoCounties.password)）：")
        for login in logins {
            console.print("  \(login.site)  \(login.name)  \(login.roles)")
        }
    }

    /// Vapor's own commands, said in Chinese; its developer tool `routes` is left out of the list (it still runs).
    static let builtInHelp = [
        "serve": "启动门户和工作平台（默认命令；--port 端口、--hostname 地址）",
        "migrate": "执行数据库迁移（PostgreSQL：升级程序后、启动服务前运行；SQLite 启动时自动执行）",
    ]

    /// `gongkai --help` (or `-h`, `help`): our commands, one line each in Chinese — nil for anything else, which
    /// goes to the command as usual.
    static func commandList(_ arguments: [String], commands: [String: String]) -> String? {
        guard arguments.count == 2, ["--help", "-h", "help"].contains(arguments[1]) else { return nil }
        let lines = commands.filter { $0.key != "routes" }.map { name, help in (name, builtInHelp[name] ?? help) }.sorted { $0.0 < $1.0 }
        let width = lines.map(\.0.count).max() ?? 0
        return (["用法：gongkai <命令> [参数]", "", "命令："]
            + lines.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            + ["", "不带命令时启动服务（同 gongkai serve）。查看某个命令的参数：gongkai <命令> --help"]).joined(separator: "\n")
    }

    /// `gongkai` with no command, or `gongkai serve …`.
    static func isServe(_ arguments: [String]) -> Bool {
        arguments.count < 2 || arguments[1] == "serve"
    }
}

struct DataDirectoryLockKey: StorageKey { typealias Value = DataDirectoryLock }
