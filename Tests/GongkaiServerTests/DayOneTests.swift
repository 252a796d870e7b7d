import Foundation
import Testing
import Fluent
import GongkaiCore
import Logging
import Vapor

@testable import GongkaiServer

@Suite("What a clerk and a resident hit on day one (issue 18)")
struct DayOneTests {
    @Test("the portal's year filter offers no year still to come (item 9)")
    func yearFilter() async throws {
        try await TestApp.run { app, _ in
            let page = try await Browser(app).get(SiteURL.publications(slug: "hukou").path)
            let year = ChineseTime.today(app.gongkai.now).year
            #expect(page.text.contains(#"<option value="\#(year)">\#(year)年</option>"#))
            #expect(!page.text.contains(#"value="\#(year + 1)""#))
        }
    }

    @Test("gongkai --help lists our commands in Chinese, Vapor's too, one line each (item 4)")
    func help() throws {
        let commands = ["serve": "Begins serving the app over HTTP.", "routes": "Displays all registered routes.",
                        "migrate": "Prepare or revert your database migrations", "setup": "建立本县站点和第一个公开办管理员账号"]
        let text = try #require(Startup.commandList(["gongkai", "--help"], commands: commands))
        #expect(text.contains("启动门户和工作平台") && text.contains("执行数据库迁移") && text.contains("setup"))
        #expect(!text.contains("Begins") && !text.contains("routes") && !text.contains("Usage"))
        #expect(Startup.commandList(["gongkai", "serve", "--help"], commands: commands) == nil, "a command's own help is its own")
        #expect(SetupCommand.usage.contains("--slug"), "the start-up hint names every argument setup needs")
    }

