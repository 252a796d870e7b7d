import Foundation
import Vapor

/// `/admin/notifications`: the in-app messages (reminders of due and overdue items, acceptances, returns).
enum NotificationsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let items = try await NotificationsActions.list(by: try req.requireStaff().acting(req, via: .web), on: req.db)
        let model = NotificationsPage.Model(items: items.map { n in
            .init(time: ChineseTime.dateTime(n.createdAt), title: n.title, href: SiteURL.safeBackPath(n.href, fallback: SiteURL.admin.path),
                  body: n.body, unread: n.readAt == nil)
        })
        return Response.html(NotificationsPage.render(model, chrome: PageChrome(req: req, title: "通知", area: .backOffice)))
    }

    @Sendable static func markRead(req: Request) async throws -> Response {
        try await NotificationsActions.markAllRead(by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminNotifications.path(.notice(.notificationsRead)))
    }
}
