import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// What makes the demo's plans add up (issue 18, item 5): the seeds' 2020–2022 plans as the history they are —
/// most lines reported complete before or near their deadline and accepted by the guiding unit, a few late, a few
/// never done — and a current plan with items due around today, some done with links to the units' published
/// records, some in progress, some overdue. Loaded after the demo records (the links point at them), once.
enum DemoPlanHistory {
    static func load(app: Application) async throws {
        let now = app.gongkai.now
        let today = ChineseTime.today(now)
        let calendar = try await app.calendarService.calendar(on: app.db)
        for county in DemoCounties.all {
            guard let site = try await SiteRecord.query(on: app.db).filter(\.$slug == county.slug).first(), site.isDemo else { continue }
            let siteID = try site.requireID()
            let currentTitle = "\(county.name)\(today.year)—\(today.year + 1)年度政务公开重点工作任务分工及进度安排"
            if try await WorkPlanRecord.query(on: app.db).filter(\.$site.$id == siteID).filter(\.$title == currentTitle).count() == 0 {
                let table = currentPlan(county, title: currentTitle, today: today)
                if case .failure(let failure) = try await PlanImport.importPlan(
                    WorkPlanFile.read(Data(table.utf8), fileName: "\(currentTitle).csv"), siteID: siteID,
                    sourceName: "县政府办公室印发（示例）", actor: .system, now: now, on: app.db) {
                    throw CommandFailure("示例年度工作方案无法加载（\(county.name)）：\n\(failure)")
                }
            }
            for plan in try await WorkPlanRecord.query(on: app.db).filter(\.$site.$id == siteID).all() {
                let planID = try plan.requireID()
                guard try await PlanProgressRecord.query(on: app.db).filter(\.$planID == planID).count() == 0,
                      let snapshot = try await PlanSnapshot.load(planID, today: today, calendar: calendar, on: app.db) else { continue }
                let evidence = try await records(siteID: siteID, on: app.db)
                try await write(snapshot, current: plan.title == currentTitle, today: today, evidence: evidence, now: now, on: app.db)
            }
        }
    }

