import Fluent
import Foundation

enum AuditQueries {
    /// Target types whose events concern every site of the deployment.
    static let deploymentWideTargets = ["calendar"]

    struct Filter: Sendable {
        var siteID: UUID
        var action: String?
        var actor: String?
        var targetType: String?
        var text: String?
        var from: Date?
        /// Exclusive upper bound.
        var until: Date?
    }

    /// One page of the trail, newest first, after or before an event (keyset: page 2,000 costs what page 1 does).
    static func search(_ filter: Filter, perPage: Int, after: KeysetCursor? = nil, before: KeysetCursor? = nil, on db: any Database)
        async throws -> (page: KeysetPage<AuditEventRecord>, total: Int)
    {
        // Deployment-wide events (the working-day calendar) have no site and belong to every site's trail; other
        // site-less events (failed sign-ins under unknown names) belong to none.
        var query = AuditEventRecord.query(on: db).group(.or) { either in
            either.filter(\.$siteID == filter.siteID)
                .group(.and) { $0.filter(\.$siteID == nil).filter(\.$targetType ~~ AuditQueries.deploymentWideTargets) }
        }
        if let action = filter.action, !action.isEmpty { query = query.filter(\.$action == action) }
        if let actor = filter.actor, !actor.isEmpty { query = query.filter(\.$actorLabel ~~ actor) }
        if let type = filter.targetType, !type.isEmpty { query = query.filter(\.$targetType == type) }
        if let text = filter.text, !text.isEmpty {
            query = query.group(.or) { group in
                group.filter(\.$targetLabel ~~ text).filter(\.$summary ~~ text)
            }
        }
        if let from = filter.from { query = query.filter(\.$occurredAt >= from) }
        if let until = filter.until { query = query.filter(\.$occurredAt < until) }
        let total = try await query.copy().count()
        let page = try await Keyset.page(query, size: perPage, after: after, before: before, date: \.$occurredAt, dateColumn: "occurred_at")
        return (page, total)
    }
}
