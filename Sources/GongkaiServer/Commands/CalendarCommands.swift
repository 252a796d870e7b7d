import ConsoleKit
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `gongkai calendar days|month|years|import` — the working-day calendar for scripts and for people.
struct CalendarCommands: AsyncCommandGroup {
    var help: String { "工作日日历（国务院办公厅节假日安排）" }
    var commands: [String: any AnyAsyncCommand] {
        ["days": Days(), "month": Month(), "years": Years(), "import": Import()]
    }

    static func calendar(_ app: Application) async throws -> WorkingCalendar {
        try await Startup.migrateIfSQLite(app)
        return try await app.calendarService.calendar(on: app.db)
    }

    static func date(_ text: String?, option: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = CivilDate(text) else {
            throw CommandFailure("--\(option) 的值“\(text)”不是有效日期，应为 2026-01-31 这样的格式。")
        }
        return date
    }

    /// `gongkai calendar days --from 2020-01-01 --to 2026-12-31` → `date,kind,confirmed` CSV on stdout.
    struct Days: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "from", help: "起始日期，如 2026-01-01（默认今年1月1日）") var from: String?
            @Option(name: "to", help: "结束日期，如 2026-12-31（默认今年12月31日）") var to: String?
        }

        var help: String { "按日输出日历 CSV：date,kind,confirmed" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let thisYear = ChineseTime.today(context.application.gongkai.now).year
            let from = try CalendarCommands.date(signature.from, option: "from") ?? CivilDate.firstDay(ofYear: thisYear)
            let to = try CalendarCommands.date(signature.to, option: "to") ?? CivilDate.lastDay(ofYear: thisYear, month: 12)
            guard from <= to else { throw CommandFailure("--from（\(from)）晚于 --to（\(to)）。") }
            let calendar = try await CalendarCommands.calendar(context.application)
            guard calendar.covers(from), calendar.covers(to) else {
                throw CommandFailure("只能输出\(WorkingCalendar.firstYear)年至\(WorkingCalendar.lastYear)年的日期。")
            }
            FileHandle.standardOutput.write(Data(CalendarDaysFile.write(calendar, from: from, through: to).utf8))
        }
    }

    /// `gongkai calendar month 2026-10` → a month grid with 休 and 班.
    struct Month: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "month", help: "年月，如 2026-10") var month: String
        }

        var help: String { "在终端显示一个月的日历，标出放假（休）和调休上班（班）" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let parts = signature.month.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month),
                  (WorkingCalendar.firstYear...WorkingCalendar.lastYear).contains(year)
            else { throw CommandFailure("月份“\(signature.month)”无法识别，应为 2026-10 这样的格式。") }
            let calendar = try await CalendarCommands.calendar(context.application)
            print(MonthGrid.text(year: year, month: month, calendar: calendar), terminator: "")
        }
    }

    /// `gongkai calendar years` → which years are confirmed and by which notice.
    struct Years: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "列出已录入节假日安排的年份" }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await Startup.migrateIfSQLite(context.application)
            let snapshot = try await context.application.calendarService.snapshot(on: context.application.db)
            for year in snapshot.calendar.confirmedYears {
                let definition = snapshot.calendar.definitions[year]!
                let source = snapshot.sources[year]?.label ?? ""
                print("\(year)  \(definition.noticeNumbers.isEmpty ? "（未填文号）" : definition.noticeNumbers)  放假\(definition.holidayCount)天  调休上班\(definition.makeupWorkdayCount)天  \(source)")
            }
            let next = (snapshot.calendar.confirmedYears.last ?? 2026) + 1
            print("\(next)年及以后：未录入，期限按周末计算并标注“未确认”。录入：gongkai calendar import 文件.csv")
        }
    }

    /// `gongkai calendar import FILE.csv [--notice 文号] [--issued 日期] [--year 年份]`
    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "CSV 文件，每行“日期,类型”，类型为 workday/weekend/holiday/makeup-workday") var file: String
            @Option(name: "notice", help: "通知文号，如 国办发明电〔2026〕7号") var notice: String?
            @Option(name: "issued", help: "通知发布日期，如 2026-11-04") var issued: String?
            @Option(name: "year", help: "年份（默认按文件中的日期判断）") var year: String?
        }

        var help: String { "导入或更正一年的节假日安排（全部成功才生效）" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let text = try CalendarCommands.readText(signature.file)
            let year = try signature.year.map { text -> Int in
                guard let value = Int(text), (2000...2199).contains(value) else { throw CommandFailure("--year “\(text)”不是有效年份。") }
                return value
            }
            let issued = try CalendarCommands.date(signature.issued, option: "issued")
            let definition: CalendarYearDefinition
            do {
                definition = try CalendarDaysFile.parse(text, year: year, notice: signature.notice ?? "", issued: issued)
            } catch {
                throw CommandFailure("\(signature.file) 未导入，日历没有任何改动：\n" + error.problems.map { "  - " + $0 }.joined(separator: "\n"))
            }
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let summary = try await CalendarActions.save(definition, source: .commandLine, by: .commandLineOperator,
                                                         at: app.gongkai.now, service: app.calendarService, on: app.db)
            context.console.print("已导入。\(summary)。")
        }
    }

    /// Reads a text file, refusing what is not UTF-8 text with advice for Excel users.
    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("无法读取文件 \(path)。") }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(path) 不是 UTF-8 编码的文本文件。用 Excel 编辑时请另存为“CSV UTF-8（逗号分隔）”。")
        }
        return text
    }
}

