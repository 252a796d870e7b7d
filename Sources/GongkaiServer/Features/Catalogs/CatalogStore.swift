import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Reading and writing catalogs. Every change is one transaction with its audit event; a published version is
/// never modified — publishing a new one marks the old one superseded and keeps it.
enum CatalogStore {
    struct Published: Sendable {
        let catalogID: UUID
        let unitID: UUID
        let unitName: String
        let unitSort: Int
        let domain: CatalogDomain
        let level: CatalogLevel
        let versionID: UUID
        let versionNumber: Int
        let publishedAt: Date
        let entries: [CatalogEntry]
    }

    /// A catalog being compiled that has no published version yet (for the honest coverage view).
    struct Compiling: Sendable {
        let unitName: String
        let domainCode: String
        let level: CatalogLevel
    }

    static func compiling(siteID: UUID, on db: any Database) async throws -> [Compiling] {
        let catalogs = try await CatalogRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit).all()
        guard !catalogs.isEmpty else { return [] }
        let published = Set(try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id ~~ catalogs.compactMap(\.id))
            .filter(\.$status == CatalogStatus.published.rawValue).all().map(\.$catalog.id))
        return catalogs.filter { !published.contains($0.id!) }
            .map { Compiling(unitName: $0.unit.name, domainCode: $0.domainCode, level: $0.catalogLevel) }
    }

    /// The domains a site can use: the 26 pilot domains and the admin's 其他领域.
    static func domains(siteID: UUID, on db: any Database) async throws -> [CatalogDomain] {
        let others = try await CatalogDomainRecord.query(on: db).filter(\.$site.$id == siteID).sort(\.$createdAt).all()
        return CatalogDomain.pilot + others.map { CatalogDomain(code: $0.code, name: $0.name, isPilot: false) }
    }

    /// Finds or creates the catalog of a unit for a domain and level.
    static func catalog(unit: OrgUnitRecord, domain: CatalogDomain, level: CatalogLevel, now: Date,
                        on db: any Database) async throws -> CatalogRecord {
        let unitID = try unit.requireID()
        if let existing = try await CatalogRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$domainCode == domain.code).filter(\.$level == level.rawValue).first() {
            return existing
        }
        let record = CatalogRecord(siteID: unit.$site.id, unitID: unitID, domainCode: domain.code, level: level, at: now)
        try await record.create(on: db)
        return record
    }

    /// Publishes `entries` as the next version of the catalog at once (demo data, `--publish` imports): the
    /// previous published version is superseded, not changed. `copiedFrom` links entries to their source entries.
    @discardableResult
    static func publish(_ entries: [CatalogEntry], unit: OrgUnitRecord, domain: CatalogDomain, level: CatalogLevel,
                        copiedFrom: [UUID?] = [], layout: CatalogLayout? = nil, actor: AuditActor, now: Date, on db: any Database,
                        summaryPrefix: String = "", progress: (@Sendable (Int) -> Void)? = nil) async throws -> CatalogVersionRecord {
        try await db.transaction { tx in
            let catalog = try await catalog(unit: unit, domain: domain, level: level, now: now, on: tx)
            let catalogID = try catalog.requireID()
            try await CatalogEditing.keep(layout, of: catalog, on: tx)
            let versions = try await CatalogVersionRecord.query(on: tx).filter(\.$catalog.$id == catalogID).all()
            let previous = versions.first { $0.catalogStatus == .published }
            if let previous {
                previous.status = CatalogStatus.superseded.rawValue
                previous.supersededAt = now
                try await previous.save(on: tx)
            }
            let version = CatalogVersionRecord()
            version.$catalog.id = catalogID
            version.number = (versions.map(\.number).max() ?? 0) + 1
            version.status = CatalogStatus.published.rawValue
            version.basedOnID = previous?.id
            version.lockVersion = 1
            version.createdAt = now
            version.createdByLabel = actor.label
            version.submittedAt = now
            version.publishedAt = now
            version.publishedByLabel = actor.label
            try await version.create(on: tx)
            let versionID = try version.requireID()
            for (position, entry) in entries.enumerated() {
                let source = position < copiedFrom.count ? copiedFrom[position] : nil
                try await CatalogEntryRecord(versionID: versionID, position: position + 1, entry: entry, copiedFrom: source).create(on: tx)
                if (position + 1) % 100 == 0 || position + 1 == entries.count { progress?(position + 1) }
            }
            try await AuditLog.record(
                on: tx, actor: actor, siteID: unit.$site.id, action: "catalog.publish",
                target: .init(type: "catalog", id: catalogID.uuidString, label: "\(unit.name) \(domain.title) \(level.label)目录"),
                summary: summaryPrefix + "发布第\(version.number)版，\(entries.count)个事项" + (previous.map { "（第\($0.number)版转为历史版本）" } ?? ""),
                at: now)
            return version
        }
    }

    /// Every published catalog of a site with its entries, for the portal and the API.
    static func published(siteID: UUID, on db: any Database) async throws -> [Published] {
        let catalogs = try await CatalogRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit).all()
        guard !catalogs.isEmpty else { return [] }
        let domains = try await domains(siteID: siteID, on: db)
        let versions = try await CatalogVersionRecord.query(on: db)
            .filter(\.$catalog.$id ~~ catalogs.compactMap(\.id)).filter(\.$status == CatalogStatus.published.rawValue).all()
        let entries = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id))
            .sort(\.$position).all()
        let entriesByVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        return versions.compactMap { version -> Published? in
            guard let catalog = catalogs.first(where: { $0.id == version.$catalog.id }),
                  let domain = domains.first(where: { $0.code == catalog.domainCode }) ?? Optional(CatalogDomain(
                    code: catalog.domainCode, name: catalog.domainCode, isPilot: false)),
                  let versionID = version.id
            else { return nil }
            return Published(
                catalogID: catalog.id!, unitID: catalog.$unit.id, unitName: catalog.unit.name, unitSort: catalog.unit.sortOrder,
                domain: domain, level: catalog.catalogLevel, versionID: versionID, versionNumber: version.number,
                publishedAt: version.publishedAt ?? version.createdAt,
                entries: (entriesByVersion[versionID] ?? []).map(\.entry))
        }.sorted { ($0.level, $0.unitSort, $0.domain.code) < ($1.level, $1.unitSort, $1.domain.code) }
    }
}
