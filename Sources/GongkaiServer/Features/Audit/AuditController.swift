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
        var after: String?
        var before: String?

        /// The filters as a link's query items (the page left to the caller).
        var items: [QueryItem] {
            [action.map(QueryItem.action), actor.map(QueryItem.actor), target.map(QueryItem.target), q.map(QueryItem.text),
             from.map(QueryItem.from), to.map(QueryItem.to)].compactMap { $0 }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        let (filter, errors) = try AuditQuery.filter(query, by: try req.requireStaff().acting(req, via: .web))
        let after = KeysetCursor(query.after), before = KeysetCursor(query.before)
        let result: (page: KeysetPage<AuditEventRecord>, total: Int) = errors.isEmpty
            ? try await AuditQueries.search(filter, perPage: perPage, after: after, before: before, on: req.db)
            : (page: KeysetPage(rows: []), total: 0)
        let model = AuditPage.Model(
            rows: result.page.rows.map(AuditPage.Row.init), total: result.total, perPage: perPage,
            query: query, errors: errors,
            newerHref: result.page.newer.map { SiteURL.adminAudit.path(query.items + [.before($0.text)]) },
            olderHref: result.page.older.map { SiteURL.adminAudit.path(query.items + [.after($0.text)]) },
            firstHref: (after != nil || before != nil) ? SiteURL.adminAudit.path(query.items) : nil)
        return Response.html(AuditPage.render(model, chrome: PageChrome(req: req, title: "操作日志", area: .backOffice)))
    }

    @Sendable static func export(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        let (filter, errors) = try AuditQuery.filter(query, by: try req.requireStaff().acting(req, via: .web))
        guard errors.isEmpty else { throw Abort(.badRequest, reason: errors.summary) }
        var csv = CSVWriter(excelFriendly: true)
        csv.append(["时间", "操作人", "操作", "对象类型", "对象", "变更摘要", "IP地址"])
        var after: KeysetCursor?
        while true {
            let page = try await AuditQueries.search(filter, perPage: 1000, after: after, on: req.db).page
            for event in page.rows {
                csv.append([ChineseTime.dateTime(event.occurredAt), event.actorLabel, AuditLog.label(for: event.action),
                            event.targetType, event.targetLabel, event.summary, event.clientAddress])
            }
            guard let older = page.older else { break }
            after = older
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
