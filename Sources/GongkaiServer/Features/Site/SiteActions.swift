import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A real county's first step: the site, its 人民政府 and 人民政府办公室, and the first office admin, all or nothing.
enum SiteActions {
    struct Setup: Sendable {
        var name: String
        var parentRegion: String
        /// nil picks `site<N>`.
        var slug: String?
        var admin: StaffAccountDraft
    }

    /// Only the server's operator sets up a site: before it exists there is nobody on it to ask.
    static func setUp(_ setup: Setup, via: Acting.Via, at now: Date, app: Application, on db: any Database) async throws -> SiteRecord {
        guard via == .cli else { throw ActionError.forbidden("新站点只能由服务器管理员在命令行建立（gongkai setup）。") }
        let name = setup.name.trimmingCharacters(in: .whitespaces)
        let region = setup.parentRegion.trimmingCharacters(in: .whitespaces)
        let existing = try await SiteQueries.all(on: db)
        let slug = setup.slug ?? "site\(existing.count + 1)"
        var errors = ValidationErrors()
        if name.isEmpty { errors.add("site", "请填写县（市、区）名称。") }
        if region.isEmpty { errors.add("parentRegion", "请填写上级行政区，例如 江西省九江市。") }
        if let problem = SiteSlug.validate(slug) { errors.add("slug", problem) }
        if existing.contains(where: { $0.slug == slug }) { errors.add("slug", "站点标识“\(slug)”已被使用，请用 --slug 另选一个。") }
        if existing.contains(where: { $0.name == name && !$0.isDemo }) { errors.add("site", "站点“\(name)”已经存在。") }
        switch setup.admin.validated() {
        case .failure(let problems): problems.problems.forEach { errors.add($0.field, "管理员账号有误：" + $0.message) }
        case .success: break
        }
        if try await UserRecord.query(on: db).filter(\.$name == setup.admin.name).count() > 0 {
            errors.add("name", "登录名“\(setup.admin.name)”已被使用，请换一个。")
        }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }

        let actor = AuditActor.commandLine()
        let site = SiteRecord(slug: slug, name: name, parentRegion: region, isDemo: false, sortOrder: 0)
        try await db.transaction { tx in
            try await site.create(on: tx)
            let siteID = try site.requireID()
            try await AuditLog.record(on: tx, actor: actor, siteID: siteID, action: "site.create",
                                      target: .init(type: "site", id: siteID.uuidString, label: name),
                                      summary: "建立站点 \(region)\(name)", at: now)
            let government = OrgUnitRecord(siteID: siteID, parentID: nil, draft: OrgUnitDraft(
                name: "\(name)人民政府", shortName: "县人民政府", kind: .countyGovernment, contact: OrgUnitContact()),
                isExample: false, sortOrder: 0)
            try await government.create(on: tx)
            let office = OrgUnitRecord(siteID: siteID, parentID: government.id, draft: OrgUnitDraft(
                name: "\(name)人民政府办公室", shortName: "县政府办公室", kind: .governmentOffice, aliases: ["县政府办"],
                contact: OrgUnitContact()), isExample: false, sortOrder: 1)
            try await office.create(on: tx)
            for unit in [government, office] {
                try await AuditLog.record(on: tx, actor: actor, siteID: siteID, action: "unit.create",
                                          target: .init(type: "unit", id: unit.id?.uuidString, label: unit.name),
                                          after: unit.auditFields, at: now)
            }
            _ = try await StaffAccounts.create(setup.admin, unit: office, actor: actor, app: app, on: tx)
        }
        return site
    }
}
