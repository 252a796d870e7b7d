import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import NIOConcurrencyHelpers
import Vapor

/// 精准推送 subscriptions without an account: a person registers an e-mail address, or a department's system a
/// webhook URL, for a site, unit, domain or catalog entry. Nothing is sent before the address has shown that it
/// wants it (double opt-in): an e-mail address must use the link in the confirmation mail, a webhook must echo a
/// challenge. So the platform cannot be used to send mail to people who did not ask for it. Each subscription has
/// a cancel link that needs no account; a webhook also gets a secret for checking signatures (shown once).
enum SubscriptionsController {
    struct Form: Content {
        var scope: String?
        var id: String?
        var channel: String?
        var address: String?
    }

    /// Public forms are limited per client address (in memory, per instance).

    @Sendable static func form(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let channel = req.application.gongkai.config.smtp == nil ? "webhook" : "email"
        let form = Form(scope: req.query[String.self, at: "scope"], id: req.query[String.self, at: "id"], channel: channel, address: "")
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
        let options = try await scopes(site: site, on: req.db)
        let label = options.first { $0.value == "\(form.scope ?? ""):\(form.id ?? "")" }?.label
        let input = SubscriptionsActions.Input(scope: form.scope ?? "", id: form.id ?? "", channel: form.channel, address: form.address)
        let setting = SubscriptionsActions.Setting(mailEnabled: req.application.gongkai.config.smtp != nil,
                                                   publicBaseURL: req.application.gongkai.config.publicBaseURL, threadPool: req.application.threadPool)
        let errors = await SubscriptionsActions.check(input, label: label, site: site, setting: setting)
        guard errors.isEmpty else {
            return try await page(req, site: site, form: form, errors: errors, created: nil, status: .unprocessableEntity)
        }
        guard req.gongkai.limits.subscriptionForm.allow(req.clientAddress, now: req.now) else {
            throw Abort(.tooManyRequests, reason: "提交过于频繁，请一小时后再试。")
        }
        let siteID = try site.requireID()
        do {
            switch try await SubscriptionsActions.subscribe(input, label: label, site: site, by: .applicant(siteID: siteID, label: "公众订阅", clientAddress: req.clientAddress, via: .web),
                                                            at: req.now, setting: setting, on: req.db) {
            case .created(let subscription):
                return try await page(req, site: site, form: form, errors: nil, created: subscription, status: .created)
            case .repeated(let existing):
                return try await page(req, site: site, form: form, errors: nil, created: nil, status: .ok, repeated: existing)
            }
        } catch let refusal as ActionError {
            return try await page(req, site: site, form: form, errors: refusal.fieldErrors, created: nil, status: refusal.status)
        }
    }

