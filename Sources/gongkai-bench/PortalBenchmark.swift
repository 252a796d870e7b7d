import GongkaiServer
import Foundation
import Fluent
import Vapor

/// Serves portal pages through the whole app (middleware, routing, database, rendering) in-process, on a
/// fresh SQLite database with the demo counties, and reports pages per second for each path.
public enum PortalBenchmark {
    public static func run(requests: Int, publications: Bool = false) async throws -> [(String, Double)] {
        try await BenchmarkApp.withDemo { app in
            var results: [(String, Double)] = []
            var paths = [SiteURL.home, .site(slug: "hukou"), .section(slug: "hukou", .guide), .healthz].map(\.path)
            if publications {
                // The demo's 300 records: the list, an information page, a search and a feed.
                try await DemoPublications.load(app: app)
                let hukou = try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first()
                let record = try await PublicationRecord.query(on: app.db).filter(\.$site.$id == hukou!.requireID()).filter(\.$liveVersionID != nil).sort(\.$lastPublishedAt, .descending).first()
                paths = [SiteURL.site(slug: "hukou").path, SiteURL.publications(slug: "hukou").path,
                         SiteURL.publications(slug: "hukou").path(.page(5), .theme("综合政务")),
                         record.map { SiteURL.publication(slug: "hukou", $0.id!).path } ?? "/",
                         SiteURL.search(slug: "hukou").path(.text("低保")), SiteURL.feed(slug: "hukou", scope: .site).path]
            }
            for path in paths {
                let start = ContinuousClock.now
                for _ in 0..<requests {
                    let request = Request(application: app, method: .GET, url: URI(string: path), on: app.eventLoopGroup.next())
                    let response = try await app.responder.respond(to: request).get()
                    guard response.status == .ok else { throw Abort(response.status) }
                }
                let elapsed = ContinuousClock.now - start
                let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                results.append((path, Double(requests) / secs))
            }
            return results
        }
    }
}
