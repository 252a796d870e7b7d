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
                                                   publicBaseURL: req.application.gongkai.publicBaseURL, threadPool: req.application.threadPool)
        let siteID = try site.requireID()
        let limiter = req.gongkai.limits.subscriptionForm
        let (client, now) = (req.clientAddress, req.now)
        do {
            switch try await SubscriptionsActions.subscribe(
                input, label: label, site: site, by: .applicant(siteID: siteID, label: "公众订阅", clientAddress: client, via: .web), at: now,
                setting: setting,
                admit: { guard limiter.allow(client, now: now) else { throw Abort(.tooManyRequests, reason: "提交过于频繁，请一小时后再试。") } },
                on: req.db) {
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
        let mailEnabled = req.application.gongkai.config.smtp != nil
        let selected = "\(form.scope ?? "site"):\(form.id ?? "")"
        var outcome: SubscriptionsPage.FormModel.Outcome?
        if let created, created.channel == "email" {
            outcome = .mailSent(to: created.address)
        } else if let created {
            outcome = .webhookRegistered(to: created.address, secret: created.secret,
                                         cancelURL: req.application.gongkai.publicBaseURL + SiteURL.subscriptionCancel(token: created.token).path,
                                         cancelHref: SiteURL.subscriptionCancel(token: created.token).path)
        } else if let repeated {
            outcome = .repeated(scope: repeated.scopeLabel, confirmed: repeated.confirmedAt != nil)
        }
        let model = SubscriptionsPage.FormModel(
            slug: site.slug, mailEnabled: mailEnabled, scopes: options, selected: options.contains { $0.value == selected } ? selected : "site:",
            channel: form.channel, address: form.address ?? "", outcome: outcome, errors: errors)
        return Response.html(SubscriptionsPage.form(model, chrome: PageChrome(req: req, title: "订阅推送", area: .portal, site: info)), status: status)
    }

    static var confirmationDays: Int { SubscriptionsActions.confirmationDays }

    /// The link in the confirmation mail shows a button: a mail scanner that follows links must not confirm.
    @Sendable static func confirmForm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        let state: SubscriptionsPage.ConfirmModel.State =
            subscription.cancelledAt != nil ? .cancelled
            : subscription.confirmedAt != nil ? .confirmed
            : SubscriptionsActions.expired(subscription, at: req.now) ? .expired(days: confirmationDays)
            : .waiting(action: SiteURL.subscriptionConfirm(token: subscription.token).path)
        let model = SubscriptionsPage.ConfirmModel(scope: subscription.scopeLabel, email: PersonalDataScanner.maskEmail(subscription.address), state: state,
                                                   cancelHref: SiteURL.subscriptionCancel(token: subscription.token).path)
        return Response.html(SubscriptionsPage.confirm(model, chrome: PageChrome(req: req, title: "确认订阅", area: .portal)))
    }

    @Sendable static func confirm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        try await SubscriptionsActions.confirm(subscription, by: .applicant(siteID: subscription.$site.id, label: "公众订阅", clientAddress: req.clientAddress, via: .web),
                                               at: req.now, on: req.db)
        return req.redirect(to: SiteURL.subscriptionConfirm(token: subscription.token).path)
    }

    @Sendable static func cancelForm(req: Request) async throws -> Response {
        let subscription = try await find(req)
        let model = SubscriptionsPage.CancelModel(
            subject: "订阅范围：\(subscription.scopeLabel)；" + shownAddress(subscription),
            cancelled: subscription.cancelledAt.map(ChineseTime.dateTime), action: SiteURL.subscriptionCancel(token: subscription.token).path)
        return Response.html(SubscriptionsPage.cancel(model, chrome: PageChrome(req: req, title: "取消订阅", area: .portal)))
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
