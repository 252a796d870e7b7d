import GongkaiServer
import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Stores imported entries as a draft version in a fresh SQLite database with the demo counties, as
/// `gongkai catalog import` does, and reports entries stored per second.
public enum CatalogBenchmark {
    public static func store(_ entries: [CatalogEntry]) async throws -> Double {
        try await BenchmarkApp.withDemo { app in
            guard let unit = try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first(),
                  let domain = CatalogDomain.find("就业", in: CatalogDomain.pilot)
            else { throw Abort(.internalServerError, reason: "demo unit missing") }
            let start = ContinuousClock.now
            _ = try await CatalogEditing.importVersion(entries, unit: unit, domain: domain, level: .county, fileName: "bench.xlsx",
                                                       publish: false, actor: .system, now: Date(), on: app.db)
            let elapsed = ContinuousClock.now - start
            return Double(entries.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
