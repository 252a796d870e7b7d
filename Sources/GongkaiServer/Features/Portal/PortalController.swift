import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The public portal: the list of sites (or the only site's home at `/`), each site's home and sections.
enum PortalController {
    @Sendable static func root(req: Request) async throws -> Response {
        let sites = try await SiteQueries.all(on: req.db)
        if sites.count == 1 {
            return try await home(site: sites[0], req: req)
        }
        let model = SitesIndex.Model(sites: sites.map { PageChrome.SiteInfo($0) })
        var chrome = PageChrome(req: req, title: "政务公开平台", area: .portal)
        chrome.feedURL = SiteURL.feedAllSites.path
        return Response.html(SitesIndex.render(model, chrome: chrome))
    }

    @Sendable static func siteHome(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        return try await home(site: site, req: req)
    }

    static func home(site: SiteRecord, req: Request) async throws -> Response {
        let info = PageChrome.SiteInfo(site)
        let latest = try await InformationController.liveQuery(siteID: site.requireID(), filters: .empty, on: req.db).with(\.$unit)
            .sort(\.$lastPublishedAt, .descending).limit(10).all()
        return Response.html(SiteHome.render(SiteHome.Model(site: info, latest: latest.map { InformationQuery.item($0, slug: site.slug) }), chrome: PageChrome(req: req, title: site.name, area: .portal, site: info)))
    }

    @Sendable static func section(req: Request) async throws -> Response {
        guard let section = PortalSection(rawValue: try req.parameters.require("section")) else {
            throw Abort(.notFound, reason: "这个栏目不存在。")
        }
        return try await render(section, req: req)
    }

    /// 依申请公开 has pages below it (/yishenqing/shenqing …), so its own path is routed explicitly: the router does
    /// not fall back from a literal segment to the `:section` parameter.
    @Sendable static func applySection(req: Request) async throws -> Response { try await render(.apply, req: req) }

    static func render(_ section: PortalSection, req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let units = try await UnitQueries.forSite(try site.requireID(), includeArchived: false, on: req.db)
        let catalogs = section == .statutory ? try await CatalogStore.published(siteID: try site.requireID(), on: req.db) : []
        let compiling = section == .statutory ? try await CatalogStore.compiling(siteID: try site.requireID(), on: req.db) : []
        var model = SectionPage.Model(
            section: section,
            units: UnitQueries.ordered(units).map { SectionPage.UnitRow(record: $0.unit, depth: $0.depth) },
            catalogs: catalogs, compiling: compiling, siteSlug: site.slug)
        if section == .guide, let text = try await GuideTextRecord.versions(siteID: try site.requireID(), on: req.db).first {
            model.guideHTML = text.bodyHTML
            model.guideUpdated = text.createdAt
        }
        let info = PageChrome.SiteInfo(site)
        return Response.html(SectionPage.render(model, chrome: PageChrome(req: req, title: section.title, area: .portal, site: info)))
    }

    /// 联系我们: the sponsor, the 人民政府办公室's contact details from its unit record, and the office's own note.
    @Sendable static func contact(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let info = PageChrome.SiteInfo(site)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(try site.requireID(), includeArchived: false, on: req.db)).map(\.unit)
        let office = units.first { $0.unitKind == .governmentOffice } ?? units.first
        let model = SiteAboutPages.ContactModel(
            slug: site.slug, sponsor: info.sponsor,
            office: office.map { unit in
                (unit.name, [("办公地址", unit.address), ("办公时间", unit.officeHours), ("联系电话", unit.phone), ("传真号码", unit.fax),
                             ("电子邮箱", unit.email), ("邮政编码", unit.postcode)].filter { !$0.1.isEmpty })
            },
            note: site.contactNote,
            errorReportURL: site.errorReportURL.isEmpty ? SiteIdentity.nationalErrorReport : site.errorReportURL)
        return Response.html(SiteAboutPages.contact(model, chrome: PageChrome(req: req, title: "联系我们", area: .portal, site: info)))
    }

    /// 网站地图: every column and entry of the portal, and each publishing unit's page.
    @Sendable static func siteMap(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let info = PageChrome.SiteInfo(site)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(try site.requireID(), includeArchived: false, on: req.db))
        let model = SiteAboutPages.MapModel(slug: site.slug, units: units.map {
            ($0.unit.name, SiteURL.unitPage(slug: site.slug, $0.unit.id!).path, $0.depth)
        })
        return Response.html(SiteAboutPages.map(model, chrome: PageChrome(req: req, title: "网站地图", area: .portal, site: info)))
    }

    /// The large-text switch: a plain link, so it works without JavaScript; it only sets a display preference.
    @Sendable static func textSize(req: Request) async throws -> Response {
        let large = req.query[String.self, at: "large"] == "1"
        let back = SiteURL.safeBackPath(req.query[String.self, at: "back"])
        let response = req.redirect(to: back)
        response.cookies[GongkaiCookie.largeText] = large
            ? GongkaiCookie.make("1", req: req, maxAge: 365 * 24 * 3600)
            : GongkaiCookie.expired(req: req)
        return response
    }
}

extension SectionPage.UnitRow {
    init(record: OrgUnitRecord, depth: Int) {
        id = record.id!
        name = record.name
        kindLabel = record.unitKind.label
        self.depth = depth
        isExample = record.isExample
        address = record.address
        officeHours = record.officeHours
        phone = record.phone
        fax = record.fax
        email = record.email
    }
}
