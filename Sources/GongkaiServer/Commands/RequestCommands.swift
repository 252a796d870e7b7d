import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `gongkai requests digest` — the weekly digest of 依申请公开 a timer runs.
struct RequestCommands: AsyncCommandGroup {
    var help: String { "依申请公开：每周办理提醒" }
    var commands: [String: any AnyAsyncCommand] { ["digest": Digest()] }

    /// `gongkai requests digest [--site 湖口县] [--dry-run]`
    struct Digest: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "site", help: "只处理一个站点（默认全部）") var site: String?
            @Flag(name: "dry-run", help: "只列出将要发出的提醒，不通知") var dryRun: Bool
        }

        var help: String { "向各受理单位的工作人员和公开办发出本周依申请公开提醒（已逾期、即将到期、补正告知待发等）；同一周重复运行不会重复提醒" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            var siteID: UUID?
            if let text = signature.site { siteID = try await ScheduleCommands.site(text, on: app.db).requireID() }
            let calendar = try await app.calendarService.calendar(on: app.db)
            let outcome = try await RequestDigest.run(siteID: siteID, dryRun: signature.dryRun, calendar: calendar, now: app.gongkai.now, on: app.db)
            var lines = outcome.byUnit.sorted { $0.key < $1.key }.map { "\($0.key)：\($0.value.joined(separator: "；"))" }
            if lines.isEmpty { lines.append("没有需要提醒的申请。") }
            lines.append(signature.dryRun ? "将发出站内通知\(outcome.notifications)条；本周已提醒过\(outcome.alreadySent)人。（试运行，未通知）"
                                          : "发出站内通知\(outcome.notifications)条；本周已提醒过、本次跳过\(outcome.alreadySent)人。")
            context.console.print(lines.joined(separator: "\n"))
        }
    }
}
