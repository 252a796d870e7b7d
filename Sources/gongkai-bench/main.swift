import Foundation
import GongkaiCore
import GongkaiInterchange
import GongkaiServer

// gongkai-bench NAME [--tiny]: benchmarks over generated data, printing JSON. Not timed tests: the figures
// are for notes and comparisons on the same machine.
let arguments = Array(CommandLine.arguments.dropFirst())
let tiny = arguments.contains("--tiny")
let name = arguments.first { !$0.hasPrefix("-") } ?? "foundation"
GongkaiMain.bootstrapLogging(level: .error)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

switch name {
case "foundation":
    // Permission checks: every request makes a few, so they must cost next to nothing.
    let actors = Role.allCases.map { AccessActor(siteID: 1, unitID: $0.hashValue & 7, roles: [$0]) }
    let checks = tiny ? 10_000 : 5_000_000
    var allowed = 0
    let permissionTime = seconds {
        for i in 0..<checks {
            let actor = actors[i & 3]
            let action = AccessAction.allCases[i % AccessAction.allCases.count]
            if AccessRules.can(actor, action, AccessTarget(siteID: 1, unitID: i & 7)) { allowed += 1 }
        }
    }
    let pages = try await PortalBenchmark.run(requests: tiny ? 20 : 2_000)
    var result: [String: Any] = [
        "benchmark": "foundation",
        "permission_checks_per_second": Int(Double(checks) / permissionTime),
        "permission_checks_allowed": allowed,
    ]
    for (path, rate) in pages { result["pages_per_second \(path)"] = Int(rate) }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
case "catalog-import":
    // A generated 10,000-entry workbook in the official layout: written (export), read (import: unzip, XML,
    // merged header, every cell parsed and validated), then stored as a draft in SQLite as the CLI does.
    let count = tiny ? 200 : 10_000
    let limits = ["信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内", "实时公开", "每年1月31日前", "按上级要求"]
    let channels = ["■政府网站    □政府公报\n■政务服务中心", "■政府网站\n■社区/企事业单位/村公示栏（电子屏）\n投资项目在线审批监管平台"]
    let entries = (0..<count).map { i in
        CatalogEntry(
            number: String(i + 1), level1: "一级事项\(i / 10 + 1)", level2: "二级事项\(i + 1)",
            content: "办理事项、办理条件、申请材料、办理流程、办理时间和地点、联系方式、第\(i)项要素",
            basis: "《中华人民共和国政府信息公开条例》、《社会救助暂行办法》（国务院令第649号）、国发〔2012〕45号",
            timeLimit: limits[i % limits.count], body: "县民政局、各乡（镇）人民政府",
            channels: ChannelSelection.parse(channels[i % 2]).normalisedAsChecklist,
            audience: Audience(everyone: i % 3 != 0, specificGroup: i % 3 == 0 ? "申请人" : nil),
            methods: DisclosureMethods(proactive: true, onRequest: i % 4 == 0), levels: i % 2 == 0 ? [.county] : [.county, .township])
    }
    func peakResidentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
    let baseline = peakResidentMB()
    var data = Data()
    let writeTime = try seconds { data = try CatalogWorkbook.write([.init(name: "标准目录", title: "基准测试目录", entries: entries)]) }
    let afterWrite = peakResidentMB()
    var imported: CatalogImport!
    let readTime = try seconds { imported = try CatalogWorkbook.read(data, defaultLevels: [.county]) }
    let afterRead = peakResidentMB()
    guard imported.entries == entries else { fatalError("round trip changed the entries") }
    let storeRate = try await CatalogBenchmark.store(imported.entries)
    let result: [String: Any] = [
        "benchmark": "catalog-import",
        "entries": count,
        "workbook_bytes": data.count,
        "export_entries_per_second": Int(Double(count) / writeTime),
        "import_read_entries_per_second": Int(Double(count) / readTime),
        "import_store_sqlite_entries_per_second": Int(storeRate),
        "peak_resident_mb_before": Int(baseline),
        "peak_resident_mb_after_export": Int(afterWrite),
        "peak_resident_mb_after_import": Int(afterRead),
    ]
    let data2 = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data2, as: UTF8.self))
