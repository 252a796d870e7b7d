import Fluent
import Foundation
import GongkaiCore

/// `gongkai schedule remind`: records a reminder for every line that is due within five working days, overdue, or
/// overdue without having started, and tells the unit's editors and reviewers in the back office. A reminder
/// is unique per line, kind and due date, so running it again the same day (or every hour from a timer)
/// records nothing new; a line that moves from "due soon" to "overdue" is reminded again.
package enum PlanReminders {
    package struct Outcome: Sendable {
        var recorded = 0
        var alreadySent = 0
        var notifications = 0
        /// Unit name → new reminders, for the command's report.
        var byUnit: [String: [String]] = [:]
    }

    package static func run(siteID: UUID?, dryRun: Bool, calendar: WorkingCalendar, now: Date, on db: any Database) async throws -> Outcome {
        var outcome = Outcome()
        let today = ChineseTime.today(now)
        var plans = WorkPlanRecord.query(on: db).filter(\.$archivedAt == nil)
        if let siteID { plans = plans.filter(\.$site.$id == siteID) }
        for plan in try await plans.all() {
            guard let snapshot = try await PlanSnapshot.load(plan.requireID(), today: today, calendar: calendar, withNotes: false, on: db) else { continue }
            let alerted = snapshot.items.flatMap { item in item.lines.compactMap { line in line.alert.map { (item, line, $0) } } }
            guard !alerted.isEmpty else { continue }
            let existing = try await PlanReminderRecord.query(on: db).filter(\.$siteID == snapshot.siteID).all()
            let sent = Set(existing.map { "\($0.lineKey)|\($0.kind)|\($0.dueOn)" })
            var fresh: [(PlanSnapshot.Item, PlanSnapshot.Line, ScheduleAlert, CivilDate)] = []
            for (item, line, alert) in alerted {
                guard let due = item.due else { continue }
                if sent.contains("\(line.key)|\(alert.rawValue)|\(due.description)") { outcome.alreadySent += 1 } else { fresh.append((item, line, alert, due)) }
            }
            guard !fresh.isEmpty else { continue }
            for (item, line, alert, due) in fresh {
                outcome.byUnit[snapshot.unitName(line.unitID), default: []]
                    .append("\(alert.label)：\(item.label)\(PlanText.shortened(item.text, to: 30))" + (line.groupName.map { "（\($0)）" } ?? "")
                            + "（完成时间 \(due.description)）")
            }
            outcome.recorded += fresh.count
            if dryRun { continue }
            let batch = fresh
            outcome.notifications += try await db.transaction { tx -> Int in
                var notified = 0
                for (item, line, alert, due) in batch {
                    let record = PlanReminderRecord()
                    record.siteID = snapshot.siteID
                    record.lineKey = line.key
                    record.itemID = item.id
                    record.unitID = line.unitID
                    record.kind = alert.rawValue
                    record.dueOn = due.description
                    record.createdAt = now
                    try await record.create(on: tx)
                }
                // One notification per unit per run, listing its items, rather than one per line.
                for (unitID, lines) in Dictionary(grouping: batch, by: { $0.1.unitID }) {
                    let counts = Dictionary(grouping: lines, by: \.2).sorted { $0.key < $1.key }.map { "\($0.key.label)\($0.value.count)项" }
                    // One line per item and kind; an item with domain groups says how many of its groups.
                    let perItem = Dictionary(grouping: lines) { "\($0.0.number)|\($0.2.rawValue)" }.values
                        .sorted { ($0[0].2, $0[0].0.number) < ($1[0].2, $1[0].0.number) }
                    let body = perItem.prefix(10).map { group -> String in
                        let (item, line, alert, due) = group[0]
                        let groups = line.groupName == nil ? "" : "——\(group.count)个领域"
                        return "\(alert.label)：\(item.label)\(PlanText.shortened(item.text, to: 30))（\(due.description)）\(groups)"
                    }.joined(separator: "\n") + (perItem.count > 10 ? "\n……共\(perItem.count)个事项" : "")
                    notified += try await Notifications.send(toUnit: unitID, title: "工作任务提醒：\(counts.joined(separator: "，"))", body: body,
                                                 href: SiteURL.adminPlan(snapshot.planID).path(.unit(unitID)),
                                                 now: now, on: tx)
                }
                try await AuditLog.record(on: tx, actor: .system, siteID: snapshot.siteID, action: "plan.remind",
                                          target: .init(type: "plan", id: snapshot.planID.uuidString, label: snapshot.title),
                                          summary: "发出工作任务提醒\(batch.count)条（\(Set(batch.map(\.1.unitID)).count)个单位）", at: now)
                return notified
            }
        }
        return outcome
    }
}
