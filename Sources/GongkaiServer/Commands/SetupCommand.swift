import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `gongkai setup --site NAME --parent-region NAME --admin-name NAME --password-stdin`: a real county's first
/// step. Creates the site, its 人民政府 and 人民政府办公室, and the first admin, all or nothing. Once a real site
/// exists the demo is never loaded by itself.
struct SetupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "site", help: "县（市、区）名称，例如 湖口县") var site: String?
        @Option(name: "parent-region", help: "上级行政区，例如 江西省九江市") var parentRegion: String?
        @Option(name: "slug", help: "网址中的站点标识，小写字母、数字和 -，例如 hukou") var slug: String?
        @Option(name: "admin-name", help: "第一个管理员的登录名") var adminName: String?
        @Option(name: "admin-display-name", help: "管理员姓名") var adminDisplayName: String?
        @Flag(name: "password-stdin", help: "从标准输入读取管理员密码") var passwordStdin: Bool
    }

    var help: String { "建立本县站点和第一个公开办管理员账号" }

    /// The whole call, as the start-up hint and the error for a missing argument say it.
    static let usage = "echo 密码 | gongkai setup --site 湖口县 --parent-region 江西省九江市 --slug hukou --admin-name 登录名 --password-stdin"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let siteName = (signature.site ?? app.gongkai.config.siteName)?.trimmingCharacters(in: .whitespaces),
              !siteName.isEmpty, let region = signature.parentRegion, let adminName = signature.adminName
        else {
            throw CommandFailure("缺少参数。用法：\(Self.usage)")
        }
        guard signature.passwordStdin else { throw CommandFailure("请使用 --password-stdin 从标准输入提供管理员密码。") }
        try await Startup.migrateIfSQLite(app)
        let setup = SiteActions.Setup(
            name: siteName, parentRegion: region, slug: signature.slug,
            admin: StaffAccountDraft(name: adminName, displayName: signature.adminDisplayName ?? "\(siteName)公开办",
                                     roles: [.admin], password: try CommandSupport.readPassword()))
        let site: SiteRecord
        do {
            site = try await SiteActions.setUp(setup, via: .cli, at: app.gongkai.now, app: app, on: app.db)
        } catch let refusal as ActionError {
            throw CommandFailure(refusal.reason)
        }
        let slug = site.slug
        let existing = try await SiteQueries.all(on: app.db)
        context.console.print("已建立站点“\(siteName)”（\(region)），网址 \(app.gongkai.publicBaseURL)\(SiteURL.site(slug: slug).path)")
        context.console.print("管理员 \(adminName) 可在 \(app.gongkai.publicBaseURL)\(SiteURL.adminLogin(next: nil).path) 登录，然后在“单位”页面登记本县各部门和乡镇。")
        if existing.contains(where: \.isDemo) {
            context.console.warning("注意：数据库中还有示例站点（\(existing.filter(\.isDemo).map(\.name).joined(separator: "、"))）。正式使用时建议换用一个全新的数据目录。")
        }
    }
}

/// `gongkai demo load`: loads the demo counties on demand. Idempotent.
struct DemoCommands: AsyncCommandGroup {
    var help: String { "示例数据" }
    var commands: [String: any AnyAsyncCommand] { ["load": LoadDemo()] }

    struct LoadDemo: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "加载两个示例县（湖口县、武定县）；已存在的内容不会重复创建" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let outcome = try await DemoLoader.load(app: app, on: app.db)
            context.console.print("示例数据：新建站点 \(outcome.createdSites) 个、单位 \(outcome.createdUnits) 个、账号 \(outcome.createdUsers) 个。")
            Startup.printLogins(outcome.logins, console: context.console)
        }
    }
}