case "deadlines":
    // Deadline computations over random starts in 2020–2026 (a fixed seed, so runs compare): reports and
    // overdue lists compute thousands at once, so this must never be their bottleneck.
    var calendar: WorkingCalendar!
    let buildTime = try seconds { calendar = WorkingCalendar(definitions: try BundledCalendar.definitions()) }
    let first = CivilDate(year: 2020, month: 1, day: 1)!.dayNumber, span = 7 * 365
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
    let count = tiny ? 20_000 : 20_000_000
    let starts = (0..<4096).map { _ in CivilDate(dayNumber: first + next() % span) }
    let amounts = (0..<4096).map { _ in 1 + next() % 40 }
    var checksum = 0
    let workingTime = try seconds {
        for i in 0..<count {
            checksum &+= try PeriodArithmetic.due(after: starts[i & 4095], .workingDays(amounts[(i >> 12) & 4095]), in: calendar).due.dayNumber
        }
    }
    let calendarTime = try seconds {
        for i in 0..<count / 4 {
            checksum &+= try PeriodArithmetic.due(after: starts[i & 4095], .calendarDays(amounts[(i >> 12) & 4095]), in: calendar).due.dayNumber
        }
    }
    let clocks = count / 20
    let clockTime = try seconds {
        for i in 0..<clocks {
            let start = starts[i & 4095]
            let clock = ReplyClock(received: start, events: [.pause(from: start.adding(days: 5), to: start.adding(days: 12), reason: "")])
            checksum &+= try clock.evaluate(in: calendar).due?.dayNumber ?? 0
        }
    }
    let texts = ["信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内，公示7个工作日", "实时公开", "按上级要求"]
    let parses = tiny ? 2_000 : 200_000
    let parseTime = seconds {
        for i in 0..<parses { checksum &+= TimeLimitParser.parse(texts[i & 3]).period?.amount ?? 0 }
    }
    let result: [String: Any] = [
        "benchmark": "deadlines",
        "calendar_build_ms": Int(buildTime * 1000),
        "working_day_deadlines_per_second": Int(Double(count) / workingTime),
        "calendar_day_deadlines_per_second": Int(Double(count / 4) / calendarTime),
        "reply_clocks_with_pause_per_second": Int(Double(clocks) / clockTime),
        "time_limit_parses_per_second": Int(Double(parses) / parseTime),
        "checksum": checksum,
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
case "schedule":
    // The rollout schedule's dashboard over a large county: 200 units × 500 items × 12 months of reports.
    let figures = try await ScheduleBenchmark.run(units: tiny ? 10 : 200, items: tiny ? 30 : 500, months: tiny ? 2 : 12, repeats: tiny ? 2 : 5)
    // The same at the size of a real county (the seeds: about 20 departments and townships, 16–28 items; a large
    // county: 60 units, 40 items), to show what people actually wait for.
    let county = try await ScheduleBenchmark.run(units: tiny ? 5 : 60, items: tiny ? 10 : 40, months: tiny ? 2 : 12, repeats: tiny ? 2 : 9)
    func median(_ values: [Double]) -> Int { values.isEmpty ? 0 : Int(values.sorted()[values.count / 2]) }
    let result: [String: Any] = [
        "benchmark": "schedule",
        "progress_lines": figures.lines,
        "report_rows": figures.reports,
        "plan_import_seconds": (figures.importSeconds * 100).rounded() / 100,
        "seed_seconds": Int(figures.seedSeconds),
        "snapshot_ms_median": median(figures.snapshotMilliseconds),
        "dashboard_ms_median": median(figures.dashboardMilliseconds),
        "dashboard_ms_all": figures.dashboardMilliseconds.map { Int($0) },
        "remind_dry_run_ms": Int(figures.remindDryRunMilliseconds),
        "progress_rows_query_ms": Int(figures.progressQueryMilliseconds),
        "overdue_lines": figures.overdueLines,
        "county_scale_progress_lines": county.lines,
        "county_scale_dashboard_ms_median": median(county.dashboardMilliseconds),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
case "portal":
    // Pages per second through the whole app (middleware, routing, database, rendering), with the demo's records.
    let pages = try await PortalBenchmark.run(requests: tiny ? 10 : 1_000, publications: true)
    var result: [String: Any] = ["benchmark": "portal"]
    for (path, rate) in pages { result["pages_per_second \(path)"] = Int(rate) }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
case "search":
    // gongkai-bench search [--docs N]: index time and first-page latency by query kind (SQLite, single-threaded).
    var docs = tiny ? 300 : 100_000
    if let i = arguments.firstIndex(of: "--docs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { docs = n }
    print(try await SearchBenchmark.report(documents: docs, queriesPerKind: tiny ? 6 : 60))
case "requests":
    // gongkai-bench requests [--applications N]: table 三 for the year over N applications (SQLite).
    var count = tiny ? 2_000 : 100_000
    if let i = arguments.firstIndex(of: "--applications"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { count = n }
    let figures = try await RequestBenchmark.run(applications: count, repeats: tiny ? 2 : 7)
    func median(_ values: [Double]) -> Int { values.isEmpty ? 0 : Int(values.sorted()[values.count / 2]) }
    let result: [String: Any] = [
        "benchmark": "requests",
        "applications": figures.applications,
        "seed_seconds": (figures.seedSeconds * 10).rounded() / 10,
        "table_three_cases_read": figures.casesRead,
        "table_three_ms_median": median(figures.tableThreeMilliseconds),
        "table_three_ms_all": figures.tableThreeMilliseconds.map { Int($0) },
        "table_three_balanced": figures.balanced,
        "workbook_ms": Int(figures.workbookMilliseconds),
        "office_overview_ms_median": median(figures.overviewMilliseconds),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
case "admin-lists":
    // gongkai-bench admin-lists [--records N]: the back office's long lists on a 100,000-record site and a 5,000-entry catalog.
    var records = tiny ? 600 : 100_000
    if let i = arguments.firstIndex(of: "--records"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { records = n }
    let run = try await AdminListBenchmark.run(records: records, entries: tiny ? 300 : 5_000, repeats: tiny ? 3 : 11)
    var result: [String: Any] = ["benchmark": "admin-lists", "records": records, "seed_seconds": Int(run.seedSeconds)]
    for figure in run.figures {
        result["ms_median \(figure.path)"] = (figure.milliseconds * 10).rounded() / 10
        result["bytes \(figure.path)"] = figure.bytes
    }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
default:
    FileHandle.standardError.write(Data("未知的基准测试“\(name)”。可用：foundation、deadlines、catalog-import、schedule、search、portal、requests、admin-lists\n".utf8))
    exit(2)
}
