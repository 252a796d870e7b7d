import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor
import VaporTesting

/// The rest of 依申请公开's writes run through their actions on a real database: who may register, record a
/// 行政复议, draft a 第四十四条 record, resend a mail and change the letters' wording; the public's intake on the
/// page and through the API; the public's subscriptions.
@Suite("Request case, intake and subscription actions: role × own/other unit")
struct RequestCaseActionsTests {
    @Test("case actions: the handling unit and the office only; the wording only by the office; another county never")
    func matrix() async throws {
        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            let today = ChineseTime.today(clock.now)
            var application = RequestApplication(name: "赵六", idNumber: "11010519491231002X", phone: "13900001111",
                                                 information: "双钟镇2026年村道硬化工程资料", form: .paper, delivery: .post, needsHelp: false)
            application.address = "湖口县双钟镇1号"
            let record = try await RequestStore.create(.init(application: application, unitID: try township.requireID(), channel: .inPerson, arrivedOn: today),
                                                       siteID: siteID, actor: .commandLine(siteID: siteID), now: clock.now, calendar: calendar, on: app.db)
            let mail = ApplicantMailRecord()
            mail.siteID = siteID
            mail.$request.id = try record.requireID()
            mail.eventPosition = 1
            mail.toAddress = "zhaoliu@example.com"
            mail.subject = "告知书"
            mail.body = "正文"
            mail.attempts = 8
            mail.nextAttemptAt = clock.now
            mail.abandonedAt = clock.now
            mail.lastError = "550 mailbox unavailable"
            mail.createdAt = clock.now
            try await mail.create(on: app.db)

            typealias Attempt = (Acting, DisclosureRequestRecord) async throws -> Void
            let attempts: [(String, Attempt)] = [
                ("register", { acting, _ in
                    _ = try await RequestIntakeActions.register(.init(application: application, unit: township.id?.uuidString, channel: "in-person",
                                                                      arrivedOn: today.description, confirmedOn: nil, writtenForApplicant: true),
                                                                by: acting, at: clock.now, calendar: calendar, on: app.db)
                }),
                ("appeal", { acting, r in
                    try await RequestCaseActions.fileAppeal(.init(kind: "review", filedOn: today.description), against: r, by: acting, at: clock.now, on: app.db)
                }),
                ("proactive", { acting, r in
                    _ = try await RequestCaseActions.makeProactive(r, by: acting, at: clock.now, calendar: calendar, on: app.db)
                }),
                ("resend", { acting, r in
                    try await RequestCaseActions.resendMail(mail.id, of: r, by: acting, at: clock.now, on: app.db)
                    try await ApplicantMailRecord.query(on: app.db).set(\.$abandonedAt, to: clock.now).update()
                }),
                ("wording", { acting, _ in
                    let current = try await RequestLetters.current(.reply(.disclosed), siteID: acting.siteID, on: app.db)
                    try await RequestTemplatesActions.save(.reply(.disclosed), body: current.body + "\n（\(acting.audit.label)改）", note: "",
                                                           over: current.number, by: acting, at: clock.now, on: app.db)
                }),
            ]
            // A unit's editor or reviewer handles its own cases; another unit's staff cannot register for it (the
            // unit is not one of theirs: the form says so) nor touch its cases; the wording is the office's.
            let expected: [String: [String: String]] = [
                "hukou-shuangzhong-editor": ["register": "ok", "appeal": "ok", "proactive": "ok", "resend": "ok", "wording": "forbidden"],
                "hukou-shuangzhong-reviewer": ["register": "ok", "appeal": "ok", "proactive": "ok", "resend": "ok", "wording": "forbidden"],
                "hukou-minzheng": ["register": "invalid", "appeal": "forbidden", "proactive": "forbidden", "resend": "forbidden", "wording": "forbidden"],
                "hukou-admin": ["register": "ok", "appeal": "ok", "proactive": "ok", "resend": "ok", "wording": "ok"],
                "wuding-minzheng": ["register": "invalid", "appeal": "forbidden", "proactive": "forbidden", "resend": "forbidden", "wording": "forbidden"],
            ]
            for (name, wants) in expected.sorted(by: { $0.key < $1.key }) {
                let acting = try await PlanActionsTests.acting(app, name)
                for (what, attempt) in attempts {
                    let events = try await AuditEventRecord.query(on: app.db).count()
                    let fresh = try #require(try await DisclosureRequestRecord.find(record.id, on: app.db))
                    let got = await PlanActionsTests.outcome { try await attempt(acting, fresh) }
                    #expect(got == wants[what], "\(name) \(what): \(got)")
                    let written = try await AuditEventRecord.query(on: app.db).count() - events
                    #expect(got == "ok" ? written >= 1 : written == 0, "\(name) \(what): \(written) audit events")
                }
            }
            #expect(try await DisclosureRequestAppealRecord.query(on: app.db).count() == 3)
        }
    }

    @Test("a 行政复议's dates and results are checked in the core; a stale result form is a conflict")
    func appealChecks() async throws {
        let today = CivilDate(year: 2026, month: 12, day: 4)!
        let received = CivilDate(year: 2026, month: 9, day: 1)!
        #expect(throws: Never.self) { try AppealRecording.checkFiling(kind: "review", filedOn: "2026-10-09", received: received, today: today).get() }
        guard case .failure(let early) = AppealRecording.checkFiling(kind: "review", filedOn: "2026-08-31", received: received, today: today),
              case .failure(let future) = AppealRecording.checkFiling(kind: "lawsuit", filedOn: "2026-12-05", received: received, today: today),
              case .failure(let undecided) = AppealRecording.checkResult(result: "upheld", decidedOn: "", filed: received, today: today)
        else { Issue.record("bad input accepted"); return }
        #expect(early.messages(for: "filedOn").first?.contains("早于收到申请之日") == true)
        #expect(future.messages(for: "kind").count == 1 && future.messages(for: "filedOn").count == 1, "both problems at once")
        #expect(undecided.messages(for: "decidedOn").first?.contains("审结日期") == true)

        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let calendar = try await app.calendarService.calendar(on: app.db)
            let now = ChineseTime.today(clock.now)
            let record = try await RequestStore.create(
                .init(application: RequestApplication(name: "钱七", idNumber: "11010519491231002X", phone: "13900001111", information: "资料",
                                                      form: .paper, delivery: .post, needsHelp: false),
                      unitID: try township.requireID(), channel: .inPerson, arrivedOn: now),
                siteID: township.$site.id, actor: .commandLine(siteID: township.$site.id), now: clock.now, calendar: calendar, on: app.db)
            let editor = try await PlanActionsTests.acting(app, "hukou-shuangzhong-editor")
            try await RequestCaseActions.fileAppeal(.init(kind: "review", filedOn: now.description), against: record, by: editor, at: clock.now, on: app.db)
            let appeal = try #require(try await DisclosureRequestAppealRecord.query(on: app.db).first())
            try await RequestCaseActions.decideAppeal(appeal.id, .init(result: "upheld", decidedOn: now.description, lockVersion: 1),
                                                      of: record, by: editor, at: clock.now, on: app.db)
            let stale = await PlanActionsTests.outcome {
                try await RequestCaseActions.decideAppeal(appeal.id, .init(result: "corrected", decidedOn: now.description, lockVersion: 1),
                                                          of: record, by: editor, at: clock.now, on: app.db)
            }
            #expect(stale == "conflict")
            #expect(try await DisclosureRequestAppealRecord.find(appeal.id, on: app.db)?.result == "upheld", "the stale form changed nothing")
        }
    }

    @Test("the portal's form and the API refuse the same applications with the same messages; nothing is created")
    func intakeAgrees() async throws {
        try await TestApp.run { app, _ in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let before = try await DisclosureRequestRecord.query(on: app.db).count()
            struct Case {
                let what: String
                let fields: [(String, String)]
                let json: String
                let field: String
            }
            let unit = try township.requireID().uuidString
            let cases = [
                Case(what: "no information described", fields: [("unit", unit), ("name", "赵六"), ("idNumber", "11010519491231002X"), ("phone", "13900001111")],
                     json: #"{"site":"hukou","unit":"\#(unit)","name":"赵六","idNumber":"11010519491231002X","phone":"13900001111"}"#, field: "information"),
                Case(what: "a unit of another county", fields: [("unit", UUID().uuidString), ("name", "赵六"), ("idNumber", "11010519491231002X"),
                                                                ("phone", "13900001111"), ("information", "资料")],
                     json: #"{"site":"hukou","unit":"\#(UUID().uuidString)","name":"赵六","idNumber":"11010519491231002X","phone":"13900001111","information":"资料"}"#,
                     field: "unit"),
            ]
            let browser = Browser(app)
            for c in cases {
                _ = try await browser.get(SiteURL.requestApply(slug: "hukou").path)
                let page = try await browser.post(SiteURL.requestApply(slug: "hukou").path, c.fields)
                let api = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: c.json))
                #expect(page.status == .unprocessableEntity && api.status == .unprocessableEntity, "\(c.what): page \(page.status), API \(api.status)")
                let field = try api.jsonObject()["error"].flatMap { $0 as? [String: Any] }?["field"] as? String
                #expect(field == c.field, "\(c.what): API field \(field ?? "none")")
                let errors = try await RequestIntakeActions.problems(
                    RequestApplication(name: "赵六", idNumber: "11010519491231002X", phone: "13900001111", information: c.field == "information" ? "" : "资料",
                                       form: nil, delivery: nil, needsHelp: false),
                    unit: c.field == "unit" ? UUID().uuidString : unit, siteID: township.$site.id, on: app.db)
                let message = try #require(errors.messages(for: c.field).first)
                #expect(page.text.contains(message), "\(c.what): the page names the problem")
            }
            #expect(try await DisclosureRequestRecord.query(on: app.db).count() == before)
        }
    }

    @Test("subscriptions: the same address and scope twice is one subscription; confirming and cancelling twice change nothing more")
    func subscriptions() async throws {
        try await TestApp.run { app, clock in
            let site = try #require(try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first())
            let siteID = try site.requireID()
            let setting = SubscriptionsActions.Setting(mailEnabled: true, publicBaseURL: "http://localhost", threadPool: app.threadPool)
            let someone = Acting.applicant(siteID: siteID, label: "公众订阅", clientAddress: "192.0.2.1", via: .web)
            let input = SubscriptionsActions.Input(scope: "site", id: "", channel: "email", address: " zhangsan@example.com ")
            let wrong = await PlanActionsTests.outcome {
                _ = try await SubscriptionsActions.subscribe(.init(scope: "site", id: "", channel: "email", address: "zhangsan"), label: "全部", site: site,
                                                             by: someone, at: clock.now, setting: setting, on: app.db)
            }
            #expect(wrong == "invalid")
            guard case .created(let first) = try await SubscriptionsActions.subscribe(input, label: "湖口县全部政府信息", site: site, by: someone, at: clock.now,
                                                                                     setting: setting, on: app.db),
                  case .repeated(let again) = try await SubscriptionsActions.subscribe(input, label: "湖口县全部政府信息", site: site, by: someone,
                                                                                     at: clock.now, setting: setting, on: app.db)
            else { Issue.record("expected one subscription, then the same one again"); return }
            #expect(first.id == again.id && first.address == "zhangsan@example.com")
            try await SubscriptionsActions.confirm(first, by: someone, at: clock.now, on: app.db)
            try await SubscriptionsActions.confirm(first, by: someone, at: clock.now, on: app.db)
            try await SubscriptionsActions.cancel(first, by: someone, at: clock.now, on: app.db)
            try await SubscriptionsActions.cancel(first, by: someone, at: clock.now, on: app.db)
            for action in ["subscription.create", "subscription.confirm", "subscription.cancel"] {
                #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == action).count() == 1, "\(action) once")
            }
            #expect(try await OutboxRecord.query(on: app.db).count() == 1, "one confirmation mail")
        }
    }
}
