import Fluent
import Foundation
import GongkaiCore
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Catalogs: demo, storage, portal and API", .serialized)
struct CatalogTests {
    @Test("the demo publishes each seed's example rows for a county department and a township copied from it")
    func demo() async throws {
        try await TestApp.run { app, _ in
            let hukou = try #require(try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first())
            let catalogs = try await CatalogStore.published(siteID: hukou.requireID(), on: app.db)
            #expect(catalogs.map(\.unitName) == ["湖口县民政局", "湖口县双钟镇人民政府"])
            let county = catalogs[0]
            #expect(county.domain.name == "社会救助" && county.level == .county && county.versionNumber == 1)
            #expect(county.entries.map(\.level2) == ["办事指南", "审核信息"])
            #expect(county.entries[1].level1 == "最低生活保障")  // the empty cell means "same as above"
            #expect(county.entries[0].channels.required == [.governmentWebsite, .readingPoint, .serviceCenter])
            #expect(county.entries[0].timeLimit.period == .workingDays(10))
            // Every township entry keeps a link to the county entry it came from.
            let townshipEntries = try await CatalogEntryRecord.query(on: app.db).filter(\.$version.$id == catalogs[1].versionID).all()
            let countyEntryIDs = try await CatalogEntryRecord.query(on: app.db).filter(\.$version.$id == county.versionID).all().map(\.id)
            #expect(townshipEntries.count == 2 && townshipEntries.allSatisfy { countyEntryIDs.contains($0.copiedFromID) })
            #expect(catalogs[1].entries.allSatisfy { $0.levels == [.township] })
            // Loading the demo again changes nothing.
            _ = try await DemoLoader.load(app: app, on: app.db)
            #expect(try await CatalogVersionRecord.query(on: app.db).filter(\.$status == "published").count() == 4)
            // Every pilot domain has its guiding unit and a catalog being compiled, so coverage is honest.
            #expect(try await DomainGuideRecord.query(on: app.db).filter(\.$site.$id == hukou.requireID()).count() == 26)
            #expect(try await CatalogRecord.query(on: app.db).filter(\.$site.$id == hukou.requireID()).count() == 27)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "catalog.publish").count() == 4)
        }
    }

    @Test("publishing again keeps the old version, unchanged, as history")
    func versions() async throws {
        try await TestApp.run { app, _ in
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            let domain = try #require(CatalogDomain.find("社会救助", in: CatalogDomain.pilot))
            let before = try await CatalogStore.published(siteID: unit.$site.id, on: app.db).first { $0.unitID == unit.id }!
            var entries = before.entries
            entries[0].timeLimit = TimeLimitParser.parse("信息形成或者变更之日起20个工作日内")
            try await CatalogStore.publish(entries, unit: unit, domain: domain, level: .county, actor: .system,
                                           now: app.gongkai.now, on: app.db)
            let after = try await CatalogStore.published(siteID: unit.$site.id, on: app.db).first { $0.unitID == unit.id }!
            #expect(after.versionNumber == 2 && after.catalogID == before.catalogID)
            let old = try #require(try await CatalogVersionRecord.find(before.versionID, on: app.db))
            #expect(old.catalogStatus == .superseded && old.supersededAt != nil)
            let oldEntries = try await CatalogEntryRecord.query(on: app.db).filter(\.$version.$id == before.versionID).sort(\.$position).all()
            #expect(oldEntries.map(\.entry) == before.entries)
            #expect(CatalogDiff.compare(before.entries, after.entries).count == 1)
        }
    }

    @Test("the 法定主动公开内容 section shows published catalogs and which domains are still missing")
    func portal() async throws {
        try await TestApp.run { app, _ in
            let page = try await Browser(app).get("/sites/wuding/fdzdgknr")
            #expect(page.status == .ok)
            #expect(page.text.contains("县级政务公开事项标准目录"))
            #expect(page.text.contains("食品药品监管领域基层政务公开标准目录"))
            #expect(page.text.contains("食品生产经营许可服务指南"))
            #expect(page.text.contains("政府网站、政务服务中心"))
            #expect(page.text.contains("26个试点领域目录发布情况"))
            #expect(page.text.contains("尚未发布"))
            #expect(!page.text.contains("标准目录尚未发布"))  // the empty state is gone once something is published
        }
    }

    @Test("the API lists published catalogs with filters, shows one with its entries, and searches entries")
    func api() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let list = try (try await browser.get("/api/v1/catalogs?site=hukou&level=county")).jsonObject()
            #expect(list["total"] as? Int == 1)
            let item = try #require((list["items"] as? [[String: Any]])?.first)
            #expect(item["unit"] as? String == "湖口县民政局" && item["domain"] as? String == "社会救助")
            let id = try #require(item["id"] as? String)
            let catalog = try (try await browser.get("/api/v1/catalogs/\(id)")).jsonObject()
            let entries = try #require(catalog["entries"] as? [[String: Any]])
            #expect(entries.count == 2)
            #expect((entries[0]["references"] as? [[String: Any]])?.first?["documentNumber"] as? String == "国发〔2012〕45号")
            #expect((entries[0]["timeLimitRule"] as? [String: Any])?["amount"] as? Int == 10)
            let found = try (try await browser.get("/api/v1/catalog-entries?site=wuding&domain=" + Browser.encode("食品药品监管领域") + "&q=" + Browser.encode("许可证编号")).jsonObject())
            #expect(found["total"] as? Int == 2)  // county and township
            #expect(try await browser.get("/api/v1/catalogs?site=hukou&domain=" + Browser.encode("不存在")).status == .badRequest)
            #expect(try await browser.get("/api/v1/catalogs?site=nowhere").status == .notFound)
            #expect(try await browser.get("/api/v1/catalogs").status == .badRequest)  // two sites: say which
            #expect(try await browser.get("/api/v1/catalogs/\(UUID().uuidString)").status == .notFound)
        }
    }
}
