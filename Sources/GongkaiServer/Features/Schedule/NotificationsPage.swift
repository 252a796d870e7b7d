import Foundation
import GongkaiCore
import Plot

/// `/admin/notifications`: the in-app messages, newest first, unread ones marked.
enum NotificationsPage {
    struct Model: Sendable {
        struct Item: Sendable {
            let time: String
            let title: String
            let href: String
            let body: String
            let unread: Bool
        }

        let items: [Item]
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("通知") }
            if m.items.isEmpty {
                EmptyState(title: "没有通知", text: "工作任务即将到期或逾期的提醒、指导单位的验收和退回意见会出现在这里。")
            } else {
                if m.items.contains(where: \.unread) {
                    PostForm(action: SiteURL.adminNotificationsRead.path, csrfToken: chrome.csrfToken, class: "inline") {
                        El("button", ["type": "submit", "class": "button secondary"]) { T("全部标为已读") }
                    }
                }
                El("ol", ["class": "notifications history"]) {
                    for n in m.items {
                        El("li", ["class": n.unread ? "unread" : "read"]) {
                            El("p") {
                                T("\(n.time) ")
                                A(n.title, href: n.href)
                                if n.unread { Badge(text: "未读", kind: "warn") }
                            }
                            El("p", ["class": "note"]) { T(n.body) }
                        }
                    }
                }
            }
        }
    }
}
