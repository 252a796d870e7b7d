import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The changes a 清单 goes through: a version imported (or started from the published one), submitted, checked
/// by the unit's reviewer, checked and published by the office; a returned version goes back to the unit. Each
/// change is one transaction with its audit event; steps name the `lock_version` they were read at. This layer
/// checks no permission: `DutyListActions` does, then calls it.
enum DutyListEditing {
    struct Refusal: Error, CustomStringConvertible {
        let message: String
        var stale = false
        var description: String { message }
    }

    static let staleMessage = "这份清单在您打开后已被他人处理或已进入下一步，操作没有执行。请刷新页面，查看最新状态后再操作。"

    struct Loaded {
        let list: DutyListRecord
        let unit: OrgUnitRecord
        let versions: [DutyListVersionRecord]

        var kind: DutyListKind { list.listKind }
        var published: DutyListVersionRecord? { versions.first { $0.listStatus == .published } }
        var open: DutyListVersionRecord? { versions.first { $0.listStatus.isOpen } }
        var label: String { "\(unit.name)\(kind.title)" }
        var target: AuditLog.Target { .init(type: "duty_list", id: list.id!.uuidString, label: label) }
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Loaded? {
        guard let list = try await DutyListRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() else { return nil }
        let versions = try await DutyListVersionRecord.query(on: db).filter(\.$list.$id == id).sort(\.$number, .descending).all()
        return Loaded(list: list, unit: list.unit, versions: versions)
    }

    static func rows(of versionID: UUID, on db: any Database) async throws -> [DutyListRow] {
        try await DutyListRowRecord.query(on: db).filter(\.$version.$id == versionID).sort(\.$position).all().map(\.row)
    }

    private static func list(unit: OrgUnitRecord, kind: DutyListKind, now: Date, on db: any Database) async throws -> DutyListRecord {
        let unitID = try unit.requireID()
        if let existing = try await DutyListRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$kind == kind.rawValue).first() {
            return existing
        }
        let record = DutyListRecord(siteID: unit.$site.id, unitID: unitID, kind: kind, at: now)
        try await record.create(on: db)
        return record
    }

    /// Moves the version's lock on, or refuses when someone else moved it since `expected` was read.
    private static func claim(_ versionID: UUID, expected: Int, on tx: any Database) async throws {
        do {
            try await OptimisticLock.bump(table: DutyListVersionRecord.schema, id: versionID, expected: expected, column: "lock_version", on: tx)
        } catch is OptimisticLock.Conflict {
            throw Refusal(message: staleMessage, stale: true)
        }
    }

    private static func write(_ rows: [DutyListRow], into versionID: UUID, on db: any Database) async throws {
        for (i, row) in rows.enumerated() {
            try await DutyListRowRecord(versionID: versionID, position: i + 1, row: row).create(on: db)
        }
    }

