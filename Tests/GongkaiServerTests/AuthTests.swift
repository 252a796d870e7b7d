import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Sign-in, sessions and CSRF", .serialized)
struct AuthTests {
    @Test("a correct login opens the dashboard and writes an audit event")
    func loginOpensDashboard() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let response = try await browser.login("hukou-admin")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/admin")
            #expect(browser.cookies[GongkaiCookie.session] != nil)
            let dashboard = try await browser.get("/admin")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("您好，湖口县公开办（示例）"))
            let logins = try await AuditEventRecord.query(on: app.db).filter(\.$action == "auth.login").count()
            #expect(logins == 1)
        }
    }

    @Test("the back office sends anonymous visitors to the login page")
    func anonymousIsRedirected() async throws {
        try await TestApp.run(demo: false) { app, _ in
            let response = try await Browser(app).get("/admin/units")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/admin/login?next=/admin/units")
        }
    }

    @Test("five wrong passwords slow the account down, then lock it; the lock expires")
    func throttleThenLock() async throws {
        try await TestApp.run { app, clock in
            let browser = Browser(app)
            // 1st and 2nd failures: answered at once.
            for _ in 1...2 {
                let r = try await browser.login("hukou-shuangzhong-editor", password: "wrong-password-1")
                #expect(r.status == .unauthorized)
                #expect(r.text.contains("登录名或密码不正确"))
            }
            // 3rd failure, then an immediate retry must wait.
            #expect(try await browser.login("hukou-shuangzhong-editor", password: "wrong-password-1").status == .unauthorized)
            let tooSoon = try await browser.login("hukou-shuangzhong-editor", password: DemoCounties.password)
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.text.contains("秒后再试"))
            #expect(tooSoon.headers.first(name: .retryAfter) == "5")
            clock.advance(6)
            // 4th failure: the wait grows.
            #expect(try await browser.login("hukou-shuangzhong-editor", password: "wrong-password-1").status == .unauthorized)
            let longer = try await browser.login("hukou-shuangzhong-editor", password: "wrong-password-1")
            #expect(longer.status == .tooManyRequests)
            #expect(longer.headers.first(name: .retryAfter) == "30")
            clock.advance(31)
            // 5th failure locks the account, even against the right password.
            #expect(try await browser.login("hukou-shuangzhong-editor", password: "wrong-password-1").status == .unauthorized)
            clock.advance(60)
            let locked = try await browser.login("hukou-shuangzhong-editor", password: DemoCounties.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("已临时锁定"))
            #expect(browser.cookies[GongkaiCookie.session] == nil)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "auth.locked").count() == 1)
            // After the lock period the right password works and resets the count.
            clock.advance(15 * 60)
            let ok = try await browser.login("hukou-shuangzhong-editor", password: DemoCounties.password)
            #expect(ok.status == .seeOther)
            let row = try await LoginThrottleRecord.query(on: app.db).filter(\.$loginName == "hukou-shuangzhong-editor").first()
            #expect(row?.failures == 0)
        }
    }

    @Test("an unknown name is answered like a wrong password")
    func unknownName() async throws {
        try await TestApp.run { app, _ in
            let r = try await Browser(app).login("nobody-here", password: "whatever-password")
            #expect(r.status == .unauthorized)
            #expect(r.text.contains("登录名或密码不正确"))
        }
    }

    @Test("a form POST without a valid CSRF token is refused and changes nothing")
    func csrfRequired() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let unit = try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first()!
            let path = "/admin/units/\(unit.id!.uuidString)"
            try await browser.get(path)
            let fields = [("version", String(unit.version)), ("address", "双钟镇新地址"), ("phone", "0792-6300000")]
            let missing = try await browser.post(path, fields, csrf: "")
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("安全令牌"))
            let forged = try await browser.post(path, fields, csrf: "forged-token-forged-token-forged-token")
            #expect(forged.status == .forbidden)
            let after = try await OrgUnitRecord.find(unit.id, on: app.db)!
            #expect(after.address == unit.address)
            #expect(after.version == unit.version)
            // The login form itself is protected too.
            let anonymous = Browser(app)
            let login = try await anonymous.post("/admin/login", [("name", "hukou-admin"), ("password", DemoCounties.password)])
            #expect(login.status == .forbidden)
        }
    }

    @Test("logging out ends the session in the database")
    func logout() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-admin")
            let oldCookie = browser.cookies[GongkaiCookie.session]!
            try await browser.get("/admin")
            let out = try await browser.post("/admin/logout", [])
            #expect(out.status == .seeOther)
            // Replaying the old cookie no longer works.
            browser.cookies[GongkaiCookie.session] = oldCookie
            #expect(try await browser.get("/admin").status == .seeOther)
            #expect(try await UserSessionRecord.query(on: app.db).filter(\.$endedAt == nil).count() == 0)
        }
    }

    @Test("a session expires after the idle timeout")
    func sessionExpires() async throws {
        try await TestApp.run { app, clock in
            let browser = Browser(app)
            _ = try await browser.login("hukou-admin")
            #expect(try await browser.get("/admin").status == .ok)
            clock.advance(GongkaiCookie.idleTimeout + 1)
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }
}
