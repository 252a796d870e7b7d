import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// A township's 权责清单 through the back office and the portal: a broken workbook refused with nothing stored, a
/// clean one checked then imported, submitted, checked by the unit, published by the office; who may do which
/// step; stale steps; the portal, downloads and the API; a revision and its changes.
@Suite("权责清单: import, review, publish", .serialized)
struct DutyListFlowTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lists")
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }

    static func fields(_ form: DutyListRowPage.Form, lock: String) -> [(String, String)] {
        [("code", form.code ?? ""), ("powerType", form.powerType ?? ""), ("name", form.name ?? ""), ("subItem", form.subItem ?? ""),
         ("basis", form.basis ?? ""), ("subject", form.subject ?? ""), ("duties", form.duties ?? ""),
         ("accountability", form.accountability ?? ""), ("note", form.note ?? ""), ("lock_version", lock)]
    }

    static func open(_ app: Application, _ id: UUID) async throws -> (version: String, lock: String) {
        let open = try #require(try await DutyListEditing.load(id, on: app.db)?.open)
        return (String(open.number), String(open.lockVersion))
    }

    @Test("broken files change nothing; a clean list goes draft → the unit's check → the office publishes; the portal and API show it")
    func importReviewPublish() async throws {
        try await TestApp.run { app, _ in
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let fields = [("unit", try unit.requireID().uuidString), ("kind", "power")]
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")

            // Refused: a list with two bad rows, a file that is not a workbook, the other kind of list. Nothing stored.
            _ = try await editor.get(SiteURL.adminLists.path)
            let broken = try await editor.upload(SiteURL.adminListImport.path, fields, file: ("file", "有错误.xlsx", try Self.fixture("power-broken.xlsx"), Self.xlsx))
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("第4行 B列（职权类型）：职权类型应为行政许可、行政处罚"))
            #expect(broken.text.contains("第5行 E列（实施依据）：实施依据不能为空。"))
            _ = try await editor.get(SiteURL.adminLists.path)
            let notBook = try await editor.upload(SiteURL.adminListImport.path, fields, file: ("file", "清单.xlsx", try Self.fixture("not-a-workbook.xlsx"), Self.xlsx))
            #expect(notBook.status == .unprocessableEntity && notBook.text.contains("未导入"))
            _ = try await editor.get(SiteURL.adminLists.path)
            let wrongKind = try await editor.upload(SiteURL.adminListImport.path, fields,
                                                    file: ("file", "服务.xlsx", try Self.fixture("service-jiaotong.xlsx"), Self.xlsx))
            #expect(wrongKind.status == .unprocessableEntity && wrongKind.text.contains("这是公共服务清单的表头，不是权责清单"))
            _ = try await editor.get(SiteURL.adminLists.path)
            let noFile = try await editor.post(SiteURL.adminListImport.path, [("unit", ""), ("kind", "")])
            #expect(noFile.status == .badRequest && noFile.text.contains("请选择单位。") && noFile.text.contains("请选择清单类别"))
            #expect(try await DutyListRecord.query(on: app.db).count() == 0)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action ~~ ["list.import", "list.publish"]).count() == 0)

            // Another unit's list is not the editor's to import.
            let other = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            _ = try await editor.get(SiteURL.adminLists.path)
            let foreign = try await editor.upload(SiteURL.adminListImport.path, [("unit", try other.requireID().uuidString), ("kind", "power")],
                                                  file: ("file", "清单.xlsx", try Self.fixture("power-jiaotong.xlsx"), Self.xlsx))
            #expect(foreign.status == .forbidden)

            // Checked, then imported as a draft.
            let good = try Self.fixture("power-jiaotong.xlsx")
            _ = try await editor.get(SiteURL.adminLists.path)
            let check = try await editor.upload(SiteURL.adminListImport.path, fields + [("dry_run", "1")], file: ("file", "权责清单.xlsx", good, Self.xlsx))
            #expect(check.status == .ok && check.text.contains("检查通过") && check.text.contains("权责清单10项"))
            #expect(try await DutyListRecord.query(on: app.db).count() == 0)
            _ = try await editor.get(SiteURL.adminLists.path)
            let imported = try await editor.upload(SiteURL.adminListImport.path, fields, file: ("file", "权责清单.xlsx", good, Self.xlsx))
            #expect(imported.status == .seeOther)
            let list = try #require(try await DutyListRecord.query(on: app.db).first())
            let id = try list.requireID()
            let page = SiteURL.adminList(id).path
            let action = SiteURL.adminListAction(id).path
            #expect(try await editor.get(page).text.contains("涉路施工许可"))

            // Submitted; the editor may not check it, a stale step is refused.
            var (version, lock) = try await Self.open(app, id)
            _ = try await editor.get(page)
            #expect(try await editor.post(action, [("action", "submit"), ("version", version), ("lock_version", lock)]).status == .seeOther)
            _ = try await editor.get(page)
            #expect(try await editor.post(action, [("action", "approve-unit"), ("version", version), ("lock_version", lock)]).status == .forbidden)
            let reviewer = Browser(app)
            _ = try await reviewer.login("hukou-shuangzhong-reviewer")
            #expect(try await reviewer.get(SiteURL.adminLists.path).text.contains("待我处理"))
            _ = try await reviewer.get(page)
            let stale = try await reviewer.post(action, [("action", "approve-unit"), ("version", version), ("lock_version", lock)])
            #expect(stale.status == .conflict && stale.text.contains("已被他人处理"))
            (version, lock) = try await Self.open(app, id)
            _ = try await reviewer.get(page)
            #expect(try await reviewer.post(action, [("action", "approve-unit"), ("version", version), ("lock_version", lock)]).status == .seeOther)
            // The unit's reviewer cannot publish: that is the office's check.
            (version, lock) = try await Self.open(app, id)
            _ = try await reviewer.get(page)
            #expect(try await reviewer.post(action, [("action", "publish"), ("version", version), ("lock_version", lock)]).status == .forbidden)
            // Not on the portal yet.
            #expect(try await Browser(app).get(SiteURL.publicList(slug: "hukou", kind: .power, id).path).status == .notFound)

            let office = Browser(app)
            _ = try await office.login("hukou-admin")
            let officePage = try await office.get(page)
            #expect(officePage.text.contains("公开办审核通过并发布") && officePage.text.contains("本单位审核：双钟镇审核（示例）"))
            #expect(try await office.post(action, [("action", "publish"), ("version", version), ("lock_version", lock)]).status == .seeOther)
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$targetID == id.uuidString).sort(\.$occurredAt).all().map(\.action)
            #expect(actions == ["list.import", "list.submit", "list.approve", "list.publish"])

            // The portal: the site's table counts by type, the unit's page has every row and the downloads.
            let visitor = Browser(app)
            let site = try await visitor.get(SiteURL.publicLists(slug: "hukou", kind: .power).path)
            #expect(site.status == .ok && site.text.contains("湖口县双钟镇人民政府"))
            let unitPage = try await visitor.get(SiteURL.publicList(slug: "hukou", kind: .power, id).path)
            #expect(unitPage.text.contains("行政许可4项，行政处罚2项") && unitPage.text.contains("含县道、乡道"))
            #expect(try await visitor.get(SiteURL.section(slug: "hukou", .services).path).text.contains("湖口县双钟镇人民政府"))
            #expect(try await visitor.get(SiteURL.unitPage(slug: "hukou", try unit.requireID()).path).text.contains("权责清单（10项）"))
            let download = try await visitor.get(SiteURL.publicListDownload(slug: "hukou", kind: .power, id, format: "xlsx").path)
            #expect(download.status == .ok)
            let back = try DutyListWorkbook.read(Data(buffer: download.body), expected: .power, defaultLevel: .county)
            #expect(back.rows.count == 10 && back.title == "湖口县双钟镇人民政府权责清单")
            let json = try await visitor.get(SiteURL.apiDutyLists.path + "?site=hukou&kind=power")
            let items = try #require(try json.jsonObject()["items"] as? [[String: Any]])
            #expect(items.count == 1 && (items[0]["rows"] as? [[String: Any]])?.count == 10)
            #expect(try await visitor.get(SiteURL.apiDutyLists.path + "?site=hukou&kind=nonsense").status == .badRequest)

            // A revision: the published version stays on the portal until the next is published; the change is listed.
            _ = try await editor.get(page)
            #expect(try await editor.post(action, [("action", "revise")]).status == .seeOther)
            var rows = try await DutyListEditing.rows(of: try #require(try await DutyListEditing.load(id, on: app.db)?.open).requireID(), on: app.db)
            rows.removeLast()
            rows[0].basis += "；《超限运输车辆行驶公路管理规定》第六条"
            let revised = try DutyListWorkbook.write(kind: .power, title: "双钟镇权责清单", rows: rows)
            _ = try await editor.get(SiteURL.adminLists.path)
            #expect(try await editor.upload(SiteURL.adminListImport.path, fields, file: ("file", "修订.xlsx", revised, Self.xlsx)).status == .seeOther)
            let draftPage = try await editor.get(page)
            #expect(draftPage.text.contains("与第1版相比（2处变化）") && draftPage.text.contains("超限运输车辆行驶公路管理规定"))
            #expect(try await visitor.get(SiteURL.publicList(slug: "hukou", kind: .power, id).path).text.contains("农村公路建设项目"))

            // The unit's catalog draft is offered the published rows it does not cover, each one click from a new entry.
            let catalogID = try await CatalogWorkflowTests.catalogID(app, unit: "湖口县双钟镇人民政府", level: .township)
            _ = try await editor.get(SiteURL.adminCatalog(catalogID).path)
            #expect(try await editor.post(SiteURL.adminCatalogAction(catalogID).path, [("action", "revise")]).status == .seeOther)
            let catalogPage = try await editor.get(SiteURL.adminCatalog(catalogID).path)
            #expect(catalogPage.text.contains("本单位权责清单和公共服务清单中还有8项没有编入本单位的任何目录（共8项）"))
            #expect(catalogPage.text.contains("行政处罚：对擅自占用、挖掘公路的处罚"))
            let offered = SiteURL.adminCatalogEntryNew(catalogID).path(.level2("公路超限运输许可"))
            #expect(catalogPage.text.contains(offered.replacingOccurrences(of: "&", with: "&amp;")))
            #expect(try await editor.get(offered).text.contains("name=\"level2\" value=\"公路超限运输许可\""))

            // One row changed and one removed in the browser; a blank field or a stale form saves nothing.
            (version, lock) = try await Self.open(app, id)
            let rowForm = try await editor.get(SiteURL.adminListRow(id, position: 1).path)
            #expect(rowForm.status == .ok && rowForm.text.contains("修改第1项") && rowForm.text.contains("公路超限运输许可"))
            var rowFields = DutyListRowPage.Form(rows[0])
            rowFields.basis = ""
            let blank = try await editor.post(SiteURL.adminListRow(id, position: 1).path, Self.fields(rowFields, lock: lock))
            #expect(blank.status == .badRequest && blank.text.contains("实施依据不能为空。"))
            rowFields.basis = rows[0].basis
            rowFields.note = "按日受理"
            _ = try await editor.get(SiteURL.adminListRow(id, position: 1).path)
            #expect(try await editor.post(SiteURL.adminListRow(id, position: 1).path, Self.fields(rowFields, lock: lock)).status == .seeOther)
            _ = try await editor.get(SiteURL.adminListRow(id, position: 1).path)
            let staleRow = try await editor.post(SiteURL.adminListRow(id, position: 1).path, Self.fields(rowFields, lock: lock))
            #expect(staleRow.status == .conflict && staleRow.text.contains("按日受理"), "what was typed is kept")
            (version, lock) = try await Self.open(app, id)
            _ = try await editor.get(page)
            #expect(try await editor.post(SiteURL.adminListRowRemove(id, position: 2).path, [("lock_version", lock)]).status == .seeOther)
            let draftRows = try await DutyListEditing.rows(of: try #require(try await DutyListEditing.load(id, on: app.db)?.open).requireID(), on: app.db)
            #expect(draftRows.count == 8 && draftRows[0].note == "按日受理" && draftRows[1].subItem.hasPrefix("在公路用地范围内"))
            let rowActions = try await AuditEventRecord.query(on: app.db).filter(\.$targetID == id.uuidString)
                .filter(\.$action ~~ ["list.row.save", "list.row.remove"]).count()
            #expect(rowActions == 2)
            _ = version
        }
    }
}

