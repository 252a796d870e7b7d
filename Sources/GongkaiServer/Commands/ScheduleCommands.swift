import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `gongkai schedule import|remind` — work plans in, and the reminders a timer runs.
struct ScheduleCommands: AsyncCommandGroup {
    var help: String { "工作方案（任务分工及进度安排）：导入、逾期提醒" }
    var commands: [String: any AnyAsyncCommand] { ["import": Import(), "remind": Remind()] }

    static func site(_ text: String, on db: any Database) async throws -> SiteRecord {
        let sites = try await SiteQueries.all(on: db)
        guard let site = sites.first(where: { $0.slug == text || $0.name == text }) else {
            throw CommandFailure("没有站点“\(text)”。可用的站点：\(sites.map { "\($0.name)（\($0.slug)）" }.joined(separator: "、"))")
        }
        return site
    }

    /// `gongkai schedule import FILE.docx|FILE.xlsx --site 湖口县 [--dry-run]`
    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "方案附件1：Word 表格（.docx）或工作簿（.xlsx）") var file: String
            @Option(name: "site", help: "站点名称或代码，如 湖口县、hukou") var site: String?
            @Flag(name: "dry-run", help: "只检查并显示读到的内容，不写入") var dryRun: Bool
        }

        var help: String { "导入工作方案；有任何错误（行、列、内容）则全部不导入" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let siteText = signature.site else { throw CommandFailure("请用 --site 指定站点，如 --site 湖口县。") }
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let url = URL(fileURLWithPath: signature.file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure("文件不存在：\(signature.file)") }
            let site = try await ScheduleCommands.site(siteText, on: app.db)
            let siteID = try site.requireID()
            let read = WorkPlanFile.read(try Data(contentsOf: url), fileName: url.lastPathComponent)
            if signature.dryRun {
                switch try await PlanImport.check(read, siteID: siteID, on: app.db) {
                case .failure(let failure):
                    throw CommandFailure("“\(url.lastPathComponent)”有\(failure.problems.count)处问题，未导入：\n" + failure.problems.map { "  - \($0)" }.joined(separator: "\n"))
                case .success(let (draft, _, _)):
                    var lines = ["“\(draft.title)”：\(draft.tasks.count)项工作任务，\(draft.items.count)个具体事项。"]
                    for task in draft.tasks {
                        lines.append("\(task.number). \(task.title)")
                        for item in task.items {
                            let units = item.parties.map { "\($0.role.label)：\(PlanText.joinedLines($0.text))" }.joined(separator: "；")
                            lines.append("   \(PlanItemNumber.label(item.number))\(item.text.prefix(40))｜\(units)｜\(item.deadlineText.isEmpty ? "未规定" : item.deadlineText)"
                                         + (item.groups.isEmpty ? "" : "｜分\(item.groups.count)个领域"))
                        }
                    }
                    lines.append("（试运行，未写入任何内容）")
                    context.console.print(lines.joined(separator: "\n"))
                    return
                }
            }
            switch try await PlanManagementActions.importPlan(read, sourceName: url.lastPathComponent, dryRun: false,
                                                              by: .commandLine(siteID: siteID), at: app.gongkai.now, on: app.db) {
            case .failure(let failure):
                throw CommandFailure("“\(url.lastPathComponent)”有\(failure.problems.count)处问题，未导入：\n" + failure.problems.map { "  - \($0)" }.joined(separator: "\n"))
            case .success(nil):
                return
            case .success(let outcome?):
                context.console.print("已导入\(site.name)的工作方案：\(outcome.tasks)项工作任务，\(outcome.items)个具体事项。\n查看：\(SiteURL.adminPlan(outcome.planID).path)")
            }
        }
    }

    /// `gongkai schedule remind [--site 湖口县] [--dry-run]`: idempotent, meant for a timer.
    struct Remind: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "site", help: "只处理一个站点（默认全部）") var site: String?
            @Flag(name: "dry-run", help: "只列出将要发出的提醒，不记录、不通知") var dryRun: Bool
        }

        var help: String { "记录并发出工作任务提醒（5个工作日内到期、已逾期、逾期未启动）；重复运行不会重复提醒" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            var siteID: UUID?
            if let text = signature.site { siteID = try await ScheduleCommands.site(text, on: app.db).requireID() }
            let calendar = try await app.calendarService.calendar(on: app.db)
            let outcome = try await PlanReminders.run(siteID: siteID, dryRun: signature.dryRun, calendar: calendar, now: app.gongkai.now, on: app.db)
            var lines: [String] = []
            for (unit, items) in outcome.byUnit.sorted(by: { $0.key < $1.key }) {
                lines.append("\(unit)（\(items.count)项）")
                lines += items.prefix(5).map { "   \($0)" }
                if items.count > 5 { lines.append("   ……") }
            }
            if signature.dryRun {
                lines.append("将发出提醒\(outcome.recorded)条；此前已提醒过\(outcome.alreadySent)条。（试运行，未记录、未通知）")
            } else {
                lines.append("新记录提醒\(outcome.recorded)条，站内通知\(outcome.notifications)条；此前已提醒过、本次跳过\(outcome.alreadySent)条。")
            }
            context.console.print(lines.joined(separator: "\n"))
        }
    }
}
