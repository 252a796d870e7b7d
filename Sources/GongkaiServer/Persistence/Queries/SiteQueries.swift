import Fluent
import Foundation
import Vapor

package enum SiteQueries {
    package static func all(on db: any Database) async throws -> [SiteRecord] {
        try await SiteRecord.query(on: db).sort(\.$sortOrder).sort(\.$name).all()
    }

    static func bySlug(_ slug: String, on db: any Database) async throws -> SiteRecord {
        guard let site = try await SiteRecord.query(on: db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound, reason: "没有找到这个站点，请检查网址是否正确。")
        }
        return site
    }

    static func realSiteExists(on db: any Database) async throws -> Bool {
        try await SiteRecord.query(on: db).filter(\.$isDemo == false).count() > 0
    }
}
