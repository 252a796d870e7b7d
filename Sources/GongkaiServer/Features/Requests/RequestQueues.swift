import Fluent
import Foundation
import SQLKit
import GongkaiCore
import Vapor

/// The working lists of 依申请公开, computed from the histories and today (never stored): overdue, due within 3
/// working days, 补正告知 due (第三十条: within 7 working days of receipt), and periods the applicant let pass —
/// per unit, and the office's counts with each unit's on-time rate.
package enum RequestQueues {
    static let soonWorkingDays = 3

    enum Kind: String, CaseIterable, Sendable {
        case overdue, dueSoon, correctionNoticeDue, correctionLapsed, paymentLapsed

        var title: String {
            switch self {
            case .overdue: "已超过答复期限"
            case .dueSoon: "3个工作日内到期"
            case .correctionNoticeDue: "需要补正的，告知期限将到（收到申请之日起7个工作日内）"
            case .correctionLapsed: "补正期限已过，申请人未补正"
            case .paymentLapsed: "缴费期限已过，申请人未缴费"
            }
        }
    }

    struct Entry: Sendable {
        let record: DisclosureRequestRecord
        let timeline: RequestTimeline
        let kinds: [Kind]
        /// The date the entry is about (due, notice due, lapsed period).
        let date: CivilDate?
    }

    static func classify(_ t: RequestTimeline, today: CivilDate, calendar: WorkingCalendar) -> [Kind] {
        guard t.stage != .replied, t.stage != .awaitingReceipt else { return [] }
        var kinds: [Kind] = []
        if let due = t.due {
            if due < today { kinds.append(.overdue) } else if (calendar.workingDays(after: today, through: due) ?? 0) <= soonWorkingDays { kinds.append(.dueSoon) }
        }
        // Only while it can still be given: after the 7 working days a 补正 can no longer be asked for.
        if let noticeDue = t.correctionNoticeDue, noticeDue >= today, (calendar.workingDays(after: today, through: noticeDue) ?? 0) <= soonWorkingDays {
            kinds.append(.correctionNoticeDue)
        }
        if t.stage == .awaitingCorrection, let until = t.correctionUntil, until < today { kinds.append(.correctionLapsed) }
        if t.stage == .awaitingPayment, let due = t.paymentDue, due < today { kinds.append(.paymentLapsed) }
        return kinds
    }

    /// Open cases of the units, with their lists.
    static func open(siteID: UUID, units: [UUID], today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> [Entry] {
        let records = try await DisclosureRequestRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$unit.$id ~~ units)
            .filter(\.$stage ~~ RequestTimeline.openStages.map(\.rawValue)).with(\.$unit).all()
        let ids = records.compactMap(\.id)
        let events = ids.isEmpty ? [] : try await DisclosureRequestEventRecord.query(on: db).filter(\.$request.$id ~~ ids).sort(\.$position).all()
        let byRequest = Dictionary(grouping: events, by: { $0.$request.id })
        return records.compactMap { record in
            guard let timeline = try? RequestTimeline.evaluate((byRequest[record.id!] ?? []).compactMap(\.event), calendar: calendar) else { return nil }
            let kinds = classify(timeline, today: today, calendar: calendar)
            let date: CivilDate? = kinds.contains(.correctionLapsed) ? timeline.correctionUntil : kinds.contains(.paymentLapsed) ? timeline.paymentDue
                : kinds == [.correctionNoticeDue] ? timeline.correctionNoticeDue : timeline.due
            return Entry(record: record, timeline: timeline, kinds: kinds, date: date)
        }
    }

    /// One unit's line of the office's overview.
    package struct UnitCounts: Sendable {
        let unitID: UUID
        let unitName: String
        var receivedThisYear = 0
        var open = 0
        var overdue = 0
        var dueSoon = 0
        var repliedThisYear = 0
        var repliedOnTime = 0

        /// 按时答复率 of this year's replies (nil with none).
        var onTimeRate: Double? { repliedThisYear == 0 ? nil : Double(repliedOnTime) / Double(repliedThisYear) }
    }

    package static func counts(siteID: UUID, units: [OrgUnitRecord], today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> [UnitCounts] {
        let unitIDs = units.compactMap(\.id)
        var lines = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, UnitCounts(unitID: $0.id!, unitName: $0.name)) })
        for entry in try await open(siteID: siteID, units: unitIDs, today: today, calendar: calendar, on: db) {
            let id = entry.record.$unit.id
            lines[id]?.open += 1
            if entry.kinds.contains(.overdue) { lines[id]?.overdue += 1 }
            if entry.kinds.contains(.dueSoon) { lines[id]?.dueSoon += 1 }
        }
        let first = CivilDate.firstDay(ofYear: today.year).description
        let sql = db as! any SQLDatabase
        // Counted in the database: the stored receipt, reply and due dates are enough (and a year may hold many).
        let rows = try await sql.raw("""
            SELECT unit_id,
              SUM(CASE WHEN received_on >= \(bind: first) THEN 1 ELSE 0 END) AS received,
              SUM(CASE WHEN replied_on >= \(bind: first) THEN 1 ELSE 0 END) AS replied,
              SUM(CASE WHEN replied_on >= \(bind: first) AND due_on IS NOT NULL AND replied_on <= due_on THEN 1 ELSE 0 END) AS on_time
            FROM disclosure_requests WHERE site_id = \(bind: siteID) GROUP BY unit_id
            """).all()
        for row in rows {
            guard let id = try? row.decode(column: "unit_id", as: UUID.self), lines[id] != nil else { continue }
            lines[id]?.receivedThisYear = (try? row.decode(column: "received", as: Int?.self)) ?? 0
            lines[id]?.repliedThisYear = (try? row.decode(column: "replied", as: Int?.self)) ?? 0
            lines[id]?.repliedOnTime = (try? row.decode(column: "on_time", as: Int?.self)) ?? 0
        }
        return units.compactMap { lines[$0.id!] }
    }
}
