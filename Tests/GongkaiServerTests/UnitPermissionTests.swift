import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Editing units: permissions, audit, stale edits, escaping", .serialized)
struct UnitPermissionTests {
    static func unit(_ name: String, _ app: Application) async throws -> OrgUnitRecord {
        try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == name).first())
    }

    static func contactForm(_ unit: OrgUnitRecord, phone: String, version: Int? = nil) -> [(String, String)] {
        [("version", String(version ?? unit.version)), ("address", unit.address), ("officeHours", unit.officeHours),
         ("phone", phone), ("fax", unit.fax), ("email", ""), ("postcode", "")]
    }

    @Test("an editor of one township cannot change another unit's data")
    func editorCannotTouchOtherUnit() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let other = try await Self.unit("湖口县均桥镇人民政府", app)
            let eventsBefore = try await AuditEventRecord.query(on: app.db).count()
            try await browser.get("/admin")
            let response = try await browser.post("/admin/units/\(other.id!.uuidString)",
                                                  Self.contactForm(other, phone: "0792-1111111"))
            #expect(response.status == .forbidden)
            #expect(response.text.contains("只能修改本单位的数据"))
            let after = try await Self.unit("湖口县均桥镇人民政府", app)
            #expect(after.phone == other.phone)
            #expect(after.version == other.version)
            #expect(try await AuditEventRecord.query(on: app.db).count() == eventsBefore)
            // Another county's unit does not even exist for this editor.
            let foreign = try await Self.unit("武定县狮山镇人民政府", app)
            #expect(try await browser.get("/admin/units/\(foreign.id!.uuidString)").status == .notFound)
        }
    }

    @Test("an editor changes its own unit's contact details, audited with before and after")
    func editorChangesOwnUnit() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let own = try await Self.unit("湖口县双钟镇人民政府", app)
            try await browser.get("/admin/units/\(own.id!.uuidString)")
            var form = Self.contactForm(own, phone: "0792-6399999")
            form.append(("name", "改名企图"))  // structural fields are the admin's; ignored for an editor
            let response = try await browser.post("/admin/units/\(own.id!.uuidString)", form)
            #expect(response.status == .seeOther)
            let after = try await Self.unit("湖口县双钟镇人民政府", app)
            #expect(after.phone == "0792-6399999")
            #expect(after.version == own.version + 1)
            let event = try #require(try await AuditEventRecord.query(on: app.db).filter(\.$action == "unit.update").first())
            #expect(event.summary.contains("联系电话：\(own.phone) → 0792-6399999"))
            #expect(event.actorLabel.contains("hukou-shuangzhong-editor"))
            #expect(!event.summary.contains("改名企图"))
        }
    }

    @Test("bad input is shown beside the field, keeps what was typed and changes nothing")
    func validationMessages() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let own = try await Self.unit("湖口县双钟镇人民政府", app)
            try await browser.get("/admin/units/\(own.id!.uuidString)")
            let response = try await browser.post("/admin/units/\(own.id!.uuidString)", Self.contactForm(own, phone: "call me"))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("联系电话“call me”格式不正确"))
            #expect(response.text.contains("value=\"call me\""))
            #expect(try await Self.unit("湖口县双钟镇人民政府", app).version == own.version)
        }
    }

    @Test("a stale edit is refused with a clear message instead of overwriting")
    func staleEdit() async throws {
        try await TestApp.run { app, _ in
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let own = try await Self.unit("湖口县双钟镇人民政府", app)
            let path = "/admin/units/\(own.id!.uuidString)"
            try await editor.get(path)
            #expect(try await editor.post(path, Self.contactForm(own, phone: "0792-6311111")).status == .seeOther)
            // A second save that started from the old version.
            try await editor.get(path)
            let stale = try await editor.post(path, Self.contactForm(own, phone: "0792-6322222", version: own.version))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("已被他人修改"))
            #expect(try await Self.unit("湖口县双钟镇人民政府", app).phone == "0792-6311111")
        }
    }

    @Test("names typed by people are escaped on every page")
    func escaping() async throws {
        try await TestApp.run { app, _ in
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let unit = try await Self.unit("湖口县自来水公司", app)
            let path = "/admin/units/\(unit.id!.uuidString)"
            try await admin.get(path)
            let hostile = "<script>alert(\"x\")</script>&amp;'"
            var form = Self.contactForm(unit, phone: unit.phone)
            form += [("name", hostile), ("shortName", "水司"), ("kind", "public-institution"), ("aliases", "")]
            #expect(try await admin.post(path, form).status == .seeOther)
            for page in [path, "/admin/units", "/sites/hukou/zhinan"] {
                let text = try await admin.get(page).text
                #expect(!text.contains("<script>alert"), "raw script on \(page)")
                #expect(text.contains("&lt;script&gt;alert"), "escaped name missing on \(page)")
                #expect(text.contains("&amp;amp;"), "ampersand not escaped on \(page)")
            }
        }
    }

    @Test("the admin adds a township under the county and archives it with a reason; nothing is deleted")
    func createAndArchive() async throws {
        try await TestApp.run { app, _ in
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let root = try await Self.unit("湖口县人民政府", app)
            try await admin.get("/admin/units/new")
            let created = try await admin.post("/admin/units/new", [
                ("parent", root.id!.uuidString), ("name", "湖口县武山镇人民政府"), ("shortName", "武山镇"),
                ("kind", "township"), ("aliases", ""), ("address", ""), ("officeHours", ""), ("phone", ""), ("fax", ""),
                ("email", ""), ("postcode", ""),
            ])
            #expect(created.status == .seeOther)
            let unit = try await Self.unit("湖口县武山镇人民政府", app)
            try await admin.get("/admin/units/\(unit.id!.uuidString)")
            let noReason = try await admin.post("/admin/units/\(unit.id!.uuidString)/archive", [("reason", "")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.text.contains("请填写撤销原因"))
            try await admin.get("/admin/units/\(unit.id!.uuidString)")
            let archived = try await admin.post("/admin/units/\(unit.id!.uuidString)/archive", [("reason", "行政区划调整")])
            #expect(archived.status == .seeOther)
            let after = try await Self.unit("湖口县武山镇人民政府", app)
            #expect(after.archivedAt != nil)
            #expect(after.archiveReason == "行政区划调整")
            // A duplicate name is refused beside the field.
            try await admin.get("/admin/units/new")
            let duplicate = try await admin.post("/admin/units/new", [
                ("parent", root.id!.uuidString), ("name", "湖口县民政局"), ("kind", "department"),
            ])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.text.contains("本站点已有名为“湖口县民政局”的单位"))
        }
    }

    @Test("only the admin browses the audit trail; the CSV export opens in Excel")
    func auditPage() async throws {
        try await TestApp.run { app, _ in
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get("/admin/audit").status == .forbidden)
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let page = try await admin.get("/admin/audit?action=auth.login")
            #expect(page.status == .ok)
            #expect(page.text.contains("共 2 条"))
            let badDate = try await admin.get("/admin/audit?from=2026-13-45")
            #expect(badDate.text.contains("开始日期“2026-13-45”格式不正确"))
            let csv = try await admin.get("/admin/audit/export.csv?target=unit")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("\u{FEFF}时间,操作人,操作"))
            #expect(csv.text.contains("湖口县民政局"))
            #expect(!csv.text.contains("武定县民政局"))  // another site's events stay out
        }
    }
}
