import Fluent
import Foundation
import GongkaiCore
import NIOConcurrencyHelpers
import Vapor

/// 精准推送 subscriptions without an account: a department's system (or anyone) registers a webhook URL for a
/// site, unit, domain or catalog entry. The URL must first echo a challenge (verification of intent), so the
/// platform cannot be used to send information to addresses that did not ask for it. Each subscription has a
/// secret for checking signatures (shown once) and a cancel link.
enum SubscriptionsController {
    struct Form: Content {
        var scope: String?
        var id: String?
        var channel: String?
        var address: String?
    }

    /// Public forms are limited per client address (in memory, per instance).
    static let limiter = PublicFormLimiter(limit: 10, per: 3600)

    @Sendable static func form(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let form = Form(scope: req.query[String.self, at: "scope"], id: req.query[String.self, at: "id"], channel: "webhook", address: "")
        return try await page(req, site: site, form: form, errors: nil, created: nil, status: .ok)
    }

    static func scopes(site: SiteRecord, on db: any Database) async throws -> [(value: String, label: String)] {
        let siteID = try site.requireID()
        var options: [(value: String, label: String)] = [("site:", "\(site.name)全部政府信息")]
        for unit in UnitQueries.ordered(try await UnitQueries.forSite(siteID, includeArchived: false, on: db)) {
            options.append(("unit:\(unit.unit.id!.uuidString)", "单位：\(unit.unit.name)"))
        }
        for domain in CatalogDomain.pilot { options.append(("domain:\(domain.code)", "领域：\(domain.name)")) }
        for entry in try await PublicationStore.entryOptions(siteID: siteID, unitID: nil, on: db) {
            options.append(("entry:\(entry.key)", "目录事项：\(entry.unitName) \(entry.domainName) \(entry.label)"))
        }
        return options
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        var form = try req.content.decode(Form.self)
        if let combined = form.scope, combined.contains(":") {
            let parts = combined.split(separator: ":", maxSplits: 1).map(String.init)
            form.scope = parts[0]
            form.id = parts.count > 1 ? parts[1] : ""
        }
        var errors = ValidationErrors()
        let options = try await scopes(site: site, on: req.db)
        let key = "\(form.scope ?? ""):\(form.id ?? "")"
        let label = options.first { $0.value == key }?.label
        let scope = FeedScope(scope: form.scope ?? "", id: form.id ?? "")
        if scope == nil || label == nil { errors.add("scope", "请选择要订阅的范围。") }
        let address = (form.address ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil, url.user == nil, address.count <= 500 {
        } else {
            errors.add("address", "请填写接收推送的网址，以 http:// 或 https:// 开头（读到：“\(address)”）。")
        }
        guard errors.isEmpty, let scope, let label else {
            return try await page(req, site: site, form: form, errors: errors, created: nil, status: .unprocessableEntity)
        }
        guard limiter.allow(req.remoteAddress?.ipAddress ?? "unknown", now: req.now) else {
            throw Abort(.tooManyRequests, reason: "提交过于频繁，请一小时后再试。")
        }
        let subscription = SubscriptionRecord()
        subscription.$site.id = try site.requireID()
        subscription.scope = scope.stored.0
        subscription.scopeID = scope.stored.1
        subscription.scopeLabel = label
        subscription.channel = "webhook"
        subscription.address = address
        subscription.secret = randomHex(32)
        subscription.token = randomHex(24)
        subscription.createdAt = req.now
        let cancelURL = req.application.gongkai.config.publicBaseURL + SiteURL.subscriptionCancel(token: subscription.token).path
        try await req.db.transaction { tx in
            try await subscription.create(on: tx)
            try await Outbox.enqueueVerification(subscription, cancelURL: cancelURL, now: req.now, on: tx)
            try await AuditLog.record(on: tx, actor: AuditActor(userID: nil, label: "公众订阅", siteID: site.id, clientAddress: req.remoteAddress?.ipAddress ?? ""),
                                      siteID: site.id, action: "subscription.create",
                                      target: .init(type: "subscription", id: subscription.id?.uuidString, label: label),
                                      summary: "推送地址 \(address)（待验证）", at: req.now)
        }
        return try await page(req, site: site, form: form, errors: nil, created: subscription, status: .created)
    }

    static func page(_ req: Request, site: SiteRecord, form: Form, errors: ValidationErrors?, created: SubscriptionRecord?,
                     status: HTTPResponseStatus) async throws -> Response {
        let options = try await scopes(site: site, on: req.db)
        let info = PageChrome.SiteInfo(site)
        let chrome = PageChrome(req: req, title: "订阅推送", area: .portal, site: info)
        let selected = "\(form.scope ?? "site"):\(form.id ?? "")"
        let html = Layout.render(chrome) {
            El("h1") { T("订阅政府信息推送") }
            El("p", ["class": "lead"]) {
                T("选择关心的单位、领域或目录事项，有新信息发布时，平台会向您填写的网址推送（POST JSON，带 HMAC-SHA256 签名）。也可以直接用阅读器订阅各页面的 Atom 地址。")
            }
            if let created {
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T("订阅已登记，待验证") }
                    El("p") { T("平台将向 \(created.address) 发送一条验证消息（event 为 subscription.verify），接收方在响应正文中原样返回其中的 challenge 即完成验证，之后开始推送。") }
                    El("p") { T("签名密钥（只显示这一次，请妥善保存）：") }
                    El("pre") { T(created.secret) }
                    El("p") { T("取消订阅：") ; A(req.application.gongkai.config.publicBaseURL + SiteURL.subscriptionCancel(token: created.token).path,
                                                 href: SiteURL.subscriptionCancel(token: created.token).path) }
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.subscribe(slug: site.slug).path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "订阅范围", name: "scope", options: options, selected: options.contains { $0.value == selected } ? selected : "site:",
                          errors: errors?.messages(for: "scope") ?? [])
                FieldRow(label: "接收推送的网址（Webhook）", name: "address", value: form.address ?? "", type: "url",
                         errors: errors?.messages(for: "address") ?? [], hint: "例如：https://部门系统地址/gongkai/webhook", required: true)
                El("p", ["class": "hint"]) { T("邮件订阅需要本平台配置邮件服务器，目前尚未开通。") }
                SubmitRow(title: "订阅")
            }
        }
        return PortalController.html(html, status: status)
    }

    @Sendable static func cancelForm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        let chrome = PageChrome(req: req, title: "取消订阅", area: .portal)
        let html = Layout.render(chrome) {
            El("h1") { T("取消订阅") }
            El("p") { T("订阅范围：\(subscription.scopeLabel)；推送地址：\(subscription.address)") }
            if let cancelled = subscription.cancelledAt {
                El("p", ["class": "notice"]) { T("此订阅已于\(ChineseTime.dateTime(cancelled))取消。") }
            } else {
                PostForm(action: SiteURL.subscriptionCancel(token: subscription.token).path, csrfToken: chrome.csrfToken) {
                    SubmitRow(title: "确认取消订阅")
                }
            }
        }
        return PortalController.html(html)
    }

    @Sendable static func cancel(req: Request) async throws -> Response {
        let subscription = try await find(req)
        if subscription.cancelledAt == nil {
            try await req.db.transaction { tx in
                subscription.cancelledAt = req.now
                try await subscription.save(on: tx)
                try await AuditLog.record(on: tx, actor: AuditActor(userID: nil, label: "公众订阅", siteID: subscription.$site.id, clientAddress: req.remoteAddress?.ipAddress ?? ""),
                                          siteID: subscription.$site.id, action: "subscription.cancel",
                                          target: .init(type: "subscription", id: subscription.id?.uuidString, label: subscription.scopeLabel),
                                          summary: "取消推送到 \(subscription.address)", at: req.now)
            }
        }
        return req.redirect(to: SiteURL.subscriptionCancel(token: subscription.token).path)
    }

    static func find(_ req: Request) async throws -> SubscriptionRecord {
        let token = try req.parameters.require("token")
        guard token.count == 48, let subscription = try await SubscriptionRecord.query(on: req.db).filter(\.$token == token).first() else {
            throw Abort(.notFound, reason: "没有这个订阅，链接可能不完整。")
        }
        return subscription
    }

    static func randomHex(_ bytes: Int) -> String {
        [UInt8].random(count: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// A fixed-window counter per client address for public forms.
final class PublicFormLimiter: Sendable {
    private let counts = NIOLockedValueBox<[String: (start: Date, count: Int)]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, per window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    func allow(_ key: String, now: Date) -> Bool {
        counts.withLockedValue { table in
            if table.count > 10_000 { table = table.filter { now.timeIntervalSince($0.value.start) < window } }
            var entry = table[key] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            table[key] = entry
            return entry.count <= limit
        }
    }
}
