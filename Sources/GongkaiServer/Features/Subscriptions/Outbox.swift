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
    /// Pauses after the 1st, 2nd … failure; after the last one the message is abandoned (and shown to the admin).
    static let retryPauses: [TimeInterval] = [60, 300, 1800, 7200, 21600, 43200, 86400]

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

    struct RunSummary: Sendable, Equatable {
        var delivered = 0
        var failed = 0
        var abandoned = 0
    }

    /// Delivers every due message once. Safe to run from several places: a row is claimed by moving its next
    /// attempt forward in a conditional update before it is sent.
    @discardableResult
    static func deliverDue(app: Application, limit: Int = 200) async throws -> RunSummary {
        let now = app.gongkai.now
        let due = try await OutboxRecord.query(on: app.db).filter(\.$deliveredAt == nil).filter(\.$abandonedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).with(\.$subscription).all()
        var summary = RunSummary()
        for row in due {
            // Claim: another worker that read the same row will find next_attempt_at moved past now and skip it.
            // (Compared with <=, never =: a date read back from the database may differ in its last bit.)
            let claimed = try await (app.db as! any SQLDatabase).raw("""
                UPDATE outbox SET next_attempt_at = \(bind: now.addingTimeInterval(600)) WHERE id = \(bind: row.requireID())
                AND next_attempt_at <= \(bind: now) AND delivered_at IS NULL AND abandoned_at IS NULL RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            let failure = await send(row, app: app)
            let outcome = try await app.db.transaction { tx -> Int in
                row.attempts += 1
                let settled = Settlement(failure, attempts: row.attempts, now: app.gongkai.now)
                row.lastError = settled.lastError
                row.abandonedAt = settled.abandonedAt
                row.deliveredAt = settled.deliveredAt
                if let next = settled.nextAttemptAt { row.nextAttemptAt = next }
                if failure == nil {
                    if row.kind == "verify" {
                        row.subscription.confirmedAt = app.gongkai.now
                        try await row.subscription.save(on: tx)
                    }
                }
                try await row.save(on: tx)
                return failure == nil ? 0 : (row.abandonedAt != nil ? 2 : 1)
            }
            switch outcome {
            case 0: summary.delivered += 1
            case 1: summary.failed += 1
            default: summary.abandoned += 1
            }
        }
        return summary
    }

    /// What an attempt leaves on a message: delivered; or a later attempt after the next pause; or, after the last
    /// pause or a permanent refusal, given up (kept with its error).
    struct Settlement: Equatable {
        var deliveredAt: Date?
        var abandonedAt: Date?
        var nextAttemptAt: Date?
        var lastError = ""

        init(_ failure: Failure?, attempts: Int, now: Date) {
            guard let failure else {
                deliveredAt = now
                return
            }
            lastError = failure.message
            if attempts > retryPauses.count || failure.permanent { abandonedAt = now } else { nextAttemptAt = now.addingTimeInterval(retryPauses[attempts - 1]) }
        }
    }

    struct Failure: Error, Sendable {
        /// What went wrong, in words for the admin.
        let message: String
        /// Retrying will not help (the relay refused the address for good): abandon at once.
        var permanent = false
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
        let cancelURL = config.publicBaseURL + SiteURL.subscriptionCancel(token: subscription.token).path
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
                do { try await RequestMail.deliverDue(app: app) } catch { app.logger.warning("applicant mail: \(error)") }
                try? await Task.sleep(for: .seconds(30))
            }
        }
        task.withLockedValue { $0 = handle }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
