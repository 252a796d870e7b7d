import Fluent
import Foundation
import GongkaiCore

/// The writes behind `PlanActions` (call those: they check who may): a unit's report on its line, the guiding
/// unit's acceptance or return. Each is one transaction: the line's current row (guarded by its lock version),
/// a history entry, evidence, the audit event and, for a decision, a notification to the unit.
enum PlanProgress {
    static let stale = ActionError.conflict(staleMessage, code: "stale", field: "lockVersion")

    static let staleMessage = "这项进度在您打开页面后已被他人更新，您的报告没有保存。请刷新页面查看最新进度后再报告。"

    struct Evidence: Sendable {
        enum Kind: String, Sendable { case link, file }
        let kind: Kind
        let title: String
        let href: String?
        let file: StoredFiles.Accepted?
    }

    /// Who may act on a line, for the permission rules.
    static func target(_ line: PlanSnapshot.Line, siteID: UUID) -> AccessTarget<UUID> {
        AccessTarget(siteID: siteID, unitID: line.unitID, guidedBy: line.guides)
    }

    static func describe(_ line: PlanSnapshot.Line, in snapshot: PlanSnapshot) -> String {
        let item = snapshot.items.first { $0.id == line.itemID }
        return "\(snapshot.unitName(line.unitID)) \(item?.label ?? "")\(PlanText.shortened(item?.text ?? "", to: 24))" + (line.groupName.map { "（\($0)）" } ?? "")
    }

    static func report(_ report: ProgressReport, line: PlanSnapshot.Line, expected: Int, evidence: [Evidence],
                       snapshot: PlanSnapshot, actor: AuditActor, via: String, now: Date, on db: any Database) async throws
        -> Result<Void, ValidationErrors> {
        let next: ProgressState
        switch ScheduleRules.apply(report, to: line.state, on: snapshot.today) {
        case .failure(let errors): return .failure(errors)
        case .success(let state): next = state
        }
        try await db.transaction { tx in
            let row = try await claim(line, planID: snapshot.planID, expected: expected, now: now, on: tx)
            row.state = next
            row.note = report.note.trimmingCharacters(in: .whitespacesAndNewlines)
            row.reviewComment = ""
            row.updatedAt = now
            try await row.update(on: tx)
            let entry = try await history(row, kind: "report", note: row.note, actor: actor, via: via, now: now, on: tx)
            for piece in evidence {
                let record = PlanEvidenceRecord()
                record.$report.id = try entry.requireID()
                record.kind = piece.kind.rawValue
                record.title = piece.title
                record.href = piece.href
                record.fileSHA256 = piece.file?.sha256
                record.contentType = piece.file?.contentType
                record.size = piece.file?.size
                try await record.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, siteID: snapshot.siteID, action: "plan.report",
                                      target: .init(type: "plan", id: snapshot.planID.uuidString, label: snapshot.title),
                                      before: fields(line.state), after: fields(next),
                                      summary: "\(describe(line, in: snapshot))：\(next.reported.label) \(next.percent)%"
                                          + (evidence.isEmpty ? "" : "，佐证材料\(evidence.count)份"), at: now)
        }
        return .success(())
    }

    static func review(accept: Bool, comment: String, line: PlanSnapshot.Line, expected: Int, snapshot: PlanSnapshot,
                       actor: AuditActor, via: String, now: Date, on db: any Database) async throws -> Result<Void, ValidationErrors> {
        let next: ProgressState
        switch ScheduleRules.review(accept: accept, comment: comment, state: line.state) {
        case .failure(let errors): return .failure(errors)
        case .success(let state): next = state
        }
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        try await db.transaction { tx in
            let row = try await claim(line, planID: snapshot.planID, expected: expected, now: now, on: tx)
            row.state = next
            row.reviewComment = comment
            row.updatedAt = now
            try await row.update(on: tx)
            _ = try await history(row, kind: accept ? "accept" : "return", note: comment, actor: actor, via: via, now: now, on: tx)
            let what = describe(line, in: snapshot)
            try await AuditLog.record(on: tx, actor: actor, siteID: snapshot.siteID, action: accept ? "plan.accept" : "plan.return",
                                      target: .init(type: "plan", id: snapshot.planID.uuidString, label: snapshot.title),
                                      summary: "\(what)：\(accept ? "验收通过" : "退回")" + (comment.isEmpty ? "" : "，意见：\(comment)"), at: now)
            try await Notifications.send(
                toUnit: line.unitID, title: accept ? "工作任务已验收" : "工作任务被退回",
                body: "\(what)\(accept ? "已由指导单位验收。" : "被指导单位退回：\(comment)")",
                href: SiteURL.adminPlanItem(snapshot.planID, number: snapshot.items.first { $0.id == line.itemID }?.number ?? 0).path,
                now: now, on: tx)
        }
        return .success(())
    }

    private static func fields(_ state: ProgressState) -> [(String, String)] {
        [("状态", state.reported.label), ("完成比例", "\(state.percent)%"), ("验收", state.acceptance.label)]
    }

    /// The line's current row, created on the first report; the lock version must be the one the form showed.
    private static func claim(_ line: PlanSnapshot.Line, planID: UUID, expected: Int, now: Date, on tx: any Database) async throws
        -> PlanProgressRecord {
        if let id = line.progressID {
            do {
                try await OptimisticLock.bump(table: PlanProgressRecord.schema, id: id, expected: expected, column: "lock_version", on: tx)
            } catch is OptimisticLock.Conflict {
                throw stale
            }
            guard let row = try await PlanProgressRecord.find(id, on: tx) else { throw stale }
            return row
        }
        guard expected == 0 else { throw stale }
        let row = PlanProgressRecord()
        row.planID = planID
        row.$item.id = line.itemID
        row.groupID = line.groupID
        row.$unit.id = line.unitID
        row.lineKey = line.key
        row.state = .initial
        row.note = ""
        row.reviewComment = ""
        row.lockVersion = 1
        row.updatedAt = now
        do { try await row.create(on: tx) } catch {
            // Someone else made the first report at the same moment (the line key is unique).
            throw stale
        }
        return row
    }

    private static func history(_ row: PlanProgressRecord, kind: String, note: String, actor: AuditActor, via: String, now: Date,
                                on tx: any Database) async throws -> PlanReportRecord {
        let entry = PlanReportRecord()
        entry.$progress.id = try row.requireID()
        entry.kind = kind
        entry.status = row.status
        entry.percent = row.percent
        entry.note = note
        entry.userID = actor.userID
        entry.userLabel = actor.label
        entry.via = via
        entry.at = now
        try await entry.create(on: tx)
        return entry
    }
}

/// In-app notifications (the bell in the back office).
enum Notifications {
    /// To every active editor and reviewer of a unit; gives how many were sent.
    @discardableResult
    static func send(toUnit unitID: UUID, title: String, body: String, href: String, now: Date, on db: any Database) async throws -> Int {
        let users = try await UserRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$deactivatedAt == nil).all()
            .filter { !$0.roleSet.isDisjoint(with: [.editor, .reviewer]) }
        for user in users {
            try await send(toUser: user.requireID(), title: title, body: body, href: href, now: now, on: db)
        }
        return users.count
    }

    static func send(toUser userID: UUID, title: String, body: String, href: String, now: Date, on db: any Database) async throws {
        let record = NotificationRecord()
        record.userID = userID
        record.title = title
        record.body = body
        record.href = href
        record.createdAt = now
        try await record.create(on: db)
    }

    static func unreadCount(_ userID: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil).count()
    }
}
