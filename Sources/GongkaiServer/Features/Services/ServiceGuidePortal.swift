import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A published 办事指南 on the portal (`/sites/:slug/banshi/zhinan/:id`): printable on A4 portrait, readable on a
/// phone, with a QR code of its own address for the printed copy and the county's 12345 and 政务服务网.
enum ServiceGuidePortal {
    @Sendable static func page(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let published = try await ServiceGuideQuery.published(siteID: try site.requireID(), guideID: id, on: req.db).first
        else { throw Abort(.notFound, reason: "没有这份已发布的办事指南。") }
        let model = ServiceGuidePortalPage.Model(
            siteSlug: site.slug, unitID: published.unitID, unit: published.unitName, guide: published.guide, publishedAt: published.publishedAt,
            address: req.application.gongkai.publicBaseURL + SiteURL.publicService(slug: site.slug, id).path)
        let info = PageChrome.SiteInfo(site)
        return Response.html(ServiceGuidePortalPage.render(model, chrome: PageChrome(req: req, title: published.guide.name, area: .portal, site: info)))
    }
}
