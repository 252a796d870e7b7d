import Fluent
import Foundation
import GongkaiCore
import Vapor

/// What the back office's home page shows, gathered for the person signed in (decision 0009): their rights, the
/// to-dos of every feature, publishing timeliness, 依申请公开 figures for the office, and the site at a glance.
enum DashboardQuery {
    static func home(staff: Staff, by acting: Acting, schedule: ScheduleDashboard.Model, today: CivilDate, calendar: WorkingCalendar,
                     on db: any Database) async throws -> Dashboard.Model {
        let units = try await UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)
        var counts: [OrgUnitKind: Int] = [:]
        for unit in units { counts[unit.unitKind, default: 0] += 1 }
        let isOffice = acting.may(.manageSite, acting.site)
        let userCount = isOffice ? try await UserRecord.query(on: db).filter(\.$site.$id == acting.siteID).filter(\.$deactivatedAt == nil).count() : 0
        let recent = isOffice ? try await AuditQueries.search(AuditQueries.Filter(siteID: acting.siteID), perPage: 8, on: db).page.rows : []
        var todos: [(text: String, href: String)] = []
        if CalendarActions.mayManage(acting) {
            // The State Council publishes next year's arrangement between October and December.
            for year in [today.year, today.year + 1] where !calendar.isConfirmed(year: year) && (year == today.year || today.month >= 11) {
                todos.append(("\(year)年节假日安排尚未录入：跨入\(year)年的期限只能按周末计算，标注为“未确认”。请在国务院办公厅通知发布后录入。",
                              SiteURL.adminCalendarNew(year: year).path))
            }
        }
        let waitingCatalogs = try await CatalogQuery.waitingCount(by: acting, on: db)
        if waitingCatalogs > 0 {
            todos.append(("有\(waitingCatalogs)份政务公开事项标准目录等待您审核、发布或修改。", SiteURL.adminCatalogs.path))
        }
        todos += ScheduleDashboard.todos(schedule)
        let publishing = try await self.publishing(by: acting, today: today, calendar: calendar, on: db)
        todos += PublicationDashboard.todos(publishing)
        let requests = try await self.requests(by: acting, today: today, calendar: calendar, on: db)
        todos += requests.todos
        return Dashboard.Model(
            displayName: staff.displayName, siteName: staff.siteName, unitName: staff.unitName, unitHref: SiteURL.adminUnitEdit(staff.unitID).path,
            roles: staff.rolesLabel.isEmpty ? "（未分配）" : staff.rolesLabel, isOffice: isOffice,
            todos: todos, schedule: schedule, publishing: publishing, requests: requests,
            unitCounts: OrgUnitKind.allCases.compactMap { kind in counts[kind].map { (kind.label, $0) } },
            activeUsers: userCount, recent: recent.map { AuditPage.Row($0) },
            allowed: acting.allowedOnOwnUnit.map(Dashboard.actionLabel).joined(separator: "、"))
    }

    /// What waits for the actor's review or publishing, and the records late or soon due against their catalog
    /// entries' 公开时限 (the office sees every unit's; a unit its own). Only records that can be on either list are
    /// read: not yet published, or published within the last 90 days under a catalog entry; a site with 100,000
    /// records reads a few hundred.
    static func publishing(by acting: Acting, today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> PublicationDashboard.Model {
        let recent = ChineseTime.parseDay(today.adding(days: -91).description) ?? .distantPast
        var query = PublicationRecord.query(on: db).filter(\.$site.$id == acting.siteID).filter(\.$withdrawnAt == nil)
            .group(.or) { or in
                or.filter(\.$liveVersionID == nil)
                or.group(.and) { $0.filter(\.$lastPublishedAt >= recent).filter(\.$domainCodes != "") }
            }
            .with(\.$unit)
        if !acting.may(.manageSite, acting.site) { query = query.filter(\.$unit.$id == acting.access.unitID) }
        let records = try await query.all()
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return PublicationDashboard.Model(waiting: 0, lines: []) }
        let versions = try await PublicationVersionRecord.query(on: db).filter(\.$publication.$id ~~ ids).all()
        let entries = try await PublicationEntryRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id)).all()
        let byVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id!, $0) })
        let latest = Dictionary(grouping: versions, by: { $0.$publication.id }).mapValues { $0.max { $0.number < $1.number }! }
        var waiting = 0
        var lines: [PublicationDashboard.Line] = []
        for record in records {
            guard let version = latest[record.id!] else { continue }
            let may = PublicationActions.abilities(AccessTarget(siteID: acting.siteID, unitID: record.$unit.id), by: acting)
            if (version.publicationStatus == .submitted && may.review) || (version.publicationStatus == .approved && may.publish) { waiting += 1 }
            let shown = record.liveVersionID.flatMap { byID[$0] } ?? version
            let timed = PublicationTimeliness.assess(version: shown, entries: byVersion[shown.id!] ?? [], today: today, calendar: calendar)
            guard let headline = timed.headline else { continue }
            let href = SiteURL.adminPublication(record.id!).path
            switch headline {
            case .late(_, let due) where today.dayNumber - due.dayNumber <= 90, .overdue(_, let due):
                _ = due
                lines.append(.init(title: shown.title, unitName: record.unit.name, label: headline.label, late: true, href: href))
            case .pending(let left, _) where left <= 5:
                lines.append(.init(title: shown.title, unitName: record.unit.name, label: headline.label, late: false, href: href))
            default: break
            }
        }
        return PublicationDashboard.Model(waiting: waiting, lines: lines.sorted { ($0.late ? 0 : 1, $0.unitName) < ($1.late ? 0 : 1, $1.unitName) })
    }

    /// Every handler's pressing lists as to-dos; for the office, each unit's counts and on-time rate.
    static func requests(by acting: Acting, today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> RequestDashboard.Model {
        var model = RequestDashboard.Model()
        let units = try await RequestQuery.handledUnits(by: acting, on: db)
        guard !units.isEmpty else { return model }
        let entries = try await RequestQueues.open(siteID: acting.siteID, units: units, today: today, calendar: calendar, on: db)
        for kind in RequestQueues.Kind.allCases {
            let n = entries.filter { $0.kinds.contains(kind) }.count
            if n > 0 { model.todos.append(("依申请公开：\(kind.title) \(n)件。", SiteURL.adminRequests.path)) }
        }
        if RequestQuery.isOffice(acting) {
            let records = UnitQueries.ordered(try await UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)).map(\.unit)
            model.lines = try await RequestQueues.counts(siteID: acting.siteID, units: records, today: today, calendar: calendar, on: db)
                .filter { $0.open + $0.receivedThisYear + $0.repliedThisYear > 0 }
        }
        return model
    }
}
