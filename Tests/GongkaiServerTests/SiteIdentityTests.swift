import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiCore
@testable import GongkaiServer

/// The footer a Chinese government site carries, the 索引号 from the unit's 统一社会信用代码, and who takes
/// applications (issue 18, items 7, 8 and 13).
@Suite("The site's identity, its 索引号 and its agencies")
struct SiteIdentityTests {
    static func unit(_ name: String, on db: any Database) async throws -> OrgUnitRecord {
        try #require(try await OrgUnitRecord.query(on: db).filter(\.$name == name).first())
    }

    @Test("the office sets the footer's numbers; bad ones are named and change nothing; a stale form keeps what was typed")
    func settings() async throws {
        try await TestApp.run { app, _ in
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let form = try await office.get(SiteURL.adminSite.path)
            #expect(form.status == .ok && form.text.contains("政府网站标识码"))
            let basedOn = try #require(form.text.firstMatch(of: /name="basedOn" value="([0-9a-f]+)"/)?.1).description
            let fields = [("sponsor", "湖口县人民政府办公室"), ("siteCode", "3604290009"), ("icpNumber", "赣ICP备05003937号"),
                          ("policeRecord", "赣公网安备 36042902000123号"), ("partyMarkURL", "https://bszs.conac.cn/sitename?method=show&id=9"),
                          ("errorReportURL", ""), ("indexPattern", "{机构代码}-{年份}-{序号}"), ("contactNote", "网站运维电话：0792-6320001")]

            let bad = try await office.post(SiteURL.adminSite.path, fields.map { $0.0 == "icpNumber" ? ($0.0, "ICP05003937") : $0 } + [("basedOn", basedOn)])
            #expect(bad.status == .unprocessableEntity || bad.status == .badRequest)
            #expect(bad.text.contains("ICP备案号格式不对") && bad.text.contains("现为“ICP05003937”"))
            #expect(bad.text.contains(#"value="3604290009""#), "what was typed is kept")
            #expect(try await SiteQueries.bySlug("hukou", on: app.db).siteCode == "3604290001", "nothing saved")

            let saved = try await office.post(SiteURL.adminSite.path, fields + [("basedOn", basedOn)])
            #expect(saved.status == .seeOther)
            let home = try await Browser(app).get(SiteURL.site(slug: "hukou").path)
            #expect(home.text.contains("网站标识码：3604290009") && home.text.contains(">赣ICP备05003937号</a>"))
            #expect(home.text.contains("recordcode=36042902000123") && home.text.contains(#"class="party-mark""#))
            #expect(home.text.contains(">联系我们</a>") && home.text.contains(">网站地图</a>") && home.text.contains(">我为政府网站找错</a>"))
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "site.settings").all()
            #expect(audit.count == 1 && audit[0].summary.contains("3604290009"))

            _ = try await office.get(SiteURL.adminSite.path)
            let stale = try await office.post(SiteURL.adminSite.path, fields.map { $0.0 == "siteCode" ? ($0.0, "3604290010") : $0 } + [("basedOn", basedOn)])
            #expect(stale.status == .conflict && stale.text.contains("站点设置已被他人修改") && stale.text.contains(#"value="3604290010""#), "\(stale.status) \(stale.text.suffix(3000))")

            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(SiteURL.adminSite.path).status == .forbidden)
        }
    }

    @Test("the 12345 hotline and the 政务服务网 address: set by the office, checked, shown on 办事服务 and 互动交流")
    func serviceContacts() async throws {
        try await TestApp.run { app, _ in
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let form = try await office.get(SiteURL.adminSite.path)
            let basedOn = try #require(form.text.firstMatch(of: /name="basedOn" value="([0-9a-f]+)"/)?.1).description
            let site = try await SiteQueries.bySlug("hukou", on: app.db)
            var fields = [("sponsor", ""), ("siteCode", site.siteCode), ("icpNumber", site.icpNumber), ("policeRecord", site.policeRecord),
                          ("partyMarkURL", ""), ("errorReportURL", ""), ("indexPattern", ""), ("contactNote", site.contactNote),
                          ("hotline", "请拨打热线"), ("serviceURL", "jxzwfww.gov.cn"), ("basedOn", basedOn)]
            let bad = try await office.post(SiteURL.adminSite.path, fields)
            #expect(bad.text.contains("政务服务便民热线应为电话号码") && bad.text.contains("政务服务网网址应为以 https:// 或 http:// 开头的网址"))
            fields = fields.map { $0.0 == "hotline" ? ($0.0, "0792-12345") : $0.0 == "serviceURL" ? ($0.0, "https://www.jxzwfww.gov.cn/") : $0 }
            #expect(try await office.post(SiteURL.adminSite.path, fields).status == .seeOther)
            let visitor = Browser(app)
            for page in [SiteURL.section(slug: "hukou", .services).path, SiteURL.section(slug: "hukou", .interaction).path] {
                let text = try await visitor.get(page).text
                #expect(text.contains(#"<a href="tel:0792-12345">0792-12345</a>政务服务便民热线"#) && text.contains(#"href="https://www.jxzwfww.gov.cn/""#), "\(page)")
            }
        }
    }

    @Test("联系我们 and 网站地图 are there for every site, with the office's contact details and every unit")
    func contactAndMap() async throws {
        try await TestApp.run { app, _ in
            let contact = try await Browser(app).get(SiteURL.siteContact(slug: "hukou").path)
            #expect(contact.status == .ok && contact.text.contains("本网站由湖口县人民政府办公室主办") && contact.text.contains("0792-"))
            let map = try await Browser(app).get(SiteURL.siteMap(slug: "hukou").path)
            #expect(map.status == .ok && map.text.contains("湖口县民政局") && map.text.contains(SiteURL.requestApply(slug: "hukou").path))
        }
    }

    @Test("a new 索引号 starts with the unit's 统一社会信用代码, in the site's pattern; a code with a wrong check character is refused")
    func indexNumbers() async throws {
        try await TestApp.run { app, _ in
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let unit = try await Self.unit("湖口县民政局", on: app.db)
            let id = try unit.requireID()
            #expect(CreditCode.problem(unit.creditCode) == nil, "the demo gives every unit a valid code")
            _ = try await office.get(SiteURL.adminUnitEdit(id).path)
            let wrong = String(unit.creditCode.dropLast()) + (unit.creditCode.last == "0" ? "1" : "0")
            let refused = try await office.post(SiteURL.adminUnitEdit(id).path, [("version", String(unit.version)), ("name", unit.name),
                                                                                ("kind", unit.kind), ("creditCode", wrong)])
            #expect(refused.status == .badRequest && refused.text.contains("统一社会信用代码校验位不符"))
            let other = try await Self.unit("湖口县财政局", on: app.db)
            let taken = try await office.post(SiteURL.adminUnitEdit(id).path, [("version", String(unit.version)), ("name", unit.name),
                                                                              ("kind", unit.kind), ("creditCode", other.creditCode)])
            #expect(taken.status == .badRequest && taken.text.contains("已是“湖口县财政局”的代码"))
            #expect(try await Self.unit("湖口县民政局", on: app.db).creditCode == unit.creditCode)

            let site = try await SiteQueries.bySlug("hukou", on: app.db)
            site.indexPattern = "{机构代码}-{年份}-{序号}"
            try await site.save(on: app.db)
            let township = try await Self.unit("湖口县双钟镇人民政府", on: app.db)
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            _ = try await editor.get(SiteURL.adminPublicationNew.path)
            let created = try await editor.post(SiteURL.adminPublicationNew.path,
                                                PublishingTests.draftFields("双钟镇临时救助工作通知", body: "正文。", entry: nil))
            #expect(created.status == .seeOther, "\(created.status)")
            let record = try #require(try await PublicationRecord.query(on: app.db).filter(\.$title == "双钟镇临时救助工作通知").first())
            #expect(record.indexNumber.hasPrefix("\(township.creditCode)-\(ChineseTime.today(app.gongkai.now).year)-"), "\(record.indexNumber)")
        }
    }

    @Test("only administrative organs take applications: village committees and public enterprises are refused by name, and listed apart")
    func agencies() async throws {
        try await TestApp.run { app, _ in
            let village = try await Self.unit("双钟镇石钟村民委员会", on: app.db)
            let water = try await OrgUnitRecord.query(on: app.db).filter(\.$kind == OrgUnitKind.publicInstitution.rawValue).first()
            let browser = Browser(app)
            let form = try await browser.get(SiteURL.requestApply(slug: "hukou").path)
            #expect(!form.text.contains(#"value="\#(try village.requireID().uuidString)""#), "no village committee among the agencies")
            if let water {
                #expect(!form.text.contains(#"value="\#(try water.requireID().uuidString)""#))
                #expect(form.text.contains("公共企事业单位的信息") && form.text.contains(water.name) && form.text.contains("第五十五条"))
            }
            #expect(form.text.contains("个人信息保护说明"))
            let before = try await DisclosureRequestRecord.query(on: app.db).count()
            let fields = [("unit", try village.requireID().uuidString), ("name", "赵六"), ("idNumber", "11010519491231002X"),
                          ("phone", "13900001111"), ("information", "村集体资金收支明细")]
            let page = try await browser.post(SiteURL.requestApply(slug: "hukou").path, fields)
            #expect(page.status == .unprocessableEntity && page.text.contains("是村（居）民委员会，不是行政机关"))
            let json = #"{"site":"hukou","unit":"\#(try village.requireID().uuidString)","name":"赵六","idNumber":"11010519491231002X","phone":"13900001111","information":"资料"}"#
            let api = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: json))
            #expect(api.status == .unprocessableEntity && api.text.contains("不是行政机关"), "\(api.text)")
            #expect(try await DisclosureRequestRecord.query(on: app.db).count() == before)
            let subscribe = try await Browser(app).get(SiteURL.subscribe(slug: "hukou").path)
            #expect(subscribe.text.contains("个人信息保护说明"))
        }
    }
}