@Suite("权责清单 through the API", .serialized)
struct DutyListAPITests {
    @Test("a unit's system sends its list: a bad row stores nothing and is named; good rows become a submitted draft")
    func importThroughAPI() async throws {
        try await TestApp.run { app, _ in
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-minzheng").first())
            let token = try await StaffAccounts.createToken(for: user, label: "民政系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            func send(_ json: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, SiteURL.apiDutyLists.path, headers: headers, body: ByteBuffer(string: json))
            }
            let row = #"{"name":"结婚登记","audience":"内地居民","content":"办理结婚登记","basis":"《婚姻登记条例》第四条","subject":"湖口县民政局","timeLimit":"即办","fee":"免费","phone":"0792-6322348"}"#
            let bad = try await send(#"{"kind":"service","rows":[\#(row),{"name":"离婚登记","audience":"内地居民","content":"办理离婚登记","basis":"《婚姻登记条例》第十条","subject":"湖口县民政局","timeLimit":"即办","fee":"无","phone":"0792-6322348"}]}"#)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("第2项“离婚登记”") && bad.text.contains("不能写“无”"))
            #expect(try await DutyListRecord.query(on: app.db).count() == 0)
            let other = try await send(#"{"unit":"湖口县市场监督管理局","kind":"service","rows":[\#(row)]}"#)
            #expect(other.status == .forbidden)
            let good = try await send(#"{"kind":"service","submit":true,"rows":[\#(row)]}"#)
            #expect(good.status == .created)
            let body = try good.jsonObject()
            #expect(body["status"] as? String == "submitted" && body["rowCount"] as? Int == 1)
            let id = try #require(UUID(uuidString: body["id"] as? String ?? ""))
            let rows = try await DutyListEditing.rows(of: try #require(try await DutyListEditing.load(id, on: app.db)?.open).requireID(), on: app.db)
            #expect(rows.first?.fee == "不收费" && rows.first?.level == .county)
            let again = try await send(#"{"kind":"service","rows":[\#(row)]}"#)
            #expect(again.status == .conflict && again.text.contains("正在审核中"))
        }
    }
}
