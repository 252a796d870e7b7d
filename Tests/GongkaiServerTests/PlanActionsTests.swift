import Fluent
import Foundation
import GongkaiCore
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// Who may report and accept, run through `PlanActions` (the code every front end calls), on a real database.
@Suite("Plan actions: report and accept, role × own/other unit")
struct PlanActionsTests {
    static func acting(_ app: Application, _ name: String) async throws -> Acting {
        let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == name).first())
        let staff = try await Staff.load(user: user, csrfToken: nil, sessionID: nil, on: app.db)
        return Acting(access: staff.actor, audit: AuditActor(userID: staff.userID, label: staff.displayName, siteID: staff.siteID, clientAddress: ""),
                      via: .cli)
    }

    static func outcome(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "ok"
        } catch let error as ActionError {
            switch error {
            case .forbidden: return "forbidden"
            case .notFound: return "notFound"
            case .conflict, .conflictWithFields: return "conflict"
            case .invalid, .fileRefused: return "invalid"
            }
        } catch {
            return "error: \(error)"
        }
    }

    @Test("湖口 item (4): a unit reports its own line only; no unit accepts its own; only the line's guiding units accept")
    func matrix() async throws {
        try await TestApp.run { app, clock in
            let minzheng = try await ScheduleTests.unitID(app, "湖口县民政局")
            let shuangzhong = try await ScheduleTests.unitID(app, "湖口县双钟镇人民政府")
            var plan = try await ScheduleTests.plan(app, slug: "hukou")
            let item = try #require(plan.item(number: 4))
            let own = try #require(item.lines.first { $0.unitID == minzheng })
            let other = try #require(item.lines.first { $0.unitID == shuangzhong })
            #expect(own.guides.contains(minzheng), "县民政局 is one of (4)'s guiding units")
            let files = StoredFiles(directory: app.gongkai.config.dataDirectory + "/files")
            let reportsBefore = try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.report").count()
            let acceptsBefore = try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.accept").count()

            // Reporting: expected answers written out, line by line.
            let reports: [(String, PlanSnapshot.Line, String)] = [
                ("hukou-admin", own, "ok"), ("hukou-admin", other, "ok"),
                ("hukou-shuangzhong-editor", own, "forbidden"), ("hukou-shuangzhong-editor", other, "ok"),
                ("hukou-shuangzhong-reviewer", own, "forbidden"), ("hukou-shuangzhong-reviewer", other, "ok"),
                ("hukou-minzheng", own, "ok"), ("hukou-minzheng", other, "forbidden"),
                ("wuding-minzheng", own, "notFound"), ("wuding-admin", other, "notFound"),
            ]
            for (name, line, expected) in reports {
                plan = try await ScheduleTests.plan(app, slug: "hukou")
                let acting = try await Self.acting(app, name)
                let got = await Self.outcome {
                    _ = try await PlanActions.report(.init(itemNumber: 4, line: .key(line.key), status: "completed", note: "目录已发布"),
                                                     in: plan, by: acting, at: clock.now, files: files, on: app.db)
                }
                #expect(got == expected, "\(name) reports \(plan.unitName(line.unitID))")
            }

            // Accepting both completed lines.
            let reviews: [(String, PlanSnapshot.Line, String)] = [
                ("hukou-minzheng", own, "forbidden"),                 // its own report: never
                ("hukou-admin", own, "forbidden"),                    // guides are named: the office does not override them
                ("hukou-shuangzhong-reviewer", own, "forbidden"),     // not a guiding unit of (4)
                ("hukou-shuangzhong-reviewer", other, "forbidden"),   // its own line
                ("hukou-shuangzhong-editor", other, "forbidden"),
                ("hukou-admin", other, "forbidden"),
                ("wuding-minzheng", other, "notFound"),               // another county
                ("hukou-minzheng", other, "ok"),                      // a named guide of 双钟镇's line
            ]
            for (name, line, expected) in reviews {
                plan = try await ScheduleTests.plan(app, slug: "hukou")
                let acting = try await Self.acting(app, name)
                let got = await Self.outcome {
                    _ = try await PlanActions.review(.init(itemNumber: 4, lineKey: line.key, decision: "accept"),
                                                     in: plan, by: acting, at: clock.now, on: app.db)
                }
                #expect(got == expected, "\(name) accepts \(plan.unitName(line.unitID))")
            }
            plan = try await ScheduleTests.plan(app, slug: "hukou")
            let after = try #require(plan.item(number: 4))
            #expect(after.lines.first { $0.key == own.key }?.state.acceptance == .pending)
            #expect(after.lines.first { $0.key == other.key }?.state.acceptance == .accepted)
            // Every write left its audit event; refusals left none.
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.report").count() == reportsBefore + 5)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "plan.accept").count() == acceptsBefore + 1)
        }
    }

    @Test("the page refuses 县民政局 accepting its own report, with the reason; it is not offered either")
    func selfAcceptanceOnThePage() async throws {
        try await TestApp.run { app, _ in
            let minzheng = try await ScheduleTests.unitID(app, "湖口县民政局")
            var plan = try await ScheduleTests.plan(app, slug: "hukou")
            let line = try #require(plan.item(number: 4)?.lines.first { $0.unitID == minzheng })
            let browser = Browser(app)
            _ = try await browser.login("hukou-minzheng")
            let page = SiteURL.adminPlanItem(plan.planID, number: 4).path
            _ = try await browser.get(page)
            let reported = try await browser.post(SiteURL.adminPlanItemReport(plan.planID, number: 4).path,
                                                  [("line", line.key), ("lock_version", "0"), ("status", "completed"), ("note", "目录已发布")])
            #expect(reported.status == .seeOther)
            let shown = try await browser.get(page)
            #expect(!shown.text.contains("待我验收"), "its own completed line is not offered for acceptance")
            plan = try await ScheduleTests.plan(app, slug: "hukou")
            let now = try #require(plan.item(number: 4)?.lines.first { $0.key == line.key })
            let accepted = try await browser.post(SiteURL.adminPlanItemReview(plan.planID, number: 4).path,
                                                  [("line", line.key), ("lock_version", "\(now.lockVersion)"), ("decision", "accept")])
            #expect(accepted.status == .forbidden)
            #expect(accepted.text.contains("本单位报告的进度不能由本单位验收"))
            plan = try await ScheduleTests.plan(app, slug: "hukou")
            #expect(plan.item(number: 4)?.lines.first { $0.key == line.key }?.state.acceptance == .pending)
        }
    }

    @Test("page and API refuse the same report inputs with the same answer")
    func pageAndAPIAgree() async throws {
        try await TestApp.run { app, _ in
            let shuangzhong = try await ScheduleTests.unitID(app, "湖口县双钟镇人民政府")
            let junqiao = try await ScheduleTests.unitID(app, "湖口县均桥镇人民政府")
            let plan = try await ScheduleTests.plan(app, slug: "hukou")
            let item = try #require(plan.item(number: 5))
            let mine = try #require(item.lines.first { $0.unitID == shuangzhong })
            let theirs = try #require(item.lines.first { $0.unitID == junqiao })
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-shuangzhong-editor").first())
            let token = try await StaffAccounts.createToken(for: user, label: "乡镇系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            let auth: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let form = SiteURL.adminPlanItemReport(plan.planID, number: 5).path
            let api = SiteURL.apiPlanReports(plan.planID, item: 5).path

            struct Case {
                let what: String
                let page: [(String, String)]
                let json: String
                let status: HTTPStatus
                let message: String
            }
            let cases = [
                Case(what: "percent out of range", page: [("line", mine.key), ("status", "in-progress"), ("percent", "130")],
                     json: #"{"status":"in-progress","percent":130}"#, status: .unprocessableEntity, message: "0%到99%"),
                Case(what: "no such status", page: [("line", mine.key), ("status", "finished")],
                     json: #"{"status":"finished"}"#, status: .unprocessableEntity, message: "请选择状态"),
                Case(what: "evidence that is not the unit's published work",
                     page: [("line", mine.key), ("status", "in-progress"), ("link", "/admin/audit")],
                     json: #"{"status":"in-progress","links":["/admin/audit"]}"#, status: .unprocessableEntity, message: "所选成果不属于"),
                Case(what: "another unit's line", page: [("line", theirs.key), ("status", "in-progress")],
                     json: #"{"status":"in-progress","unitID":"\#(junqiao.uuidString)"}"#, status: .forbidden, message: "只能报告本单位负责事项的进度"),
            ]
            for c in cases {
                _ = try await browser.get(SiteURL.adminPlanItem(plan.planID, number: 5).path)
                let page = try await browser.post(form, c.page + [("lock_version", "0")])
                let json = try await app.testing().sendRequest(.POST, api, headers: auth, body: ByteBuffer(string: c.json))
                #expect(page.status == c.status && json.status == c.status, "\(c.what): page \(page.status), API \(json.status)")
                #expect(page.text.contains(c.message) && json.text.contains(c.message), "\(c.what)")
            }
            #expect(try await PlanReportRecord.query(on: app.db).count() == 0, "nothing was written")
        }
    }
}

/// Who may record what on an application, run through `RequestActions` on a real database.
@Suite("Request actions: role × own/other unit")
struct RequestActionsTests {
    @Test("only the handling unit records; 延期 and 收费 only by its reviewer (or the office); another county never")
    func matrix() async throws {
        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            let record = try await RequestStore.create(
                .init(application: RequestApplication(name: "赵六", idNumber: "11010519491231002X", phone: "13900001111",
                                                      information: "双钟镇2026年村道硬化工程资料", form: .paper, delivery: .post, needsHelp: false),
                      unitID: try township.requireID(), channel: .inPerson, arrivedOn: ChineseTime.today(clock.now)),
                siteID: siteID, actor: .commandLine(siteID: siteID), now: clock.now, calendar: calendar, on: app.db)
            let setting = RequestActions.Setting(calendar: calendar, baseURL: "", files: StoredFiles(directory: app.gongkai.config.dataDirectory + "/files"))
            let today = ChineseTime.today(clock.now).description
            let drafts: [String: RequestEventDraft] = [
                "note": .init(kind: "note", on: today, text: "已电话联系申请人"),
                "extend": .init(kind: "extended", on: today, days: 20, text: "需调取档案，负责人同意"),
                "fee": .init(kind: "fee-noticed", on: today, feeMethod: "by-volume", feeCount: 250),
            ]
            // "allowed" means the permission rules let it through (the law may still refuse it: a second extension).
            let expected: [(String, String, String)] = [
                ("hukou-shuangzhong-editor", "note", "allowed"), ("hukou-shuangzhong-editor", "extend", "forbidden"),
                ("hukou-shuangzhong-editor", "fee", "forbidden"),
                ("hukou-shuangzhong-reviewer", "note", "allowed"), ("hukou-shuangzhong-reviewer", "extend", "allowed"),
                ("hukou-shuangzhong-reviewer", "fee", "allowed"),
                ("hukou-minzheng", "note", "forbidden"), ("hukou-minzheng", "extend", "forbidden"), ("hukou-minzheng", "fee", "forbidden"),
                ("hukou-admin", "note", "allowed"),
                ("wuding-admin", "note", "forbidden"), ("wuding-minzheng", "note", "forbidden"),
            ]
            for (name, what, want) in expected {
                let acting = try await PlanActionsTests.acting(app, name)
                let fresh = try #require(try await DisclosureRequestRecord.find(record.id, on: app.db))
                let got = await PlanActionsTests.outcome {
                    try await RequestActions.recordEvent(drafts[what]!, files: [], lockVersion: nil, for: fresh, by: acting, at: clock.now,
                                                         setting: setting, on: app.db)
                }
                #expect((got == "forbidden" ? "forbidden" : "allowed") == want, "\(name) \(what): \(got)")
            }
        }
    }
}
