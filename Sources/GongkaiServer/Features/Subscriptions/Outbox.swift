import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// 精准推送 without losing anything: publishing writes one outbox row per matching subscription in its own
/// transaction; a worker delivers due rows and retries failures with growing pauses, so a receiver that is down
/// gets the message when it is back. Webhooks are POSTed as JSON signed with HMAC-SHA256 of the body
/// (`X-Gongkai-Signature: sha256=<hex>`) under the subscription's secret; e-mails go through the SMTP relay.
///
/// Row kinds: `webhook` and `email` (a publication), `verify` (a webhook's challenge, which confirms it when echoed)
/// and `verify-email` (the confirmation mail; the subscription is confirmed only when its link is used).
enum Outbox {
    static var retryPauses: [TimeInterval] { DeliveryQueue.retryPauses }
    typealias RunSummary = DeliveryQueue.RunSummary
    typealias Failure = DeliveryQueue.Failure

    static func enqueue(record: PublicationRecord, version: PublicationVersionRecord, entries: [PublicationEntryRecord],
                        unitName: String, siteSlug: String, baseURL: String, now: Date, on db: any Database) async throws {
        let siteID = record.$site.id
        let subscriptions = try await SubscriptionRecord.query(on: db).filter(\.$site.$id == siteID)
            .filter(\.$confirmedAt != nil).filter(\.$cancelledAt == nil).all()
        let domains = Set(entries.map(\.domainCode))
        let keys = Set(entries.map(\.entryKey))
        let matching = subscriptions.filter { s in
            switch s.scope {
            case "site": true
            case "unit": s.scopeID == record.$unit.id.uuidString
            case "domain": domains.contains(s.scopeID)
            case "entry": keys.contains(s.scopeID)
            default: false
            }
        }
        guard !matching.isEmpty else { return }
        let url = baseURL + SiteURL.publication(slug: siteSlug, record.id!).path
        let payload = PublishedEvent(
            event: "publication.published", id: record.id!.uuidString, version: version.number, indexNumber: record.indexNumber,
            title: version.title, documentNumber: version.documentNumber, unit: unitName, publishedOn: version.publishedOn ?? "",
            url: url, catalogEntries: entries.map(\.label))
        let json = String(decoding: try JSONEncoder.sorted.encode(payload), as: UTF8.self)
        for subscription in matching {
            let row = OutboxRecord()
            row.siteID = siteID
            row.$subscription.id = try subscription.requireID()
            row.kind = subscription.channel
            row.subject = "【\(subscription.scopeLabel)】\(version.title)"
            row.payload = json
            row.attempts = 0
            row.nextAttemptAt = now
            row.lastError = ""
            row.createdAt = now
            try await row.create(on: db)
        }
    }

    struct PublishedEvent: Codable, Sendable {
        let event: String
        let id: String
        let version: Int
        let indexNumber: String
        let title: String
        let documentNumber: String
        let unit: String
        let publishedOn: String
        let url: String
        let catalogEntries: [String]
    }

