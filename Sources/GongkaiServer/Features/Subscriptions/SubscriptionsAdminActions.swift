import Fluent
import Foundation
import GongkaiCore

/// The office's writes on subscriptions and their delivery: which internal hosts webhooks may reach, and
/// putting a given-up message back in the queue.
enum SubscriptionsAdminActions {
    /// The page's own check: the outbox and subscribers are the office's to see.
    static func requireOffice(_ acting: Acting) throws {
        try acting.authorize(.manageSite, acting.site)
    }

    /// Saves the site's allowed internal webhook hosts, one per line (audited, with the old and new lists).
    static func saveAllowedHosts(_ text: String, by acting: Acting, at now: Date, on db: any Database) async throws {
        try requireOffice(acting)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let value = lines.joined(separator: "\n")
        let problems = WebhookTarget.Allowance.problems(value) + (lines.count > 50 ? ["最多填写50行。"] : [])
        guard problems.isEmpty else {
            var errors = ValidationErrors()
            problems.forEach { errors.add("hosts", $0) }
            throw ActionError.invalid(errors)
        }
        guard let site = try await SiteRecord.find(acting.siteID, on: db) else { throw ActionError.notFound("没有这个站点。") }
        let before = site.webhookAllowedHosts
        try await db.transaction { tx in
            site.webhookAllowedHosts = value
            try await site.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "site.webhook_hosts",
                                      target: .init(type: "site", id: acting.siteID.uuidString, label: site.name),
                                      summary: "允许推送的内网主机：\(before.isEmpty ? "（无）" : before.replacingOccurrences(of: "\n", with: "、")) → \(value.isEmpty ? "（无）" : value.replacingOccurrences(of: "\n", with: "、"))",
                                      at: now)
        }
    }

    /// Puts a given-up message back in the queue, from its first retry pause.
    static func retry(_ id: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        try requireOffice(acting)
        guard let id, let row = try await OutboxRecord.query(on: db).filter(\.$id == id).with(\.$subscription).first(),
              row.siteID == acting.siteID, row.abandonedAt != nil
        else { throw ActionError.notFound("没有这条已放弃的推送消息。") }
        try await db.transaction { tx in
            row.abandonedAt = nil
            row.attempts = 0
            row.nextAttemptAt = now
            try await row.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "outbox.retry",
                                      target: .init(type: "outbox", id: id.uuidString, label: row.subject),
                                      summary: "重新发送（上次错误：\(row.lastError)）", at: now)
        }
    }
}
