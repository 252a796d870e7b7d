import Foundation
import GongkaiCore

/// The audit trail as the office may search it: only its own site's events.
enum AuditQuery {
    /// The filter the query string asks for, with a message per unreadable date.
    static func filter(_ query: AuditController.Query, by acting: Acting) throws -> (AuditQueries.Filter, ValidationErrors) {
        try acting.authorize(.viewAudit, acting.site)
        var errors = ValidationErrors()
        var filter = AuditQueries.Filter(siteID: acting.siteID, action: query.action, actor: query.actor,
                                         targetType: query.target, text: query.q)
        if let from = query.from, !from.isEmpty {
            if let date = ChineseTime.parseDay(from) { filter.from = date } else {
                errors.add("from", "开始日期“\(from)”格式不正确，应为 2026-01-31 这样的日期。")
            }
        }
        if let to = query.to, !to.isEmpty {
            if let date = ChineseTime.parseDay(to) { filter.until = date.addingTimeInterval(86_400) } else {
                errors.add("to", "结束日期“\(to)”格式不正确，应为 2026-01-31 这样的日期。")
            }
        }
        return (filter, errors)
    }

}

extension AuditPage.Row {
    init(_ event: AuditEventRecord) {
        time = ChineseTime.dateTime(event.occurredAt)
        actor = event.actorLabel
        action = AuditLog.label(for: event.action)
        target = event.targetLabel
        summary = event.summary
        address = event.clientAddress
    }
}