/// `gongkai deadline --start 2024-09-27 --working-days 20` prints the due date alone (`YYYY-MM-DD`).
struct DeadlineCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "start", help: "起算日（该日不计入），如 2024-09-27") var start: String?
        @Option(name: "working-days", help: "N个工作日") var workingDays: String?
        @Option(name: "calendar-days", help: "N日（届满日为休息日的顺延至其后第一个工作日）") var calendarDays: String?
        @Option(name: "months", help: "N个月（次月同日，无同日取月末）") var months: String?
    }

    var help: String { "计算期限届满日：--start 日期 加 --working-days / --calendar-days / --months 之一" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let usage = "用法：gongkai deadline --start 2024-09-27 --working-days 20（或 --calendar-days N、--months N，三选一）"
        guard let startText = signature.start else { throw CommandFailure("缺少 --start。\(usage)") }
        guard let start = CivilDate(startText) else {
            throw CommandFailure("--start 的值“\(startText)”不是有效日期，应为 2024-09-27 这样的格式。")
        }
        let given = [(signature.workingDays, Period.Unit.workingDays, "working-days"),
                     (signature.calendarDays, .calendarDays, "calendar-days"), (signature.months, .months, "months")]
            .compactMap { value, unit, name in value.map { ($0, unit, name) } }
        guard given.count == 1, let (text, unit, name) = given.first else {
            throw CommandFailure(given.isEmpty ? "缺少期限长度。\(usage)" : "--working-days、--calendar-days、--months 只能给出一个。")
        }
        guard let amount = Int(ChineseNumerals.halfWidthDigits(text)), amount >= 0 else {
            throw CommandFailure("--\(name) 的值“\(text)”应为不小于0的整数。")
        }
        let calendar = try await CalendarCommands.calendar(context.application)
        let deadline: Deadline
        do { deadline = try PeriodArithmetic.due(after: start, Period(amount, unit), in: calendar) } catch {
            throw CommandFailure(error.description)
        }
        print(deadline.due.description)
        if !deadline.isConfirmed {
            FileHandle.standardError.write(Data("注意：\(deadline.confirmationLabel)。\n".utf8))
        }
    }
}

/// `gongkai timelimit parse "制定或获取信息之日起10个工作日内"` prints the rule as JSON;
/// `gongkai timelimit column < FILE` reads one text per line (a catalog column, 同上 resolved) and prints an array.
struct TimeLimitCommands: AsyncCommandGroup {
    var help: String { "公开时限文字解析" }
    var commands: [String: any AnyAsyncCommand] { ["parse": Parse(), "column": Column()] }

    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    struct Parse: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "text", help: "公开时限原文，如 信息形成或者变更之日起20个工作日内") var text: String
        }

        var help: String { "把公开时限原文解析为规则（JSON）" }

        func run(using context: CommandContext, signature: Signature) async throws {
            try TimeLimitCommands.print(TimeLimitParser.parse(signature.text))
        }
    }

    struct Column: AsyncCommand {
        struct Signature: CommandSignature {}

        var help: String { "从标准输入逐行读取一列公开时限（“同上”取上一行），输出 JSON 数组" }

        func run(using context: CommandContext, signature: Signature) async throws {
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) { lines.append(line) }
            try TimeLimitCommands.print(TimeLimitParser.parseColumn(lines))
        }
    }
}
