import Fluent
import Foundation
import GongkaiCore

/// How an application for disclosure comes in: from the public (the portal's form or the API, no account) or
/// registered by staff when it came in person, by post or by fax (第二十九条, 第三十一条). Both check the
/// application with `RequestApplication.validate` and the channel's dates with `ReceiptChannel`, and create the case
/// with its audit event in one transaction.
enum RequestIntakeActions {
    /// What staff type when registering an application that did not come online.
    struct Registration: Sendable {
        var application: RequestApplication
        var unit: String?
        var channel: String?
        var arrivedOn: String?
        var confirmedOn: String?
        /// 第二十九条: told by the applicant and written down by staff.
        var writtenForApplicant: Bool
    }

    /// Every problem of a public application, at once (the page adds its arithmetic question's).
    static func problems(_ application: RequestApplication, unit: String?, siteID: UUID, on db: any Database) async throws -> ValidationErrors {
        var errors = application.validate()
        if try await openUnit(unit, siteID: siteID, on: db) == nil {
            let named = try await unit.flatMap(UUID.init(uuidString:)).asyncMap { try await OrgUnitRecord.find($0, on: db) } ?? nil
            if let named, named.$site.id == siteID, named.archivedAt == nil, !named.unitKind.takesApplications {
                errors.add("unit", notAnOrgan(named))
            } else {
                errors.add("unit", "请选择受理申请的行政机关。")
            }
        }
        return errors
    }

    /// An application from the public, received online today (the date of receipt follows once the unit confirms).
    static func apply(_ application: RequestApplication, unit: String?, siteID: UUID, by acting: Acting, at now: Date, calendar: WorkingCalendar,
                      on db: any Database) async throws -> DisclosureRequestRecord {
        let errors = try await problems(application, unit: unit, siteID: siteID, on: db)
        guard errors.isEmpty, let unitID = try await openUnit(unit, siteID: siteID, on: db) else {
            let onlyUnit = errors.problems.allSatisfy { $0.field == "unit" }
            throw ActionError.invalid(errors, code: onlyUnit ? "unknown_unit" : "invalid_field")
        }
        return try await RequestStore.create(.init(application: application, unitID: unitID, channel: .online, arrivedOn: ChineseTime.today(now)),
                                             siteID: siteID, actor: acting.audit, now: now, calendar: calendar, on: db)
    }

    /// An application registered by the handling unit's staff (or the office for any unit).
    static func register(_ r: Registration, by acting: Acting, at now: Date, calendar: WorkingCalendar, on db: any Database) async throws -> DisclosureRequestRecord {
        let today = ChineseTime.today(now)
        var errors = r.application.validate()
        let units = try await RequestQuery.handledUnits(by: acting, on: db)
        var unitID = r.unit.flatMap(UUID.init(uuidString:)).flatMap { units.contains($0) ? $0 : nil }
        if unitID == nil { errors.add("unit", "请选择受理单位（只能登记本单位收到的申请）。") }
        if let chosen = unitID, let unit = try await OrgUnitRecord.find(chosen, on: db), !unit.unitKind.takesApplications {
            errors.add("unit", notAnOrgan(unit))
            unitID = nil
        }
        let channel = ReceiptChannel(rawValue: r.channel ?? "")
        if channel == nil || channel == .online { errors.add("channel", "请选择申请的提交方式。") }
        let arrived = CivilDate(r.arrivedOn ?? "")
        if arrived == nil { errors.add("arrivedOn", "请填写提交或签收的日期，如 2026-11-23（读到：“\(r.arrivedOn ?? "")”）。") }
        if let arrived, arrived > today { errors.add("arrivedOn", "日期不能晚于今天。") }
        let confirmed = (r.confirmedOn ?? "").isEmpty ? nil : CivilDate(r.confirmedOn ?? "")
        if !(r.confirmedOn ?? "").isEmpty && confirmed == nil { errors.add("confirmedOn", "确认日期的格式应为 2026-11-23。") }
        if let confirmed, let arrived, confirmed < arrived { errors.add("confirmedOn", "确认日期不能早于收到的日期。") }
        guard errors.isEmpty, let unitID, let channel, let arrived else { throw ActionError.invalid(errors) }
        try acting.authorize(.handleRequest, AccessTarget(siteID: acting.siteID, unitID: unitID))
        return try await db.transaction { tx in
            let record = try await RequestStore.create(.init(application: r.application, unitID: unitID, channel: channel, arrivedOn: arrived, confirmedOn: confirmed),
                                                       siteID: acting.siteID, actor: acting.audit, now: now, calendar: calendar, on: tx)
            if r.writtenForApplicant {
                try await RequestStore.append(RequestEvent(.note, on: today, text: "申请人口头提出，由工作人员代为填写（条例第二十九条）"), to: record,
                                              expectedLock: record.lockVersion, actor: acting.audit, now: now, calendar: calendar, on: tx)
            }
            return record
        }
    }

    /// A unit of the site that may receive applications now: an administrative organ, not archived.
    static func openUnit(_ unit: String?, siteID: UUID, on db: any Database) async throws -> UUID? {
        guard let id = unit.flatMap(UUID.init(uuidString:)) else { return nil }
        let units = try await UnitQueries.forSite(siteID, includeArchived: false, on: db)
        return units.contains { $0.id == id && $0.unitKind.takesApplications } ? id : nil
    }

    /// Why a village committee or a public enterprise cannot be the organ an application is made to.
    static func notAnOrgan(_ unit: OrgUnitRecord) -> String {
        unit.unitKind == .village
            ? "“\(unit.name)”是村（居）民委员会，不是行政机关，不受理政府信息公开申请；村务公开事项请向村务公开栏或乡镇人民政府了解。"
            : "“\(unit.name)”是公共企事业单位，其信息按主管部门的规定公开（条例第五十五条），不受理政府信息公开申请。"
    }
}
