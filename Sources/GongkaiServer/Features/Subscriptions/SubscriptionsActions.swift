import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import NIOPosix

/// The public's writes on 精准推送 (no account): subscribing an e-mail address or a webhook for a scope, confirming
/// an e-mail subscription from its link, and cancelling. Each is one transaction with its audit event; the
/// subscribe action also queues the confirmation message in that transaction (double opt-in).
enum SubscriptionsActions {
    /// What subscribing needs from the running system.
    struct Setting: Sendable {
        let mailEnabled: Bool
        let publicBaseURL: String
        let threadPool: NIOThreadPool
    }

    struct Input: Sendable {
        var scope: String
        var id: String
        var channel: String?
        var address: String?
    }

    enum Outcome {
        case created(SubscriptionRecord)
        /// The same address and scope is already subscribed (or waits for its confirmation): nothing sent again.
        case repeated(SubscriptionRecord)
    }

    /// How long a confirmation link stays valid.
    static let confirmationDays = 7

    /// Every problem of the input at once; `label` is the scope's name when it is one the site offers.
    static func check(_ input: Input, label: String?, site: SiteRecord, setting: Setting) async -> ValidationErrors {
        var errors = ValidationErrors()
        if FeedScope(scope: input.scope, id: input.id) == nil || label == nil { errors.add("scope", "请选择要订阅的范围。") }
        let address = (input.address ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if input.channel == "email" {
            if !setting.mailEnabled {
                errors.add("channel", "本平台尚未配置邮件服务器，暂不能用邮件订阅；可以用阅读器订阅 Atom 地址，或填写系统接收网址。")
            } else if !MailMessage.isPlausibleAddress(address) {
                errors.add("address", "请填写正确的电子邮箱地址，如 zhangsan@example.com（读到：“\(address)”）。")
            }
        } else if let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil, url.user == nil, address.count <= 500 {
            // Checked again before every delivery; here so that the person hears at once.
            let allowance = WebhookTarget.Allowance(site.webhookAllowedHosts)
            do {
                _ = try await setting.threadPool.runIfActive { try WebhookTarget.check(url, allowance: allowance) }
            } catch let refused as WebhookTarget.Refused {
                errors.add("address", refused.message)
            } catch {
                errors.add("address", "无法检查这个网址，请稍后再试。")
            }
        } else {
            errors.add("address", "请填写接收推送的网址，以 http:// 或 https:// 开头（读到：“\(address)”）。")
        }
        return errors
    }

    /// Registers the subscription and queues its confirmation message, unless the same one exists. The input is
    /// checked once (a webhook's host is resolved once); `admit` runs after the check and before anything is
    /// written, so a public form's rate limit counts only submissions that would be accepted.
    static func subscribe(_ input: Input, label: String?, site: SiteRecord, by acting: Acting, at now: Date, setting: Setting,
                          admit: () throws -> Void = {}, on db: any Database) async throws -> Outcome {
        let errors = await check(input, label: label, site: site, setting: setting)
        guard errors.isEmpty, let scope = FeedScope(scope: input.scope, id: input.id), let label else { throw ActionError.invalid(errors) }
        try admit()
        let siteID = try site.requireID()
        let address = (input.address ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let channel = input.channel == "email" ? "email" : "webhook"
        // An unconfirmed one whose link has expired does not count.
        let existing = try await SubscriptionRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$address == address)
            .filter(\.$scope == scope.stored.0).filter(\.$scopeID == scope.stored.1).filter(\.$cancelledAt == nil).all()
            .first { $0.confirmedAt != nil || !expired($0, at: now) }
        if let existing { return .repeated(existing) }
        let subscription = SubscriptionRecord()
        subscription.$site.id = siteID
        subscription.scope = scope.stored.0
        subscription.scopeID = scope.stored.1
        subscription.scopeLabel = label
        subscription.channel = channel
        subscription.address = address
        subscription.secret = randomHex(32)
        subscription.token = randomHex(24)
        subscription.createdAt = now
        let cancelURL = setting.publicBaseURL + SiteURL.subscriptionCancel(token: subscription.token).path
        let confirmURL = setting.publicBaseURL + SiteURL.subscriptionConfirm(token: subscription.token).path
        let shown = channel == "email" ? PersonalDataScanner.maskEmail(address) : address
        try await db.transaction { tx in
            try await subscription.create(on: tx)
            try await Outbox.enqueueVerification(subscription, cancelURL: cancelURL, confirmURL: confirmURL, now: now, on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: siteID, action: "subscription.create",
                                      target: .init(type: "subscription", id: subscription.id?.uuidString, label: label),
                                      summary: (channel == "email" ? "邮件 " : "推送地址 ") + "\(shown)（待确认）", at: now)
        }
        return .created(subscription)
    }

    static func expired(_ subscription: SubscriptionRecord, at now: Date) -> Bool {
        now.timeIntervalSince(subscription.createdAt) > Double(confirmationDays) * 86_400
    }

    /// The person confirmed from the link in the mail (an expired, cancelled or already confirmed one is left as it is).
    static func confirm(_ subscription: SubscriptionRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        guard subscription.channel == "email", subscription.confirmedAt == nil, subscription.cancelledAt == nil, !expired(subscription, at: now) else { return }
        try await db.transaction { tx in
            subscription.confirmedAt = now
            try await subscription.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: subscription.$site.id, action: "subscription.confirm",
                                      target: .init(type: "subscription", id: subscription.id?.uuidString, label: subscription.scopeLabel),
                                      summary: "邮件 \(PersonalDataScanner.maskEmail(subscription.address)) 确认订阅", at: now)
        }
    }

    /// Cancelled from the link (no account needed; cancelling twice changes nothing).
    static func cancel(_ subscription: SubscriptionRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        guard subscription.cancelledAt == nil else { return }
        try await db.transaction { tx in
            subscription.cancelledAt = now
            try await subscription.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: subscription.$site.id, action: "subscription.cancel",
                                      target: .init(type: "subscription", id: subscription.id?.uuidString, label: subscription.scopeLabel),
                                      summary: "取消" + SubscriptionsController.shownAddress(subscription), at: now)
        }
    }

    static func randomHex(_ bytes: Int) -> String {
        [UInt8].random(count: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
