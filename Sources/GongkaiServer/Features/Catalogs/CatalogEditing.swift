import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The changes a catalog goes through: a draft version is started (empty, from the published version, or from a
/// county catalog for a township), its entries edited, then submitted, reviewed and published. Each change is
/// one transaction with its audit event; edits name the `lock_version` they started from and are refused when
/// someone else changed the version in between.
package enum CatalogEditing {
    /// A refused change, with the reason in Chinese. `stale` marks a version check failure.
    struct Refusal: Error, CustomStringConvertible {
        let message: String
        var stale = false
        var description: String { message }
    }

    static let staleMessage = "这份目录在您打开后已被他人修改或已进入下一步，您的修改没有保存。请刷新页面，查看最新内容后再修改。"

    /// A catalog with what the pages need about it.
    struct Loaded {
        let catalog: CatalogRecord
        let unit: OrgUnitRecord
        let domain: CatalogDomain
        let versions: [CatalogVersionRecord]

        var published: CatalogVersionRecord? { versions.first { $0.catalogStatus == .published } }
        /// The version being worked on (draft, submitted, returned or approved), if any.
        var open: CatalogVersionRecord? { versions.first { ![.published, .superseded].contains($0.catalogStatus) } }
        var label: String { "\(unit.name) \(domain.title) \(catalog.catalogLevel.label)目录" }
        var target: AuditLog.Target { .init(type: "catalog", id: catalog.id!.uuidString, label: label) }
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Loaded? {
        guard let catalog = try await CatalogRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() else { return nil }
        let domains = try await CatalogStore.domains(siteID: catalog.$site.id, on: db)
        let domain = domains.first { $0.code == catalog.domainCode }
            ?? CatalogDomain(code: catalog.domainCode, name: catalog.domainCode, isPilot: false)
        let versions = try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id == id).sort(\.$number, .descending).all()
        return Loaded(catalog: catalog, unit: catalog.unit, domain: domain, versions: versions)
    }

    static func entries(of versionID: UUID, on db: any Database) async throws -> [CatalogEntryRecord] {
        try await CatalogEntryRecord.query(on: db).filter(\.$version.$id == versionID).sort(\.$position).all()
    }

    // MARK: - Starting versions

    /// Creates the catalog of a unit for a domain and level with a first draft: empty, or — for a township —
    /// the entries of a published county catalog, each linked to the entry it came from.
    static func create(unit: OrgUnitRecord, domain: CatalogDomain, level: CatalogLevel, copyFrom sourceID: UUID?,
                       actor: AuditActor, now: Date, on db: any Database) async throws -> UUID {
        let unitID = try unit.requireID()
        if try await CatalogRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$domainCode == domain.code)
            .filter(\.$level == level.rawValue).first() != nil {
            throw Refusal(message: "\(unit.name)已有\(domain.title)\(level.label)目录，请在目录列表中打开它。")
        }
        var sourceEntries: [CatalogEntryRecord] = []
        var sourceLabel = ""
        if let sourceID {
            guard let source = try await load(sourceID, on: db), source.catalog.$site.id == unit.$site.id else {
                throw Refusal(message: "找不到作为基础的目录。")
            }
            guard let published = source.published else { throw Refusal(message: "\(source.label)还没有发布，不能作为基础。") }
            sourceEntries = try await entries(of: published.id!, on: db)
            sourceLabel = "，以\(source.label)第\(published.number)版为基础（\(sourceEntries.count)个事项）"
        }
        let copies = sourceEntries
        let note = sourceLabel
        return try await db.transaction { tx in
            let catalog = CatalogRecord(siteID: unit.$site.id, unitID: unitID, domainCode: domain.code, level: level, at: now)
            try await catalog.create(on: tx)
            let version = try await newVersion(catalogID: catalog.requireID(), number: 1, basedOn: nil, actor: actor, now: now, on: tx)
            for (i, source) in copies.enumerated() {
                var entry = source.entry
                // A township's copy discloses at its own level unless the county entry already named it.
                if level != .county, !entry.levels.contains(level) { entry.levels.insert(level) }
                try await CatalogEntryRecord(versionID: version.requireID(), position: i + 1, entry: entry, copiedFrom: source.id).create(on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, siteID: unit.$site.id, action: "catalog.create",
                target: .init(type: "catalog", id: catalog.id!.uuidString, label: "\(unit.name) \(domain.title) \(level.label)目录"),
                summary: "新建目录，第1版草稿" + note, at: now)
            return try catalog.requireID()
        }
    }

    /// Starts the next version as a draft holding the published version's entries.
    static func startRevision(_ loaded: Loaded, actor: AuditActor, now: Date, on db: any Database) async throws {
        if let open = loaded.open { throw Refusal(message: "第\(open.number)版（\(open.catalogStatus.label)）尚未完成，不能再新建版本。") }
        let published = loaded.published
        let source = published == nil ? [] : try await entries(of: published!.requireID(), on: db)
        try await db.transaction { tx in
            let number = (loaded.versions.map(\.number).max() ?? 0) + 1
            let version = try await newVersion(catalogID: loaded.catalog.requireID(), number: number, basedOn: published?.id,
                                               actor: actor, now: now, on: tx)
            for record in source {
                try await CatalogEntryRecord(versionID: version.requireID(), position: record.position, entry: record.entry,
                                             copiedFrom: record.copiedFromID).create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.revise",
                                      target: loaded.target, summary: "新建第\(number)版草稿" + (published.map { "（以第\($0.number)版为基础）" } ?? ""), at: now)
        }
    }

    /// An imported file becomes the next version: a draft, or — `publish` — published at once by the admin.
    package static func importVersion(_ entries: [CatalogEntry], unit: OrgUnitRecord, domain: CatalogDomain, level: CatalogLevel,
                              fileName: String, layout: CatalogLayout? = nil, publish: Bool, actor: AuditActor, now: Date,
                              on db: any Database, progress: (@Sendable (Int) -> Void)? = nil) async throws -> CatalogVersionRecord {
        /// Every hundredth entry written, for a command's progress line.
        @Sendable func written(_ index: Int) { if (index + 1) % 100 == 0 || index + 1 == entries.count { progress?(index + 1) } }
        let existing = try await CatalogRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$domainCode == domain.code).filter(\.$level == level.rawValue).first()
        if let existing, let loaded = try await load(existing.requireID(), on: db), let open = loaded.open {
            // An empty draft (a catalog just created) is filled by the import; anything with content is kept.
            let count = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id == open.requireID()).count()
            guard count == 0, open.catalogStatus.isEditable else {
                throw Refusal(message: "\(loaded.label)已有未完成的第\(open.number)版（\(open.catalogStatus.label)，\(count)个事项）。请先在工作平台发布或放弃它，再导入。")
            }
            return try await db.transaction { tx in
                try await claim(open, expected: open.lockVersion, on: tx)
                try await keep(layout, of: existing, on: tx)
                for (i, entry) in entries.enumerated() {
                    try await CatalogEntryRecord(versionID: open.requireID(), position: i + 1, entry: entry).create(on: tx)
                    written(i)
                }
                let fresh = try await CatalogVersionRecord.find(open.requireID(), on: tx)!
                if publish {
                    // Published at once by the admin (`--publish`): the previous published version becomes history.
                    if let previous = loaded.published {
                        previous.status = CatalogStatus.superseded.rawValue
                        previous.supersededAt = now
                        try await previous.save(on: tx)
                    }
                    fresh.status = CatalogStatus.published.rawValue
                    fresh.submittedAt = now
                    fresh.publishedAt = now
                    fresh.publishedByLabel = actor.label
                    try await fresh.save(on: tx)
                }
                try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: publish ? "catalog.publish" : "catalog.import",
                                          target: loaded.target,
                                          summary: "从“\(fileName)”导入\(entries.count)个事项，填入第\(open.number)版草稿" + (publish ? "并发布" : ""), at: now)
                return fresh
            }
        }
        if publish {
            return try await CatalogStore.publish(entries, unit: unit, domain: domain, level: level, layout: layout, actor: actor, now: now, on: db,
                                                  summaryPrefix: "从“\(fileName)”导入并", progress: progress)
        }
        return try await db.transaction { tx in
            let catalog = try await CatalogStore.catalog(unit: unit, domain: domain, level: level, now: now, on: tx)
            try await keep(layout, of: catalog, on: tx)
            let versions = try await CatalogVersionRecord.query(on: tx).filter(\.$catalog.$id == catalog.requireID()).all()
            let published = versions.first { $0.catalogStatus == .published }
            let version = try await newVersion(catalogID: catalog.requireID(), number: (versions.map(\.number).max() ?? 0) + 1,
                                               basedOn: published?.id, actor: actor, now: now, on: tx)
            for (i, entry) in entries.enumerated() {
                try await CatalogEntryRecord(versionID: version.requireID(), position: i + 1, entry: entry).create(on: tx)
                written(i)
            }
            try await AuditLog.record(
                on: tx, actor: actor, siteID: unit.$site.id, action: "catalog.import",
                target: .init(type: "catalog", id: catalog.id!.uuidString, label: "\(unit.name) \(domain.title) \(level.label)目录"),
                summary: "从“\(fileName)”导入\(entries.count)个事项，作为第\(version.number)版草稿", at: now)
            return version
        }
    }

    /// The catalog a version belongs to (for the benchmarks, outside this module).
    package static func catalogID(of version: CatalogVersionRecord, on db: any Database) async throws -> UUID {
        version.$catalog.id
    }

    /// Remembers the template a file came in, so the catalog's export uses it (a catalog made here has none).
    static func keep(_ layout: CatalogLayout?, of catalog: CatalogRecord, on db: any Database) async throws {
        guard let layout, catalog.layout != layout.rawValue else { return }
        catalog.layout = layout.rawValue
        try await catalog.save(on: db)
    }

    private static func newVersion(catalogID: UUID, number: Int, basedOn: UUID?, actor: AuditActor, now: Date,
                                   on db: any Database) async throws -> CatalogVersionRecord {
        let version = CatalogVersionRecord()
        version.$catalog.id = catalogID
        version.number = number
        version.status = CatalogStatus.draft.rawValue
        version.basedOnID = basedOn
        version.lockVersion = 1
        version.createdAt = now
        version.createdByLabel = actor.label
        try await version.create(on: db)
        return version
    }

    // MARK: - Entries

    /// Checks the version can be edited and that nobody changed it since `expected`, then bumps its lock.
    private static func claim(_ version: CatalogVersionRecord, expected: Int, on db: any Database) async throws {
        guard version.catalogStatus.isEditable else {
            throw Refusal(message: "第\(version.number)版当前为“\(version.catalogStatus.label)”，不能修改。", stale: true)
        }
        do {
            try await OptimisticLock.bump(table: CatalogVersionRecord.schema, id: version.requireID(), expected: expected,
                                          column: "lock_version", on: db)
        } catch is OptimisticLock.Conflict {
            throw Refusal(message: staleMessage, stale: true)
        }
    }

    /// Adds an entry (`entryID == nil`, at the end) or replaces one.
    static func saveEntry(_ entry: CatalogEntry, entryID: UUID?, in loaded: Loaded, version: CatalogVersionRecord, expected: Int,
                          actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            try await claim(version, expected: expected, on: tx)
            let versionID = try version.requireID()
            var normalised = entry
            normalised.channels = entry.channels.normalisedAsChecklist
            let summary: String
            if let entryID {
                guard let record = try await CatalogEntryRecord.find(entryID, on: tx), record.$version.id == versionID else {
                    throw Refusal(message: "这个事项已不在本版本中（可能已被删除）。", stale: true)
                }
                let before = record.entry
                record.apply(normalised)
                try await record.save(on: tx)
                let changed = (before.key == normalised.key ? [] : ["事项名称"]) + (before.number == normalised.number ? [] : ["序号"])
                    + CatalogDiff.fieldChanges(before, normalised).map(\.label)
                summary = "第\(version.number)版修改事项“\(normalised.key)”" + (changed.isEmpty ? "（内容未变）" : "：" + changed.joined(separator: "、"))
            } else {
                let count = try await CatalogEntryRecord.query(on: tx).filter(\.$version.$id == versionID).count()
                if normalised.number.isEmpty { normalised.number = String(count + 1) }
                try await CatalogEntryRecord(versionID: versionID, position: count + 1, entry: normalised).create(on: tx)
                summary = "第\(version.number)版添加事项“\(normalised.key)”"
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.entry.save",
                                      target: loaded.target, summary: summary, at: now)
        }
    }

    static func removeEntry(_ entryID: UUID, in loaded: Loaded, version: CatalogVersionRecord, expected: Int,
                            actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            try await claim(version, expected: expected, on: tx)
            let all = try await entries(of: version.requireID(), on: tx)
            guard let record = all.first(where: { $0.id == entryID }) else {
                throw Refusal(message: "这个事项已不在本版本中（可能已被删除）。", stale: true)
            }
            // Entries copied from this one by other catalogs keep their text; only the link goes.
            let sql = tx as! any SQLDatabase
            try await sql.raw("UPDATE catalog_entries SET copied_from_id = NULL WHERE copied_from_id = \(bind: entryID)").run()
            try await record.delete(on: tx)
            for (i, other) in all.filter({ $0.id != entryID }).enumerated() where other.position != i + 1 {
                other.position = i + 1
                try await other.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.entry.remove",
                                      target: loaded.target, summary: "第\(version.number)版删除事项“\(record.entry.key)”", at: now)
        }
    }

    /// Moves an entry one place up (`by: -1`) or down (`by: 1`).
    static func moveEntry(_ entryID: UUID, by offset: Int, in loaded: Loaded, version: CatalogVersionRecord, expected: Int,
                          actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            try await claim(version, expected: expected, on: tx)
            var all = try await entries(of: version.requireID(), on: tx)
            guard let index = all.firstIndex(where: { $0.id == entryID }) else {
                throw Refusal(message: "这个事项已不在本版本中（可能已被删除）。", stale: true)
            }
            let target = index + offset
            guard all.indices.contains(target) else { return }
            all.swapAt(index, target)
            for (i, record) in all.enumerated() where record.position != i + 1 {
                record.position = i + 1
                try await record.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.entry.move",
                                      target: loaded.target,
                                      summary: "第\(version.number)版将事项“\(all[target].entry.key)”\(offset < 0 ? "上移" : "下移")到第\(target + 1)位", at: now)
        }
    }

    // MARK: - Review and publishing

    /// The reviews of the version's current submission (a return ends a submission).
    static func currentApprovals(_ version: CatalogVersionRecord, on db: any Database) async throws -> [CatalogReviewer] {
        guard let submitted = version.submittedAt else { return [] }
        let reviews = try await CatalogReviewRecord.query(on: db).filter(\.$version.$id == version.requireID())
            .filter(\.$at >= submitted).filter(\.$decision == "approve").all()
        return reviews.compactMap { CatalogReviewer(rawValue: $0.reviewer) }
    }

    /// Applies a workflow step; approvals and returns are recorded as reviews with the reviewer's comment.
    static func apply(_ step: CatalogWorkflow.Step, in loaded: Loaded, version: CatalogVersionRecord, expected: Int,
                      actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            guard version.lockVersion == expected else { throw Refusal(message: staleMessage, stale: true) }
            let versionID = try version.requireID()
            let count = try await CatalogEntryRecord.query(on: tx).filter(\.$version.$id == versionID).count()
            let approvals = try await currentApprovals(version, on: tx)
            let next: CatalogStatus
            do {
                next = try CatalogWorkflow.apply(step, to: version.catalogStatus, level: loaded.catalog.catalogLevel,
                                                 approvals: approvals, entryCount: count)
            } catch {
                throw Refusal(message: (error as? CatalogWorkflow.Refusal)?.message ?? "\(error)")
            }
            do {
                try await OptimisticLock.bump(table: CatalogVersionRecord.schema, id: versionID, expected: expected, column: "lock_version", on: tx)
            } catch is OptimisticLock.Conflict {
                throw Refusal(message: staleMessage, stale: true)
            }
            let fresh = try await CatalogVersionRecord.find(versionID, on: tx)!
            fresh.status = next.rawValue
            var summary: String
            switch step {
            case .submit:
                fresh.submittedAt = now
                summary = "第\(version.number)版提交审核（\(count)个事项）"
            case .approve(let reviewer):
                try await review(versionID, reviewer, "approve", "", actor, now, tx)
                summary = "第\(version.number)版\(reviewer.label)通过" + (next == .approved ? "，待发布" : "，待领域指导单位审核")
            case .returnForChanges(let reviewer, let comment):
                try await review(versionID, reviewer, "return", comment, actor, now, tx)
                summary = "第\(version.number)版被\(reviewer.label)退回修改：\(comment)"
            case .publish:
                if let previous = loaded.published, previous.id != versionID {
                    previous.status = CatalogStatus.superseded.rawValue
                    previous.supersededAt = now
                    try await previous.save(on: tx)
                }
                fresh.publishedAt = now
                fresh.publishedByLabel = actor.label
                summary = "发布第\(version.number)版，\(count)个事项" + (loaded.published.map { "（第\($0.number)版转为历史版本）" } ?? "")
            }
            try await fresh.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.\(auditName(step))",
                                      target: loaded.target, summary: summary, at: now)
        }
    }

    private static func auditName(_ step: CatalogWorkflow.Step) -> String {
        switch step {
        case .submit: "submit"
        case .approve: "approve"
        case .returnForChanges: "return"
        case .publish: "publish"
        }
    }

    private static func review(_ versionID: UUID, _ reviewer: CatalogReviewer, _ decision: String, _ comment: String,
                               _ actor: AuditActor, _ now: Date, _ db: any Database) async throws {
        let record = CatalogReviewRecord()
        record.$version.id = versionID
        record.reviewer = reviewer.rawValue
        record.decision = decision
        record.comment = comment
        record.userID = actor.userID
        record.userLabel = actor.label
        record.at = now
        try await record.create(on: db)
    }

    /// Throws away an unpublished draft or returned version after the user confirmed it; the audit event keeps
    /// how many entries it had. Published versions are never deleted.
    static func discard(in loaded: Loaded, version: CatalogVersionRecord, expected: Int, actor: AuditActor, now: Date,
                        on db: any Database) async throws {
        try await db.transaction { tx in
            try await claim(version, expected: expected, on: tx)
            let versionID = try version.requireID()
            let records = try await entries(of: versionID, on: tx)
            let sql = tx as! any SQLDatabase
            try await sql.raw("UPDATE catalog_entries SET copied_from_id = NULL WHERE copied_from_id IN (SELECT id FROM catalog_entries WHERE version_id = \(bind: versionID))").run()
            try await CatalogReviewRecord.query(on: tx).filter(\.$version.$id == versionID).delete()
            try await CatalogEntryRecord.query(on: tx).filter(\.$version.$id == versionID).delete()
            try await CatalogVersionRecord.query(on: tx).filter(\.$id == versionID).delete()
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.catalog.$site.id, action: "catalog.discard",
                                      target: loaded.target, summary: "放弃第\(version.number)版草稿（\(records.count)个事项）", at: now)
        }
    }
}

