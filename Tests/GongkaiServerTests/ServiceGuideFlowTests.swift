import Fluent
import Foundation
import GongkaiCore
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// A township's 低保 办事指南: written with materials and a flow, refused while incomplete (nothing saved), submitted,
/// published by the unit's reviewer, and shown on the portal with its flow chart and a QR code of its address.
@Suite("办事指南: write, review, publish", .serialized)
struct ServiceGuideFlowTests {
    static func fields(unit: String, fee: String, steps: String, lock: Int? = nil) -> [(String, String)] {
        var f: [(String, String)] = [
            ("unit", unit), ("name", "最低生活保障申请"), ("itemType", "行政给付"), ("level", "township"),
            ("basis", "《社会救助暂行办法》第十一条"), ("audience", "person"), ("conditions", "家庭人均收入低于当地最低生活保障标准，且财产状况符合规定。"),
            ("themes[]", "social-assistance"),
            ("m1_name", "最低生活保障申请书"), ("m1_form", "original"), ("m1_copies", "1"), ("m1_source", "申请人自备（窗口可领取）"), ("m1_required", "yes"),
            ("m2_name", "居民身份证、户口簿"), ("m2_form", "both"), ("m2_copies", "1"), ("m2_source", "公安机关核发"), ("m2_required", "yes"),
            ("steps", steps), ("statutoryLimit", "自受理之日起30个工作日"), ("promisedLimit", "20个工作日"), ("fee", fee), ("feeBasis", ""),
            ("delivery", "书面通知"), ("office", "双钟镇便民服务中心社会救助窗口"), ("place", "双钟镇便民服务中心一楼"),
            ("hours", "周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）"), ("phone", "0792-6322345"), ("complaintPhone", "12345"),
            ("online", "none"), ("onlineURL", ""), ("faq", "问：低保金什么时候发放？\n答：按月发放到本人账户。"),
        ]
        if let lock { f.append(("lock_version", String(lock))) }
        return f
    }

    @Test("an incomplete guide saves nothing; a complete one is submitted, published by the reviewer and shown on the portal")
    func writeReviewPublish() async throws {
        try await TestApp.run { app, _ in
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first()).requireID().uuidString
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            _ = try await editor.get(SiteURL.adminServiceNew.path)
            let bad = try await editor.post(SiteURL.adminServiceNew.path, Self.fields(unit: unit, fee: "无", steps: ""))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("收费不能写“无”") && bad.text.contains("办理流程至少要有一个步骤") && bad.text.contains("value=\"最低生活保障申请书\""))
            #expect(try await ServiceGuideRecord.query(on: app.db).count() == 0)

            _ = try await editor.get(SiteURL.adminServiceNew.path)
            let created = try await editor.post(SiteURL.adminServiceNew.path, Self.fields(unit: unit, fee: "不收费", steps: "申请\n受理\n入户调查\n审核确认\n公示\n发放"))
            #expect(created.status == .seeOther)
            let id = try #require(try await ServiceGuideRecord.query(on: app.db).first()).requireID()
            var lock = try #require(try await ServiceGuideEditing.load(id, on: app.db)?.open).lockVersion
            _ = try await editor.get(SiteURL.adminService(id).path)
            #expect(try await editor.post(SiteURL.adminServiceAction(id).path, [("action", "submit"), ("lock_version", String(lock))]).status == .seeOther)
            lock += 1
            _ = try await editor.get(SiteURL.adminService(id).path)
            #expect(try await editor.post(SiteURL.adminServiceAction(id).path, [("action", "publish"), ("lock_version", String(lock))]).status == .forbidden)
            #expect(try await Browser(app).get(SiteURL.publicService(slug: "hukou", id).path).status == .notFound)

            let reviewer = Browser(app)
            _ = try await reviewer.login("hukou-shuangzhong-reviewer")
            _ = try await reviewer.get(SiteURL.adminService(id).path)
            #expect(try await reviewer.post(SiteURL.adminServiceAction(id).path, [("action", "publish"), ("lock_version", String(lock))]).status == .seeOther)
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$targetID == id.uuidString).sort(\.$occurredAt).all().map(\.action)
            #expect(actions == ["service.create", "service.submit", "service.publish"])

            let visitor = Browser(app)
            let page = try await visitor.get(SiteURL.publicService(slug: "hukou", id).path)
            #expect(page.status == .ok && page.text.contains("最低生活保障申请办事指南") && page.text.contains("不收费"))
            #expect(page.text.contains(#"class="flow-chart""#) && page.text.contains("入户调查") && page.text.contains(#"class="qr""#))
            #expect(page.text.contains("/sites/hukou/banshi/zhinan/\(id.uuidString)"))
            let section = try await visitor.get(SiteURL.section(slug: "hukou", .services).path)
            #expect(section.text.contains("最低生活保障申请") && section.text.contains("湖口县双钟镇人民政府"))
        }
    }
}
