import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// Published catalogs for departments' own systems (将政务公开事项标准目录嵌入部门业务系统). Only published versions
/// are visible; drafts never leave the back office.
enum CatalogAPI {
    struct CatalogDTO: Content {
        let id: UUID
        let site: String
        let unitID: UUID
        let unit: String
        let domainCode: String
        let domain: String
        let level: String
        let levelLabel: String
        let version: Int
        let publishedAt: Date
        let entryCount: Int
        var entries: [EntryDTO]?
    }

    /// Entries have one JSON shape everywhere (API, export files): `CatalogEntryJSON` from GongkaiInterchange.
    typealias EntryDTO = CatalogEntryJSON

    typealias ListDTO = APIController.ListDTO

    static func site(_ req: Request) async throws -> SiteRecord {
        guard let slug = req.query[String.self, at: "site"] else {
            let sites = try await SiteQueries.all(on: req.db)
            guard sites.count == 1 else {
                throw APIError(.badRequest, code: "missing_parameter", message: "请用 site 参数指定站点（如 site=hukou）。", field: "site")
            }
            return sites[0]
        }
        guard let site = try await SiteRecord.query(on: req.db).filter(\.$slug == slug).first() else {
            throw APIError(.notFound, code: "site_not_found", message: "没有站点“\(slug)”。", field: "site")
        }
        return site
    }

    /// Filters shared by both lists: unit (id or full name), domain (code, name or alias), level (county/县级 …).
    static func filtered(_ req: Request) async throws -> (SiteRecord, [CatalogStore.Published]) {
        let site = try await site(req)
        var catalogs = try await CatalogStore.published(siteID: try site.requireID(), on: req.db)
        if let unit = req.query[String.self, at: "unit"], !unit.isEmpty {
            catalogs = catalogs.filter { $0.unitID.uuidString.lowercased() == unit.lowercased() || $0.unitName == unit }
        }
        if let domainText = req.query[String.self, at: "domain"], !domainText.isEmpty {
            let domains = try await CatalogStore.domains(siteID: try site.requireID(), on: req.db)
            guard let domain = CatalogDomain.find(domainText, in: domains) else {
                throw APIError(.badRequest, code: "unknown_domain", message: "没有领域“\(domainText)”。", field: "domain")
            }
            catalogs = catalogs.filter { $0.domain.code == domain.code }
        }
        if let levelText = req.query[String.self, at: "level"], !levelText.isEmpty {
            guard let level = CatalogLevel(rawValue: levelText) ?? CatalogLevel.parse(levelText).flatMap({ $0.count == 1 ? $0.first : nil })
            else {
                throw APIError(.badRequest, code: "unknown_level", message: "公开层级“\(levelText)”应为 county、township、village（或 县级、乡级、村级）。", field: "level")
            }
            catalogs = catalogs.filter { $0.level == level }
        }
        return (site, catalogs)
    }

    static func dto(_ c: CatalogStore.Published, site: SiteRecord, withEntries: Bool) -> CatalogDTO {
        CatalogDTO(id: c.catalogID, site: site.slug, unitID: c.unitID, unit: c.unitName, domainCode: c.domain.code,
                   domain: c.domain.name, level: c.level.rawValue, levelLabel: c.level.label, version: c.versionNumber,
                   publishedAt: c.publishedAt, entryCount: c.entries.count,
                   entries: withEntries ? c.entries.map { entry($0, catalogID: c.catalogID) } : nil)
    }

    static func entry(_ e: CatalogEntry, catalogID: UUID) -> EntryDTO {
        CatalogEntryJSON(e, catalogID: catalogID)
    }

    /// `GET /api/v1/catalogs?site=&unit=&domain=&level=`
    @Sendable static func list(req: Request) async throws -> ListDTO<CatalogDTO> {
        let (site, catalogs) = try await filtered(req)
        return ListDTO(total: catalogs.count, items: catalogs.map { dto($0, site: site, withEntries: false) })
    }

    /// `GET /api/v1/catalogs/{id}` — the published version with its entries.
    @Sendable static func show(req: Request) async throws -> CatalogDTO {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let catalog = try await CatalogRecord.find(id, on: req.db),
              let site = try await SiteRecord.find(catalog.$site.id, on: req.db),
              let published = try await CatalogStore.published(siteID: catalog.$site.id, on: req.db).first(where: { $0.catalogID == id })
        else { throw APIError(.notFound, code: "catalog_not_found", message: "没有这个目录，或它还没有发布。") }
        return dto(published, site: site, withEntries: true)
    }

    /// `GET /api/v1/catalog-entries?site=&unit=&domain=&level=&q=` — entries of published catalogs, flat.
    @Sendable static func entries(req: Request) async throws -> ListDTO<EntryDTO> {
        let (_, catalogs) = try await filtered(req)
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let items = catalogs.flatMap { c in c.entries.map { entry($0, catalogID: c.catalogID) } }.filter { e in
            q.isEmpty || [e.level1, e.level2, e.level3, e.content, e.basis, e.body].contains { $0.contains(q) }
        }
        return ListDTO(total: items.count, items: items)
    }
}

extension CatalogEntryJSON: Content {}
