import Fluent
import Foundation
import GongkaiCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// 精准推送 without losing anything: publishing writes one outbox row per matching subscription in its own
/// transaction; a worker delivers due rows and retries failures with growing pauses, so a receiver that is down
/// gets the message when it is back. Webhooks are POSTed as JSON signed with HMAC-SHA256 of the body
/// (`X-Gongkai-Signature: sha256=<hex>`) under the subscription's secret.
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
            // Claim: another worker that read the same row will find next_attempt_at moved and skip it.
            let claimed = try await (app.db as! any SQLDatabase).raw("""
                UPDATE outbox SET next_attempt_at = \(bind: now.addingTimeInterval(600)) WHERE id = \(bind: row.requireID())
                AND next_attempt_at = \(bind: row.nextAttemptAt) AND delivered_at IS NULL RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            let error = await send(row, app: app)
            let outcome = try await app.db.transaction { tx -> Int in
                row.attempts += 1
                if let error {
                    row.lastError = error
                    if row.attempts > retryPauses.count {
                        row.abandonedAt = app.gongkai.now
                    } else {
                        row.nextAttemptAt = app.gongkai.now.addingTimeInterval(retryPauses[row.attempts - 1])
                    }
                } else {
                    row.deliveredAt = app.gongkai.now
                    row.lastError = ""
                    if row.kind == "verify" {
                        row.subscription.confirmedAt = app.gongkai.now
                        try await row.subscription.save(on: tx)
                    }
                }
                try await row.save(on: tx)
                return error == nil ? 0 : (row.abandonedAt != nil ? 2 : 1)
            }
            switch outcome {
            case 0: summary.delivered += 1
            case 1: summary.failed += 1
            default: summary.abandoned += 1
            }
        }
        return summary
    }

    /// nil when delivered; otherwise what went wrong, in words for the admin.
    static func send(_ row: OutboxRecord, app: Application) async -> String? {
        let subscription = row.subscription
        guard subscription.cancelledAt == nil else { return nil }
        guard let url = URL(string: subscription.address), ["http", "https"].contains(url.scheme ?? "") else {
            return "推送地址无效：\(subscription.address)"
        }
        let body = Data(row.payload.utf8)
        do {
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "X-Gongkai-Signature", value: signature(body, secret: subscription.secret))
            headers.add(name: "X-Gongkai-Delivery", value: row.id?.uuidString ?? "")
            headers.add(name: "X-Gongkai-Event", value: row.kind == "verify" ? "subscription.verify" : "publication.published")
            let response = try await app.client.post(URI(string: subscription.address), headers: headers) { req in
                req.body = ByteBuffer(data: body)
                req.timeout = .seconds(10)
            }
            guard (200..<300).contains(response.status.code) else { return "接收方返回 HTTP \(response.status.code)" }
            if row.kind == "verify" {
                // Verification of intent (as WebSub does): the receiver must echo the challenge.
                let challenge = (try? JSONDecoder().decode(Verify.self, from: body))?.challenge ?? ""
                let answer = response.body.map { String(buffer: $0) } ?? ""
                guard !challenge.isEmpty, answer.contains(challenge) else { return "接收方未回显验证码（challenge），订阅未确认" }
            }
            return nil
        } catch {
            return "无法连接接收方：\(error)"
        }
    }

    struct Verify: Codable, Sendable {
        let event: String
        let challenge: String
        let scope: String
        let cancelURL: String
    }

    /// The first message to a new webhook: it must answer with the challenge before any information is sent to it.
    static func enqueueVerification(_ subscription: SubscriptionRecord, cancelURL: String, now: Date, on db: any Database) async throws {
        let challenge = SubscriptionsController.randomHex(16)
        let verify = Verify(event: "subscription.verify", challenge: challenge, scope: subscription.scopeLabel, cancelURL: cancelURL)
        let row = OutboxRecord()
        row.siteID = subscription.$site.id
        row.$subscription.id = try subscription.requireID()
        row.kind = "verify"
        row.subject = "订阅确认：\(subscription.scopeLabel)"
        row.payload = String(decoding: try JSONEncoder.sorted.encode(verify), as: UTF8.self)
        row.attempts = 0
        row.nextAttemptAt = now
        row.lastError = ""
        row.createdAt = now
        try await row.create(on: db)
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
                try? await Task.sleep(for: .seconds(30))
            }
        }
        task.withLockedValue { $0 = handle }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