    static func page(_ req: Request, site: SiteRecord, form: Form, errors: ValidationErrors?, created: SubscriptionRecord?,
                     status: HTTPResponseStatus, repeated: SubscriptionRecord? = nil) async throws -> Response {
        let options = try await scopes(site: site, on: req.db)
        let info = PageChrome.SiteInfo(site)
        let chrome = PageChrome(req: req, title: "订阅推送", area: .portal, site: info)
        let selected = "\(form.scope ?? "site"):\(form.id ?? "")"
        let mailEnabled = req.application.gongkai.config.smtp != nil
        let channels = mailEnabled ? [("email", "电子邮件"), ("webhook", "系统接收网址（Webhook）")] : [("webhook", "系统接收网址（Webhook）")]
        let html = Layout.render(chrome) {
            El("h1") { T("订阅政府信息推送") }
            El("p", ["class": "lead"]) {
                T(mailEnabled
                  ? "选择关心的单位、领域或目录事项，有新信息发布时，平台会发邮件告诉您；部门的信息系统也可以填写接收网址（POST JSON，带 HMAC-SHA256 签名）。也可以直接用阅读器订阅各页面的 Atom 地址。"
                  : "选择关心的单位、领域或目录事项，有新信息发布时，平台会向您填写的网址推送（POST JSON，带 HMAC-SHA256 签名）。也可以直接用阅读器订阅各页面的 Atom 地址。")
            }
            if let created, created.channel == "email" {
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T("还差一步：请到邮箱确认") }
                    El("p") { T("确认邮件已发往 \(created.address)。请打开邮件中的链接，点击“确认订阅”（7天内有效）。确认之前，平台不会发送任何信息。") }
                    El("p", ["class": "hint"]) { T("没有收到？请查看垃圾邮件文件夹，或几分钟后再看。") }
                }
            } else if let created {
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T("订阅已登记，待验证") }
                    El("p") { T("平台将向 \(created.address) 发送一条验证消息（event 为 subscription.verify），接收方在响应正文中原样返回其中的 challenge 即完成验证，之后开始推送。") }
                    El("p") { T("签名密钥（只显示这一次，请妥善保存）：") }
                    El("pre") { T(created.secret) }
                    El("p") { T("取消订阅：") ; A(req.application.gongkai.config.publicBaseURL + SiteURL.subscriptionCancel(token: created.token).path,
                                                 href: SiteURL.subscriptionCancel(token: created.token).path) }
                }
            }
            if let repeated {
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T(repeated.confirmedAt == nil ? "这个订阅已登记，正在等待确认" : "您已订阅过") }
                    El("p") {
                        T(repeated.confirmedAt == nil
                          ? "“\(repeated.scopeLabel)”的订阅已登记，确认消息已发出，没有重复发送。请按确认消息操作。"
                          : "“\(repeated.scopeLabel)”已经订阅，有新信息时会推送，无需重复订阅。")
                    }
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.subscribe(slug: site.slug).path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "订阅范围", name: "scope", options: options, selected: options.contains { $0.value == selected } ? selected : "site:",
                          errors: errors?.messages(for: "scope") ?? [])
                SelectRow(label: "接收方式", name: "channel", options: channels, selected: form.channel ?? channels[0].0,
                          errors: errors?.messages(for: "channel") ?? [])
                FieldRow(label: mailEnabled ? "电子邮箱或接收网址" : "接收推送的网址（Webhook）", name: "address", value: form.address ?? "", type: "text",
                         errors: errors?.messages(for: "address") ?? [],
                         hint: mailEnabled ? "邮件：如 zhangsan@example.com；系统接收：如 https://部门系统地址/gongkai/webhook" : "例如：https://部门系统地址/gongkai/webhook",
                         required: true)
                if !mailEnabled { El("p", ["class": "hint"]) { T("邮件订阅需要本平台配置邮件服务器，目前尚未开通。") } }
                SubmitRow(title: "订阅")
            }
        }
        return Response.html(html, status: status)
    }

    static var confirmationDays: Int { SubscriptionsActions.confirmationDays }

    /// The link in the confirmation mail shows a button: a mail scanner that follows links must not confirm.
    @Sendable static func confirmForm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        let chrome = PageChrome(req: req, title: "确认订阅", area: .portal)
        let expired = SubscriptionsActions.expired(subscription, at: req.now)
        let html = Layout.render(chrome) {
            El("h1") { T("确认订阅") }
            El("p") { T("订阅范围：\(subscription.scopeLabel)；邮箱：\(PersonalDataScanner.maskEmail(subscription.address))") }
            if subscription.cancelledAt != nil {
                El("p", ["class": "notice"]) { T("此订阅已取消。如需要，请重新订阅。") }
            } else if subscription.confirmedAt != nil {
                El("p", ["class": "notice"]) { T("订阅已确认，有新信息时会发邮件给您。") }
            } else if expired {
                El("p", ["class": "notice"]) { T("确认链接已超过\(confirmationDays)天，已失效。请重新订阅。") }
            } else {
                PostForm(action: SiteURL.subscriptionConfirm(token: subscription.token).path, csrfToken: chrome.csrfToken) {
                    SubmitRow(title: "确认订阅")
                }
            }
            El("p") { A("取消订阅", href: SiteURL.subscriptionCancel(token: subscription.token).path) }
        }
        return Response.html(html)
    }

    @Sendable static func confirm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        try await SubscriptionsActions.confirm(subscription, by: .applicant(siteID: subscription.$site.id, label: "公众订阅", clientAddress: req.clientAddress, via: .web),
                                               at: req.now, on: req.db)
        return req.redirect(to: SiteURL.subscriptionConfirm(token: subscription.token).path)
    }

    @Sendable static func cancelForm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        let chrome = PageChrome(req: req, title: "取消订阅", area: .portal)
        let html = Layout.render(chrome) {
            El("h1") { T("取消订阅") }
            El("p") { T("订阅范围：\(subscription.scopeLabel)；" + shownAddress(subscription)) }
            if let cancelled = subscription.cancelledAt {
                El("p", ["class": "notice"]) { T("此订阅已于\(ChineseTime.dateTime(cancelled))取消。") }
            } else {
                PostForm(action: SiteURL.subscriptionCancel(token: subscription.token).path, csrfToken: chrome.csrfToken) {
                    SubmitRow(title: "确认取消订阅")
                }
            }
        }
        return Response.html(html)
    }

    @Sendable static func cancel(req: Request) async throws -> Response {
        let subscription = try await find(req)
        try await SubscriptionsActions.cancel(subscription, by: .applicant(siteID: subscription.$site.id, label: "公众订阅", clientAddress: req.clientAddress, via: .web),
                                              at: req.now, on: req.db)
        return req.redirect(to: SiteURL.subscriptionCancel(token: subscription.token).path)
    }

    static func find(_ req: Request) async throws -> SubscriptionRecord {
        let token = try req.parameters.require("token")
        guard token.count == 48, let subscription = try await SubscriptionRecord.query(on: req.db).filter(\.$token == token).first() else {
            throw Abort(.notFound, reason: "没有这个订阅，链接可能不完整。")
        }
        return subscription
    }

    /// E-mail addresses are personal data: masked wherever the whole address is not needed.
    static func shownAddress(_ subscription: SubscriptionRecord) -> String {
        subscription.channel == "email" ? "邮箱：\(PersonalDataScanner.maskEmail(subscription.address))" : "推送地址：\(subscription.address)"
    }

}