    /// The current plan as the office would issue it: deadlines from two months ago to the 年报's 1月31日.
    static func currentPlan(_ county: DemoCounties.County, title: String, today: CivilDate) -> String {
        func monthEnd(_ offset: Int) -> String {
            let month = (today.year * 12 + today.month - 1) + offset
            return "\(month / 12)年\(month % 12 + 1)月底前"
        }
        let n = county.name
        let office = "\(n)人民政府办公室"
        let civil = "\(n)民政局"
        let market = "\(n)市场监督管理局"
        let towns = DemoLoader.flatten(county.root, parent: nil).map(\.spec).filter { $0.kind == .township }.map(\.name).joined(separator: "、")
        let departments = DemoLoader.flatten(county.root, parent: nil).map(\.spec).filter { $0.kind == .department }.prefix(6).map(\.name).joined(separator: "、")
        let rows: [[String]] = [
            ["1", "更新标准目录", "（1）更新社会救助领域政务公开事项标准目录", civil, office, monthEnd(-2)],
            ["", "", "（2）更新食品药品监管领域政务公开事项标准目录", market, office, monthEnd(-2)],
            ["2", "做好重点领域信息公开", "（3）公开本年度城乡低保标准调整文件及政策解读", civil, office, monthEnd(-1)],
            ["", "", "（4）公开上一季度食品安全监督抽检信息", market, office, monthEnd(0)],
            ["3", "推进基层公开专区建设", "（5）在便民服务中心设立政务公开专区", towns, office, monthEnd(0)],
            ["", "", "（6）完善村（居）务公开目录并在公开栏公示", towns, civil, monthEnd(-1)],
            ["4", "编制政府信息公开工作年度报告", "（7）编制并公开本单位政府信息公开工作年度报告", departments, office, "\(today.year + 1)年1月31日前"],
            ["5", "完善公众参与", "（8）公布本年度重大行政决策事项目录", office, office, monthEnd(1)],
        ]
        let header = "\(title.replacingOccurrences(of: "任务分工及进度安排", with: ""))\n任务分工及进度安排\n序号,工作任务,具体事项,主体单位,指导单位,完成时间\n"
        return header + rows.map { $0.map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Each unit's newest published records, to link from a completed line.
    static func records(siteID: UUID, on db: any Database) async throws -> [UUID: [(title: String, href: String)]] {
        let live = try await PublicationRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$liveVersionID != nil)
            .filter(\.$withdrawnAt == nil).sort(\.$lastPublishedAt, .descending).limit(2000).all()
        return Dictionary(grouping: live, by: { $0.$unit.id }).mapValues { list in
            list.prefix(10).map { (title: "已发布的信息：\($0.title)", href: SiteURL.adminPublication($0.id!).path) }
        }
    }

    /// A deterministic fate per line: most done on time, some late, a few never done; on the current plan what
    /// is not yet due is partly done and partly under way. One transaction per plan, one audit event.
    static func write(_ s: PlanSnapshot, current: Bool, today: CivilDate, evidence: [UUID: [(title: String, href: String)]],
                      now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            var done = 0, late = 0, open = 0
            for (index, line) in s.lines.enumerated() {
                guard let item = s.items.first(where: { $0.id == line.itemID }) else { continue }
                let roll = (index * 37 + item.number * 11) % 100
                let due = item.due ?? today.adding(days: 30)
                var reported: (ReportedStatus, Int, CivilDate)?
                var accepted: CivilDate?
                if current && due > today {
                    // Not yet due: a third done and accepted, a third under way, the rest not started.
                    switch roll % 3 {
                    case 0: reported = (.completed, 100, today.adding(days: -(1 + roll % 9))); accepted = today.adding(days: -(roll % 2))
                    case 1: reported = (.inProgress, 30 + roll % 5 * 10, today.adding(days: -(2 + roll % 12)))
                    default: break
                    }
                } else if roll < 72 {
                    reported = (.completed, 100, min(due.adding(days: -(roll % 15)), today))
                    accepted = min(due.adding(days: 2 + roll % 5), today)
                } else if roll < 82 {
                    reported = (.completed, 100, min(due.adding(days: 5 + roll % 35), today))
                    accepted = min(due.adding(days: 10 + roll % 35), today)
                    late += 1
                } else if roll < 92 {
                    reported = (.inProgress, 40 + roll % 5 * 10, min(due.adding(days: -(10 + roll % 20)), today))
                }
                guard let (status, percent, on) = reported else { open += 1; continue }
                if status == .completed { done += 1 } else { open += 1 }
                let row = PlanProgressRecord()
                row.planID = s.planID
                row.$item.id = line.itemID
                row.groupID = line.groupID
                row.$unit.id = line.unitID
                row.lineKey = line.key
                row.state = ProgressState(reported: status, percent: percent, acceptance: accepted == nil ? .pending : .accepted,
                                          completedOn: status == .completed ? on : nil)
                row.note = status == .completed ? "已按要求完成（示例）。" : "正在推进（示例）。"
                row.reviewComment = ""
                row.lockVersion = accepted == nil ? 1 : 2
                row.updatedAt = at(accepted ?? on)
                try await row.create(on: tx)
                let report = PlanReportRecord()
                report.$progress.id = try row.requireID()
                report.kind = "report"
                report.status = status.rawValue
                report.percent = percent
                report.note = row.note
                report.userLabel = "\(s.unitName(line.unitID))（示例）"
                report.via = "web"
                report.at = at(on)
                try await report.create(on: tx)
                if current, status == .completed, let link = evidence[line.unitID]?.first {
                    let piece = PlanEvidenceRecord()
                    piece.$report.id = try report.requireID()
                    piece.kind = "link"
                    piece.title = link.title
                    piece.href = link.href
                    try await piece.create(on: tx)
                }
                if let accepted {
                    let review = PlanReportRecord()
                    review.$progress.id = try row.requireID()
                    review.kind = "accept"
                    review.status = status.rawValue
                    review.percent = percent
                    review.note = ""
                    review.userLabel = "指导单位（示例）"
                    review.via = "web"
                    review.at = at(accepted)
                    try await review.create(on: tx)
                }
            }
            try await AuditLog.record(on: tx, actor: .system, siteID: s.siteID, action: "demo.load",
                                      target: .init(type: "plan", id: s.planID.uuidString, label: s.title),
                                      summary: "加载示例工作进度：\(done)项已完成（其中\(late)项逾期完成），\(open)项未完成", at: now)
        }
    }

    /// Ten in the morning, China time, of a day.
    static func at(_ day: CivilDate) -> Date { (ChineseTime.parseDay(day.description) ?? Date()).addingTimeInterval(36_000) }
}
