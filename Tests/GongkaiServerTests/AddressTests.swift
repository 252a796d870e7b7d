import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Fluent
import Vapor

@testable import GongkaiServer

@Suite("Addresses: every absolute link carries the address the server bound")
struct AddressTests {
    static func fetch(_ url: String) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("on a port the system chose, the Atom feed, the sitemap and the API's links use it (issue 18, item 1)")
    func boundPort() async throws {
        try await TestApp.run { app, _ in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                Startup.recordBoundAddress(app)
                let port = try #require(app.http.server.shared.localAddress?.port)
                #expect(port != app.gongkai.config.port)
                let base = "http://127.0.0.1:\(port)"
                #expect(app.gongkai.publicBaseURL == base)
                let feed = try await Self.fetch(base + SiteURL.feed(slug: "hukou", scope: .site).path)
                #expect(feed.contains(#"<link rel="self" type="application/atom+xml" href="\#(base)/feeds/hukou/all.atom"/>"#))
                #expect(!feed.contains(":\(app.gongkai.config.port)/"), "no link to the configured port")
                let sitemap = try await Self.fetch(base + "/sitemap.xml")
                #expect(sitemap.contains("<loc>\(base)/sites/hukou/</loc>"))
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    @Test("GONGKAI_BASE_URL wins over the bound address (a proxy in front)")
    func configuredBase() async throws {
        try await TestApp.run(adjust: { $0.baseURL = "https://gongkai.hukou.gov.cn" }) { app, _ in
            app.gongkai.didBind(host: "127.0.0.1", port: 40123)
            #expect(app.gongkai.publicBaseURL == "https://gongkai.hukou.gov.cn")
        }
    }

    @Test("a taken address is named in the message; --bind, --hostname and --port are read as serve reads them")
    func requestedAddress() throws {
        let config = AppConfig()
        #expect(Startup.requestedAddress(["gongkai", "serve"], config: config) == ("127.0.0.1", 8080))
        #expect(Startup.requestedAddress(["gongkai", "serve", "--port", "9000"], config: config) == ("127.0.0.1", 9000))
        #expect(Startup.requestedAddress(["gongkai", "serve", "-H", "0.0.0.0", "-p", "80"], config: config) == ("0.0.0.0", 80))
        #expect(Startup.requestedAddress(["gongkai", "serve", "--bind", "10.0.0.2:8443"], config: config) == ("10.0.0.2", 8443))
    }

    @Test("the platform's front page advertises a feed of every site's latest, and the feed carries both counties")
    func allSitesFeed() async throws {
        try await TestApp.run { app, _ in
            for (n, slug) in ["hukou", "wuding"].enumerated() {
                let site = try await SiteQueries.bySlug(slug, on: app.db)
                let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).first())
                try await SearchIndex.insertBareRecord(rowid: Int64(900 + n), title: "\(site.name)的一条信息", body: "正文", siteID: site.requireID(),
                                                       unitID: unit.requireID(), now: app.gongkai.now, on: app.db)
            }
            let browser = Browser(app)
            let home = try await browser.get(SiteURL.home.path)
            #expect(home.text.contains(#"type="application/atom+xml""#) && home.text.contains(#"href="/feeds/all.atom""#))
            let feed = try await browser.get(SiteURL.feedAllSites.path)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "atom+xml")
            #expect(feed.text.contains("/sites/hukou/xinxi/") && feed.text.contains("/sites/wuding/xinxi/"))
        }
    }
}
