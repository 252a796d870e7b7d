import Fluent
import Foundation
import GongkaiCore

/// The 政府信息公开指南's own text, kept by the office (条例第十二条): every save is a new numbered version with its
/// note; a save over a version the editor did not start from is refused and changes nothing.
enum GuideActions {
    static func versions(by acting: Acting, on db: any Database) async throws -> [GuideTextRecord] {
        try acting.authorize(.manageSite, acting.site)
        return try await GuideTextRecord.versions(siteID: acting.siteID, on: db)
    }

    /// - basedOn: the version number the editor started from (0 before the first save).
    static func save(body: String, note: String, basedOn: Int, by acting: Acting, at now: Date, on db: any Database) async throws {
        let versions = try await versions(by: acting, on: db)
        let current = versions.first?.number ?? 0
        var errors = ValidationErrors()
        let text = RichText.sanitize(body)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add("body", "请填写指南正文。") }
        if text.html.count > 200_000 { errors.add("body", "指南正文最多20万字符（现有\(text.html.count)）。") }
        if note.isEmpty { errors.add("note", "请简要说明这次修改了什么，如“更新依申请公开受理地址”。") }
        if note.count > 200 { errors.add("note", "修改说明最多200字（现有\(note.count)字）。") }
        if basedOn != current {
            errors.add("body", "指南已被他人修改为第\(current)版（您是在第\(basedOn)版上修改的）。您的文字仍在下面，请对照最新版本后再保存。")
            throw ActionError.conflictWithFields(errors)
        }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        let record = GuideTextRecord()
        record.siteID = acting.siteID
        record.number = current + 1
        record.bodyHTML = text.html
        record.note = note
        record.createdAt = now
        record.createdByLabel = acting.audit.label
        try await db.transaction { tx in
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "guide.update",
                                      target: .init(type: "guide", id: record.id?.uuidString, label: "政府信息公开指南"),
                                      summary: "第\(record.number)版：\(note)", at: now)
        }
    }
}
