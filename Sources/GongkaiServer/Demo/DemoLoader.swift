import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Loads the demo counties. Idempotent: a county, unit or account that already exists is left as it is.
package enum DemoLoader {
    struct Login: Sendable {
        let site: String
        let name: String
        let roles: String
    }

    package struct Outcome: Sendable {
        let createdSites: Int
        let createdUnits: Int
        let createdUsers: Int
        let logins: [Login]
    }

    package static func load(app: Application, on db: any Database) async throws -> Outcome {
        var sites = 0, units = 0, users = 0
        var logins: [Login] = []
        let actor = AuditActor.system
        var demoHash: String?
        for (index, county) in DemoCounties.all.enumerated() {
            let site: SiteRecord
            if let existing = try await SiteRecord.query(on: db).filter(\.$slug == county.slug).first() {
                site = existing
            } else {
                site = SiteRecord(slug: county.slug, name: county.name, parentRegion: county.parentRegion, isDemo: true,
                                  sortOrder: index + 1)
                site.identity = demoIdentity(county)
                try await db.transaction { tx in
                    try await site.create(on: tx)
                    try await AuditLog.record(on: tx, actor: actor, siteID: site.id, action: "site.create",
                                              target: .init(type: "site", id: site.id?.uuidString, label: site.name),
                                              summary: "加载示例站点（依据\(county.name)试点工作实施方案附件1、附件2）", at: app.gongkai.now)
                }
                sites += 1
            }
            let siteID = try site.requireID()
            let flat = flatten(county.root, parent: nil)
            let now = app.gongkai.now
            units += try await db.transaction { tx -> Int in
                var ids: [String: UUID] = [:]
                var created = 0
                for (order, entry) in flat.enumerated() {
                    if let existing = try await OrgUnitRecord.query(on: tx).filter(\.$site.$id == siteID)
                        .filter(\.$name == entry.spec.name).first() {
                        ids[entry.spec.name] = try existing.requireID()
                        continue
                    }
                    let record = OrgUnitRecord(
                        siteID: siteID, parentID: entry.parent.flatMap { ids[$0] },
                        draft: demoDraft(entry.spec, county: county, index: order), isExample: entry.spec.example,
                        sortOrder: order + 1)
                    try await record.create(on: tx)
                    try await AuditLog.record(on: tx, actor: actor, siteID: siteID, action: "unit.create",
                                              target: .init(type: "unit", id: record.id?.uuidString, label: record.name),
                                              after: record.auditFields, at: now)
                    ids[entry.spec.name] = try record.requireID()
                    created += 1
                }
                return created
            }

            try await DemoCatalogs.load(slug: county.slug, siteID: siteID, now: now, on: db)
            try await DemoPlans.load(county: county, siteID: siteID, now: now, on: db)

            for spec in county.users {
                logins.append(Login(site: county.name, name: spec.name, roles: spec.roles.sorted().map(\.label).joined(separator: "、")))
                guard try await UserRecord.query(on: db).filter(\.$name == spec.name).count() == 0 else { continue }
                guard let unit = try await OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID)
                    .filter(\.$name == spec.unit).first()
                else { continue }
                if demoHash == nil { demoHash = try await PasswordHashing.hash(DemoCounties.password, on: app) }
                _ = try await StaffAccounts.create(
                    StaffAccountDraft(name: spec.name, displayName: spec.displayName, roles: spec.roles,
                                      password: DemoCounties.password),
                    unit: unit, actor: actor, isDemo: true, knownHash: demoHash, app: app, on: db)
                users += 1
            }
        }
        return Outcome(createdSites: sites, createdUnits: units, createdUsers: users, logins: logins)
    }

    /// The unit tree in pre-order, each with its parent's name.
    static func flatten(_ spec: DemoCounties.UnitSpec, parent: String?) -> [(spec: DemoCounties.UnitSpec, parent: String?)] {
        [(spec, parent)] + spec.children.flatMap { flatten($0, parent: spec.name) }
    }

    /// Invented contact details, plainly marked as such.
    static func demoDraft(_ spec: DemoCounties.UnitSpec, county: DemoCounties.County, index: Int) -> OrgUnitDraft {
        let number = 6_321_000 + index * 7
        let contact = OrgUnitContact(
            address: "\(county.name)\(spec.shortName)\(spec.kind == .village ? "便民服务站" : "办公楼")（示例地址）",
            officeHours: "工作日 上午8:30-12:00，下午14:30-17:30（法定节假日除外）",
            phone: "\(county.areaCode)-\(number)", fax: spec.kind == .village ? "" : "\(county.areaCode)-\(number + 1)",
            email: "", postcode: "")
        return OrgUnitDraft(name: spec.name, shortName: spec.shortName, kind: spec.kind, aliases: spec.aliases,
                            contact: contact, creditCode: demoCreditCode(spec, county: county, index: index))
    }

    /// Invented registration numbers in the real shapes, so the footer looks as a county's will (the whole site
    /// carries the 示例数据 banner).
    static func demoIdentity(_ county: DemoCounties.County) -> SiteIdentity {
        let province = county.regionCode.hasPrefix("36") ? "赣" : "滇"
        return SiteIdentity(siteCode: "\(county.regionCode)0001", icpNumber: "\(province)ICP备2026\(county.regionCode.suffix(4))01号",
                            policeRecord: "\(province)公网安备\(county.regionCode)02000001号",
                            contactNote: "网站运维电话：\(county.areaCode)-6320000（示例）",
                            serviceURL: province == "赣" ? "https://www.jxzwfww.gov.cn/" : "https://zwfw.yn.gov.cn/")
    }

    /// A plausible, valid but invented 统一社会信用代码: 11 for organs, 12 for 事业单位, 91 for companies and 54 for
    /// village committees, then the county's 行政区划代码 and a body unique within the county.
    static func demoCreditCode(_ spec: DemoCounties.UnitSpec, county: DemoCounties.County, index: Int) -> String {
        let kind = switch spec.kind {
        case .village: "54"
        case .publicInstitution: spec.name.contains("公司") ? "91" : "12"
        default: "11"
        }
        return CreditCode.make(kind: kind, region: county.regionCode, body: String(format: "MB1%05d", 1201 + index * 13))
    }
}
