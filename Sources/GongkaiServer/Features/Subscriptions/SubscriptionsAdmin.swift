import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/subscriptions`: who subscribed to what (addresses masked), and the outbox — what waits, what failed and
/// why, what was given up; a given-up message can be sent again (nothing is lost when a receiver was down for days).
enum SubscriptionsAdmin {
    @Sendable static func show(req: Request) async throws -> Response {
        try await page(req, hostsValue: nil, hostErrors: [], status: .ok)
    }

    static func page(_ req: Request, hostsValue: String?, hostErrors: [String], status: HTTPResponseStatus) async throws -> Response {
        let staff = try req.requireStaff()
        try SubscriptionsAdminActions.requireOffice(staff.acting(req, via: .web))
        let site = try await SiteRecord.find(staff.siteID, on: req.db)
        let hosts = hostsValue ?? site?.webhookAllowedHosts ?? ""
        let subscriptions = try await SubscriptionRecord.query(on: req.db).filter(\.$site.$id == staff.siteID)
            .sort(\.$createdAt, .descending).limit(500).all()
        let outbox = try await OutboxRecord.query(on: req.db).filter(\.$siteID == staff.siteID).with(\.$subscription)
            .sort(\.$createdAt, .descending).limit(300).all()
        let waiting = try await OutboxRecord.query(on: req.db).filter(\.$siteID == staff.siteID).filter(\.$deliveredAt == nil)
            .filter(\.$abandonedAt == nil).count()
        let delivered = try await OutboxRecord.query(on: req.db).filter(\.$siteID == staff.siteID).filter(\.$deliveredAt != nil).count()
        let abandoned = try await OutboxRecord.query(on: req.db).filter(\.$siteID == staff.siteID).filter(\.$abandonedAt != nil).count()
        let chrome = PageChrome(req: req, title: "订阅推送", area: .backOffice)
        let mail = req.application.gongkai.config.smtp != nil
        let html = Layout.render(chrome) {
            El("h1") { T("订阅推送") }
            El("p", ["class": "lead"]) {
                T("公众和部门系统在门户“订阅推送”登记的邮件和接收网址；新信息发布时写入待发队列，每30秒发送一次，失败的按1分钟、5分钟……24小时重试。")
                T(mail ? "邮件经配置的邮件服务器发送。" : "未配置邮件服务器（GONGKAI_SMTP_HOST），门户只提供接收网址和 Atom 订阅。")
            }
            El("ul", ["class": "stats"]) {
                El("li") { T("待发送 \(waiting)") }
                El("li") { T("已送达 \(delivered)") }
                El("li") { T("已放弃 \(abandoned)") }
            }
            El("h2") { T("订阅（\(subscriptions.count)）") }
            if subscriptions.isEmpty {
                EmptyState(title: "还没有订阅", text: "门户各页面都有“订阅推送”入口。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["登记时间", "订阅范围", "方式", "地址", "状态"] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for s in subscriptions {
                                El("tr") {
                                    El("td") { T(ChineseTime.dateTime(s.createdAt)) }
                                    El("td") { T(s.scopeLabel) }
                                    El("td") { T(s.channel == "email" ? "邮件" : "接收网址") }
                                    El("td") { T(s.channel == "email" ? PersonalDataScanner.maskEmail(s.address) : s.address) }
                                    El("td") { T(s.cancelledAt != nil ? "已取消" : s.confirmedAt != nil ? "已确认" : "待确认") }
                                }
                            }
                        }
                    }
                }
            }
            El("h2", ["id": "allowed-hosts"]) { T("允许推送的内网主机") }
            El("p") {
                T("为防止有人借订阅表单让本平台访问本机或内部网络，推送只发往互联网上的公网地址。部门系统在本单位内网时，请在下面逐行填写允许的主机名（如 oa.hukou.gov.cn）、IP地址（如 10.1.2.3）或网段（如 10.1.0.0/16）。推送从不跟随跳转。")
            }
            PostForm(action: SiteURL.adminWebhookHosts.path, csrfToken: chrome.csrfToken) {
                El("div", ["class": hostErrors.isEmpty ? "field" : "field field-invalid"]) {
                    El("label", ["for": "hosts"]) { T("允许的主机（每行一个）") }
                    for error in hostErrors { El("p", ["class": "error", "id": "hosts-error"]) { T(error) } }
                    El("textarea", optional: ["id": "hosts", "name": "hosts", "rows": "4",
                                              "aria-invalid": hostErrors.isEmpty ? nil : "true",
                                              "aria-describedby": hostErrors.isEmpty ? nil : "hosts-error"]) { T(hosts) }
                }
                El("button", ["type": "submit", "class": "button"]) { T("保存") }
            }
            El("h2") { T("最近的推送消息") }
            if outbox.isEmpty {
                EmptyState(title: "还没有推送消息", text: "有订阅确认或新信息发布时，消息会列在这里。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["写入时间", "内容", "发往", "尝试", "状态", ""] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for row in outbox {
                                El("tr") {
                                    El("td") { T(ChineseTime.dateTime(row.createdAt)) }
                                    El("td") { T(row.subject) }
                                    El("td") { T(SubscriptionsController.shownAddress(row.subscription)) }
                                    El("td") { T(String(row.attempts)) }
                                    El("td") {
                                        if let at = row.deliveredAt {
                                            T("已送达 \(ChineseTime.dateTime(at))")
                                        } else if row.abandonedAt != nil {
                                            T("已放弃：\(row.lastError)")
                                        } else {
                                            T(row.lastError.isEmpty ? "待发送" : "待重试（\(ChineseTime.dateTime(row.nextAttemptAt))）：\(row.lastError)")
                                        }
                                    }
                                    El("td") {
                                        if row.abandonedAt != nil, row.subscription.cancelledAt == nil {
                                            PostForm(action: SiteURL.adminOutboxRetry(row.id!).path, csrfToken: chrome.csrfToken, class: "inline") {
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
        return Response.html(html, status: status)
    }

    struct HostsForm: Content {
        var hosts: String?
    }

    /// Saves the site's allowed internal webhook hosts (audited, with the old and new lists).
    @Sendable static func saveAllowedHosts(req: Request) async throws -> Response {
        let form = try req.content.decode(HostsForm.self)
        do {
            try await SubscriptionsAdminActions.saveAllowedHosts(form.hosts ?? "", by: try req.requireStaff().acting(req, via: .web),
                                                                 at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return try await page(req, hostsValue: form.hosts ?? "", hostErrors: errors.messages(for: "hosts"), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminSubscriptions.path(.notice(.hosts)))
    }

    /// Puts a given-up message back in the queue, from its first retry pause.
    @Sendable static func retry(req: Request) async throws -> Response {
        try await SubscriptionsAdminActions.retry(req.parameters.get("id").flatMap(UUID.init(uuidString:)),
                                                  by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminSubscriptions.path(.notice(.outboxRetry)))
    }
}
