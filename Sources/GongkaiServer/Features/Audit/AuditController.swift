import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/audit`: the audit trail of the admin's site, filtered and paged, and its CSV export.
enum AuditController {
    static let perPage = 50

    struct Query: Content {
        var action: String?
        var actor: String?
        var target: String?
        var q: String?
        var from: String?
        var to: String?
        var page: Int?

        /// The filters as a link's query items (the page left to the caller).
        var items: [QueryItem] {
            [action.map(QueryItem.action), actor.map(QueryItem.actor), target.map(QueryItem.target), q.map(QueryItem.text),
             from.map(QueryItem.from), to.map(QueryItem.to)].compactMap { $0 }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        let (filter, errors) = try AuditQuery.filter(query, by: try req.requireStaff().acting(req, via: .web))
        let page = max(1, query.page ?? 1)
        let result: (events: [AuditEventRecord], total: Int) = errors.isEmpty
            ? try await AuditQueries.search(filter, page: page, perPage: perPage, on: req.db) : (events: [], total: 0)
        let model = AuditPage.Model(
            rows: result.events.map(AuditPage.Row.init), total: result.total, page: page, perPage: perPage,
            query: query, errors: errors)
        return Response.html(AuditPage.render(model, chrome: PageChrome(req: req, title: "操作日志", area: .backOffice)))
    }

    @Sendable static func export(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        let (filter, errors) = try AuditQuery.filter(query, by: try req.requireStaff().acting(req, via: .web))
        guard errors.isEmpty else { throw Abort(.badRequest, reason: errors.summary) }
        var csv = CSVWriter(excelFriendly: true)
        csv.append(["时间", "操作人", "操作", "对象类型", "对象", "变更摘要", "IP地址"])
        var page = 1
        while true {
            let batch = try await AuditQueries.search(filter, page: page, perPage: 1000, on: req.db).events
            for event in batch {
                csv.append([ChineseTime.dateTime(event.occurredAt), event.actorLabel, AuditLog.label(for: event.action),
                            event.targetType, event.targetLabel, event.summary, event.clientAddress])
            }
            if batch.count < 1000 { break }
            page += 1
        }
        let response = Response(body: .init(string: csv.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        let fileName = "操作日志-\(ChineseTime.date(req.now)).csv"
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"audit.csv\"; filename*=UTF-8''\(SiteURL.escape(fileName))")
        return response
    }
}