    static func signature(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Delivers every due message once (`DeliveryQueue`); a webhook's echoed challenge confirms its subscription.
    @discardableResult
    static func deliverDue(app: Application, limit: Int = 200) async throws -> RunSummary {
        let now = app.gongkai.now
        let due = try await OutboxRecord.query(on: app.db).filter(\.$deliveredAt == nil).filter(\.$abandonedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).with(\.$subscription).all()
        let clock = app.gongkai
        return try await DeliveryQueue.run(due, now: { clock.now }, on: app.db, send: { await send($0, app: app) }, settle: { row, failure, tx in
            if failure == nil && row.kind == "verify" {
                row.subscription.confirmedAt = clock.now
                try await row.subscription.save(on: tx)
            }
        })
    }

    /// nil when delivered (or no longer wanted).
    static func send(_ row: OutboxRecord, app: Application) async -> Failure? {
        let subscription = row.subscription
        guard subscription.cancelledAt == nil else { return nil }
        switch row.kind {
        case "email", "verify-email": return await sendMail(row, app: app)
        default: return await post(row, app: app)
        }
    }

    static func post(_ row: OutboxRecord, app: Application) async -> Failure? {
        let subscription = row.subscription
        guard let url = URL(string: subscription.address), ["http", "https"].contains(url.scheme ?? "") else {
            return Failure(message: "推送地址无效：\(subscription.address)", permanent: true)
        }
        let setting = (try? await SiteRecord.find(subscription.$site.id, on: app.db))?.webhookAllowedHosts ?? ""
        let checked: NetworkAddress?
        do {
            checked = try await app.threadPool.runIfActive {
                try WebhookTarget.check(url, allowance: WebhookTarget.Allowance(setting))
            }
        } catch let refused as WebhookTarget.Refused {
            return Failure(message: refused.message, permanent: true)
        } catch {
            return Failure(message: "无法检查推送地址：\(error)")
        }
        let target = WebhookTarget.connection(for: url, checked: checked)
        let body = Data(row.payload.utf8)
        do {
            var headers = HTTPHeaders()
            headers.contentType = .json
            if let host = target.host { headers.replaceOrAdd(name: .host, value: host) }
            headers.add(name: "X-Gongkai-Signature", value: signature(body, secret: subscription.secret))
            headers.add(name: "X-Gongkai-Delivery", value: row.id?.uuidString ?? "")
            headers.add(name: "X-Gongkai-Event", value: row.kind == "verify" ? "subscription.verify" : "publication.published")
            let response = try await app.client.post(target.uri, headers: headers) { req in
                req.body = ByteBuffer(data: body)
                req.timeout = .seconds(10)
            }
            if (300..<400).contains(response.status.code) {
                // Redirects are never followed: one could lead from a public address to an internal one.
                return Failure(message: "接收方要求跳转（HTTP \(response.status.code)），推送不跟随跳转，请登记最终地址", permanent: true)
            }
            guard (200..<300).contains(response.status.code) else { return Failure(message: "接收方返回 HTTP \(response.status.code)") }
            if row.kind == "verify" {
                // Verification of intent (as WebSub does): the receiver must echo the challenge.
                let challenge = (try? JSONDecoder().decode(Verify.self, from: body))?.challenge ?? ""
                let answer = response.body.map { String(buffer: $0) } ?? ""
                guard !challenge.isEmpty, answer.contains(challenge) else { return Failure(message: "接收方未回显验证码（challenge），订阅未确认") }
            }
            return nil
        } catch {
            return Failure(message: "无法连接接收方：\(error)")
        }
    }

    static func sendMail(_ row: OutboxRecord, app: Application) async -> Failure? {
        let config = app.gongkai.config
        guard let smtp = config.smtp else { return Failure(message: "未配置邮件服务器（GONGKAI_SMTP_HOST），邮件待发") }
        let subscription = row.subscription
        let cancelURL = app.gongkai.publicBaseURL + SiteURL.subscriptionCancel(token: subscription.token).path
        let body: String
        if row.kind == "verify-email" {
            guard let verify = try? JSONDecoder().decode(VerifyEmail.self, from: Data(row.payload.utf8)) else {
                return Failure(message: "消息内容无法读取", permanent: true)
            }
            body = MailTexts.confirmation(scope: subscription.scopeLabel, confirmURL: verify.confirmURL, cancelURL: cancelURL)
        } else {
            guard let event = try? JSONDecoder().decode(PublishedEvent.self, from: Data(row.payload.utf8)) else {
                return Failure(message: "消息内容无法读取", permanent: true)
            }
            body = MailTexts.publication(event, scope: subscription.scopeLabel, cancelURL: cancelURL)
        }
        let host = smtp.from.split(separator: "@").last.map(String.init) ?? "localhost"
        let message = MailMessage(from: smtp.from, fromName: smtp.fromName, to: subscription.address, subject: row.subject, body: body,
                                  date: app.gongkai.now, messageID: "\(row.id?.uuidString.lowercased() ?? UUID().uuidString)@\(host)",
                                  unsubscribeURL: cancelURL)
        do {
            try await SMTPClient.send(message, via: smtp)
            return nil
        } catch let failure as SMTPClient.Failure {
            return Failure(message: failure.description, permanent: failure.permanent)
        } catch {
            return Failure(message: "发送邮件失败：\(error)")
        }
    }

    struct VerifyEmail: Codable, Sendable {
        let event: String
        let confirmURL: String
    }

    struct Verify: Codable, Sendable {
        let event: String
        let challenge: String
        let scope: String
        let cancelURL: String
    }

    /// The first message to a new subscription: a webhook must answer with the challenge, an e-mail address must
    /// use the link in the confirmation mail (double opt-in) before any information is sent to it.
    static func enqueueVerification(_ subscription: SubscriptionRecord, cancelURL: String, confirmURL: String, now: Date, on db: any Database) async throws {
        let row = OutboxRecord()
        row.siteID = subscription.$site.id
        row.$subscription.id = try subscription.requireID()
        if subscription.channel == "email" {
            row.kind = "verify-email"
            row.subject = "请确认订阅：\(subscription.scopeLabel)"
            row.payload = String(decoding: try JSONEncoder.sorted.encode(VerifyEmail(event: "subscription.verify", confirmURL: confirmURL)), as: UTF8.self)
        } else {
            let challenge = SubscriptionsActions.randomHex(16)
            let verify = Verify(event: "subscription.verify", challenge: challenge, scope: subscription.scopeLabel, cancelURL: cancelURL)
            row.kind = "verify"
            row.subject = "订阅确认：\(subscription.scopeLabel)"
            row.payload = String(decoding: try JSONEncoder.sorted.encode(verify), as: UTF8.self)
        }
        row.attempts = 0
        row.nextAttemptAt = now
        row.lastError = ""
        row.createdAt = now
        try await row.create(on: db)
    }
}

/// The words of the e-mails (plain text: every mail client shows it, and older readers can enlarge it).
enum MailTexts {
    static func confirmation(scope: String, confirmURL: String, cancelURL: String) -> String {
        """
        您好：

        有人（希望是您）在政府信息公开平台用这个邮箱订阅了“\(scope)”的新信息。

        如确是您本人订阅，请打开下面的链接并点击“确认订阅”（7天内有效）：
        \(confirmURL)

        确认之前，平台不会向您发送任何信息。如不是您本人操作，请忽略本邮件，或打开下面的链接取消：
        \(cancelURL)

        本邮件由系统自动发送，请勿回复。
        """
    }