    /// Imported rows become the unit's draft: they replace the rows of a draft or returned version (the usual
    /// loop — fix the file, upload again), or start the next version. A version in review is never replaced.
    /// `publish` publishes at once (the demo, and the command line's `--publish` for the office).
    static func importRows(_ rows: [DutyListRow], kind: DutyListKind, unit: OrgUnitRecord, sourceName: String, publish: Bool,
                           actor: AuditActor, now: Date, on db: any Database) async throws -> DutyListVersionRecord {
        try await db.transaction { tx in
            let list = try await list(unit: unit, kind: kind, now: now, on: tx)
            let listID = try list.requireID()
            let versions = try await DutyListVersionRecord.query(on: tx).filter(\.$list.$id == listID).all()
            let label = "\(unit.name)\(kind.title)"
            let target = AuditLog.Target(type: "duty_list", id: listID.uuidString, label: label)
            if let open = versions.first(where: { $0.listStatus.isOpen }) {
                guard open.listStatus.isEditable, !publish else {
                    throw Refusal(message: "\(label)第\(open.number)版正在审核中（\(open.listStatus.label)），不能导入。请等待审核完成，或由审核人退回后再导入。")
                }
                let openID = try open.requireID()
                let before = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == openID).count()
                try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == openID).delete()
                try await write(rows, into: openID, on: tx)
                open.sourceName = sourceName
                open.lockVersion += 1
                try await open.save(on: tx)
                try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: "list.import", target: target,
                                          summary: "导入“\(sourceName)”，替换第\(open.number)版\(open.listStatus.label)的全部事项（\(before)项 → \(rows.count)项）",
                                          at: now)
                return open
            }
            let number = (versions.map(\.number).max() ?? 0) + 1
            let version = DutyListVersionRecord(listID: listID, number: number, status: publish ? .published : .draft,
                                                sourceName: sourceName, by: actor.label, at: now)
            let previous = versions.first { $0.listStatus == .published }
            if publish {
                version.submittedAt = now
                version.publishedAt = now
                version.publishedByLabel = actor.label
                if let previous {
                    previous.status = DutyListStatus.superseded.rawValue
                    previous.supersededAt = now
                    try await previous.save(on: tx)
                }
            }
            try await version.create(on: tx)
            try await write(rows, into: version.requireID(), on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: publish ? "list.publish" : "list.import", target: target,
                                      summary: "导入“\(sourceName)”为第\(number)版" + (publish ? "并发布" : "草稿") + "，\(rows.count)项"
                                        + (publish ? (previous.map { "（第\($0.number)版转为历史版本）" } ?? "") : ""),
                                      at: now)
            return version
        }
    }

    /// Starts the next version as a draft holding the published version's rows.
    static func startRevision(_ loaded: Loaded, actor: AuditActor, now: Date, on db: any Database) async throws {
        if let open = loaded.open { throw Refusal(message: "第\(open.number)版（\(open.listStatus.label)）尚未完成，不能再新建版本。") }
        guard let published = loaded.published else { throw Refusal(message: "这份清单还没有发布的版本。") }
        let source = try await rows(of: published.requireID(), on: db)
        try await db.transaction { tx in
            let number = (loaded.versions.map(\.number).max() ?? 0) + 1
            let version = DutyListVersionRecord(listID: try loaded.list.requireID(), number: number, status: .draft,
                                                sourceName: "以第\(published.number)版为基础修订", by: actor.label, at: now)
            try await version.create(on: tx)
            try await write(source, into: version.requireID(), on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.list.$site.id, action: "list.revise", target: loaded.target,
                                      summary: "新建第\(number)版草稿（以第\(published.number)版为基础，\(source.count)项）", at: now)
        }
    }

    /// Throws the draft away (never a published or reviewed version): its rows go with it, the audit keeps the fact.
    static func discard(_ loaded: Loaded, version: DutyListVersionRecord, expected: Int, actor: AuditActor, now: Date, on db: any Database) async throws {
        guard version.listStatus.isEditable else { throw Refusal(message: "只有草稿或退回修改的版本可以放弃（当前：\(version.listStatus.label)）。") }
        try await db.transaction { tx in
            let versionID = try version.requireID()
            try await claim(versionID, expected: expected, on: tx)
            let count = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).count()
            try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).delete()
            try await DutyListVersionRecord.query(on: tx).filter(\.$id == versionID).delete()
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.list.$site.id, action: "list.discard", target: loaded.target,
                                      summary: "放弃第\(version.number)版\(version.listStatus.label)（\(count)项）", at: now)
        }
    }

    /// Adds a row at the end of the draft (`position` nil) or replaces the row at `position`, read at `expected`.
    static func saveRow(_ row: DutyListRow, position: Int?, in loaded: Loaded, version: DutyListVersionRecord, expected: Int,
                        actor: AuditActor, now: Date, on db: any Database) async throws {
        guard version.listStatus.isEditable else { throw Refusal(message: "第\(version.number)版已不是草稿（\(version.listStatus.label)），不能修改。", stale: true) }
        try await db.transaction { tx in
            let versionID = try version.requireID()
            try await claim(versionID, expected: expected, on: tx)
            let summary: String
            if let position {
                guard let record = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).filter(\.$position == position).first() else {
                    throw Refusal(message: "这一项已不在本版本中（可能已被删除）。", stale: true)
                }
                let before = record.row
                let replacement = DutyListRowRecord(versionID: versionID, position: position, row: row)
                replacement.id = record.id
                replacement.$id.exists = true
                try await replacement.save(on: tx)
                let changed = loaded.kind.fields.filter { before.text($0) != row.text($0) }.map { $0.title(in: loaded.kind) }
                summary = "第\(version.number)版修改第\(position)项“\(row.key)”" + (changed.isEmpty ? "（内容未变）" : "：" + changed.joined(separator: "、"))
            } else {
                let count = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).count()
                try await DutyListRowRecord(versionID: versionID, position: count + 1, row: row).create(on: tx)
                summary = "第\(version.number)版添加第\(count + 1)项“\(row.key)”"
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.list.$site.id, action: "list.row.save", target: loaded.target,
                                      summary: summary, at: now)
        }
    }

    /// Removes the row at `position` from the draft; the rows after it move up one.
    static func removeRow(at position: Int, in loaded: Loaded, version: DutyListVersionRecord, expected: Int,
                          actor: AuditActor, now: Date, on db: any Database) async throws {
        guard version.listStatus.isEditable else { throw Refusal(message: "第\(version.number)版已不是草稿（\(version.listStatus.label)），不能修改。", stale: true) }
        try await db.transaction { tx in
            let versionID = try version.requireID()
            try await claim(versionID, expected: expected, on: tx)
            let rows = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).sort(\.$position).all()
            guard let record = rows.first(where: { $0.position == position }) else {
                throw Refusal(message: "这一项已不在本版本中（可能已被删除）。", stale: true)
            }
            try await record.delete(on: tx)
            for later in rows where later.position > position {
                later.position -= 1
                try await later.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.list.$site.id, action: "list.row.remove", target: loaded.target,
                                      summary: "第\(version.number)版删除第\(position)项“\(record.row.key)”", at: now)
        }
    }

    /// One review step, read at `expected`.
    static func apply(_ step: DutyListWorkflow.Step, in loaded: Loaded, version: DutyListVersionRecord, expected: Int,
                      actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            guard version.lockVersion == expected else { throw Refusal(message: staleMessage, stale: true) }
            let versionID = try version.requireID()
            let count = try await DutyListRowRecord.query(on: tx).filter(\.$version.$id == versionID).count()
            let next: DutyListStatus
            do {
                next = try DutyListWorkflow.apply(step, to: version.listStatus, rowCount: count)
            } catch {
                throw Refusal(message: (error as? DutyListWorkflow.Refusal)?.message ?? "\(error)")
            }
            try await claim(versionID, expected: expected, on: tx)
            let fresh = try await DutyListVersionRecord.find(versionID, on: tx)!
            fresh.status = next.rawValue
            let action: String
            let summary: String
            switch step {
            case .submit:
                fresh.submittedAt = now
                fresh.returnComment = nil
                action = "list.submit"
                summary = "第\(version.number)版提交审核（\(count)项）"
            case .approveUnit:
                fresh.unitApprovedByLabel = actor.label
                action = "list.approve"
                summary = "第\(version.number)版本单位审核通过，待公开办审核"
            case .returnForChanges(let comment):
                fresh.returnComment = comment
                fresh.unitApprovedByLabel = nil
                action = "list.return"
                summary = "第\(version.number)版退回修改：\(comment)"
            case .publish:
                if let previous = loaded.published, previous.id != versionID {
                    previous.status = DutyListStatus.superseded.rawValue
                    previous.supersededAt = now
                    try await previous.save(on: tx)
                }
                fresh.publishedAt = now
                fresh.publishedByLabel = actor.label
                action = "list.publish"
                summary = "公开办审核通过，发布第\(version.number)版（\(count)项）" + (loaded.published.map { "，第\($0.number)版转为历史版本" } ?? "")
            }
            try await fresh.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.list.$site.id, action: action, target: loaded.target,
                                      summary: summary, at: now)
        }
    }
}
