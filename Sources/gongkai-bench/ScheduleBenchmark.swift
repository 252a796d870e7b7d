import GongkaiServer
import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import SQLKit
import Vapor

/// `gongkai-bench schedule`: a county with `units` departments, a plan of `items` items all of them must do
/// (`units × items` progress lines), and `months` monthly reports on every line, in SQLite. Times what the
/// dashboard does on each visit (read the plan and its progress, roll up, sort who is late) and a reminder
/// dry run over the same data.
public enum ScheduleBenchmark {
    public struct Figures: Sendable {
        public let lines: Int
        public let reports: Int
        public let importSeconds: Double
        public let seedSeconds: Double
        public let snapshotMilliseconds: [Double]
        public let dashboardMilliseconds: [Double]
        public let remindDryRunMilliseconds: Double
        /// Of the snapshot: reading the progress rows alone.
        public let progressQueryMilliseconds: Double
        public let overdueLines: Int
    }

    static func ms(_ start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    public static func run(units: Int, items: Int, months: Int, repeats: Int) async throws -> Figures {
        try await BenchmarkApp.withDemo { app in
            let db = app.db
            let now = Date()
            let site = SiteRecord(slug: "bench", name: "基准县", parentRegion: "基准市", isDemo: true, sortOrder: 9)
            try await site.create(on: db)
            let siteID = try site.requireID()
            let contact = OrgUnitContact(address: "", officeHours: "", phone: "", fax: "", email: "", postcode: "")
            try await db.transaction { tx in
                let root = OrgUnitRecord(siteID: siteID, parentID: nil,
                                         draft: OrgUnitDraft(name: "基准县人民政府", shortName: "县人民政府", kind: .countyGovernment, contact: contact),
                                         isExample: true, sortOrder: 0)
                try await root.create(on: tx)
                for i in 0..<units {
                    try await OrgUnitRecord(siteID: siteID, parentID: root.id,
                                            draft: OrgUnitDraft(name: "基准县第\(i + 1)局", shortName: "县第\(i + 1)局", kind: .department, contact: contact),
                                            isExample: true, sortOrder: i + 1).create(on: tx)
                }
            }
            // The plan: 12 tasks, deadlines spread over the year before and after today.
            let today = ChineseTime.today(now)
            var draft = WorkPlanDraft(title: "基准县工作任务分工及进度安排")
            for t in 0..<12 { draft.tasks.append(.init(number: t + 1, title: "工作任务\(t + 1)")) }
            for i in 0..<items {
                let due = today.adding(days: (i * 7919) % 540 - 360)
                draft.tasks[i % 12].items.append(.init(
                    number: i + 1, text: "具体事项\(i + 1)", parties: [.init(role: .responsible, text: "各部门")],
                    deadlineText: "\(due.year)年\(due.month)月\(due.day)日前", deadline: .date(due)))
            }
            // Numbers must rise through the table: renumber in task order.
            var n = 0
            for t in draft.tasks.indices { for k in draft.tasks[t].items.indices { n += 1; draft.tasks[t].items[k].number = n } }
            let importStart = ContinuousClock.now
            guard case .success(let outcome) = try await PlanImport.importPlan(.success(draft), siteID: siteID, sourceName: "bench",
                                                                                 actor: .system, now: now, on: db)
            else { throw Abort(.internalServerError, reason: "bench plan did not import") }
            let importSeconds = ms(importStart) / 1000

            // Progress: one current row per line and `months` reports each, written in batches.
            let seedStart = ContinuousClock.now
            let calendar = try await app.calendarService.calendar(on: db)
            guard let empty = try await PlanSnapshot.load(outcome.planID, today: today, calendar: calendar, on: db) else {
                throw Abort(.internalServerError)
            }
            let lines = empty.lines
            let reports = try await db.transaction { tx -> Int in
                let sqlTx = tx as! any SQLDatabase
                var written = 0
                for chunk in stride(from: 0, to: lines.count, by: 400) {
                    let slice = lines[chunk..<min(chunk + 400, lines.count)]
                    var progress: [SQLExpression] = []
                    var history: [SQLExpression] = []
                    for (offset, line) in slice.enumerated() {
                        let k = chunk + offset
                        let status = k % 10 < 3 ? "completed" : k % 10 < 7 ? "in-progress" : "not-started"
                        let percent = status == "completed" ? 100 : status == "in-progress" ? (k % 90) + 5 : 0
                        let id = UUID()
                        progress.append(SQLGroupExpression([
                            SQLBind(id), SQLBind(outcome.planID), SQLBind(line.itemID), SQLBind(line.unitID), SQLBind(line.key),
                            SQLBind(status), SQLBind(percent), SQLBind(k % 20 < 3 ? "accepted" : "pending"),
                            SQLBind(status == "completed" ? today.adding(days: -(k % 300)).description : nil as String?),
                            SQLBind("第\(k)条进度说明"), SQLBind(""), SQLBind(months + 1), SQLBind(now),
                        ]))
                        if status != "not-started" {
                            for m in 0..<months {
                                history.append(SQLGroupExpression([
                                    SQLBind(UUID()), SQLBind(id), SQLBind("report"), SQLBind(m == months - 1 ? status : "in-progress"),
                                    SQLBind(min(percent, (m + 1) * 100 / months)), SQLBind("第\(m + 1)月进展"), SQLBind("基准"), SQLBind("web"),
                                    SQLBind(now.addingTimeInterval(Double(m - months) * 30 * 86_400)),
                                ]))
                            }
                        }
                    }
                    try await sqlTx.raw("""
                        INSERT INTO plan_progress (id, plan_id, item_id, unit_id, line_key, status, percent, acceptance, completed_on, note, review_comment, lock_version, updated_at) VALUES \(SQLList(progress))
                        """).run()
                    for part in stride(from: 0, to: history.count, by: 2000) {
                        try await sqlTx.raw("""
                            INSERT INTO plan_reports (id, progress_id, kind, status, percent, note, user_label, via, at) VALUES \(SQLList(Array(history[part..<min(part + 2000, history.count)])))
                            """).run()
                    }
                    written += history.count
                }
                return written
            }
            let seedSeconds = ms(seedStart) / 1000

            var snapshotTimes: [Double] = [], dashboardTimes: [Double] = []
            var overdue = 0
            let admin = Staff(benchmarkAdmin: siteID, siteName: "基准县", siteSlug: "bench")
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                guard let s = try await PlanSnapshot.load(outcome.planID, today: today, calendar: calendar, withNotes: false, on: db) else { continue }
                snapshotTimes.append(ms(start))
                let model = ScheduleDashboard.model([s], staff: admin, acting: Acting(access: admin.actor, audit: .commandLine(siteID: siteID), via: .cli))
                _ = ScheduleDashboard.render(model).render()
                dashboardTimes.append(ms(start))
                overdue = s.rollup.overdue
            }
            let queryStart = ContinuousClock.now
            _ = try await PlanSnapshot.progressRows(outcome.planID, withNotes: false, on: db)
            let queryTime = ms(queryStart)
            let remindStart = ContinuousClock.now
            _ = try await PlanReminders.run(siteID: siteID, dryRun: true, calendar: calendar, now: now, on: db)
            let remindTime = ms(remindStart)
            return Figures(lines: lines.count, reports: reports, importSeconds: importSeconds, seedSeconds: seedSeconds,
                           snapshotMilliseconds: snapshotTimes, dashboardMilliseconds: dashboardTimes,
                           remindDryRunMilliseconds: remindTime, progressQueryMilliseconds: queryTime, overdueLines: overdue)
        }
    }
}
