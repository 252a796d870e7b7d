import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// The rollout schedule through the real app: the seeds' plans, reports, acceptance, events, the dashboard,
/// the API and the views.
@Suite("Rollout schedule")
struct ScheduleTests {
    static func plan(_ app: Application, slug: String) async throws -> PlanSnapshot {
        let site = try #require(try await SiteRecord.query(on: app.db).filter(\.$slug == slug).first())
        let plan = try #require(try await WorkPlanRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).first())
        let calendar = try await app.calendarService.calendar(on: app.db)
        return try #require(try await PlanSnapshot.load(plan.requireID(), today: ChineseTime.today(app.gongkai.now), calendar: calendar, on: app.db))
    }

    static func unitID(_ app: Application, _ name: String) async throws -> UUID {
        try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == name).first()).requireID()
    }

    @Test("both seed plans load with the demo: every task and item, units expanded, deadlines read")
    func seedPlans() async throws {
        try await TestApp.run { app, _ in
            let hukou = try await Self.plan(app, slug: "hukou")
            #expect(hukou.tasks.count == 12 && hukou.items.count == 28)
            #expect(hukou.items.map(\.number) == Array(1...28))
            let first = try #require(hukou.item(number: 1))
            #expect(first.text == "梳理规范基层政府权责清单")
            #expect(first.parties[.responsible] == ["县政府各部门和各乡（镇、场）"])
            #expect(first.due == CivilDate(year: 2020, month: 9, day: 30))
            // 各部门 and 各乡（镇、场） expand to the site's departments and townships.
            let shuangzhong = try await Self.unitID(app, "湖口县双钟镇人民政府")
            let minzheng = try await Self.unitID(app, "湖口县民政局")
            #expect(first.lines.contains { $0.unitID == shuangzhong } && first.lines.contains { $0.unitID == minzheng })
            let shizhong = try await Self.unitID(app, "双钟镇石钟村民委员会")
            #expect(!first.lines.contains { $0.unitID == shizhong }, "villages are not departments or townships")
            #expect(try #require(hukou.item(number: 4)).parties[.guiding]?.count == 19)
            #expect(try #require(hukou.item(number: 3)).parties[.guiding] == ["县政府办公室", "县电政办"])

            let wuding = try await Self.plan(app, slug: "wuding")
            #expect(wuding.tasks.count == 9 && wuding.items.count == 16)
            let one = try #require(wuding.item(number: 1))
            #expect(one.groups.count == 18)
            #expect(one.groups.first { $0.name == "社会救助、养老服务" }?.guides == ["县民政局"])
            #expect(one.parties[.supervising] == ["县人民政府"])
            let three = try #require(wuding.item(number: 3))
            #expect(three.due == nil && three.deadline == .afterEvent(event: "国务院部门其他领域标准指引出台", .months(2)))
            #expect(try #require(wuding.item(number: 4)).afterItemNumber == 3)
            #expect(wuding.events.map(\.name) == ["国务院部门其他领域标准指引出台"])
            // (12): 主体 各村（居）民委员会 — the villages report.
            let village = try await Self.unitID(app, "狮山镇香水村民委员会")
            #expect(try #require(wuding.item(number: 12)).lines.contains { $0.unitID == village })

            // Loading the demo again changes nothing.
            _ = try await DemoLoader.load(app: app, on: app.db)
            #expect(try await WorkPlanRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("relative deadlines resolve when the event is recorded and when the item before is completed")
    func relativeDeadlines() async throws {
        try await TestApp.run { app, clock in
            let admin = Browser(app)
            _ = try await admin.login("wuding-admin")
            var plan = try await Self.plan(app, slug: "wuding")
            _ = try await admin.get(SiteURL.adminPlanEvents(plan.planID).path)
            let future = try await admin.post(SiteURL.adminPlanEvents(plan.planID).path, [("event", "国务院部门其他领域标准指引出台"), ("date", "2030-01-01")])
            #expect(future.status == .unprocessableEntity && future.text.contains("不能晚于今天"))
            let saved = try await admin.post(SiteURL.adminPlanEvents(plan.planID).path, [("event", "国务院部门其他领域标准指引出台"), ("date", "2026-08-15")])
            #expect(saved.status == .seeOther)
            plan = try await Self.plan(app, slug: "wuding")
            #expect(plan.item(number: 3)?.due == CivilDate(year: 2026, month: 10, day: 15))
            #expect(plan.item(number: 4)?.due == nil)

            // Every line of (3) completed → (4) is due one month after the last completion.
            let three = try #require(plan.item(number: 3))
            for line in three.lines {
                let result = try await PlanProgress.report(.init(status: .completed, percent: nil, note: "已编制"), line: line, expected: line.lockVersion,
                                                           evidence: [], snapshot: plan, actor: .commandLine(), via: "cli", now: clock.now, on: app.db)
                #expect((try? result.get()) != nil)
            }
            plan = try await Self.plan(app, slug: "wuding")
            let today = ChineseTime.today(clock.now)
            #expect(plan.item(number: 4)?.due == today.adding(months: 1))
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.event").all()
            #expect(audit.count == 1 && audit[0].summary.contains("2026-08-15"))
        }
    }

    @Test("a township reports only for itself; history is kept; a stale report is refused")
    func reporting() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "hukou")
            let shuangzhong = try await Self.unitID(app, "湖口县双钟镇人民政府")
            let junqiao = try await Self.unitID(app, "湖口县均桥镇人民政府")
            let item = try #require(plan.item(number: 1))
            let own = try #require(item.lines.first { $0.unitID == shuangzhong })
            let other = try #require(item.lines.first { $0.unitID == junqiao })
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let path = SiteURL.adminPlanItemReport(plan.planID, number: 1).path
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            #expect(editor.lastBody.contains("报告进度：湖口县双钟镇人民政府"))
            #expect(!editor.lastBody.contains("报告进度：湖口县均桥镇人民政府"))
            let forbidden = try await editor.post(path, [("line", other.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "10")])
            #expect(forbidden.status == .forbidden)

            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            let bad = try await editor.post(path, [("line", own.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "abc")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("完成比例应为0到100之间的整数（读到：“abc”）"))
            let ok = try await editor.post(path, [("line", own.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "40"),
                                                  ("note", "已梳理权责清单初稿")])
            #expect(ok.status == .seeOther)
            // The same form again: the line moved on, so it is stale.
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            let stale = try await editor.post(path, [("line", own.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "60")])
            #expect(stale.status == .conflict && stale.text.contains("已被他人更新"))
            let second = try await editor.post(path, [("line", own.key), ("lock_version", "1"), ("status", "completed"), ("note", "权责清单已公布")])
            #expect(second.status == .seeOther)

            let page = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            #expect(page.text.contains("已梳理权责清单初稿") && page.text.contains("权责清单已公布"))
            let reports = try await PlanReportRecord.query(on: app.db).all()
            #expect(reports.count == 2)
            let after = try await Self.plan(app, slug: "hukou")
            let line = try #require(after.item(number: 1)?.lines.first { $0.unitID == shuangzhong })
            #expect(line.status == .completed && line.state.acceptance == .pending)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.report").count() == 2)
        }
    }

    @Test("evidence: a file checked by its content and downloaded with its name, a link to the unit's published catalog")
    func evidence() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "hukou")
            let shuangzhong = try await Self.unitID(app, "湖口县双钟镇人民政府")
            let line = try #require(plan.item(number: 4)?.lines.first { $0.unitID == shuangzhong })
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let page = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 4).path)
            // 双钟镇's published township catalog is offered as evidence for (4) 编制26个领域政务公开事项目录.
            let option = try #require(page.text.range(of: #"<option value="(/admin/catalogs/[^"]+)">已发布的标准目录"#, options: .regularExpression))
            let href = String(page.text[option].dropFirst(#"<option value=""#.count).prefix { $0 != "\"" })
            let report = SiteURL.adminPlanItemReport(plan.planID, number: 4).path
            let fields = [("line", line.key), ("lock_version", "0"), ("status", "completed"), ("note", ""), ("link", href)]
            let text = try await editor.upload(report, fields, file: ("file", "说明.pdf", Data("not a pdf".utf8), "application/pdf"))
            #expect(text.status == .unprocessableEntity && text.text.contains("的内容不是PDF"))
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 4).path)
            let pdf = Data("%PDF-1.4\n%目录发布截图\n".utf8)
            let ok = try await editor.upload(report, fields, file: ("file", "双钟镇目录发布情况.pdf", pdf, "application/pdf"))
            #expect(ok.status == .seeOther)

            let guide = Browser(app)
            _ = try await guide.login("hukou-minzheng")
            let review = try await guide.get(SiteURL.adminPlanItem(plan.planID, number: 4).path)
            #expect(review.text.contains("待我验收（1）") && review.text.contains("佐证材料：") && review.text.contains("双钟镇目录发布情况.pdf"))
            let evidence = try #require(try await PlanEvidenceRecord.query(on: app.db).filter(\.$kind == "file").first())
            let download = try await guide.get(SiteURL.adminPlanEvidence(plan.planID, evidence: evidence.requireID()).path)
            #expect(download.status == .ok && Data(buffer: download.body) == pdf)
            #expect(download.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
            #expect(download.headers.contentType?.description.contains("application/pdf") == true)
            #expect(try await PlanEvidenceRecord.query(on: app.db).filter(\.$kind == "link").first()?.href == href)
            // Another county cannot fetch it.
            let other = Browser(app)
            _ = try await other.login("wuding-admin")
            #expect(try await other.get(SiteURL.adminPlanEvidence(plan.planID, evidence: evidence.requireID()).path).status == .notFound)
        }
    }

    @Test("the county office reports for a village committee that has no account")
    func reportOnBehalf() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "wuding")
            let village = try await Self.unitID(app, "狮山镇香水村民委员会")
            let line = try #require(plan.item(number: 12)?.lines.first { $0.unitID == village })
            let admin = Browser(app)
            _ = try await admin.login("wuding-admin")
            let page = try await admin.get(SiteURL.adminPlanItem(plan.planID, number: 12).path + "?unit=\(village.uuidString)")
            #expect(page.text.contains("报告进度：狮山镇香水村民委员会"))
            let r = try await admin.post(SiteURL.adminPlanItemReport(plan.planID, number: 12).path,
                                         [("line", line.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "50"), ("note", "村务公开制度已起草（代报）")])
            #expect(r.status == .seeOther && r.headers.first(name: .location)?.contains("unit=\(village.uuidString)") == true)
            let history = try await admin.get(SiteURL.adminPlanItem(plan.planID, number: 12).path)
            #expect(history.text.contains("狮山镇香水村民委员会") && history.text.contains("武定县公开办（示例）（wuding-admin）"))
            // A township editor cannot do the same for its village.
            let editor = Browser(app)
            _ = try await editor.login("wuding-shishan-editor")
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 12).path)
            #expect(try await editor.post(SiteURL.adminPlanItemReport(plan.planID, number: 12).path,
                                          [("line", line.key), ("lock_version", "1"), ("status", "completed"), ("note", "x")]).status == .forbidden)
        }
    }

    @Test("a guide accepts only in its domains, returns need a comment, the township is notified")
    func acceptance() async throws {
        try await TestApp.run { app, clock in
            var plan = try await Self.plan(app, slug: "wuding")
            let shishan = try await Self.unitID(app, "武定县狮山镇人民政府")
            let one = try #require(plan.item(number: 1))
            let welfare = try #require(one.lines.first { $0.unitID == shishan && $0.groupName == "社会救助、养老服务" })
            let education = try #require(one.lines.first { $0.unitID == shishan && $0.groupName == "义务教育" })
            let editor = Browser(app)
            _ = try await editor.login("wuding-shishan-editor")
            for line in [welfare, education] {
                _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
                let r = try await editor.post(SiteURL.adminPlanItemReport(plan.planID, number: 1).path,
                                              [("line", line.key), ("lock_version", "0"), ("status", "completed"), ("note", "目录已发布")])
                #expect(r.status == .seeOther)
            }
            plan = try await Self.plan(app, slug: "wuding")
            let lines = try #require(plan.item(number: 1)).lines
            let w = try #require(lines.first { $0.key == welfare.key }), e = try #require(lines.first { $0.key == education.key })

            let guide = Browser(app)
            _ = try await guide.login("wuding-minzheng")
            let page = try await guide.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            #expect(page.text.contains("待我验收（1）"))
            let review = SiteURL.adminPlanItemReview(plan.planID, number: 1).path
            let notMine = try await guide.post(review, [("line", e.key), ("lock_version", "\(e.lockVersion)"), ("decision", "accept")])
            #expect(notMine.status == .forbidden)
            _ = try await guide.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            let noComment = try await guide.post(review, [("line", w.key), ("lock_version", "\(w.lockVersion)"), ("decision", "return"), ("comment", " ")])
            #expect(noComment.status == .unprocessableEntity && noComment.text.contains("退回时请写明意见"))
            let returned = try await guide.post(review, [("line", w.key), ("lock_version", "\(w.lockVersion)"), ("decision", "return"),
                                                         ("comment", "请补充特困人员供养事项")])
            #expect(returned.status == .seeOther)

            let inbox = try await editor.get(SiteURL.adminNotifications.path)
            #expect(inbox.text.contains("工作任务被退回") && inbox.text.contains("请补充特困人员供养事项"))
            #expect(inbox.text.contains("通知（1）"))
            _ = try await editor.post(SiteURL.adminNotificationsRead.path, [])
            #expect(try await editor.get(SiteURL.adminNotifications.path).text.contains("通知（1）") == false)

            // Reported again and accepted: final.
            plan = try await Self.plan(app, slug: "wuding")
            let back = try #require(plan.item(number: 1)?.lines.first { $0.key == welfare.key })
            #expect(back.status == .overdue, "a returned completion is not done, and the deadline has passed")
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            _ = try await editor.post(SiteURL.adminPlanItemReport(plan.planID, number: 1).path,
                                      [("line", back.key), ("lock_version", "\(back.lockVersion)"), ("status", "completed"), ("note", "已补充")])
            plan = try await Self.plan(app, slug: "wuding")
            let again = try #require(plan.item(number: 1)?.lines.first { $0.key == welfare.key })
            _ = try await guide.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            #expect(try await guide.post(review, [("line", again.key), ("lock_version", "\(again.lockVersion)"), ("decision", "accept")]).status == .seeOther)
            plan = try await Self.plan(app, slug: "wuding")
            let accepted = try #require(plan.item(number: 1)?.lines.first { $0.key == welfare.key })
            #expect(accepted.state.acceptance == .accepted && accepted.status == .completed)
            _ = clock
        }
    }

    @Test("dashboards: the office sees overdue by unit and task, a unit its own items, a guide what waits for it")
    func dashboards() async throws {
        try await TestApp.run { app, _ in
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let page = try await admin.get(SiteURL.admin.path)
            #expect(page.text.contains("工作任务进度") && page.text.contains("按单位（逾期和即将到期）") && page.text.contains("按工作任务"))
            #expect(page.text.contains("逾期未启动") && page.text.contains("湖口县双钟镇人民政府"))
            #expect(page.text.contains("560项已逾期"))
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let mine = try await editor.get(SiteURL.admin.path)
            #expect(mine.text.contains("本单位未完成的事项（28）"))
            #expect(mine.text.contains("本单位在“湖口县基层政务公开标准化规范化工作任务分工及进度安排”中有28个事项已逾期"))
            let township = Browser(app)
            _ = try await township.login("wuding-shishan-editor")
            let wuding = try await township.get(SiteURL.admin.path)
            // 武定县: 16 items, (1) in 18 domain groups — one row, the groups listed.
            #expect(wuding.text.contains("本单位未完成的事项（14）") && wuding.text.contains("18个领域未完成："), "16 items less (12) and (13), which are the villages'")
            #expect(!mine.text.contains("按单位（逾期和即将到期）"))
        }
    }

    @Test("a plan imported by mistake is withdrawn with a reason: gone from lists and reminders, kept for reading")
    func withdraw() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "hukou")
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get(SiteURL.adminPlan(plan.planID).path)
            let noReason = try await admin.post(SiteURL.adminPlanArchive(plan.planID).path, [("reason", " ")])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("请写明撤销原因"))
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            _ = try await editor.get(SiteURL.adminPlan(plan.planID).path)
            #expect(try await editor.post(SiteURL.adminPlanArchive(plan.planID).path, [("reason", "x")]).status == .forbidden)
            let done = try await admin.post(SiteURL.adminPlanArchive(plan.planID).path, [("reason", "导入了错误的文件")])
            #expect(done.status == .seeOther)
            #expect(try await admin.get(SiteURL.adminPlans.path).text.contains("已撤销的方案"))
            #expect(!(try await admin.get(SiteURL.admin.path).text.contains("按工作任务")))
            let page = try await admin.get(SiteURL.adminPlan(plan.planID).path)
            #expect(page.status == .ok && page.text.contains("撤销：导入了错误的文件"))
            let line = try #require(plan.item(number: 1)?.lines.first)
            _ = try await editor.get(SiteURL.adminPlanItem(plan.planID, number: 1).path)
            let refused = try await editor.post(SiteURL.adminPlanItemReport(plan.planID, number: 1).path,
                                                [("line", line.key), ("lock_version", "0"), ("status", "in-progress"), ("percent", "10")])
            #expect(refused.status == .conflict)
            #expect(try await WorkPlanRecord.query(on: app.db).count() == 2, "nothing is deleted")
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.archive").count() == 1)
        }
    }

    @Test("views: the live table, the timeline as SVG, the matrix, and the export read back as a plan")
    func views() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "wuding")
            let user = Browser(app)
            _ = try await user.login("wuding-shishan-editor")
            let table = try await user.get(SiteURL.adminPlan(plan.planID).path)
            #expect(table.status == .ok && table.text.contains("(16)纳入政府绩效考核体系，加大监督检查力度。"))
            #expect(table.text.contains("国务院部门其他领域标准指引出台2个月内"))
            let timeline = try await user.get(SiteURL.adminPlanTimeline(plan.planID).path)
            #expect(timeline.text.contains("<svg") && timeline.text.contains("今天 ") && timeline.text.contains("到期日未定的事项"))
            let matrix = try await user.get(SiteURL.adminPlanMatrix(plan.planID).path)
            #expect(matrix.text.contains("狮山镇") && matrix.text.contains("st-overdue-not-started"))
            let export = try await user.get(SiteURL.adminPlanExport(plan.planID).path)
            #expect(export.status == .ok)
            let data = Data(buffer: export.body)
            let back = try WorkPlanFile.read(data, fileName: "export.xlsx").get()
            #expect(back.items.count == 16 && back.tasks.count == 9)
            #expect(back.items[0].groups.count == 18 && back.items[0].groups[3].parties.map(\.text) == ["县民政局"])
            #expect(back.items[2].deadline == plan.item(number: 3)?.deadline)
            // Another county's plan is not there.
            let hukou = try await Self.plan(app, slug: "hukou")
            #expect(try await user.get(SiteURL.adminPlan(hukou.planID).path).status == .notFound)
        }
    }

    @Test("import from the web: a broken file is refused with rows and columns and stores nothing; a Word file imports")
    func webImport() async throws {
        try await TestApp.run { app, _ in
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/plans")
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get(SiteURL.adminPlans.path)
            let broken = try await admin.upload(SiteURL.adminPlanImport.path, [],
                                                file: ("file", "方案.xlsx", try Data(contentsOf: fixtures.appendingPathComponent("hukou-plan-broken.xlsx")), "application/octet-stream"))
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("第5行 F列（完成时间）：读不懂完成时间"))
            #expect(broken.text.contains("第6行 C列（具体事项）：具体事项应以序号开头"))
            #expect(broken.text.contains("本站点没有单位“县发改局”"))
            #expect(try await WorkPlanRecord.query(on: app.db).count() == 2)

            _ = try await admin.get(SiteURL.adminPlans.path)
            let docx = try Data(contentsOf: fixtures.appendingPathComponent("hukou-plan.docx"))
            let dry = try await admin.upload(SiteURL.adminPlanImport.path, [("dry_run", "1")], file: ("file", "湖口方案.docx", docx, "application/octet-stream"))
            #expect(dry.status == .ok && dry.text.contains("检查通过") && dry.text.contains("12项工作任务，28个具体事项"))
            #expect(try await WorkPlanRecord.query(on: app.db).count() == 2)
            _ = try await admin.get(SiteURL.adminPlans.path)
            let imported = try await admin.upload(SiteURL.adminPlanImport.path, [], file: ("file", "湖口方案.docx", docx, "application/octet-stream"))
            #expect(imported.status == .seeOther)
            #expect(try await WorkPlanRecord.query(on: app.db).count() == 3)

            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            _ = try await editor.get(SiteURL.adminPlans.path)
            #expect(try await editor.upload(SiteURL.adminPlanImport.path, [], file: ("file", "x.docx", docx, "application/octet-stream")).status == .forbidden)
        }
    }

    @Test("API: read plans with live progress, report from a unit's own system, and only for that unit")
    func api() async throws {
        try await TestApp.run { app, _ in
            let plan = try await Self.plan(app, slug: "wuding")
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "wuding-shishan-editor").first())
            let token = try await StaffAccounts.createToken(for: user, label: "乡镇系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            let auth: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            #expect(try await app.testing().sendRequest(.GET, SiteURL.apiPlans.path).status == .unauthorized)
            let list = try await app.testing().sendRequest(.GET, SiteURL.apiPlans.path, headers: auth)
            #expect(list.status == .ok && list.text.contains("\"total\":1"))
            let detail = try await app.testing().sendRequest(.GET, SiteURL.apiPlan(plan.planID).path, headers: auth)
            let json = try detail.jsonObject()
            let tasks = try #require(json["tasks"] as? [[String: Any]])
            #expect(tasks.count == 9)
            let items = try #require(tasks[0]["items"] as? [[String: Any]])
            #expect(items[0]["number"] as? Int == 1)
            let deadline = try #require(items[0]["deadline"] as? [String: Any])
            #expect(deadline["date"] as? String == "2020-09-30" && deadline["kind"] as? String == "date")
            let three = try #require((tasks[1]["items"] as? [[String: Any]])?.first)
            #expect((three["deadline"] as? [String: Any])?["kind"] as? String == "after-event")

            let shishan = try await Self.unitID(app, "武定县狮山镇人民政府")
            let mine = try await app.testing().sendRequest(.GET, SiteURL.apiPlan(plan.planID).path + "?unit=\(shishan.uuidString)", headers: auth)
            let mineItems = try #require(((try mine.jsonObject()["tasks"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]))
            #expect((mineItems[0]["lines"] as? [[String: Any]])?.count == 18, "狮山镇's 18 domain groups of (1)")
            let summary = try await app.testing().sendRequest(.GET, SiteURL.apiPlan(plan.planID).path + "?lines=none", headers: auth)
            #expect(!summary.text.contains("\"unitID\""))

            let path = SiteURL.apiPlanReports(plan.planID, item: 5).path
            let created = try await app.testing().sendRequest(.POST, path, headers: auth,
                                                              body: ByteBuffer(string: #"{"status":"in-progress","percent":30,"note":"制度草案已起草"}"#))
            #expect(created.status == .created && created.text.contains("\"lockVersion\":1"))
            // The plan's lines carry the lock version to send back (issue 18, item 2): read, then report on it.
            let reread = try await app.testing().sendRequest(.GET, SiteURL.apiPlan(plan.planID).path + "?unit=\(shishan.uuidString)", headers: auth)
            let five = try #require((try reread.jsonObject()["tasks"] as? [[String: Any]])?.flatMap { $0["items"] as? [[String: Any]] ?? [] }
                .first { $0["number"] as? Int == 5 })
            let fiveLine = try #require((five["lines"] as? [[String: Any]])?.first)
            #expect(fiveLine["lockVersion"] as? Int == 1)
            let again = try await app.testing().sendRequest(.POST, path, headers: auth,
                                                            body: ByteBuffer(string: #"{"status":"in-progress","percent":60,"lockVersion":1}"#))
            #expect(again.status == .created && again.text.contains("\"lockVersion\":2"))
            let needsGroup = try await app.testing().sendRequest(.POST, SiteURL.apiPlanReports(plan.planID, item: 1).path, headers: auth,
                                                                 body: ByteBuffer(string: #"{"status":"in-progress","percent":30}"#))
            #expect(needsGroup.status == .unprocessableEntity && needsGroup.text.contains("请用 group 指定领域")
                    && needsGroup.text.contains("group_required"))
            let other = try await Self.unitID(app, "武定县插甸镇人民政府")
            let forbidden = try await app.testing().sendRequest(.POST, path, headers: auth,
                                                                body: ByteBuffer(string: #"{"status":"in-progress","percent":30,"unitID":"\#(other.uuidString)"}"#))
            #expect(forbidden.status == .forbidden)
            let invalid = try await app.testing().sendRequest(.POST, path, headers: auth,
                                                              body: ByteBuffer(string: #"{"status":"in-progress","percent":130}"#))
            #expect(invalid.status == .unprocessableEntity && invalid.text.contains("0%到99%"))
            let history = try await PlanReportRecord.query(on: app.db).all()
            #expect(history.count == 2 && history.allSatisfy { $0.via == "api" })
        }
    }
}
