import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange

/// Turns a read plan into a stored one: every unit name is looked up among the site's units (a name that
/// matches none, or several, is a problem with its cell), "…完成N个月内" is linked to the item it means, and
/// everything is written in one transaction with its audit event. All or nothing.
package enum PlanImport {
    package struct Outcome: Sendable {
        package let planID: UUID
        let tasks: Int
        let items: Int
    }

    package struct Failure: Error, CustomStringConvertible {
        let problems: [String]
        package var description: String { problems.joined(separator: "\n") }
    }

    /// A cell's tokens with their units found.
    struct ResolvedParty {
        let role: PlanRole
        let text: String
        let scope: UnitScope?
        let unitID: UUID?
    }

    /// Checks the draft (and any problems the table reader found) against the site; stores nothing.
    static func check(_ result: Result<WorkPlanDraft, WorkPlanTable.Failure>, siteID: UUID, on db: any Database) async throws
        -> Result<(WorkPlanDraft, [[ResolvedParty]], [[[ResolvedParty]]]), Failure> {
        var problems: [String] = []
        let draft: WorkPlanDraft
        switch result {
        case .success(let d): draft = d
        case .failure(let failure):
            problems += failure.problems.map(\.description)
            guard let partial = failure.partial else { return .failure(Failure(problems: problems)) }
            draft = partial
        }
        let units = try await UnitQueries.forSite(siteID, includeArchived: false, on: db)
        let candidates = units.map {
            UnitNameMatch.Candidate(id: $0.id!, name: $0.name, shortName: $0.shortName, aliases: $0.aliasList, siteName: "")
        }
        func isUnitName(_ text: String) -> Bool {
            if case .found = UnitNameMatch.find(text, in: candidates) { return true }
            return false
        }
        func resolve(_ cells: [WorkPlanDraft.Cell]) -> [ResolvedParty] {
            var parties: [ResolvedParty] = []
            for cell in cells {
                for token in PlanParties.parse(cell.text, isUnitName: isUnitName) {
                    switch token {
                    case .scope(let scope, let text):
                        parties.append(ResolvedParty(role: cell.role, text: text, scope: scope, unitID: nil))
                    case .unit(let name):
                        switch UnitNameMatch.find(name, in: candidates) {
                        case .found(let unit):
                            parties.append(ResolvedParty(role: cell.role, text: name, scope: nil, unitID: unit.id))
                        case .ambiguous(let matches):
                            problems.append("\(cell.source)：单位名称“\(name)”对应多个单位（\(matches.map(\.name).joined(separator: "、"))），请写全称。")
                        case .notFound(let suggestions):
                            let hint = suggestions.isEmpty ? "请先在“单位”中添加该单位，或改用单位全称。"
                                : "相近的有：\(suggestions.map(\.name).joined(separator: "、"))。"
                            problems.append("\(cell.source)：本站点没有单位“\(name)”。\(hint)")
                        }
                    }
                }
            }
            return parties
        }
        let items = draft.items
        let itemParties = items.map { resolve($0.parties) }
        let groupParties = items.map { $0.groups.map { resolve($0.parties) } }
        for item in items {
            if case .afterItem(let condition, _) = item.deadline, predecessor(of: item, condition: condition, in: items) == nil {
                problems.append("\(item.source)：完成时间“\(item.deadlineText)”所说的前序事项在本方案中找不到。")
            }
        }
        return problems.isEmpty ? .success((draft, itemParties, groupParties)) : .failure(Failure(problems: problems))
    }

    /// The item a "…完成" condition refers to: the other item sharing the most two-character sequences with it
    /// ("其他领域政务公开标准编制完成" → "编制其他领域政务公开标准目录").
    static func predecessor(of item: WorkPlanDraft.Item, condition: String, in items: [WorkPlanDraft.Item]) -> WorkPlanDraft.Item? {
        let wanted = bigrams(String(condition.dropLast(condition.hasSuffix("完成") ? 2 : 0)))
        let scored = items.filter { $0.number != item.number }.map { ($0, bigrams($0.text).intersection(wanted).count) }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= max(2, wanted.count / 2) else { return nil }
        return best.0
    }

    private static func bigrams(_ text: String) -> Set<String> {
        let chars = Array(PlanText.compact(text))
        guard chars.count > 1 else { return [] }
        return Set((0..<(chars.count - 1)).map { String(chars[$0...$0 + 1]) })
    }

    /// Checks, then stores the plan for the site in one transaction.
    package static func importPlan(_ result: Result<WorkPlanDraft, WorkPlanTable.Failure>, siteID: UUID, sourceName: String,
                           actor: AuditActor, now: Date, on db: any Database) async throws -> Result<Outcome, Failure> {
        let draft: WorkPlanDraft, itemParties: [[ResolvedParty]], groupParties: [[[ResolvedParty]]]
        switch try await check(result, siteID: siteID, on: db) {
        case .failure(let failure): return .failure(failure)
        case .success(let checked): (draft, itemParties, groupParties) = checked
        }
        let outcome = try await db.transaction { tx in
            try await store(draft, itemParties: itemParties, groupParties: groupParties, siteID: siteID,
                            sourceName: sourceName, actor: actor, now: now, on: tx)
        }
        return .success(outcome)
    }

    private static func store(_ draft: WorkPlanDraft, itemParties: [[ResolvedParty]], groupParties: [[[ResolvedParty]]],
                              siteID: UUID, sourceName: String, actor: AuditActor, now: Date, on tx: any Database) async throws -> Outcome {
        let plan = WorkPlanRecord()
        plan.$site.id = siteID
        plan.title = draft.title
        plan.sourceName = sourceName
        plan.createdAt = now
        plan.createdByLabel = actor.label
        plan.archiveReason = ""
        try await plan.create(on: tx)
        let planID = try plan.requireID()
        var itemIDs: [Int: UUID] = [:]
        var pendingLinks: [(PlanItemRecord, WorkPlanDraft.Item, String)] = []
        var events = Set<String>()
        var index = 0
        for (taskPosition, task) in draft.tasks.enumerated() {
            let taskRecord = PlanTaskRecord()
            taskRecord.$plan.id = planID
            taskRecord.position = taskPosition + 1
            taskRecord.number = task.number
            taskRecord.title = task.title
            try await taskRecord.create(on: tx)
            for item in task.items {
                let record = PlanItemRecord()
                record.$plan.id = planID
                record.$task.id = try taskRecord.requireID()
                record.position = index + 1
                record.number = item.number
                record.text = item.text
                record.source = item.source
                record.setDeadline(item.deadline, text: item.deadlineText)
                try await record.create(on: tx)
                let itemID = try record.requireID()
                itemIDs[item.number] = itemID
                try await createParties(itemParties[index], itemID: itemID, groupID: nil, on: tx)
                for (g, group) in item.groups.enumerated() {
                    let groupRecord = PlanGroupRecord()
                    groupRecord.$item.id = itemID
                    groupRecord.position = g + 1
                    groupRecord.name = group.name
                    try await groupRecord.create(on: tx)
                    try await createParties(groupParties[index][g], itemID: itemID, groupID: groupRecord.id, on: tx)
                }
                switch item.deadline {
                case .afterEvent(let event, _): events.insert(event)
                case .afterItem(let condition, _): pendingLinks.append((record, item, condition))
                default: break
                }
                index += 1
            }
        }
        for (record, item, condition) in pendingLinks {
            if let target = predecessor(of: item, condition: condition, in: draft.items) {
                record.afterItemID = itemIDs[target.number]
                try await record.update(on: tx)
            }
        }
        for name in events.sorted() {
            let event = PlanEventRecord()
            event.$plan.id = planID
            event.name = name
            try await event.create(on: tx)
        }
        try await AuditLog.record(on: tx, actor: actor, siteID: siteID, action: "plan.import",
                                  target: .init(type: "plan", id: planID.uuidString, label: draft.title),
                                  summary: "导入工作方案“\(draft.title)”（\(sourceName)）：\(draft.tasks.count)项工作任务，\(draft.items.count)个具体事项",
                                  at: now)
        return Outcome(planID: planID, tasks: draft.tasks.count, items: draft.items.count)
    }

    private static func createParties(_ parties: [ResolvedParty], itemID: UUID, groupID: UUID?, on tx: any Database) async throws {
        for (position, party) in parties.enumerated() {
            let record = PlanPartyRecord()
            record.$item.id = itemID
            record.groupID = groupID
            record.role = party.role.rawValue
            record.position = position + 1
            record.text = party.text
            record.scope = party.scope?.rawValue
            record.unitID = party.unitID
            try await record.create(on: tx)
        }
    }
}
