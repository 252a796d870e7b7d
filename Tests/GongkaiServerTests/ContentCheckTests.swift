import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Content check before publishing")
struct ContentCheckTests {
    @Test("the admin keeps the 错敏词 list; anyone checks text for personal data and those words and gets a masked copy")
    func check() async throws {
        try await TestApp.run { app, _ in
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get(SiteURL.adminContentCheck.path)
            let added = try await admin.post(SiteURL.adminSensitiveWords.path, [("words", "国办厅｜应写“国务院办公厅”\n中共中央国务院\n国办厅\n ")])
            #expect(added.status == .seeOther)
            #expect(try await SensitiveWordRecord.query(on: app.db).count() == 2, "the repeat is added once")
            _ = try await admin.get(SiteURL.adminContentCheck.path)
            let again = try await admin.post(SiteURL.adminSensitiveWords.path, [("words", "国办厅")])
            #expect(again.headers.first(name: .location)?.contains("words-unchanged") == true)

            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let page = try await editor.get(SiteURL.adminContentCheck.path)
            #expect(page.text.contains("国办厅") && !page.text.contains("添加错敏词"))
            #expect(try await editor.post(SiteURL.adminSensitiveWords.path, [("words", "x")]).status == .forbidden)
            _ = try await editor.get(SiteURL.adminContentCheck.path)
            let result = try await editor.post(SiteURL.adminContentCheck.path,
                                               [("text", "根据国办厅通知，低保对象张三（身份证号11010519491231002X，电话13812345678）。")])
            #expect(result.status == .ok)
            #expect(result.text.contains("个人信息（2处）") && result.text.contains("居民身份证号码：110***********002X"))
            #expect(result.text.contains("身份证号110***********002X，电话138****5678"), "the masked copy")
            #expect(result.text.contains("错敏词（1处）") && result.text.contains("“国办厅”（第3个字起）"))
            _ = try await editor.get(SiteURL.adminContentCheck.path)
            #expect(try await editor.post(SiteURL.adminContentCheck.path, [("text", " ")]).status == .unprocessableEntity)

            // Other counties have their own list; removal keeps the row and is audited.
            let wuding = Browser(app)
            _ = try await wuding.login("wuding-admin")
            #expect(try await wuding.get(SiteURL.adminContentCheck.path).text.contains("错敏词（0个）"))
            let word = try #require(try await SensitiveWordRecord.query(on: app.db).filter(\.$word == "国办厅").first())
            #expect(try await wuding.post(SiteURL.adminSensitiveWordRemove(word.requireID()).path, []).status == .notFound)
            _ = try await admin.get(SiteURL.adminContentCheck.path)
            #expect(try await admin.post(SiteURL.adminSensitiveWordRemove(word.requireID()).path, []).status == .seeOther)
            #expect(try await SensitiveWordRecord.query(on: app.db).filter(\.$removedAt != nil).count() == 1)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action ~~ ["words.add", "words.remove"]).count() == 2)
        }
    }
}
