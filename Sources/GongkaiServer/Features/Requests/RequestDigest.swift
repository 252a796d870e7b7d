import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The weekly digest of 依申请公开: to each unit's handlers, one in-app notification with their working lists
/// (overdue, due soon, 补正 notices due, periods lapsed); to the office, the county's counts. Once per user and
/// ISO week, so a timer may run it daily without repeating itself.
enum RequestDigest {
    struct Outcome: Sendable {
        /// unit name → the lines its handlers get.
        var byUnit: [String: [String]] = [:]
        var notifications = 0
        var alreadySent = 0
    }

    /// "依申请公开周报（2026年第49周）" — the week of `today` by ISO 8601 (Monday first).
    static func title(_ today: CivilDate) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = calendar.date(from: DateComponents(year: today.year, month: today.month, day: today.day))!
        let week = calendar.component(.weekOfYear, from: date), year = calendar.component(.yearForWeekOfYear, from: date)
        return "依申请公开周报（\(year)年第\(week)周）"
    }

    static func lines(_ entries: [RequestQueues.Entry]) -> [String] {
        RequestQueues.Kind.allCases.compactMap { kind in
            let n = entries.filter { $0.kinds.contains(kind) }.count
            return n == 0 ? nil : "\(kind.title)：\(n)件"
        }
    }

    static func run(siteID: UUID?, dryRun: Bool, calendar: WorkingCalendar, now: Date, on db: any Database) async throws -> Outcome {
        let today = ChineseTime.today(now)
        let title = title(today)
        var outcome = Outcome()
        for site in try await SiteQueries.all(on: db) where siteID == nil || site.id == siteID {
            let units = try await UnitQueries.forSite(site.requireID(), includeArchived: false, on: db)
            let entries = try await RequestQueues.open(siteID: site.requireID(), units: units.compactMap(\.id), today: today, calendar: calendar, on: db)
            let users = try await UserRecord.query(on: db).filter(\.$site.$id == site.requireID()).filter(\.$deactivatedAt == nil).all()
            func deliver(_ body: String, to recipients: [UserRecord]) async throws {
                for user in recipients {
                    let sent = try await NotificationRecord.query(on: db).filter(\.$userID == user.requireID()).filter(\.$title == title).count() > 0
                    if sent { outcome.alreadySent += 1; continue }
                    if !dryRun {
                        try await Notifications.send(toUser: user.requireID(), title: title, body: body, href: SiteURL.adminRequests.path, now: now, on: db)
                    }
                    outcome.notifications += 1
                }
            }
            for unit in units {
                let own = entries.filter { $0.record.$unit.id == unit.id }
                let summary = lines(own)
                guard !summary.isEmpty else { continue }
                outcome.byUnit[unit.name] = summary
                let handlers = users.filter { $0.$unit.id == unit.id && !$0.roleSet.isDisjoint(with: [.editor, .reviewer]) }
                try await deliver("未办结\(own.count)件。" + summary.joined(separator: "；") + "。", to: handlers)
            }
            let county = lines(entries)
            if !county.isEmpty {
                try await deliver("\(site.name)未办结\(entries.count)件。" + county.joined(separator: "；") + "。详见“各单位办理情况”。",
                                  to: users.filter { $0.roleSet.contains(.admin) })
            }
        }
        return outcome
    }
}