    @Test("the sitemap gives every page its <lastmod>: records, and the site's home and columns by their newest (item 14)")
    func sitemapLastmod() async throws {
        try await TestApp.run { app, _ in
            let site = try await SiteQueries.bySlug("hukou", on: app.db)
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).first())
            try await SearchIndex.insertBareRecord(rowid: 901, title: "一条信息", body: "正文", siteID: site.requireID(), unitID: unit.requireID(),
                                                   now: app.gongkai.now, on: app.db)
            let xml = try await Browser(app).get("/sitemap.xml").text
            let home = try #require(xml.range(of: "<loc>http://127.0.0.1:8080/sites/hukou/</loc>"))
            #expect(xml[home.upperBound...].hasPrefix("<lastmod>"), "the site's home has a lastmod")
            #expect(xml.components(separatedBy: "<lastmod>").count - 1 >= 1 + 1 + PortalSection.allCases.count + 1)
        }
    }

    @Test("JSON logs carry numbers as numbers (item 14)")
    func jsonLogNumbers() throws {
        let handler = StructuredLogHandler(label: "test", format: .json, level: .info)
        let event = LogEvent(level: .info, message: "request", metadata: ["status": .stringConvertible(200), "duration_ms": .stringConvertible(12.5),
                                                                          "path": "/sites/hukou"],
                             source: "test", file: #fileID, function: #function, line: #line)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(handler.line(event).utf8)) as? [String: Any])
        #expect(object["status"] as? Int == 200 && object["duration_ms"] as? Double == 12.5 && object["path"] as? String == "/sites/hukou")
        #expect(handler.line(event).contains(#""status":200"#))
    }

    @Test("list, search and section pages say where they sit, with a way up (item 14)")
    func breadcrumbs() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            for (path, current) in [(SiteURL.publications(slug: "hukou").path, "政府信息"), (SiteURL.search(slug: "hukou").path, "搜索"),
                                    (SiteURL.section(slug: "hukou", .guide).path, PortalSection.guide.title)] {
                let page = try await browser.get(path)
                #expect(page.text.contains(#"<nav class="breadcrumb" aria-label="当前位置"><a href="/sites/hukou/">首页</a>"#), "\(path)")
                #expect(page.text.contains(#"<span aria-current="page">\#(current)</span>"#), "\(path)")
            }
        }
    }

    @Test("信息发布 pages by position, filters by state, unit and words; the pages do not overlap (item 12)")
    func publicationPages() async throws {
        try await TestApp.run { app, _ in
            try await DemoPublications.load(app: app, perSite: 70, only: "hukou")
            let total = try await PublicationRecord.query(on: app.db).filter(\.$site.$id == SiteQueries.bySlug("hukou", on: app.db).requireID()).count()
            #expect(total > 50 && total <= 100)
            let heading = "全部信息（\(total)）"
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let first = try await office.get(SiteURL.adminPublications.path)
            #expect(first.text.contains(heading) && first.text.contains(">下一页</a>") && !first.text.contains(">上一页</a>"))
            func ids(_ html: String) -> [String] { html.matches(of: /\/admin\/publications\/([0-9A-F-]{36})"/).map { String($0.1) } }
            let firstIDs = ids(first.text.components(separatedBy: heading)[1])
            #expect(firstIDs.count == 50)
            let next = try #require(first.text.firstMatch(of: /href="([^"]*after=[^"]*)">下一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await office.get(String(next))
            let secondIDs = ids(second.text.components(separatedBy: heading)[1])
            #expect(secondIDs.count == total - 50 && Set(firstIDs).isDisjoint(with: secondIDs) && second.text.contains(">上一页</a>"))
            let previous = try #require(second.text.firstMatch(of: /href="([^"]*before=[^"]*)">上一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            #expect(ids(try await office.get(String(previous)).text.components(separatedBy: heading)[1]) == firstIDs)

            let withdrawn = try await office.get(SiteURL.adminPublications.path([.state("withdrawn")]))
            #expect(withdrawn.text.contains("全部信息（0）") && withdrawn.text.contains("没有符合条件的信息") && withdrawn.text.contains("清除筛选"))
            let record = try #require(try await PublicationRecord.query(on: app.db).filter(\.$site.$id == SiteQueries.bySlug("hukou", on: app.db).requireID()).first())
            let found = try await office.get(SiteURL.adminPublications.path([.text(record.indexNumber)]))
            #expect(found.text.contains("全部信息（1）") && found.text.contains(record.indexNumber))
            let byUnit = try await office.get(SiteURL.adminPublications.path([.unit(record.$unit.id)]))
            let count = try await PublicationRecord.query(on: app.db).filter(\.$unit.$id == record.$unit.id).count()
            #expect(byUnit.text.contains("全部信息（\(count)）"))
        }
    }

    @Test("a long catalog shows 100 entries a page, with search; moving an entry works across pages (item 12)")
    func catalogPages() async throws {
        try await TestApp.run { app, _ in
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            let domain = try #require(CatalogDomain.find("社会救助", in: CatalogDomain.pilot))
            let template = try await CatalogStore.published(siteID: unit.$site.id, on: app.db).first { $0.unitID == unit.id }!.entries[0]
            let entries = (1...230).map { n in
                var entry = template
                entry.number = String(n)
                entry.level2 = "事项第\(n)号"
                return entry
            }
            let version = try await CatalogStore.publish(entries, unit: unit, domain: domain, level: .county, actor: .system, now: app.gongkai.now, on: app.db)
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let page = try await office.get(SiteURL.adminCatalog(version.$catalog.id).path)
            #expect(page.text.contains("共230个事项，每页100个") && page.text.contains("事项第100号") && !page.text.contains("事项第101号"))
            #expect(page.body.readableBytes < 1_000_000)
            let next = try #require(page.text.firstMatch(of: /href="([^"]*after=100[^"]*)">下一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await office.get(String(next))
            #expect(second.text.contains("事项第101号") && second.text.contains("事项第200号") && !second.text.contains("事项第201号"))
            let search = try await office.get(SiteURL.adminCatalog(version.$catalog.id).path([.text("事项第22")]))
            #expect(search.text.contains("“事项第22”：11个事项（共230个）"))
        }
    }

    @Test("the demo adds up: records fit their units and entries, cover each pilot domain; plans show done, late and open lines (items 5, 6)")
    func demoAddsUp() async throws {
        try await TestApp.run { app, _ in
            try await DemoPublications.load(app: app, perSite: 50)
            try await DemoPlanHistory.load(app: app)
            for slug in ["hukou", "wuding"] {
                let site = try await SiteQueries.bySlug(slug, on: app.db)
                let records = try await PublicationRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).with(\.$unit).all()
                #expect(Set(records.map(\.title)).count == records.count, "\(slug): every title once")
                for record in records where record.title.contains("食品安全监督抽检") || record.title.contains("食品经营许可") {
                    #expect(record.unit.name.contains("市场监督") || record.unit.unitKind == .township, "\(record.title) by \(record.unit.name)")
                }
                for record in records where record.title.contains("低保") && !record.title.contains("政策解读") {
                    #expect(record.unit.name.contains("民政") || record.unit.unitKind == .township, "\(record.title) by \(record.unit.name)")
                }
                let pilot = slug == "hukou" ? "社会救助" : "食品药品监管"
                let linked = try await PublicationEntryRecord.query(on: app.db).all().filter { $0.label.contains(pilot) || !$0.label.isEmpty }
                #expect(!linked.isEmpty && records.contains { !$0.domainCodes.isEmpty }, "\(slug): records under the pilot domain's entries")
                let bodies = try await PublicationVersionRecord.query(on: app.db).filter(\.$publication.$id ~~ records.compactMap(\.id)).all()
                #expect(bodies.contains { $0.bodyText.contains(pilot) }, "\(slug): the text names \(pilot)")
                for interpretation in records where interpretation.publicationKind == .interpretation {
                    let policy = try #require(records.first { $0.id == interpretation.interpretsID })
                    #expect(policy.$unit.id == interpretation.$unit.id, "谁起草、谁解读: \(interpretation.title)")
                }

                let plans = try await WorkPlanRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).all()
                #expect(plans.count == 2 && plans.allSatisfy { !$0.sourceName.contains(".txt") })
                let calendar = try await app.calendarService.calendar(on: app.db)
                for plan in plans {
                    let snapshot = try #require(try await PlanSnapshot.load(plan.requireID(), today: ChineseTime.today(app.gongkai.now), calendar: calendar, on: app.db))
                    let statuses = Set(snapshot.lines.map(\.status))
                    #expect(statuses.contains(.completed) && (statuses.contains(.overdue) || statuses.contains(.inProgress) || statuses.contains(.notStarted)),
                            "\(plan.title): a mix, not all 逾期未启动")
                }
            }
            // The late 解读 is marked on the office's list.
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let list = try await office.get(SiteURL.adminPublications.path([.text("政策解读")]))
            #expect(list.text.contains("逾期"), "a 解读 published 19 days after its policy is marked late")
        }
    }

    @Test("依申请公开: all cases paged newest first; a case found by 受理编号 or 查询码 (item 12)")
    func requestPages() async throws {
        try await TestApp.run { app, _ in
            try await DemoRequests.load(app: app, perSite: 110, only: "hukou")
            let site = try await SiteQueries.bySlug("hukou", on: app.db)
            let all = try await DisclosureRequestRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).all()
            #expect(all.count > RequestQueuePage.pageSize)
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$id ~~ Set(all.map(\.$unit.id))).all()
            #expect(units.allSatisfy { $0.unitKind.takesApplications }, "no case at a village committee or a public enterprise")
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let first = try await office.get(SiteURL.adminRequests.path(.showAll))
            #expect(first.text.contains("共\(all.count)件，每页100件") && first.text.contains(">下一页</a>"))
            let next = try #require(first.text.firstMatch(of: /href="([^"]*after=[^"]*)">下一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await office.get(String(next))
            #expect(second.status == .ok && second.text.contains(">上一页</a>") && !second.text.contains(">下一页</a>"))
            let one = try #require(all.first)
            for typed in [one.number, one.code.lowercased().replacingOccurrences(of: "-", with: "")] {
                let found = try await office.get(SiteURL.adminRequests.path([.showAll, .text(typed)]))
                #expect(found.text.contains(">\(one.number)</a>"), "\(typed)")
            }
            let none = try await office.get(SiteURL.adminRequests.path([.showAll, .text("1999-0001")]))
            #expect(none.text.contains("没有找到"))
        }
    }

    @Test("the audit trail pages by position, 50 a page; the CSV export has every event of the filter (item 12)")
    func auditPages() async throws {
        try await TestApp.run { app, _ in
            let site = try await SiteQueries.bySlug("hukou", on: app.db)
            for i in 0..<130 {
                try await AuditLog.record(on: app.db, actor: .system, siteID: site.id, action: "site.settings",
                                          target: .init(type: "site", id: site.id?.uuidString, label: "湖口县"), summary: "第\(i)次测试修改",
                                          at: app.gongkai.now.addingTimeInterval(Double(i)))
            }
            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let filtered = SiteURL.adminAudit.path([.action("site.settings")])
            let first = try await office.get(filtered)
            #expect(first.text.contains("共 130 条") && first.text.contains("第129次测试修改") && !first.text.contains("第79次测试修改"))
            let next = try #require(first.text.firstMatch(of: /href="([^"]*after=[^"]*)">下一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await office.get(String(next))
            #expect(second.text.contains("第79次测试修改") && second.text.contains("第30次测试修改") && !second.text.contains("第80次测试修改"))
            let previous = try #require(second.text.firstMatch(of: /href="([^"]*before=[^"]*)">上一页/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let back = try await office.get(String(previous))
            #expect(back.text.contains("第129次测试修改") && back.text.contains("第80次测试修改") && !back.text.contains("第79次测试修改"))
            let csv = try await office.get(SiteURL.adminAuditExport.path([.action("site.settings")])).text
            #expect(csv.components(separatedBy: "测试修改").count - 1 == 130)
        }
    }
}
