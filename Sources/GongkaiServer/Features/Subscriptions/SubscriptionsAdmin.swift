import Fluent
import Foundation
import GongkaiCore
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
        let model = SubscriptionsAdminPage.Model(
            mailConfigured: req.application.gongkai.config.smtp != nil, waiting: waiting, delivered: delivered, abandoned: abandoned,
            subscriptions: subscriptions.map { s in
                .init(created: ChineseTime.dateTime(s.createdAt), scope: s.scopeLabel, channel: s.channel == "email" ? "邮件" : "接收网址",
                      address: s.channel == "email" ? PersonalDataScanner.maskEmail(s.address) : s.address,
                      status: s.cancelledAt != nil ? "已取消" : s.confirmedAt != nil ? "已确认" : "待确认")
            },
            hosts: hosts, hostErrors: hostErrors,
            outbox: outbox.map { row in
                let status = if let at = row.deliveredAt { "已送达 \(ChineseTime.dateTime(at))" }
                    else if row.abandonedAt != nil { "已放弃：\(row.lastError)" }
                    else { row.lastError.isEmpty ? "待发送" : "待重试（\(ChineseTime.dateTime(row.nextAttemptAt))）：\(row.lastError)" }
                return .init(created: ChineseTime.dateTime(row.createdAt), subject: row.subject, to: SubscriptionsController.shownAddress(row.subscription),
                             attempts: String(row.attempts), status: status,
                             retryAction: row.abandonedAt != nil && row.subscription.cancelledAt == nil ? SiteURL.adminOutboxRetry(row.id!).path : nil)
            })
        return Response.html(SubscriptionsAdminPage.render(model, chrome: PageChrome(req: req, title: "订阅推送", area: .backOffice)), status: status)
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
