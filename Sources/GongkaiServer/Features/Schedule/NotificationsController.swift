import Fluent
import Foundation
import Vapor

/// `/admin/notifications`: the in-app messages (reminders of due and overdue items, acceptances, returns).
enum NotificationsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let items = try await NotificationRecord.query(on: req.db).filter(\.$userID == staff.userID)
            .sort(\.$createdAt, .descending).range(..<200).all()
        let chrome = PageChrome(req: req, title: "通知", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("通知") }
            if items.isEmpty {
                EmptyState(title: "没有通知", text: "工作任务即将到期或逾期的提醒、指导单位的验收和退回意见会出现在这里。")
            } else {
                if items.contains(where: { $0.readAt == nil }) {
                    PostForm(action: SiteURL.adminNotificationsRead.path, csrfToken: chrome.csrfToken, class: "inline") {
                        El("button", ["type": "submit", "class": "button secondary"]) { T("全部标为已读") }
                    }
                }
                El("ol", ["class": "notifications history"]) {
                    for n in items {
                        El("li", ["class": n.readAt == nil ? "unread" : "read"]) {
                            El("p") {
                                T("\(ChineseTime.dateTime(n.createdAt)) ")
                                A(n.title, href: SiteURL.safeBackPath(n.href, fallback: SiteURL.admin.path))
                                if n.readAt == nil { Badge(text: "未读", kind: "warn") }
                            }
                            El("p", ["class": "note"]) { T(n.body) }
                        }
                    }
                }
            }
        }
        return Response.html(html)
    }

    @Sendable static func markRead(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try await NotificationRecord.query(on: req.db).filter(\.$userID == staff.userID).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteURL.adminNotifications.path(.notice(.notificationsRead)))
    }
}
