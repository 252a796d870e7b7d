import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiCore
@testable import GongkaiServer

@Suite("政府信息公开指南 text and the outbox view")
struct GuideAndOutboxAdminTests {
    @Test("the county office edits the 指南: sanitised, versioned, audited; a stale form keeps its text; others may not")
    func guide() async throws {
        try await TestApp.run { app, _ in
            let portal = try await Browser(app).get(SiteURL.section(slug: "hukou", .guide).path)
            #expect(portal.text.contains("三、监督和救济") && portal.text.contains("政府信息公开工作机构"), "the default text and the generated offices")

            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(SiteURL.adminGuide.path).status == .forbidden)

            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let form = try await admin.get(SiteURL.adminGuide.path)
            #expect(form.status == .ok && form.text.contains("当前为系统默认文字"))
            let text = "<h2>一、主动公开</h2><p>湖口县政府信息由县政府办公室统一发布。</p><script>alert(1)</script><p onclick=\"x()\">依申请公开受理点：县政务服务中心一楼。</p>"
            #expect(try await admin.post(SiteURL.adminGuide.path, [("body", text), ("note", ""), ("basedOn", "0")]).status == .unprocessableEntity)
            _ = try await admin.get(SiteURL.adminGuide.path)
            let saved = try await admin.post(SiteURL.adminGuide.path, [("body", text), ("note", "更新依申请公开受理点"), ("basedOn", "0")])
            #expect(saved.status == .seeOther)

            let updated = try await Browser(app).get(SiteURL.section(slug: "hukou", .guide).path)
            #expect(updated.text.contains("依申请公开受理点：县政务服务中心一楼") && updated.text.contains("本指南更新于"))
            #expect(!updated.text.contains("<script>alert") && !updated.text.contains("onclick"))
            #expect(updated.text.contains("湖口县双钟镇人民政府"), "the offices table is still generated")
            let wuding = try await Browser(app).get(SiteURL.section(slug: "wuding", .guide).path)
            #expect(!wuding.text.contains("县政务服务中心一楼"), "each county has its own text")

            // Someone saving from the default text now is told, and keeps what they wrote.
            _ = try await admin.get(SiteURL.adminGuide.path)
            let stale = try await admin.post(SiteURL.adminGuide.path, [("body", "<p>旧页面上的修改</p>"), ("note", "另一处修改"), ("basedOn", "0")])
            #expect(stale.status == .conflict && stale.text.contains("已被他人修改为第1版") && stale.text.contains("旧页面上的修改"))
            #expect(try await GuideTextRecord.query(on: app.db).count() == 1)
            let history = try await admin.get(SiteURL.adminGuide.path + "?version=1")
            #expect(history.text.contains("第1版") && history.text.contains("更新依申请公开受理点"))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "guide.update").count() == 1)
        }
    }

    @Test("the admin sees subscriptions (addresses masked) and the outbox, and sends a given-up message again")
    func outboxView() async throws {
        try await TestApp.run(adjust: { $0.smtp = .init(host: "127.0.0.1", port: 1, from: "gongkai@hukou.gov.cn") }) { app, _ in
            let person = Browser(app)
            _ = try await person.get(SiteURL.subscribe(slug: "hukou").path)
            #expect(try await person.post(SiteURL.subscribe(slug: "hukou").path,
                                          [("scope", "site:"), ("channel", "email"), ("address", "lisi.wang@example.com")]).status == .created)
            // Seven failures already (the relay on port 1 refuses connections): the next one gives up.
            let row = try #require(try await OutboxRecord.query(on: app.db).first())
            row.attempts = Outbox.retryPauses.count
            try await row.save(on: app.db)
            #expect(try await Outbox.deliverDue(app: app).abandoned == 1)

            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let page = try await admin.get(SiteURL.adminSubscriptions.path)
            #expect(page.status == .ok && page.text.contains("li***@example.com") && !page.text.contains("lisi.wang@"))
            #expect(page.text.contains("已放弃：无法连接邮件服务器") && page.text.contains("待确认"))
            let again = try await admin.post(SiteURL.adminOutboxRetry(try row.requireID()).path, [])
            #expect(again.status == .seeOther)
            let reset = try #require(try await OutboxRecord.find(row.id, on: app.db))
            #expect(reset.abandonedAt == nil && reset.attempts == 0)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "outbox.retry").count() == 1)

            let wudingAdmin = Browser(app)
            _ = try await wudingAdmin.login("wuding-admin")
            #expect(!(try await wudingAdmin.get(SiteURL.adminSubscriptions.path)).text.contains("li***@example.com"), "other counties see their own")
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(SiteURL.adminSubscriptions.path).status == .forbidden)
        }
    }
}
