import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Portal, operations and the JSON API", .serialized)
struct PortalAndAPITests {
    @Test("both demo counties have a portal with the 政府信息公开 columns and entries")
    func portals() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let root = try await browser.get("/")
            #expect(root.status == .ok)
            #expect(root.text.contains("湖口县人民政府") && root.text.contains("武定县人民政府"))
            #expect(root.text.contains("lang=\"zh-CN\""))
            for slug in ["hukou", "wuding"] {
                let home = try await browser.get("/sites/\(slug)/")
                #expect(home.status == .ok)
                for section in PortalSection.allCases {
                    #expect(home.text.contains(section.title))
                    let page = try await browser.get("/sites/\(slug)/\(section.rawValue)")
                    #expect(page.status == .ok, "\(slug)/\(section.rawValue)")
                }
                #expect(home.text.contains("示例数据"))
            }
            let guide = try await browser.get("/sites/wuding/zhinan")
            #expect(guide.text.contains("楚雄彝族自治州生态环境局武定分局"))
            #expect(guide.text.contains("0878-"))
        }
    }

    @Test("with a single site, / is that site's home")
    func singleSite() async throws {
        try await TestApp.run(demo: false) { app, _ in
            try await SiteRecord(slug: "hukou", name: "湖口县", parentRegion: "江西省九江市", isDemo: false).create(on: app.db)
            let home = try await Browser(app).get("/")
            #expect(home.text.contains("湖口县人民政府信息公开"))
            #expect(!home.text.contains("示例数据"))
        }
    }

    @Test("missing things get a Chinese 404 page, API paths a JSON error")
    func notFound() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let page = try await browser.get("/sites/nowhere/")
            #expect(page.status == .notFound)
            #expect(page.text.contains("页面不存在"))
            let api = try await browser.get("/api/v1/nothing-here")
            #expect(api.status == .notFound)
            #expect(api.headers.contentType == .json)
            #expect(api.text.contains("\"code\":\"not_found\""))
        }
    }

    @Test("healthz checks the database; metrics speak Prometheus, to a collector with the token only; CSS is served locally")
    func operations() async throws {
        let token = "metrics-token-0123456789"
        try await TestApp.run(demo: false, adjust: { $0.metricsToken = token }) { app, _ in
            let browser = Browser(app)
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.text.contains("\"database\":\"ok\""))
            #expect(try await browser.get("/metrics").status == .notFound, "no token, not from this machine")
            #expect(try await browser.get("/metrics", headers: ["Authorization": "Bearer wrong-token-0123456789"]).status == .notFound)
            let metrics = try await browser.get("/metrics", headers: ["Authorization": "Bearer \(token)"])
            #expect(metrics.text.contains("gongkai_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))
            #expect(metrics.text.contains("# HELP gongkai_http_requests_total HTTP requests answered") && metrics.text.contains("# HELP gongkai_http_request_duration_seconds "), "every metric says what it counts")
            let css = try await browser.get("/assets/gongkai.css")
            #expect(css.status == .ok)
            #expect(css.headers.contentType == .css)
            #expect(css.text.contains("large-text"))
            let home = try await browser.get("/")
            #expect(!home.text.contains("http://") && !home.text.contains("https://"), "no external assets")
            #expect(home.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
        }
    }

    @Test("the large-text switch works without JavaScript and never redirects off-site")
    func largeText() async throws {
        try await TestApp.run(demo: false) { app, _ in
            let browser = Browser(app)
            let on = try await browser.get("/prefs/text-size?large=1&back=%2Fsites%2Fhukou%2F")
            #expect(on.headers.first(name: .location) == "/sites/hukou/")
            #expect(browser.cookies[GongkaiCookie.largeText] == "1")
            #expect(try await browser.get("/").text.contains("class=\"large-text\""))
            let evil = try await browser.get("/prefs/text-size?large=0&back=%2F%2Fevil.example")
            #expect(evil.headers.first(name: .location) == "/")
            // Browsers drop tabs and line breaks and read "\" as "/" (issue 16).
            for back in ["/%09/evil.example", "/%5Cevil.example", "%2F%250A%2Fevil.example", "/%E2%80%8B/evil.example",
                         "https://evil.example"] {
                let tricked = try await browser.get("/prefs/text-size?large=0&back=\(back)")
                #expect(tricked.headers.first(name: .location) == "/", "\(back)")
            }
            #expect(SiteURL.safeBackPath("/sites/hukou/sousuo?q=%E4%BD%8E%E4%BF%9D") == "/sites/hukou/sousuo?q=%E4%BD%8E%E4%BF%9D")
        }
    }

    @Test("an API call without a token on a protected route is 401; a revoked token too")
    func apiTokens() async throws {
        try await TestApp.run { app, _ in
            let none = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .wwwAuthenticate)?.contains("Bearer") == true)
            #expect(none.text.contains("\"code\":\"unauthorized\""))
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer gk_nope"])
            #expect(bad.status == .unauthorized)
            #expect(bad.text.contains("invalid_token"))

            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-minzheng").first())
            let created = try await StaffAccounts.createToken(for: user, label: "民政系统", actor: .commandLine(),
                                                              now: app.gongkai.now, on: app.db)
            #expect(created.record.tokenHash != created.token)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(created.token)"])
            #expect(me.status == .ok)
            #expect(me.text.contains("湖口县民政局"))

            let browser = Browser(app)
            _ = try await browser.login("hukou-minzheng")
            try await browser.get("/admin/tokens")
            #expect(try await browser.post("/admin/tokens/\(created.record.id!.uuidString)/revoke", []).status == .seeOther)
            let revoked = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(created.token)"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("public API lists sites and units; every API route is in the OpenAPI document")
    func apiDocument() async throws {
        try await TestApp.run { app, _ in
            let sites = try await app.testing().sendRequest(.GET, "/api/v1/sites")
            #expect(sites.text.contains("\"slug\":\"hukou\""))
            let units = try await app.testing().sendRequest(.GET, "/api/v1/sites/wuding/units")
            #expect(units.text.contains("县政务服务局"))
            let document = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let json = try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as! [String: Any]
            let paths = json["paths"] as! [String: Any]
            let routed = app.routes.all.filter { $0.path.first?.description == "api" && !$0.path.contains(.catchall) }
            for route in routed {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let item = paths[path] as? [String: Any]
                #expect(item?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not documented")
            }
            // Nothing documented that is not routed: one operation per route.
            let operations = paths.values.reduce(0) { $0 + (($1 as? [String: Any])?.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.count ?? 0) }
            #expect(operations == routed.count)
        }
    }
}
