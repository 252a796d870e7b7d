import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// Atom feeds per site, unit, domain and catalog entry, and the sitemap.
enum FeedsController {
    static let feedSize = 50

    @Sendable static func siteFeed(req: Request) async throws -> Response {
        guard try req.parameters.require("scope") == "all.atom" else { throw Abort(.notFound, reason: "没有这个订阅源。") }
        return try await feed(req, scope: .site)
    }

    /// `/feeds/all.atom`: the latest information of every site, for the platform's front page where a county
    /// shares one platform with others.
    @Sendable static func allSitesFeed(req: Request) async throws -> Response {
        let records = try await PublicationRecord.query(on: req.db).filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil)
            .with(\.$site).with(\.$unit).sort(\.$lastPublishedAt, .descending).limit(feedSize).all()
        let base = req.application.gongkai.publicBaseURL
        let versions = try await PublicationVersionRecord.query(on: req.db).filter(\.$id ~~ records.compactMap(\.liveVersionID)).all()
        let feed = AtomFeed(
            id: "urn:gongkai:all-sites", title: "政务公开平台政府信息（全部站点）", subtitle: "本平台各县（市、区）主动公开的政府信息",
            selfLink: base + SiteURL.feedAllSites.path, pageLink: base + SiteURL.home.path, author: "政务公开平台",
            updated: records.compactMap(\.lastPublishedAt).max() ?? Date(timeIntervalSince1970: 1_577_836_800),
            entries: records.map { record in
                let version = versions.first { $0.id == record.liveVersionID }
                return AtomFeed.Entry(
                    id: "urn:uuid:\(record.id!.uuidString.lowercased())", title: record.title,
                    link: base + SiteURL.publication(slug: record.site.slug, record.id!).path, updated: record.lastPublishedAt ?? record.createdAt,
                    published: record.firstPublishedAt, summary: String((version?.bodyText ?? "").prefix(300)),
                    author: record.$unit.value?.name ?? record.site.name,
                    categories: [record.site.name, record.theme] + (record.documentNumber.isEmpty ? [] : [record.documentNumber]))
            })
        let response = Response(status: .ok, body: .init(string: feed.xml()))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }

    @Sendable static func scopedFeed(req: Request) async throws -> Response {
        let file = try req.parameters.require("file")
        guard file.hasSuffix(".atom"), let scope = FeedScope(scope: try req.parameters.require("scope"), id: String(file.dropLast(5))) else {
            throw Abort(.notFound, reason: "没有这个订阅源。")
        }
        return try await feed(req, scope: scope)
    }

    static func feed(_ req: Request, scope: FeedScope) async throws -> Response {
        let site = try await InformationController.site(req)
        let siteID = try site.requireID()
        let (title, records) = try await items(scope: scope, site: site, on: req.db)
        let base = req.application.gongkai.publicBaseURL
        let versions = try await PublicationVersionRecord.query(on: req.db).filter(\.$id ~~ records.compactMap(\.liveVersionID)).all()
        let pagePath: String
        switch scope {
        case .site: pagePath = SiteURL.publications(slug: site.slug).path
        case .unit(let id): pagePath = SiteURL.unitPage(slug: site.slug, id).path
        case .domain(let code): pagePath = SiteURL.publications(slug: site.slug).path(.domain(code))
        case .entry(let key): pagePath = SiteURL.entryPage(slug: site.slug, key: key).path
        }
        let feed = AtomFeed(
            id: "urn:gongkai:\(siteID.uuidString.lowercased()):\(scope.pathPart)", title: title,
            subtitle: "\(site.name)人民政府信息公开平台主动公开的政府信息", selfLink: base + SiteURL.feed(slug: site.slug, scope: scope).path,
            pageLink: base + pagePath, author: "\(site.name)人民政府",
            updated: records.compactMap(\.lastPublishedAt).max() ?? Date(timeIntervalSince1970: 1_577_836_800),
            entries: records.map { record in
                let version = versions.first { $0.id == record.liveVersionID }
                return AtomFeed.Entry(
                    id: "urn:uuid:\(record.id!.uuidString.lowercased())", title: record.title,
                    link: base + SiteURL.publication(slug: site.slug, record.id!).path, updated: record.lastPublishedAt ?? record.createdAt,
                    published: record.firstPublishedAt, summary: String((version?.bodyText ?? "").prefix(300)),
                    author: record.$unit.value?.name ?? site.name,
                    categories: [record.theme] + (record.documentNumber.isEmpty ? [] : [record.documentNumber]))
            })
        let response = Response(status: .ok, body: .init(string: feed.xml()))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }

    static func items(scope: FeedScope, site: SiteRecord, on db: any Database) async throws -> (String, [PublicationRecord]) {
        let siteID = try site.requireID()
        var filters = InformationController.ListFilters.empty
        var title = "\(site.name)政府信息"
        switch scope {
        case .site: break
        case .unit(let id):
            guard let unit = try await OrgUnitRecord.find(id, on: db), unit.$site.id == siteID else { throw Abort(.notFound, reason: "没有这个单位。") }
            filters.unit = id
            title = "\(unit.name)政府信息"
        case .domain(let code):
            guard let domain = try await CatalogStore.domains(siteID: siteID, on: db).first(where: { $0.code == code }) else {
                throw Abort(.notFound, reason: "没有这个领域。")
            }
            filters.domain = code
            title = "\(site.name)\(domain.name)领域政府信息"
        case .entry(let key):
            guard let catalogID = UUID(uuidString: String(key.prefix(36))) else { throw Abort(.notFound) }
            let number = String(key.dropFirst(37))
            let option = try await PublicationStore.entryOptions(siteID: siteID, unitID: nil, on: db)
                .first { $0.catalogID == catalogID && $0.number == number }
            guard let option else { throw Abort(.notFound, reason: "没有这个目录事项。") }
            let records = try await InformationController.publications(underEntryKey: catalogID, number: number, siteID: siteID, limit: feedSize, on: db)
            return ("\(option.unitName) \(option.domainName)：\(option.label)", records)
        }
        let records = try await InformationController.liveQuery(siteID: siteID, filters: filters, on: db).with(\.$unit)
            .sort(\.$lastPublishedAt, .descending).limit(feedSize).all()
        return (title, records)
    }

    /// Every public page a crawler should know, each with `<lastmod>`: a record's last publication, and for a site's
    /// home and columns (and the front page) the newest of those.
    @Sendable static func sitemap(req: Request) async throws -> Response {
        let base = req.application.gongkai.publicBaseURL
        var urls: [Sitemap.URLEntry] = []
        var newest: Date?
        for site in try await SiteQueries.all(on: req.db) {
            let records = try await PublicationRecord.query(on: req.db).filter(\.$site.$id == site.requireID()).filter(\.$liveVersionID != nil)
                .filter(\.$withdrawnAt == nil).sort(\.$lastPublishedAt, .descending).limit(45_000).all()
            let latest = records.first?.lastPublishedAt
            newest = [newest, latest].compactMap { $0 }.max()
            urls.append(Sitemap.URLEntry(location: base + SiteURL.site(slug: site.slug).path, lastModified: latest))
            for section in PortalSection.allCases {
                urls.append(Sitemap.URLEntry(location: base + SiteURL.section(slug: site.slug, section).path, lastModified: latest))
            }
            for record in records {
                urls.append(Sitemap.URLEntry(location: base + SiteURL.publication(slug: site.slug, record.id!).path, lastModified: record.lastPublishedAt))
            }
        }
        urls.insert(Sitemap.URLEntry(location: base + "/", lastModified: newest), at: 0)
        let response = Response(status: .ok, body: .init(string: Sitemap.xml(urls)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
        return response
    }
}

extension InformationController.ListFilters {
    static var empty: Self {
        Self(unit: nil, domain: nil, theme: nil, year: nil, validity: nil, kind: nil, page: 1)
    }
}
