import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The changes a 办事指南 goes through: written as a draft (saved as often as needed), submitted, published by the
/// unit's reviewer or returned with a reason; a published version is revised as a new draft and superseded only
/// when the next one is published. One transaction and audit event each; edits and steps name the
/// `lock_version` they were read at. No permission is checked here: `ServiceGuideActions` does.
enum ServiceGuideEditing {
    struct Refusal: Error, CustomStringConvertible {
        let message: String
        var stale = false
        var description: String { message }
    }

    static let staleMessage = "这份办事指南在您打开后已被他人修改或已进入下一步，没有保存。请刷新页面，查看最新内容后再操作。"

    struct Loaded {
        let guide: ServiceGuideRecord
        let unit: OrgUnitRecord
        let versions: [ServiceGuideVersionRecord]

        var published: ServiceGuideVersionRecord? { versions.first { $0.guideStatus == .published } }
        var open: ServiceGuideVersionRecord? { versions.first { $0.guideStatus.isOpen } }
        var label: String { "\(unit.name)：\((open ?? published ?? versions.first)?.name ?? "办事指南")" }
        var target: AuditLog.Target { .init(type: "service_guide", id: guide.id!.uuidString, label: label) }
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Loaded? {
        guard let guide = try await ServiceGuideRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() else { return nil }
        let versions = try await ServiceGuideVersionRecord.query(on: db).filter(\.$guide.$id == id).sort(\.$number, .descending).all()
        return Loaded(guide: guide, unit: guide.unit, versions: versions)
    }

    private static func claim(_ versionID: UUID, expected: Int, on tx: any Database) async throws {
        do {
            try await OptimisticLock.bump(table: ServiceGuideVersionRecord.schema, id: versionID, expected: expected, column: "lock_version", on: tx)
        } catch is OptimisticLock.Conflict {
            throw Refusal(message: staleMessage, stale: true)
        }
    }

    /// A new guide of `unit` with its first draft.
    static func create(_ guide: ServiceGuide, unit: OrgUnitRecord, actor: AuditActor, now: Date, on db: any Database) async throws -> UUID {
        try await db.transaction { tx in
            let record = ServiceGuideRecord(siteID: unit.$site.id, unitID: try unit.requireID(), at: now)
            try await record.create(on: tx)
            let id = try record.requireID()
            try await ServiceGuideVersionRecord(guideID: id, number: 1, guide: guide, by: actor.label, at: now).create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: "service.create",
                                      target: .init(type: "service_guide", id: id.uuidString, label: "\(unit.name)：\(guide.name)"),
                                      summary: "新建办事指南“\(guide.name)”（第1版草稿）", at: now)
            return id
        }
    }

    /// Saves the guide into the open draft, or — when only a published version exists — starts the next version.
    static func save(_ guide: ServiceGuide, in loaded: Loaded, expected: Int, actor: AuditActor, now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            if let open = loaded.open {
                guard open.guideStatus.isEditable else {
                    throw Refusal(message: "第\(open.number)版正在审核中（\(open.guideStatus.label)），不能修改。")
                }
                let openID = try open.requireID()
                try await claim(openID, expected: expected, on: tx)
                let fresh = try await ServiceGuideVersionRecord.find(openID, on: tx)!
                try fresh.set(guide)
                try await fresh.save(on: tx)
                try await AuditLog.record(on: tx, actor: actor, siteID: loaded.guide.$site.id, action: "service.save", target: loaded.target,
                                          summary: "保存第\(open.number)版草稿", at: now)
            } else {
                guard let published = loaded.published, published.lockVersion == expected else { throw Refusal(message: staleMessage, stale: true) }
                let number = (loaded.versions.map(\.number).max() ?? 0) + 1
                try await ServiceGuideVersionRecord(guideID: try loaded.guide.requireID(), number: number, guide: guide, by: actor.label, at: now)
                    .create(on: tx)
                try await AuditLog.record(on: tx, actor: actor, siteID: loaded.guide.$site.id, action: "service.save", target: loaded.target,
                                          summary: "修订为第\(number)版草稿（第\(published.number)版在发布新版本前继续有效）", at: now)
            }
        }
    }

    enum Step: String, Sendable { case submit, publish, returnForChanges = "return" }

    static func apply(_ step: Step, comment: String, in loaded: Loaded, expected: Int, actor: AuditActor, now: Date, on db: any Database) async throws {
        guard let open = loaded.open else { throw Refusal(message: "这份办事指南没有待处理的版本。") }
        let from = open.guideStatus
        let next: DutyListStatus
        switch step {
        case .submit:
            guard from.isEditable else { throw Refusal(message: "只有草稿或退回修改的版本可以提交审核（当前：\(from.label)）。") }
            let problems = open.serviceGuide.validate()
            guard problems.isEmpty else { throw Refusal(message: "办事指南还有\(problems.problems.count)处需要补充或修改，请先打开“修改”保存完整后再提交：" + problems.problems[0].message) }
            next = .submitted
        case .publish:
            guard from == .submitted else { throw Refusal(message: "只有待审核的版本可以发布（当前：\(from.label)）。") }
            next = .published
        case .returnForChanges:
            guard from == .submitted else { throw Refusal(message: "只有待审核的版本可以退回（当前：\(from.label)）。") }
            guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Refusal(message: "退回时请写明需要修改的地方。") }
            next = .returned
        }
        try await db.transaction { tx in
            let openID = try open.requireID()
            try await claim(openID, expected: expected, on: tx)
            let fresh = try await ServiceGuideVersionRecord.find(openID, on: tx)!
            fresh.status = next.rawValue
            var summary = ""
            switch step {
            case .submit:
                fresh.returnComment = nil
                summary = "第\(open.number)版提交审核"
            case .returnForChanges:
                fresh.returnComment = comment
                summary = "第\(open.number)版退回修改：\(comment)"
            case .publish:
                if let previous = loaded.published, previous.id != openID {
                    previous.status = DutyListStatus.superseded.rawValue
                    try await previous.save(on: tx)
                }
                fresh.publishedAt = now
                fresh.publishedByLabel = actor.label
                summary = "发布第\(open.number)版" + (loaded.published.map { "，第\($0.number)版转为历史版本" } ?? "")
            }
            try await fresh.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: loaded.guide.$site.id, action: "service.\(step.rawValue)", target: loaded.target,
                                      summary: summary, at: now)
        }
    }
}
