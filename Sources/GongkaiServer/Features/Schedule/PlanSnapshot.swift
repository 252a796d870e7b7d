import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// A plan as of today, read in a handful of queries: its items with due dates resolved, the lines (one per
/// responsible unit, and per domain group where the item has them) with their status and alert, and
/// roll-ups. Every page, the dashboards, the reminders, the export and the API read plans through this.
package struct PlanSnapshot: Sendable {
    /// Which line: the item, the domain group (if the item has them) and the unit.
    package struct LineID: Hashable, Sendable {
        let item: UUID
        let group: UUID?
        let unit: UUID
    }

    /// The columns of a `plan_progress` row the snapshot needs.
    package struct ProgressRow: Sendable {
        let id: UUID
        let lockVersion: Int
        let note: String
        let reviewComment: String
        let state: ProgressState
    }

    package struct Line: Sendable {
        package let itemID: UUID
        let groupID: UUID?
        let groupName: String?
        package let unitID: UUID
        let guides: Set<UUID>
        let progressID: UUID?
        let lockVersion: Int
        let note: String
        let reviewComment: String
        let state: ProgressState
        let status: LineStatus
        let alert: ScheduleAlert?

        /// The stored key of the line (`plan_progress.line_key`), also used in forms.
        package var key: String { PlanSnapshot.lineKey(item: itemID, group: groupID, unit: unitID) }
    }

    struct Item: Sendable {
        let id: UUID
        let taskID: UUID
        let number: Int
        let text: String
        let deadlineText: String
        let deadline: PlanDeadline
        let afterItemNumber: Int?
        /// Party texts by role, as the plan wrote them (scopes included).
        let parties: [PlanRole: [String]]
        let groups: [(id: UUID, name: String, guides: [String])]
        let due: CivilDate?
        let lines: [Line]
        let rollup: ProgressRollup

        var label: String { PlanItemNumber.label(number) }
        /// 2020年9月底前 → 2020-09-30; a relative deadline shows what it waits for until it is known.
        var dueText: String {
            if let due { return deadline.waitingText == nil ? due.description : "\(due.description)（\(deadlineText)）" }
            return deadline.waitingText ?? (deadlineText.isEmpty ? "未规定" : deadlineText)
        }
    }

    struct Task: Sendable {
        let id: UUID
        let number: Int
        let title: String
        let items: [Item]
        let rollup: ProgressRollup
    }

    struct Unit: Sendable {
        let id: UUID
        let name: String
        let shortName: String
        let kind: OrgUnitKind
        let sortOrder: Int
    }

    let planID: UUID
    let siteID: UUID
    let title: String
    let sourceName: String
    let createdAt: Date
    /// Set when the plan was withdrawn: the reason, and when.
    let archived: (at: Date, reason: String)?
    let today: CivilDate
    let tasks: [Task]
    let units: [UUID: Unit]
    let events: [(name: String, occurredOn: CivilDate?)]
    package let rollup: ProgressRollup

    var items: [Item] { tasks.flatMap(\.items) }
    package var lines: [Line] { items.flatMap(\.lines) }

    func unitName(_ id: UUID) -> String { units[id]?.name ?? "（已撤销的单位）" }

    /// Units with at least one line, in the site's order.
    var lineUnits: [Unit] {
        let ids = Set(lines.map(\.unitID))
        return units.values.filter { ids.contains($0.id) }.sorted { ($0.sortOrder, $0.name) < ($1.sortOrder, $1.name) }
    }

    func item(number: Int) -> Item? { items.first { $0.number == number } }

    /// - withNotes: also read each line's note and review comment (the dashboard and reminders do not need them).
    package static func load(_ planID: UUID, today: CivilDate, calendar: WorkingCalendar, withNotes: Bool = true,
                     on db: any Database) async throws -> PlanSnapshot? {
        guard let plan = try await WorkPlanRecord.find(planID, on: db) else { return nil }
        let siteID = plan.$site.id
        let units = try await UnitQueries.forSite(siteID, includeArchived: false, on: db)
        let tasks = try await PlanTaskRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).all()
        let items = try await PlanItemRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).all()
        let itemIDs = items.compactMap(\.id)
        let groups = itemIDs.isEmpty ? [] : try await PlanGroupRecord.query(on: db).filter(\.$item.$id ~~ itemIDs).sort(\.$position).all()
        let parties = itemIDs.isEmpty ? [] : try await PlanPartyRecord.query(on: db).filter(\.$item.$id ~~ itemIDs).sort(\.$position).all()
        let events = try await PlanEventRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$name).all()
        let progress = try await progressRows(planID, withNotes: withNotes, on: db)
        return build(plan: plan, units: units, tasks: tasks, items: items, groups: groups, parties: parties, events: events,
                     progress: progress, today: today, calendar: calendar)
    }

    /// The progress rows of a plan, only the columns the snapshot needs, with plain SQL rather than whole models
    /// (a county's plan can have a hundred thousand lines).
    package static func progressRows(_ planID: UUID, withNotes: Bool = true, on db: any Database) async throws -> [LineID: ProgressRow] {
        let sql = db as! any SQLDatabase
        let notes = withNotes ? SQLRaw("note, review_comment") : SQLRaw("'' AS note, '' AS review_comment")
        let rows = try await sql.raw("""
            SELECT id, item_id, group_id, unit_id, status, percent, acceptance, completed_on, \(notes), lock_version
            FROM plan_progress WHERE plan_id = \(bind: planID)
            """).all()
        var result: [LineID: ProgressRow] = [:]
        result.reserveCapacity(rows.count)
        for row in rows {
            let state = ProgressState(
                reported: ReportedStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notStarted,
                percent: try row.decode(column: "percent", as: Int.self),
                acceptance: Acceptance(rawValue: try row.decode(column: "acceptance", as: String.self)) ?? .pending,
                completedOn: try row.decode(column: "completed_on", as: String?.self).flatMap(CivilDate.init))
            let id = LineID(item: try row.decode(column: "item_id", as: UUID.self), group: try row.decode(column: "group_id", as: UUID?.self),
                            unit: try row.decode(column: "unit_id", as: UUID.self))
            result[id] = ProgressRow(id: try row.decode(column: "id", as: UUID.self), lockVersion: try row.decode(column: "lock_version", as: Int.self),
                                     note: try row.decode(column: "note", as: String.self),
                                     reviewComment: try row.decode(column: "review_comment", as: String.self), state: state)
        }
        return result
    }

    static func lineKey(item: UUID, group: UUID?, unit: UUID) -> String {
        "\(item.uuidString)/\(group?.uuidString ?? "-")/\(unit.uuidString)"
    }

    // swiftlint:disable:next function_parameter_count
    static func build(plan: WorkPlanRecord, units: [OrgUnitRecord], tasks: [PlanTaskRecord], items: [PlanItemRecord],
                      groups: [PlanGroupRecord], parties: [PlanPartyRecord], events: [PlanEventRecord],
                      progress: [LineID: ProgressRow], today: CivilDate, calendar: WorkingCalendar) -> PlanSnapshot {
        let unitInfo = Dictionary(uniqueKeysWithValues: units.map {
            ($0.id!, Unit(id: $0.id!, name: $0.name, shortName: $0.shortName, kind: $0.unitKind, sortOrder: $0.sortOrder))
        })
        let byKind = Dictionary(grouping: units, by: \.unitKind).mapValues { $0.compactMap(\.id) }
        func expand(_ list: [PlanPartyRecord]) -> [UUID] {
            var ids: [UUID] = []
            for party in list {
                if let unit = party.unitID, unitInfo[unit] != nil { ids.append(unit) }
                switch party.unitScope {
                case .townships: ids += byKind[.township] ?? []
                case .departments: ids += byKind[.department] ?? []
                case .villages: ids += byKind[.village] ?? []
                case .concerned, nil: break
                }
            }
            var seen = Set<UUID>()
            return ids.filter { seen.insert($0).inserted }
        }
        let partiesByItem = Dictionary(grouping: parties, by: \.$item.id)
        let groupsByItem = Dictionary(grouping: groups, by: \.$item.id)
        let dueSoonUntil = ScheduleRules.dueSoonUntil(today: today, calendar: calendar)
        let eventDates = Dictionary(events.map { ($0.name, $0.occurredOn.flatMap(CivilDate.init)) }, uniquingKeysWith: { a, _ in a })
        let numberByID = Dictionary(items.map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })

        // Items in order; an "after item" deadline needs the completion of an earlier item, so completions are
        // remembered as items are built (a link forward is resolved in a second pass).
        var completion: [UUID: CivilDate] = [:]
        var built: [UUID: Item] = [:]
        func buildItem(_ record: PlanItemRecord) -> Item {
            let id = record.id!
            let own = partiesByItem[id] ?? []
            let itemLevel = own.filter { $0.groupID == nil }
            let responsible = expand(itemLevel.filter { $0.planRole == .responsible })
            let doers = responsible.isEmpty ? expand(itemLevel.filter { $0.planRole == .supervising }) : responsible
            let itemGuides = Set(expand(itemLevel.filter { $0.planRole == .guiding }))
            let deadline = record.deadline
            let due = deadline.due(eventDate: deadline.eventName.flatMap { eventDates[$0] ?? nil },
                                   itemCompletion: record.afterItemID.flatMap { completion[$0] }, calendar: calendar)
            var lines: [Line] = []
            var rollup = ProgressRollup()
            func addLine(group: PlanGroupRecord?, unit: UUID, guides: Set<UUID>) {
                let row = progress[LineID(item: id, group: group?.id, unit: unit)]
                let state = row?.state ?? .initial
                let status = ScheduleRules.status(state, due: due, today: today)
                let alert = ScheduleRules.alert(state, due: due, today: today, dueSoonUntil: dueSoonUntil)
                rollup.add(state, status: status, alert: alert)
                lines.append(Line(itemID: id, groupID: group?.id, groupName: group?.name, unitID: unit, guides: guides,
                                  progressID: row?.id, lockVersion: row?.lockVersion ?? 0, note: row?.note ?? "",
                                  reviewComment: row?.reviewComment ?? "", state: state, status: status, alert: alert))
            }
            let itemGroups = groupsByItem[id] ?? []
            var groupInfo: [(UUID, String, [String])] = []
            if itemGroups.isEmpty {
                for unit in doers { addLine(group: nil, unit: unit, guides: itemGuides) }
            } else {
                for group in itemGroups {
                    let mine = own.filter { $0.groupID == group.id }
                    let groupDoers = expand(mine.filter { $0.planRole == .responsible })
                    let guideParties = mine.filter { $0.planRole == .guiding }
                    let guides = guideParties.isEmpty ? itemGuides : Set(expand(guideParties))
                    groupInfo.append((group.id!, group.name, guideParties.map(\.text)))
                    for unit in groupDoers.isEmpty ? doers : groupDoers { addLine(group: group, unit: unit, guides: guides) }
                }
            }
            if let done = ScheduleRules.completion(of: lines.map(\.state)) { completion[id] = done }
            var texts: [PlanRole: [String]] = [:]
            for party in itemLevel { texts[party.planRole, default: []].append(party.text) }
            for role in PlanRole.allCases { texts[role] = texts[role].map(uniqueInOrder) }
            return Item(id: id, taskID: record.$task.id, number: record.number, text: record.text, deadlineText: record.deadlineText,
                        deadline: deadline, afterItemNumber: record.afterItemID.flatMap { numberByID[$0] }, parties: texts,
                        groups: groupInfo.map { (id: $0.0, name: $0.1, guides: $0.2) }, due: due, lines: lines, rollup: rollup)
        }
        for record in items { built[record.id!] = buildItem(record) }
        // A second pass for items whose predecessor comes later in the table.
        for record in items where record.afterItemID.map({ built[record.id!]?.due == nil && completion[$0] != nil }) == true {
            built[record.id!] = buildItem(record)
        }
        var planRollup = ProgressRollup()
        let taskList: [Task] = tasks.map { task in
            let taskItems = items.filter { $0.$task.id == task.id }.compactMap { built[$0.id!] }
            var rollup = ProgressRollup()
            for item in taskItems { rollup.merge(item.rollup) }
            planRollup.merge(rollup)
            return Task(id: task.id!, number: task.number, title: task.title, items: taskItems, rollup: rollup)
        }
        return PlanSnapshot(planID: plan.id!, siteID: plan.$site.id, title: plan.title, sourceName: plan.sourceName,
                            createdAt: plan.createdAt, archived: plan.archivedAt.map { ($0, plan.archiveReason) }, today: today, tasks: taskList, units: unitInfo,
                            events: events.map { ($0.name, $0.occurredOn.flatMap(CivilDate.init)) }, rollup: planRollup)
    }

    private static func uniqueInOrder(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}

extension PlanDeadline {
    /// The event an `.afterEvent` deadline waits for.
    var eventName: String? {
        if case .afterEvent(let event, _) = self { return event }
        return nil
    }
}