    static func publication(_ event: Outbox.PublishedEvent, scope: String, cancelURL: String) -> String {
        var lines = ["您订阅的“\(scope)”有新信息发布：", "", event.title, ""]
        lines.append("发布机构：\(event.unit)")
        if !event.documentNumber.isEmpty { lines.append("文号：\(event.documentNumber)") }
        lines.append("索引号：\(event.indexNumber)")
        if !event.publishedOn.isEmpty { lines.append("发布日期：\(event.publishedOn)") }
        if event.version > 1 { lines.append("（本条信息已更新，这是第\(event.version)版）") }
        lines += ["", "查看全文：", event.url, "", "不想再收到这些邮件？取消订阅：", cancelURL, "", "本邮件由系统自动发送，请勿回复。"]
        return lines.joined(separator: "\n")
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Runs the outbox every 30 seconds while `serve` runs.
final class OutboxWorker: LifecycleHandler, @unchecked Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let handle = Task { [app] in
            while !Task.isCancelled {
                do { try await Outbox.deliverDue(app: app) } catch { app.logger.warning("outbox: \(error)") }
                if Task.isCancelled { break }
                do { try await RequestMail.deliverDue(app: app) } catch { app.logger.warning("applicant mail: \(error)") }
                try? await Task.sleep(for: .seconds(30))
            }
        }
        task.withLockedValue { $0 = handle }
    }

    /// Stops the loop and waits for a round in progress to end: the databases close right after this, and a
    /// round that went on would read a closed one (the server stopping at once after a failed start, say).
    func shutdownAsync(_ app: Application) async {
        let handle = task.withLockedValue { $0 }
        handle?.cancel()
        await handle?.value
    }
}
