import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The portal's information: lists with filters and paging, the information page, attachment downloads, a unit's
/// page and a catalog entry's page (what was published under it). Only live versions of records that were not
/// withdrawn are shown; an older published version is reachable from the record's history.
enum InformationController {
    static let pageSize = 20

    struct ListFilters: Sendable {
        var unit: UUID?
        var domain: String?
        var theme: String?
        var year: Int?
        var validity: String?
        var kind: String?
        var page: Int

        /// The query items for another page with the same filters.
        func items(page: Int? = nil) -> [QueryItem] {
            [unit.map(QueryItem.unit), domain.map(QueryItem.domain), theme.map(QueryItem.theme), year.map(QueryItem.year),
             validity.map(QueryItem.validity), kind.map(QueryItem.kind), page.map(QueryItem.page)].compactMap { $0 }
        }
    }

    static func site(_ req: Request) async throws -> SiteRecord {
        try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
    }

    /// Live records of a site, filtered, newest first.
    static func liveQuery(siteID: UUID, filters: ListFilters, on db: any Database) -> QueryBuilder<PublicationRecord> {
        var q = PublicationRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil)
        if let unit = filters.unit { q = q.filter(\.$unit.$id == unit) }
        if let domain = filters.domain { q = q.filter(\.$domainCodes, .custom("LIKE"), "%,\(domain),%") }
        if let theme = filters.theme { q = q.filter(\.$theme == theme) }
        if let year = filters.year { q = q.filter(\.$publishedOn, .custom("LIKE"), "\(year)-%") }
        if let validity = filters.validity { q = q.filter(\.$validity == validity) }
        if let kind = filters.kind { q = q.filter(\.$kind == kind) }
        return q
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let site = try await site(req)
        let siteID = try site.requireID()
        let filters = ListFilters(req)
        let total = try await liveQuery(siteID: siteID, filters: filters, on: req.db).count()
        let records = try await liveQuery(siteID: siteID, filters: filters, on: req.db).with(\.$unit)
            .sort(\.$publishedOn, .descending).sort(\.$firstPublishedAt, .descending)
            .range(((filters.page - 1) * pageSize)..<(filters.page * pageSize)).all()
        let units = UnitQueries.ordered(try await UnitQueries.forSite(siteID, includeArchived: false, on: req.db))
        let domains = try await CatalogStore.domains(siteID: siteID, on: req.db)
        let info = PageChrome.SiteInfo(site)
        var chrome = PageChrome(req: req, title: "政府信息", area: .portal, site: info)
        chrome.feedURL = feedURL(site: site.slug, filters: filters)
        return Response.html(InformationPages.list(
            InformationPages.ListModel(site: info, items: records.map { InformationQuery.item($0, slug: site.slug) }, total: total, filters: filters,
                                       units: units.map { ($0.unit.id!, $0.unit.name) }, domains: domains.map { ($0.code, $0.name) },
                                       years: try await publishedYears(siteID: siteID, today: req.today, on: req.db)),
            chrome: chrome))
    }

    /// From the year of the site's earliest published information to this year, newest first.
    static func publishedYears(siteID: UUID, today: CivilDate, on db: any Database) async throws -> [Int] {
        let earliest = try await liveQuery(siteID: siteID, filters: .empty, on: db).filter(\.$publishedOn != nil).sort(\.$publishedOn).first()?
            .publishedOn.flatMap { Int($0.prefix(4)) }
        return Array((min(earliest ?? today.year, today.year)...today.year).reversed())
    }

    static func feedURL(site: String, filters: ListFilters) -> String {
        if let unit = filters.unit { return SiteURL.feed(slug: site, scope: .unit(unit)).path }
        if let domain = filters.domain { return SiteURL.feed(slug: site, scope: .domain(domain)).path }
        return SiteURL.feed(slug: site, scope: .site).path
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let site = try await site(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound, reason: "没有找到这条信息。") }
        let full = try await PublicationStore.load(id, siteID: site.requireID(), on: req.db)
        let info = PageChrome.SiteInfo(site)
        guard let live = full.live else { throw Abort(.notFound, reason: "没有找到这条信息。") }
        if full.record.withdrawnAt != nil {
            let chrome = PageChrome(req: req, title: "信息已撤回", area: .portal, site: info)
            return Response.html(InformationPages.withdrawn(InformationQuery.withdrawn(full.record), chrome: chrome), status: .gone)
        }
        var shown = live
        if let number = req.query[Int.self, at: "version"] {
            guard let older = full.versions.first(where: { $0.number == number && [.published, .superseded].contains($0.publicationStatus) }) else {
                throw Abort(.notFound, reason: "没有这个版本。")
            }
            shown = older
        }
        var chrome = PageChrome(req: req, title: shown.title, area: .portal, site: info)
        chrome.feedURL = SiteURL.feed(slug: site.slug, scope: .unit(full.record.$unit.id)).path
        return Response.html(InformationPages.show(try await InformationQuery.show(full, shown: shown, site: info, on: req.db), chrome: chrome))
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let site = try await site(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let attachmentID = req.parameters.get("attachment").flatMap(UUID.init(uuidString:))
        else { throw Abort(.notFound) }
        let full = try await PublicationStore.load(id, siteID: site.requireID(), on: req.db)
        let publicVersions = Set(full.versions.filter { [.published, .superseded].contains($0.publicationStatus) }.compactMap(\.id))
        let attachment = full.attachments.filter { publicVersions.contains($0.key) }.values.joined().first { $0.id == attachmentID }
        guard full.record.withdrawnAt == nil, let attachment else { throw Abort(.notFound, reason: "没有这个附件。") }
        let ext = (attachment.fileName as NSString).pathExtension
        return Downloads.response(try req.storedFiles.read(attachment.sha256), fileName: attachment.fileName,
                                  contentType: attachment.contentType, asciiName: "attachment-\(attachment.position)" + (ext.isEmpty ? "" : ".\(ext)"))
    }

    @Sendable static func unit(req: Request) async throws -> Response {
        let site = try await site(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let unit = try await OrgUnitRecord.find(id, on: req.db), unit.$site.id == site.id
        else { throw Abort(.notFound, reason: "没有这个单位。") }
        var filters = ListFilters(req)
        filters.unit = id
        let total = try await liveQuery(siteID: site.requireID(), filters: filters, on: req.db).count()
        let records = try await liveQuery(siteID: site.requireID(), filters: filters, on: req.db).with(\.$unit)
            .sort(\.$publishedOn, .descending).sort(\.$firstPublishedAt, .descending)
            .range(((filters.page - 1) * pageSize)..<(filters.page * pageSize)).all()
        let options = try await PublicationStore.entryOptions(siteID: site.requireID(), unitID: id, on: req.db)
        let lists = try await DutyListQuery.published(siteID: site.requireID(), unitID: id, on: req.db)
        let info = PageChrome.SiteInfo(site)
        var chrome = PageChrome(req: req, title: unit.name, area: .portal, site: info)
        chrome.feedURL = SiteURL.feed(slug: site.slug, scope: .unit(id)).path
        return Response.html(InformationPages.unit(
            InformationQuery.unit(unit, records: records, total: total, page: filters.page, entries: options, lists: lists, site: info), chrome: chrome))
    }

    @Sendable static func entry(req: Request) async throws -> Response {
        let site = try await site(req)
        let key = try req.parameters.require("key")
        guard key.count > 37, let catalogID = UUID(uuidString: String(key.prefix(36))) else { throw Abort(.notFound, reason: "没有这个目录事项。") }
        let number = String(key.dropFirst(37))
        let options = try await PublicationStore.entryOptions(siteID: site.requireID(), unitID: nil, on: req.db)
        guard let option = options.first(where: { $0.catalogID == catalogID && $0.number == number }),
              let entry = try await CatalogEntryRecord.find(option.entryID, on: req.db)
        else { throw Abort(.notFound, reason: "没有这个目录事项（目录可能已修订）。") }
        let records = try await publications(underEntryKey: catalogID, number: number, siteID: site.requireID(), on: req.db)
        let info = PageChrome.SiteInfo(site)
        var chrome = PageChrome(req: req, title: option.label, area: .portal, site: info)
        chrome.feedURL = SiteURL.feed(slug: site.slug, scope: .entry(option.key)).path
        return Response.html(InformationPages.entry(option, entry: entry.entry, items: records.map { InformationQuery.item($0, slug: site.slug) }, site: info, chrome: chrome))
    }

    /// Live records whose live version fulfils the entry (by catalog and 序号, so the link survives catalog revisions).
    static func publications(underEntryKey catalogID: UUID, number: String, siteID: UUID, limit: Int = 200, on db: any Database) async throws -> [PublicationRecord] {
        let links = try await PublicationEntryRecord.query(on: db).filter(\.$catalogID == catalogID).filter(\.$entryNumber == number).all()
        let versionIDs = links.map(\.$version.id)
        guard !versionIDs.isEmpty else { return [] }
        return try await PublicationRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$liveVersionID ~~ versionIDs)
            .filter(\.$withdrawnAt == nil).with(\.$unit).sort(\.$publishedOn, .descending).limit(limit).all()
    }
}

extension InformationController.ListFilters {
    init(_ req: Request) {
        unit = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))
        // Domain codes are short words of letters, digits and hyphens (pilot-01); anything else is no filter.
        domain = req.query[String.self, at: "domain"].flatMap { code in
            !code.isEmpty && code.count <= 40 && code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                ? code : nil
        }
        theme = req.query[String.self, at: "theme"].flatMap { ThemeCategory.all.contains($0) ? $0 : nil }
        year = req.query[Int.self, at: "year"]
        validity = req.query[String.self, at: "validity"].flatMap { ["valid", "expired", "repealed"].contains($0) ? $0 : nil }
        kind = req.query[String.self, at: "kind"].flatMap { PublicationKind(rawValue: $0)?.rawValue }
        page = max(1, min(10_000, req.query[Int.self, at: "page"] ?? 1))
    }

}
