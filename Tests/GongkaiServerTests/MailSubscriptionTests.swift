import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import Vapor
import VaporTesting

@testable import GongkaiCore
@testable import GongkaiInterchange
@testable import GongkaiServer

/// A real SMTP server on a loopback port: records every message it accepts; can answer "451 try later" or refuse a
/// recipient for good.
final class SMTPReceiver: @unchecked Sendable {
    let messages = NIOLockedValueBox<[(recipient: String, data: String)]>([])
    let failNext = NIOLockedValueBox(0)
    let refuseRecipients = NIOLockedValueBox(false)
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private var task: Task<Void, Never>?
    var port: Int { server.channel.localAddress!.port! }

    init() async throws {
        server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child) }
            }
        task = Task { [server] in
            try? await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound { group.addTask { await self.converse(connection) } }
                }
            }
        }
    }

    func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 receiver.test ESMTP")
            var pending = "", data = "", recipient = ""
            var inData = false
            for try await var buffer in inbound {
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    if inData {
                        if line == "." {
                            inData = false
                            messages.withLockedValue { $0.append((recipient, data)) }
                            try await say("250 queued")
                        } else {
                            data += (line.hasPrefix(".") ? String(line.dropFirst()) : line) + "\r\n"
                        }
                        continue
                    }
                    switch line.prefix(4).uppercased() {
                    case "EHLO": try await say("250-receiver.test\r\n250 8BITMIME")
                    case "MAIL":
                        if failNext.withLockedValue({ n in defer { n = max(0, n - 1) }; return n > 0 }) {
                            try await say("451 4.3.0 try again later")
                        } else {
                            try await say("250 ok")
                        }
                    case "RCPT":
                        recipient = String(line.dropFirst("RCPT TO:<".count).dropLast())
                        try await say(refuseRecipients.withLockedValue { $0 } ? "550 5.1.1 no such user" : "250 ok")
                    case "DATA":
                        inData = true
                        data = ""
                        try await say("354 go ahead")
                    case "QUIT":
                        try await say("221 bye")
                        return
                    default: try await say("500 unknown")
                    }
                }
            }
        }
    }

    func stop() async {
        try? await server.channel.close()
        task?.cancel()
    }
}

