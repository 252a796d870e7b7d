import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// The catalog's life in the back office, through real HTTP: revise, edit, submit, review by the unit and the
/// guiding unit, publish; stale edits, returns, imports and permissions.
@Suite("Catalogs: editing, review and publishing", .serialized)
struct CatalogWorkflowTests {
    static func catalogID(_ app: Application, unit: String, domain: String = "社会救助", level: CatalogLevel = .county) async throws -> UUID {
        let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == unit).first())
        let code = try #require(CatalogDomain.find(domain, in: CatalogDomain.pilot)).code
        let catalog = try #require(try await CatalogRecord.query(on: app.db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$domainCode == code).filter(\.$level == level.rawValue).first())
        return try catalog.requireID()
    }

    static func lock(_ app: Application, _ catalogID: UUID) async throws -> (number: Int, lock: Int) {
        let loaded = try #require(try await CatalogEditing.load(catalogID, on: app.db))
        let open = try #require(loaded.open)
        return (open.number, open.lockVersion)
    }

    static func entryFields(_ e: CatalogEntry, lock: Int, timeLimit: String? = nil) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("number", e.number), ("level1", e.level1), ("level2", e.level2), ("level3", e.level3), ("content", e.content),
            ("basis", e.basis), ("timeLimit", timeLimit ?? e.timeLimit.text), ("body", e.body), ("lock_version", String(lock)),
            ("otherChannels", e.channels.others.joined(separator: "\n")),
        ]
        fields += e.channels.required.map { ("channels[]", $0.rawValue) }
        fields += e.levels.map { ("levels[]", $0.rawValue) }
        if e.audience.everyone { fields.append(("everyone", "1")) }
        if e.methods.proactive { fields.append(("proactive", "1")) }
        if e.methods.onRequest { fields.append(("onRequest", "1")) }
        return fields
    }

    @Test("a township catalog goes draft → unit review → guiding unit review → published, with its history")
    func townshipFlow() async throws {
        try await TestApp.run { app, _ in
            let id = try await Self.catalogID(app, unit: "湖口县双钟镇人民政府", level: .township)
            let page = SiteURL.adminCatalog(id).path
            let action = SiteURL.adminCatalogAction(id).path

            // The township's editor starts a revision of the published version and changes one entry.
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(page).text.contains("新建修订版本"))
            #expect(try await editor.post(action, [("action", "revise")]).status == .seeOther)
            var (number, lock) = try await Self.lock(app, id)
            #expect(number == 2)
            let openID = try #require(try await CatalogEditing.load(id, on: app.db)?.open?.requireID())
            let first = try #require(try await CatalogEditing.entries(of: openID, on: app.db).first)
            let form = try await editor.get(SiteURL.adminCatalogEntry(id, entry: first.requireID()).path)
            #expect(form.text.contains("系统理解为：自制定或者获取之日起10个工作日内"))
            let saved = try await editor.post(SiteURL.adminCatalogEntry(id, entry: first.requireID()).path,
                                              Self.entryFields(first.entry, lock: lock, timeLimit: "信息形成或者变更之日起5个工作日内"))
            #expect(saved.status == .seeOther)
            (number, lock) = try await Self.lock(app, id)
            _ = try await editor.get(page)
            #expect(try await editor.post(action, [("action", "submit"), ("version", "2"), ("lock_version", String(lock))]).status == .seeOther)
            // An editor cannot review.
            _ = try await editor.get(page)
            (number, lock) = try await Self.lock(app, id)
            #expect(try await editor.post(action, [("action", "approve-unit"), ("version", "2"), ("lock_version", String(lock))]).status == .forbidden)

            // The township's reviewer approves; publishing must still wait for the guiding unit.
            let reviewer = Browser(app)
            _ = try await reviewer.login("hukou-shuangzhong-reviewer")
            #expect(try await reviewer.get(SiteURL.adminCatalogs.path).text.contains("待我处理"))
            #expect(try await reviewer.get(SiteURL.admin.path).text.contains("有1份政务公开事项标准目录等待您审核、发布或修改"))
            let reviewPage = try await reviewer.get(page)
            #expect(reviewPage.text.contains("本单位审核通过") && !reviewPage.text.contains("领域指导单位审核通过"))
            #expect(try await reviewer.post(action, [("action", "approve-unit"), ("version", "2"), ("lock_version", String(lock))]).status == .seeOther)
            (number, lock) = try await Self.lock(app, id)
            _ = try await reviewer.get(page)
            let early = try await reviewer.post(action, [("action", "publish"), ("version", "2"), ("lock_version", String(lock))])
            #expect(early.status == .conflict && early.text.contains("审核尚未全部通过"))

            // The domain's guiding unit (县民政局 guides 社会救助) approves.
            let guide = Browser(app)
            _ = try await guide.login("hukou-minzheng")
            #expect(try await guide.get(SiteURL.admin.path).text.contains("有1份政务公开事项标准目录等待您"))
            let guidePage = try await guide.get(page)
            #expect(guidePage.status == .ok && guidePage.text.contains("领域指导单位审核通过"))
            #expect(try await guide.post(action, [("action", "approve-guide"), ("version", "2"), ("lock_version", String(lock))]).status == .seeOther)
            (number, lock) = try await Self.lock(app, id)
            // The guide cannot publish for the township.
            _ = try await guide.get(page)
            #expect(try await guide.post(action, [("action", "publish"), ("version", "2"), ("lock_version", String(lock))]).status == .forbidden)

            _ = try await reviewer.get(page)
            #expect(try await reviewer.post(action, [("action", "publish"), ("version", "2"), ("lock_version", String(lock))]).status == .seeOther)
            let loaded = try #require(try await CatalogEditing.load(id, on: app.db))
            #expect(loaded.published?.number == 2 && loaded.open == nil)
            #expect(loaded.versions.first { $0.number == 1 }?.catalogStatus == .superseded)

            // History, diff, portal and API all show it.
            let history = try await reviewer.get(SiteURL.adminCatalog(id).path(.version(2), .compare(1)))
            #expect(history.text.contains("第1版 → 第2版的变化") && history.text.contains("信息形成或者变更之日起5个工作日内"))
            #expect(history.text.contains("来自湖口县民政局第1版"))
            let portal = try await Browser(app).get("/sites/hukou/fdzdgknr")
            #expect(portal.text.contains("信息形成或者变更之日起5个工作日内") && portal.text.contains("第2版"))
            let api = try (try await Browser(app).get("/api/v1/catalogs/\(id.uuidString)")).jsonObject()
            #expect(api["version"] as? Int == 2)
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$targetID == id.uuidString).sort(\.$occurredAt).all().map(\.action)
            #expect(Array(actions.suffix(6)) == ["catalog.revise", "catalog.entry.save", "catalog.submit", "catalog.approve", "catalog.approve", "catalog.publish"])
            let reviews = try await CatalogReviewRecord.query(on: app.db).all()
            #expect(Set(reviews.map(\.reviewer)) == ["unit", "guide"])
        }
    }

    @Test("a stale edit is refused with a clear message and changes nothing; a return needs a comment")
    func staleAndReturn() async throws {
        try await TestApp.run { app, _ in
            let id = try await Self.catalogID(app, unit: "湖口县民政局")
            let a = Browser(app)
            _ = try await a.login("hukou-minzheng")
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            _ = try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "revise")])
            let (_, lock) = try await Self.lock(app, id)
            let draftID = try #require(try await CatalogEditing.load(id, on: app.db)?.open?.requireID())
            let entries = try await CatalogEditing.entries(of: draftID, on: app.db)
            let path = SiteURL.adminCatalogEntry(id, entry: try entries[0].requireID()).path
            // Two people opened the form at the same lock version; the first save wins.
            _ = try await a.get(path)
            #expect(try await a.post(path, Self.entryFields(entries[0].entry, lock: lock, timeLimit: "实时公开")).status == .seeOther)
            _ = try await a.get(path)
            let stale = try await a.post(path, Self.entryFields(entries[0].entry, lock: lock, timeLimit: "长期公开"))
            #expect(stale.status == .conflict && stale.text.contains("已被他人修改"))
            #expect(stale.text.contains("长期公开"), "the typed text is kept in the form")
            #expect(try await CatalogEntryRecord.find(entries[0].requireID(), on: app.db)?.timeLimit == "实时公开")

            // A form with nothing in it gets a message beside each field.
            let empty = try await a.post(SiteURL.adminCatalogEntryNew(id).path, [("lock_version", String(lock + 1))])
            #expect(empty.status == .badRequest && empty.text.contains("请填写一级事项。") && empty.text.contains("请选择公开方式"))

            // Move, then delete with the current lock; a delete with an old lock is refused.
            var (_, current) = try await Self.lock(app, id)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            #expect(try await a.post(SiteURL.adminCatalogEntryAction(id, entry: try entries[0].requireID(), action: "down").path,
                                     [("lock_version", String(current))]).status == .seeOther)
            #expect(try await CatalogEditing.entries(of: draftID, on: app.db).map(\.id) == [entries[1].id, entries[0].id])
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            let old = try await a.post(SiteURL.adminCatalogEntryAction(id, entry: try entries[1].requireID(), action: "delete").path,
                                       [("lock_version", String(current))])
            #expect(old.status == .conflict)
            (_, current) = try await Self.lock(app, id)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            #expect(try await a.post(SiteURL.adminCatalogEntryAction(id, entry: try entries[1].requireID(), action: "delete").path,
                                     [("lock_version", String(current))]).status == .seeOther)
            #expect(try await CatalogEditing.entries(of: draftID, on: app.db).count == 1)

            // Submit, then return: without a comment it is refused; with one the draft is editable again.
            (_, current) = try await Self.lock(app, id)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            _ = try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "submit"), ("version", "2"), ("lock_version", String(current))])
            (_, current) = try await Self.lock(app, id)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            let bare = try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "return-unit"), ("version", "2"), ("lock_version", String(current)), ("comment", " ")])
            #expect(bare.status == .conflict && bare.text.contains("退回时请写明需要修改的地方"))
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            _ = try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "return-unit"), ("version", "2"), ("lock_version", String(current)), ("comment", "请补充公开依据的文号")])
            let loaded = try #require(try await CatalogEditing.load(id, on: app.db))
            #expect(loaded.open?.catalogStatus == .returned && loaded.published?.number == 1)
            #expect(try await a.get(SiteURL.adminCatalog(id).path).text.contains("请补充公开依据的文号"))

            // Discarding needs the confirmation box; the published version is untouched.
            (_, current) = try await Self.lock(app, id)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            #expect(try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "discard"), ("version", "2"), ("lock_version", String(current))]).status == .conflict)
            _ = try await a.get(SiteURL.adminCatalog(id).path)
            #expect(try await a.post(SiteURL.adminCatalogAction(id).path, [("action", "discard"), ("version", "2"), ("lock_version", String(current)), ("confirm", "yes")]).status == .seeOther)
            let after = try #require(try await CatalogEditing.load(id, on: app.db))
            #expect(after.versions.map(\.number) == [1] && after.published?.number == 1)
        }
    }

    @Test("a township starts its catalog from the county's, each entry linked to its source")
    func copyFromCounty() async throws {
        try await TestApp.run { app, _ in
            let county = try await Self.catalogID(app, unit: "湖口县民政局")
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$kind == "township")
                .filter(\.$name != "湖口县双钟镇人民政府").filter(\.$site.$id == (try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first()!.requireID())).first())
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get(SiteURL.adminCatalogs.path)
            let code = CatalogDomain.find("社会救助", in: CatalogDomain.pilot)!.code
            let created = try await admin.post(SiteURL.adminCatalogNew.path, [
                ("unit", try township.requireID().uuidString), ("domain", code), ("level", "township"), ("base", county.uuidString),
            ])
            #expect(created.status == .seeOther)
            let id = try await Self.catalogID(app, unit: township.name, level: .township)
            let draft = try #require(try await CatalogEditing.load(id, on: app.db)?.open)
            let copies = try await CatalogEditing.entries(of: draft.requireID(), on: app.db)
            #expect(copies.count == 2 && copies.allSatisfy { $0.copiedFromID != nil && $0.entry.levels.contains(.township) })
            // The same catalog cannot be created twice.
            _ = try await admin.get(SiteURL.adminCatalogs.path)
            let again = try await admin.post(SiteURL.adminCatalogNew.path, [
                ("unit", try township.requireID().uuidString), ("domain", code), ("level", "township"),
            ])
            #expect(again.status == .conflict && again.text.contains("已有社会救助领域乡级目录"))
        }
    }

    @Test("the import page checks a workbook, lists every problem, and imports only a clean file")
    func importPage() async throws {
        try await TestApp.run { app, _ in
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/catalogs")
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "武定县民政局").first())
            let code = CatalogDomain.find("养老服务", in: CatalogDomain.pilot)!.code
            let fields = [("unit", try unit.requireID().uuidString), ("domain", code), ("level", "county")]
            let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            let browser = Browser(app)
            _ = try await browser.login("wuding-minzheng")
            let before = try await CatalogVersionRecord.query(on: app.db).count()

            _ = try await browser.get(SiteURL.adminCatalogs.path)
            let broken = try await browser.upload(SiteURL.adminCatalogImport.path, fields,
                                                  file: ("file", "broken.xlsx", try Data(contentsOf: fixtures.appendingPathComponent("broken.xlsx")), xlsx))
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("第4行 I列（公开对象：全社会）：应为“√”或留空。（读到：“是的”）"))

            _ = try await browser.get(SiteURL.adminCatalogs.path)
            let seed = try Data(contentsOf: fixtures.appendingPathComponent("variants-district.xlsx"))
            let check = try await browser.upload(SiteURL.adminCatalogImport.path, fields + [("dry_run", "1")], file: ("file", "目录.xlsx", seed, xlsx))
            #expect(check.status == .ok && check.text.contains("检查通过") && check.text.contains("未导入的列：P列（备注）"))
            #expect(try await CatalogVersionRecord.query(on: app.db).count() == before)

            _ = try await browser.get(SiteURL.adminCatalogs.path)
            let done = try await browser.upload(SiteURL.adminCatalogImport.path, fields, file: ("file", "目录.xlsx", seed, xlsx))
            #expect(done.status == .seeOther)
            let id = try await Self.catalogID(app, unit: "武定县民政局", domain: "养老服务")
            let draft = try #require(try await CatalogEditing.load(id, on: app.db)?.open)
            #expect(draft.catalogStatus == .draft)
            #expect(try await CatalogEditing.entries(of: draft.requireID(), on: app.db).count == 3)
            let event = try #require(try await AuditEventRecord.query(on: app.db).filter(\.$action == "catalog.import").first())
            #expect(event.summary.contains("从“目录.xlsx”导入3个事项，填入第1版草稿"))

            // The draft downloads as the template and reads back to the same entries.
            let download = try await browser.get(SiteURL.adminCatalogDownload(id, version: draft.number, format: "xlsx").path)
            #expect(download.status == .ok)
            let back = try CatalogWorkbook.read(Data(buffer: download.body), defaultLevels: [.county])
            #expect(back.entries == (try await CatalogEditing.entries(of: draft.requireID(), on: app.db).map(\.entry)))
        }
    }

    @Test("people see only their own unit's catalogs and those of the domains they guide; drafts never reach the public")
    func permissions() async throws {
        try await TestApp.run { app, _ in
            let wuding = try await Self.catalogID(app, unit: "武定县市场监督管理局", domain: "食品药品监管")
            let hukouTownship = try await Self.catalogID(app, unit: "湖口县双钟镇人民政府", level: .township)
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(SiteURL.adminCatalog(wuding).path).status == .forbidden)
            let county = try await Self.catalogID(app, unit: "湖口县民政局")
            #expect(try await editor.get(SiteURL.adminCatalog(county).path).status == .forbidden)
            let list = try await editor.get(SiteURL.adminCatalogs.path)
            #expect(list.text.contains("湖口县双钟镇人民政府") && !list.text.contains("湖口县财政局"))
            // The guide sees township catalogs of its domain but cannot edit them.
            let guide = Browser(app)
            _ = try await guide.login("hukou-minzheng")
            #expect(try await guide.get(SiteURL.adminCatalog(hukouTownship).path).status == .ok)
            _ = try await guide.get(SiteURL.adminCatalog(hukouTownship).path)
            #expect(try await guide.post(SiteURL.adminCatalogAction(hukouTownship).path, [("action", "revise")]).status == .forbidden)
            // Only the admin sets guiding units and adds 其他领域.
            _ = try await editor.get(SiteURL.adminCatalogDomains.path)
            #expect(try await editor.post(SiteURL.adminCatalogDomains.path, [("newDomain", "政务服务")]).status == .forbidden)
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get(SiteURL.adminCatalogDomains.path)
            #expect(try await admin.post(SiteURL.adminCatalogDomains.path, [("newDomain", "政务服务领域")]).status == .seeOther)
            let hukou = try #require(try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first())
            #expect(try await CatalogStore.domains(siteID: hukou.requireID(), on: app.db).last?.name == "政务服务")
            _ = try await admin.get(SiteURL.adminCatalogDomains.path)
            #expect(try await admin.post(SiteURL.adminCatalogDomains.path, [("newDomain", "政务服务")]).text.contains("已有“政务服务”领域"))
            // An empty (unpublished) catalog is not downloadable from the portal.
            let finance = try await Self.catalogID(app, unit: "湖口县财政局", domain: "财政预决算")
            #expect(try await Browser(app).get(SiteURL.publicCatalogDownload(slug: "hukou", catalog: finance, format: "xlsx").path).status == .notFound)
            #expect(try await Browser(app).get(SiteURL.publicCatalogDownload(slug: "wuding", catalog: county, format: "xlsx").path).status == .notFound)
            #expect(try await Browser(app).get(SiteURL.publicCatalogDownload(slug: "hukou", catalog: county, format: "csv").path).status == .ok)
        }
    }
}
