import Fluent
import Foundation
import GongkaiCore

/// The site's domains and their guiding units (指导单位): everyone in the back office may look, the office
/// changes them. A guiding unit's guide accounts review township catalogs of the domain.
enum CatalogDomainsActions {
    struct Model {
        let domains: [CatalogDomain]
        /// Domain code → the guiding unit's id.
        let guides: [String: String]
        let unitOptions: [(value: String, label: String)]
        let canManage: Bool
    }

    static func model(by acting: Acting, on db: any Database) async throws -> Model {
        let domains = try await CatalogStore.domains(siteID: acting.siteID, on: db)
        let guides = try await DomainGuideRecord.query(on: db).filter(\.$site.$id == acting.siteID).all()
        let units = try await UnitQueries.forSite(acting.siteID, on: db)
            .filter { $0.archivedAt == nil && $0.unitKind != .township && $0.unitKind != .village }
        return Model(domains: domains,
                     guides: Dictionary(guides.map { ($0.domainCode, $0.$unit.id.uuidString) }, uniquingKeysWith: { a, _ in a }),
                     unitOptions: [("", "（未指定）")] + units.map { ($0.id!.uuidString, $0.name) },
                     canManage: acting.may(.manageSite, acting.site))
    }

    /// Saves the guiding unit of each domain (empty: none) and adds `newDomain` as one of the site's 其他领域.
    static func save(guides: [String: String], newDomain: String, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.manageSite, acting.site)
        let newName = newDomain.trimmingCharacters(in: .whitespaces)
        let domains = try await CatalogStore.domains(siteID: acting.siteID, on: db)
        let units = try await UnitQueries.forSite(acting.siteID, on: db)
        var errors = ValidationErrors()
        let name = newName.hasSuffix("领域") ? String(newName.dropLast(2)) : newName
        if !newName.isEmpty {
            if name.isEmpty || name.count > 30 { errors.add("newDomain", "领域名称应为1至30个字。") }
            if CatalogDomain.find(name, in: domains) != nil { errors.add("newDomain", "已有“\(name)”领域。") }
        }
        for (code, unit) in guides where !unit.isEmpty {
            if !domains.contains(where: { $0.code == code }) || !units.contains(where: { $0.id?.uuidString == unit }) {
                errors.add("guide", "所选的领域或单位不存在，请刷新页面后重试。")
                break
            }
        }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        let actor = acting.audit
        try await db.transaction { tx in
            let existing = try await DomainGuideRecord.query(on: tx).filter(\.$site.$id == acting.siteID).all()
            var changes: [String] = []
            for domain in domains {
                let wanted = guides[domain.code].flatMap(UUID.init(uuidString:))
                let record = existing.first { $0.domainCode == domain.code }
                guard record?.$unit.id != wanted else { continue }
                let unitName = { (id: UUID?) in id.flatMap { id in units.first { $0.id == id }?.name } ?? "未指定" }
                changes.append("\(domain.name)：\(unitName(record?.$unit.id))→\(unitName(wanted))")
                if let record, let wanted {
                    record.$unit.id = wanted
                    record.updatedAt = now
                    try await record.save(on: tx)
                } else if let record {
                    try await record.delete(on: tx)
                } else if let wanted {
                    let new = DomainGuideRecord()
                    new.$site.id = acting.siteID
                    new.domainCode = domain.code
                    new.$unit.id = wanted
                    new.updatedAt = now
                    try await new.create(on: tx)
                }
            }
            if !newName.isEmpty {
                let record = CatalogDomainRecord()
                record.$site.id = acting.siteID
                record.code = "other-" + String(UUID().uuidString.prefix(8)).lowercased()
                record.name = name
                record.createdAt = now
                try await record.create(on: tx)
                changes.append("增加其他领域“\(name)”")
            }
            if !changes.isEmpty {
                try await AuditLog.record(on: tx, actor: actor, siteID: acting.siteID, action: "catalog.domains.save",
                                          target: .init(type: "catalog-domains", id: acting.siteID.uuidString, label: "领域与指导单位"),
                                          summary: changes.joined(separator: "；"), at: now)
            }
        }
    }
}