@Suite("精准推送 by e-mail")
struct MailSubscriptionTests {
    static func confirmPath(in body: String) -> String? {
        guard let range = body.range(of: #"/dingyue/[0-9a-f]{48}/confirm"#, options: .regularExpression) else { return nil }
        return String(body[range])
    }

    @Test("double opt-in: the confirmation mail (retried when the relay is busy), the confirm button, then each new item by mail, until cancelled")
    func emailSubscription() async throws {
        let relay = try await SMTPReceiver()
        defer { Task { await relay.stop() } }
        try await TestApp.run(adjust: { $0.smtp = .init(host: "127.0.0.1", port: relay.port, from: "gongkai@hukou.gov.cn") }) { app, clock in
            clock.advance(0.123_456_7)  // real clocks have sub-microsecond fractions, which SQLite dates do not keep
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let scope = "unit:\(try township.requireID().uuidString)"
            let person = Browser(app)
            let form = try await person.get(SiteURL.subscribe(slug: "hukou").path)
            #expect(form.text.contains("电子邮件") && !form.text.contains("尚未开通"))

            let bad = try await person.post(SiteURL.subscribe(slug: "hukou").path, [("scope", scope), ("channel", "email"), ("address", "zhangsan")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("请填写正确的电子邮箱地址") && bad.text.contains("读到：“zhangsan”"))
            let created = try await person.post(SiteURL.subscribe(slug: "hukou").path, [("scope", scope), ("channel", "email"), ("address", "zhangsan@example.com")])
            #expect(created.status == .created && created.text.contains("请到邮箱确认"))
            let again = try await person.post(SiteURL.subscribe(slug: "hukou").path, [("scope", scope), ("channel", "email"), ("address", "zhangsan@example.com")])
            #expect(again.status == .ok && again.text.contains("没有重复发送"))
            #expect(try await OutboxRecord.query(on: app.db).filter(\.$kind == "verify-email").count() == 1, "one confirmation mail, not two")

            // The relay is busy once: the mail waits in the outbox and goes on the retry.
            relay.failNext.withLockedValue { $0 = 1 }
            #expect(try await Outbox.deliverDue(app: app) == .init(delivered: 0, failed: 1, abandoned: 0))
            let waiting = try #require(try await OutboxRecord.query(on: app.db).filter(\.$kind == "verify-email").first())
            #expect(waiting.lastError.contains("451"))
            clock.advance(61)
            #expect(try await Outbox.deliverDue(app: app) == .init(delivered: 1, failed: 0, abandoned: 0))
            let confirmation = try #require(relay.messages.withLockedValue { $0.first })
            #expect(confirmation.recipient == "zhangsan@example.com")
            #expect(confirmation.data.contains("Content-Type: text/plain; charset=UTF-8") && confirmation.data.contains("List-Unsubscribe: <"))
            let decoded = try #require(MailMessage.decode(confirmation.data))
            #expect(decoded.subject == "请确认订阅：单位：湖口县双钟镇人民政府")
            let confirmPath = try #require(Self.confirmPath(in: decoded.body))

            // Not confirmed yet: publishing sends nothing to this address.
            let subscription = try #require(try await SubscriptionRecord.query(on: app.db).filter(\.$channel == "email").first())
            #expect(subscription.confirmedAt == nil)
            // Following the link shows a button (a mail scanner's GET confirms nothing); the button confirms.
            let page = try await person.get(confirmPath)
            #expect(page.status == .ok && page.text.contains("确认订阅") && page.text.contains("zh***@example.com"))
            #expect(try await SubscriptionRecord.find(subscription.id, on: app.db)?.confirmedAt == nil)
            let confirmed = try await person.post(confirmPath, [])
            #expect(confirmed.status == .seeOther)
            #expect(try await SubscriptionRecord.find(subscription.id, on: app.db)?.confirmedAt != nil)
            let audit = try #require(try await AuditEventRecord.query(on: app.db).filter(\.$action == "subscription.confirm").first())
            #expect(audit.summary.contains("zh***@example.com") && !audit.summary.contains("zhangsan@"), "the audit log masks the address")

            // A new item of the township is mailed to the subscriber.
            let reviewer = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-shuangzhong-reviewer").first())
            let token = try await StaffAccounts.createToken(for: reviewer, label: "民政业务系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.contentType = .json
            func publish(_ title: String) async throws {
                let created = try await app.testing().sendRequest(.POST, SiteURL.apiPublications.path, headers: headers,
                                                                  body: ByteBuffer(string: #"{"title":"\#(title)","body":"正文。"}"#))
                let id = try #require(UUID(uuidString: try created.jsonObject()["id"] as? String ?? ""))
                let published = try await app.testing().sendRequest(.POST, SiteURL.apiPublicationPublish(id).path, headers: headers)
                #expect(published.status == .ok)
            }
            try await publish("双钟镇2026年第三季度临时救助情况公示")
            #expect(try await Outbox.deliverDue(app: app).delivered == 1)
            let news = try #require(relay.messages.withLockedValue { $0.count == 2 ? $0[1] : nil })
            let newsText = try #require(MailMessage.decode(news.data))
            #expect(newsText.subject == "【单位：湖口县双钟镇人民政府】双钟镇2026年第三季度临时救助情况公示")
            #expect(newsText.body.contains("查看全文：") && newsText.body.contains("/sites/hukou/xinxi/") && newsText.body.contains("/cancel"))

            // Cancelled: the next item is not mailed.
            let cancelPath = try #require(newsText.body.range(of: #"/dingyue/[0-9a-f]{48}/cancel"#, options: .regularExpression).map { String(newsText.body[$0]) })
            _ = try await person.get(cancelPath)
            #expect(try await person.post(cancelPath, []).status == .seeOther)
            try await publish("双钟镇2026年第四季度临时救助情况公示")
            #expect(try await Outbox.deliverDue(app: app).delivered == 0)
            #expect(relay.messages.withLockedValue { $0.count } == 2)
        }
    }

    @Test("a refused address is abandoned at once; without a relay the form offers webhooks only and says why")
    func refusalsAndNoRelay() async throws {
        let relay = try await SMTPReceiver()
        defer { Task { await relay.stop() } }
        try await TestApp.run(adjust: { $0.smtp = .init(host: "127.0.0.1", port: relay.port, from: "gongkai@hukou.gov.cn") }) { app, _ in
            let person = Browser(app)
            _ = try await person.get(SiteURL.subscribe(slug: "hukou").path)
            _ = try await person.post(SiteURL.subscribe(slug: "hukou").path, [("scope", "site:"), ("channel", "email"), ("address", "nobody@example.com")])
            relay.refuseRecipients.withLockedValue { $0 = true }
            #expect(try await Outbox.deliverDue(app: app) == .init(delivered: 0, failed: 0, abandoned: 1))
            let row = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(row.lastError.contains("550") && row.abandonedAt != nil)
        }
        try await TestApp.run { app, _ in
            let person = Browser(app)
            let form = try await person.get(SiteURL.subscribe(slug: "hukou").path)
            #expect(form.text.contains("邮件订阅需要本平台配置邮件服务器"))
            let refused = try await person.post(SiteURL.subscribe(slug: "hukou").path, [("scope", "site:"), ("channel", "email"), ("address", "a@example.com")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("尚未配置邮件服务器"))
            #expect(try await SubscriptionRecord.query(on: app.db).count() == 0)
        }
    }
}
