import ConsoleKit
import Fluent
import Foundation
import Vapor

/// `gongkai reindex` — rebuilds the search index from the records (after a restore, or to recover from a bug).
struct ReindexCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "重建政府信息检索索引（在一个事务中完成，期间检索仍可用旧索引）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Startup.migrateIfSQLite(app)
        let start = ContinuousClock.now
        let count = try await SearchIndex.rebuild(on: app.db)
        context.console.print("已重建检索索引：\(count)条已发布信息，用时\(ContinuousClock.now - start)。")
    }
}

/// `gongkai outbox deliver` — delivers due subscription messages once (the server does this every 30 seconds).
struct OutboxCommands: AsyncCommandGroup {
    var help: String { "订阅推送发件箱：立即投递到期的消息" }
    var commands: [String: any AnyAsyncCommand] { ["deliver": Deliver()] }

    struct Deliver: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "投递所有到期的推送；失败的按间隔重试" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let summary = try await Outbox.deliverDue(app: app, limit: 10_000)
            context.console.print("已送达\(summary.delivered)条，失败待重试\(summary.failed)条，放弃\(summary.abandoned)条。")
        }
    }
}
