import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The portal's 办事服务 column and the published 清单 pages and downloads (no drafts, ever).
enum DutyListPortal {
    static func summaries(_ lists: [DutyListQuery.Published]) -> [DutyListPortalPages.UnitSummary] {
        lists.map { .init(listID: $0.listID, unit: $0.unitName, count: $0.rows.count, publishedAt: $0.publishedAt, version: $0.versionNumber,
                          counts: DutyListPortalPages.counts($0.rows, kind: $0.kind)) }
    }

    static func kind(_ req: Request) throws -> DutyListKind {
        guard let kind = req.parameters.get("kind").flatMap(DutyListKind.init(pathName:)) else { throw Abort(.notFound, reason: "没有这种清单。") }
        return kind
    }

    @Sendable static func servicesSection(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let lists = try await DutyListQuery.published(siteID: try site.requireID(), on: req.db)
        let model = DutyListPortalPages.SectionModel(siteSlug: site.slug, power: summaries(lists.filter { $0.kind == .power }),
                                                     service: summaries(lists.filter { $0.kind == .service }),
                                                     guides: try await ServiceGuideQuery.published(siteID: try site.requireID(), on: req.db))
        return Response.html(DutyListPortalPages.section(model, chrome: PageChrome(req: req, title: "办事服务", area: .portal, site: PageChrome.SiteInfo(site))))
    }

    @Sendable static func siteLists(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let kind = try kind(req)
        let lists = try await DutyListQuery.published(siteID: try site.requireID(), kind: kind, on: req.db)
        let model = DutyListPortalPages.SiteModel(siteSlug: site.slug, kind: kind, units: summaries(lists))
        return Response.html(DutyListPortalPages.site(model, chrome: PageChrome(req: req, title: kind.title, area: .portal, site: PageChrome.SiteInfo(site))))
    }

    static func one(_ req: Request) async throws -> (SiteRecord, DutyListQuery.Published) {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let kind = try kind(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let list = try await DutyListQuery.published(siteID: try site.requireID(), kind: kind, listID: id, on: req.db).first
        else { throw Abort(.notFound, reason: "没有这份已发布的清单。") }
        return (site, list)
    }

    @Sendable static func unitList(req: Request) async throws -> Response {
        let (site, list) = try await one(req)
        let model = DutyListPortalPages.UnitModel(siteSlug: site.slug, kind: list.kind, listID: list.listID, unit: list.unitName,
                                                  version: list.versionNumber, publishedAt: list.publishedAt, rows: list.rows)
        return Response.html(DutyListPortalPages.unit(model, chrome: PageChrome(req: req, title: list.unitName + list.kind.title, area: .portal,
                                                                                site: PageChrome.SiteInfo(site))))
    }

    @Sendable static func download(req: Request) async throws -> Response {
        let (_, list) = try await one(req)
        let format = try DutyListExport.format(req.parameters.get("file"))
        let data = try DutyListExport.data(unit: list.unitName, kind: list.kind, version: list.versionNumber, status: .published,
                                           publishedAt: list.publishedAt, rows: list.rows, format: format)
        return DutyListExport.response(data, fileName: list.unitName + list.kind.title + "." + format.rawValue, format: format)
    }
}
