import Fluent
import Foundation
import GongkaiCore
import GongkaiServer
import SQLKit
import Vapor

/// The back office's long lists on a big site (issue 18, item 12): N information records and a 5,000-entry catalog
/// in 湖口县, then the pages the office opens, through the whole app as a signed-in clerk. Reports the median time
/// and the size of each page.
public enum AdminListBenchmark {
    public struct Figure: Sendable {
        public let path: String
        public let milliseconds: Double
        public let bytes: Int
    }

    public static func run(records: Int, entries: Int, repeats: Int) async throws -> (seedSeconds: Double, figures: [Figure]) {
        try await BenchmarkApp.withDemo { app in
            let start = Date()
            let site = try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first()!
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).all()
            let middle = try await seedPublications(records, site: site, units: units, on: app.db)
            guard let unit = units.first(where: { $0.name == "湖口县民政局" }), let domain = CatalogDomain.find("就业", in: CatalogDomain.pilot) else {
                throw Abort(.internalServerError, reason: "demo unit missing")
            }
            let catalogEntries = (1...entries).map { n in
                CatalogEntry(number: String(n), level1: "一级事项\(n / 10 + 1)", level2: "事项\(n)",
                             content: "办理事项、办理条件、申请材料、办理流程、办理时间和地点、联系方式", basis: "《中华人民共和国政府信息公开条例》",
                             timeLimit: "信息形成或者变更之日起20个工作日内", body: "县民政局",
                             channels: ChannelSelection.parse("■政府网站    □政府公报").normalisedAsChecklist,
                             audience: Audience(everyone: true, specificGroup: nil), methods: DisclosureMethods(proactive: true, onRequest: false),
                             levels: [.county])
            }
            let version = try await CatalogEditing.importVersion(catalogEntries, unit: unit, domain: domain, level: .county, fileName: "bench.xlsx",
                                                                 publish: true, actor: .system, now: Date(), on: app.db)
            let seedSeconds = Date().timeIntervalSince(start)

            let cookie = try await signIn(app, name: "hukou-admin")
            let cursor = middle.id.uuidString
            let catalog = SiteURL.adminCatalog(try await CatalogEditing.catalogID(of: version, on: app.db)).path
            let paths = [
                SiteURL.adminPublications.path, SiteURL.adminPublications.path([.after(cursor)]),
                SiteURL.adminPublications.path([.text("第4999")]), SiteURL.adminPublications.path([.state("live"), .unit(unit.id!)]),
                catalog, catalog + "?after=\(entries - 150)", catalog + "?q=" + "事项49".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
                SiteURL.admin.path,
            ]
            var figures: [Figure] = []
            for path in paths {
                var times: [Double] = []
                var bytes = 0
                for _ in 0..<repeats {
                    let began = ContinuousClock.now
                    var headers = HTTPHeaders()
                    headers.add(name: .cookie, value: cookie)
                    let request = Request(application: app, method: .GET, url: URI(string: path), headers: headers, on: app.eventLoopGroup.next())
                    let response = try await app.responder.respond(to: request).get()
                    guard response.status == .ok else { throw Abort(response.status, reason: path) }
                    bytes = response.body.count
                    let elapsed = ContinuousClock.now - began
                    times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
                figures.append(Figure(path: path, milliseconds: times.sorted()[times.count / 2], bytes: bytes))
            }
            return (seedSeconds, figures)
        }
    }

    /// Records with one published version each, written in batches straight into the tables.
    static func seedPublications(_ count: Int, site: SiteRecord, units: [OrgUnitRecord], on db: any Database) async throws -> (id: UUID, at: Date) {
        let siteID = try site.requireID()
        let middleID = UUID()
        let base = Date().addingTimeInterval(-Double(count) * 600)
        var n = 0
        while n < count {
            let batch = min(500, count - n), first = n
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for i in first..<(first + batch) {
                    let id = i == count / 2 ? middleID : UUID(), versionID = UUID()
                    let unit = units[i % units.count]
                    let at = base.addingTimeInterval(Double(i) * 600)
                    let title = "\(unit.name)关于第\(i)号事项的通知"
                    try await sql.raw("""
                        INSERT INTO publications (id, site_id, unit_id, kind, index_number, index_year, index_sequence, lock_version,
                        created_at, created_by_label, live_version_id, live_number, title, document_number, theme, validity, published_on,
                        first_published_at, last_published_at, domain_codes)
                        VALUES (\(bind: id), \(bind: siteID), \(bind: unit.id!), 'document', \(bind: "BENCH/\(i)"), 2026, \(bind: i + 1), 1,
                        \(bind: at), 'bench', \(bind: versionID), 1, \(bind: title), '', '综合政务', 'valid', '2026-01-01', \(bind: at), \(bind: at), '')
                        """).run()
                    try await sql.raw("""
                        INSERT INTO publication_versions (id, publication_id, number, status, title, document_number, theme, written_on, formed_on,
                        published_on, validity, repealed_by, attribute, attribute_explanation, body_html, body_text, channels, channels_other,
                        change_note, lock_version, created_at, created_by_label, published_at, published_by_label)
                        VALUES (\(bind: versionID), \(bind: id), 1, 'published', \(bind: title), '', '综合政务', '2026-01-01', '2026-01-01',
                        '2026-01-01', 'valid', '', 'proactive', '', '<p>正文</p>', '正文', 'government-website', '', '', 1, \(bind: at), 'bench', \(bind: at), 'bench')
                        """).run()
                }
            }
            n += batch
        }
        return (middleID, base.addingTimeInterval(Double(count / 2) * 600))
    }

    /// Signs in through the login form, as a browser does, and returns the session cookie.
    static func signIn(_ app: Application, name: String) async throws -> String {
        let form = try await app.responder.respond(to: Request(application: app, method: .GET, url: URI(string: SiteURL.adminLogin(next: nil).path),
                                                               on: app.eventLoopGroup.next())).get()
        let html = form.body.string ?? ""
        guard let match = html.firstMatch(of: /name="csrf_token" value="([^"]+)"/) else { throw Abort(.internalServerError, reason: "no CSRF token") }
        let cookies = form.headers[.setCookie].map { $0.split(separator: ";")[0] }.joined(separator: "; ")
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookies)
        headers.contentType = .urlEncodedForm
        let body = "name=\(name)&password=gongkai-demo-2020&csrf_token=\(String(match.1).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        let request = Request(application: app, method: .POST, url: URI(string: SiteURL.adminLogin(next: nil).path), headers: headers,
                              collectedBody: ByteBuffer(string: body), on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        let session = response.headers[.setCookie].map { $0.split(separator: ";")[0] }.joined(separator: "; ")
        guard !session.isEmpty else { throw Abort(.unauthorized, reason: "sign-in failed") }
        return session
    }
}
