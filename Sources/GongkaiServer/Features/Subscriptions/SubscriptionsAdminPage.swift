import Foundation
import GongkaiCore
import Plot

/// `/admin/subscriptions`: the subscriptions (addresses masked), the allowed internal hosts, and the outbox.
enum SubscriptionsAdminPage {
    struct Model: Sendable {
        struct Subscription: Sendable {
            let created: String
            let scope: String
            let channel: String
            let address: String
            let status: String
        }

        struct Message: Sendable {
            let created: String
            let subject: String
            let to: String
            let attempts: String
            let status: String
            /// 重新发送, for a given-up message whose subscription still stands.
            let retryAction: String?
        }

        let mailConfigured: Bool
        let waiting: Int
        let delivered: Int
        let abandoned: Int
        let subscriptions: [Subscription]
        let hosts: String
        let hostErrors: [String]
        let outbox: [Message]
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        return Layout.render(chrome) {
            El("h1") { T("订阅推送") }
            El("p", ["class": "lead"]) {
                T("公众和部门系统在门户“订阅推送”登记的邮件和接收网址；新信息发布时写入待发队列，每30秒发送一次，失败的按1分钟、5分钟……24小时重试。")
                T(m.mailConfigured ? "邮件经配置的邮件服务器发送。" : "未配置邮件服务器（GONGKAI_SMTP_HOST），门户只提供接收网址和 Atom 订阅。")
            }
            El("ul", ["class": "stats"]) {
                El("li") { T("待发送 \(m.waiting)") }
                El("li") { T("已送达 \(m.delivered)") }
                El("li") { T("已放弃 \(m.abandoned)") }
            }
            El("h2") { T("订阅（\(m.subscriptions.count)）") }
            if m.subscriptions.isEmpty {
                EmptyState(title: "还没有订阅", text: "门户各页面都有“订阅推送”入口。")
            } else {
                DataTable(headers: ["登记时间", "订阅范围", "方式", "地址", "状态"]) {
                    for s in m.subscriptions {
                        El("tr") {
                            El("td") { T(s.created) }
                            El("td") { T(s.scope) }
                            El("td") { T(s.channel) }
                            El("td") { T(s.address) }
                            El("td") { T(s.status) }
                        }
                    }
                }
            }
            El("h2", ["id": "allowed-hosts"]) { T("允许推送的内网主机") }
            El("p") {
                T("为防止有人借订阅表单让本平台访问本机或内部网络，推送只发往互联网上的公网地址。部门系统在本单位内网时，请在下面逐行填写允许的主机名（如 oa.hukou.gov.cn）、IP地址（如 10.1.2.3）或网段（如 10.1.0.0/16）。推送从不跟随跳转。")
            }
            PostForm(action: SiteURL.adminWebhookHosts.path, csrfToken: chrome.csrfToken) {
                El("div", ["class": m.hostErrors.isEmpty ? "field" : "field field-invalid"]) {
                    El("label", ["for": "hosts"]) { T("允许的主机（每行一个）") }
                    for error in m.hostErrors { El("p", ["class": "error", "id": "hosts-error"]) { T(error) } }
                    El("textarea", optional: ["id": "hosts", "name": "hosts", "rows": "4",
                                              "aria-invalid": m.hostErrors.isEmpty ? nil : "true",
                                              "aria-describedby": m.hostErrors.isEmpty ? nil : "hosts-error"]) { T(m.hosts) }
                }
                El("button", ["type": "submit", "class": "button"]) { T("保存") }
            }
            El("h2") { T("最近的推送消息") }
            if m.outbox.isEmpty {
                EmptyState(title: "还没有推送消息", text: "有订阅确认或新信息发布时，消息会列在这里。")
            } else {
                DataTable(headers: ["写入时间", "内容", "发往", "尝试", "状态", ""]) {
                    for row in m.outbox {
                        El("tr") {
                            El("td") { T(row.created) }
                            El("td") { T(row.subject) }
                            El("td") { T(row.to) }
                            El("td") { T(row.attempts) }
                            El("td") { T(row.status) }
                            El("td") {
                                if let retry = row.retryAction {
                                    PostForm(action: retry, csrfToken: chrome.csrfToken, class: "inline") {
                                        El("button", ["type": "submit", "class": "link-button dark"]) { T("重新发送") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
