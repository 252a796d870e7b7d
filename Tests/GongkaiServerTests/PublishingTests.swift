import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import GongkaiCore
@testable import GongkaiServer

/// A real HTTP receiver for webhook deliveries: answers the verification challenge, records every delivery, and
/// can be told to fail (to exercise the outbox's retries).
final class WebhookReceiver: @unchecked Sendable {
    let app: Application
    let received = NIOLockedValueBox<[(headers: HTTPHeaders, body: String)]>([])
    let failNext = NIOLockedValueBox(0)
    var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)/hook" }

    init() async throws {
        app = try await Application.make(.testing)
        app.post("hook") { [received, failNext] req -> Response in
            let body = req.body.string ?? ""
            received.withLockedValue { $0.append((req.headers, body)) }
            if failNext.withLockedValue({ n in defer { n = max(0, n - 1) }; return n > 0 }) { return Response(status: .serviceUnavailable) }
            if let verify = try? JSONDecoder().decode(Outbox.Verify.self, from: Data(body.utf8)) {
                return Response(status: .ok, body: .init(string: verify.challenge))
            }
            return Response(status: .noContent)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Publishing government information")
struct PublishingTests {
    static func entryOption(_ app: Application, unit: String) async throws -> PublicationStore.EntryOption {
        let unitRecord = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == unit).first())
        let options = try await PublicationStore.entryOptions(siteID: unitRecord.$site.id, unitID: unitRecord.id, on: app.db)
        return try #require(options.first { $0.label.contains("审核信息") })
    }

    static func draftFields(_ title: String, body: String, entry: UUID?, formedOn: String = "2026-09-10") -> [(String, String)] {
        var fields: [(String, String)] = [
            ("title", title), ("documentNumber", "双府办发[2026]7号"), ("theme", "民政、扶贫、救灾"), ("writtenOn", "2026-09-09"),
            ("formedOn", formedOn), ("attribute", "proactive"), ("body", body), ("channels[]", "government-website"),
            ("channels[]", "notice-board"), ("validity", "valid"),
        ]
        if let entry { fields.append(("entries[]", entry.uuidString)) }
        return fields
    }

    @Test("a township drafts under its catalog entry, the ID number blocks publishing until masked, the portal, search, feed and a webhook carry it, on time")
    func doneWhen() async throws {
        try await TestApp.run { app, clock in
            let receiver = try await WebhookReceiver()
            do {
                let option = try await Self.entryOption(app, unit: "湖口县双钟镇人民政府")
                let unitID = option.unitID

                // The receiver is on this machine: refused until the office allows the host (issue 16, SSRF).
                let public_ = Browser(app)
                _ = try await public_.get(SiteURL.subscribe(slug: "hukou").path(.subscribeTo(.unit(unitID))))
                let refused = try await public_.post(SiteURL.subscribe(slug: "hukou").path,
                                                     [("scope", "unit:\(unitID.uuidString)"), ("address", receiver.url)])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("已拒绝"))
                let office = Browser(app)
                _ = try await office.login("hukou-admin")
                _ = try await office.get(SiteURL.adminSubscriptions.path)
                #expect(try await office.post(SiteURL.adminWebhookHosts.path, [("hosts", "not a host!")]).status == .unprocessableEntity)
                #expect(try await office.post(SiteURL.adminWebhookHosts.path, [("hosts", "127.0.0.1")]).status == .seeOther)
                #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "site.webhook_hosts").count() == 1)

                // A department's system subscribes to the township's information; the outbox verifies the URL first.
                _ = try await public_.get(SiteURL.subscribe(slug: "hukou").path(.subscribeTo(.unit(unitID))))
                let subscribed = try await public_.post(SiteURL.subscribe(slug: "hukou").path,
                                                        [("scope", "unit:\(unitID.uuidString)"), ("address", receiver.url)])
                #expect(subscribed.status == .created)
                #expect(subscribed.text.contains("签名密钥"))
                let verified = try await Outbox.deliverDue(app: app)
                #expect(verified.delivered == 1)
                let subscription = try #require(try await SubscriptionRecord.query(on: app.db).first())
                #expect(subscription.confirmedAt != nil)

                // The township editor drafts under 社会救助 / 最低生活保障 / 审核信息.
                let editor = Browser(app)
                _ = try await editor.login("hukou-shuangzhong-editor")
                let form = try await editor.get(SiteURL.adminPublicationNew.path)
                #expect(form.text.contains("审核信息") && form.text.contains("制定或获取信息之日起10个工作日内"))
                let body = "经审核，以下家庭符合最低生活保障条件，现予公示：\n张三，身份证号11010519491231002X，保障人口2人，低保金每月600元。"
                let created = try await editor.post(SiteURL.adminPublicationNew.path,
                                                    Self.draftFields("双钟镇2026年9月低保审核对象名单公示", body: body, entry: option.entryID))
                #expect(created.status == .seeOther)
                let record = try #require(try await PublicationRecord.query(on: app.db).first())
                let id = try record.requireID()
                #expect(record.documentNumber == "双府办发〔2026〕7号", "文号 stored in its standard form")
                #expect(record.indexNumber.hasSuffix("/2026-00001"))
                let page = try await editor.get(SiteURL.adminPublication(id).path)
                #expect(page.text.contains("居民身份证号码"), "the check warns while drafting")
                #expect(page.text.contains("居民身份证号码“110***********002X”"), "findings are listed masked")
                let refusedPublish = try await editor.post(SiteURL.adminPublicationAction(id).path, [("action", "publish"), ("lockVersion", "1")],
                                                    headers: ["Host": "gongkai.example:8080", "Referer": "http://gongkai.example:8080" + SiteURL.adminPublication(id).path])
                #expect(refusedPublish.status == .forbidden)
                #expect(refusedPublish.text.contains(#"href="\#(SiteURL.adminPublication(id).path)" class="button">返回上一页"#), "the refusal leads back to the record")
                _ = try await editor.get(SiteURL.adminPublication(id).path)
                #expect(try await editor.post(SiteURL.adminPublicationAction(id).path, [("action", "submit"), ("lockVersion", "1")]).status == .seeOther)

                // The reviewer approves; publishing is blocked by the ID number; one click masks it; then it publishes.
                let reviewer = Browser(app)
                _ = try await reviewer.login("hukou-shuangzhong-reviewer")
                _ = try await reviewer.get(SiteURL.adminPublication(id).path)
                #expect(try await reviewer.post(SiteURL.adminPublicationAction(id).path, [("action", "approve"), ("lockVersion", "2")]).status == .seeOther)
                _ = try await reviewer.get(SiteURL.adminPublication(id).path)
                let blocked = try await reviewer.post(SiteURL.adminPublicationAction(id).path, [("action", "publish"), ("lockVersion", "3")])
                #expect(blocked.status == .unprocessableEntity)
                #expect(blocked.text.contains("发布前检查未通过") && blocked.text.contains("110***********002X"))
                #expect(try await PublicationRecord.find(id, on: app.db)?.liveVersionID == nil, "nothing was published")
                _ = try await reviewer.get(SiteURL.adminPublication(id).path)
                #expect(try await reviewer.post(SiteURL.adminPublicationMask(id).path, [("lockVersion", "3")]).status == .seeOther)
                clock.advance(3600)
                _ = try await reviewer.get(SiteURL.adminPublication(id).path)
                let published = try await reviewer.post(SiteURL.adminPublicationAction(id).path, [("action", "publish"), ("lockVersion", "4")])
                #expect(published.status == .seeOther)
                let live = try #require(try await PublicationRecord.find(id, on: app.db))
                #expect(live.isLive && live.publishedOn == "2026-09-21")

                // The portal shows it under the entry, with the masked body.
                let entryPage = try await Browser(app).get(SiteURL.entryPage(slug: "hukou", key: option.key).path)
                #expect(entryPage.text.contains("双钟镇2026年9月低保审核对象名单公示"))
                let infoPage = try await Browser(app).get(SiteURL.publication(slug: "hukou", id).path)
                #expect(infoPage.status == .ok && infoPage.text.contains("110***********002X") && !infoPage.text.contains("11010519491231002X"))
                #expect(infoPage.text.contains("application/atom+xml"))

                // Search finds it by a two-character word and by its 文号 typed with square brackets.
                let unsited = try await Browser(app).get(SiteURL.apiSearch.path(.text("低保")))
                #expect(unsited.status == .badRequest && unsited.text.contains("site_required"), "two sites: no silent choice")
                let found = try await Browser(app).get(SiteURL.apiSearch.path(.site("hukou"), .text("低保")))
                let json = try found.jsonObject()
                #expect(json["total"] as? Int == 1)
                let byNumber = try await Browser(app).get(SiteURL.search(slug: "hukou").path(.text("双府办发[2026]7号")))
                #expect(byNumber.text.contains("您是不是要找") && byNumber.text.contains("双府办发〔2026〕7号"))
                #expect(byNumber.text.contains("<mark>双府办发〔2026〕7号</mark>"), "the 文号 typed with other brackets is found and marked")

                // The unit's feed carries it and is well-formed Atom.
                let feed = try await Browser(app).get(SiteURL.feed(slug: "hukou", scope: .unit(unitID)).path)
                #expect(feed.headers.contentType?.description.contains("atom") == true)
                #expect(feed.text.contains("双钟镇2026年9月低保审核对象名单公示"))
                #expect(XMLParser(data: Data(feed.text.utf8)).parse())

                // The webhook subscriber receives it; a receiver that is down gets it on the retry.
                receiver.failNext.withLockedValue { $0 = 1 }
                let first = try await Outbox.deliverDue(app: app)
                #expect(first.failed == 1 && first.delivered == 0)
                #expect(try await Outbox.deliverDue(app: app).delivered == 0, "not due again before its pause")
                clock.advance(61)
                #expect(try await Outbox.deliverDue(app: app).delivered == 1)
                let deliveries = receiver.received.withLockedValue { $0 }.filter { $0.body.contains("publication.published") }
                #expect(deliveries.count == 2)
                let last = try #require(deliveries.last)
                #expect(last.body.contains("双钟镇2026年9月低保审核对象名单公示"))
                #expect(last.headers.first(name: "X-Gongkai-Signature") == Outbox.signature(Data(last.body.utf8), secret: subscription.secret))

                // The timeliness view: formed 2026-09-10, 10 working days → on time.
                let adminPage = try await reviewer.get(SiteURL.adminPublication(id).path)
                #expect(adminPage.text.contains("按时"))
                #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "publication.publish").count() == 1)
                #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "publication.mask").count() == 1)
            } catch {
                try? await receiver.stop()
                throw error
            }
            try await receiver.stop()
        }
    }

    @Test("a published record changes by a new version; the old one stays readable; withdrawal keeps it with its reason")
    func versionsAndWithdrawal() async throws {
        try await TestApp.run { app, clock in
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-reviewer")
            _ = try await editor.get(SiteURL.adminPublicationNew.path)
            _ = try await editor.post(SiteURL.adminPublicationNew.path, Self.draftFields("双钟镇养老服务补贴政策", body: "第一版正文：补贴标准每月100元。", entry: nil))
            let id = try #require(try await PublicationRecord.query(on: app.db).first()?.requireID())
            for (action, lock) in [("submit", 1), ("approve", 2), ("publish", 3)] {
                _ = try await editor.get(SiteURL.adminPublication(id).path)
                #expect(try await editor.post(SiteURL.adminPublicationAction(id).path, [("action", action), ("lockVersion", String(lock))]).status == .seeOther)
            }
            // A change without a change note is refused; with one it is a new draft version, the first stays live.
            _ = try await editor.get(SiteURL.adminPublicationEdit(id).path)
            var fields = Self.draftFields("双钟镇养老服务补贴政策", body: "第二版正文：补贴标准每月120元。", entry: nil)
            fields.append(("lockVersion", "4"))
            let refused = try await editor.post(SiteURL.adminPublicationEdit(id).path, fields)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("请说明修改了什么"))
            fields.append(("changeNote", "提高补贴标准"))
            _ = try await editor.get(SiteURL.adminPublicationEdit(id).path)
            #expect(try await editor.post(SiteURL.adminPublicationEdit(id).path, fields).status == .seeOther)
            let portal = try await Browser(app).get(SiteURL.publication(slug: "hukou", id).path)
            #expect(portal.text.contains("每月100元") && !portal.text.contains("每月120元"))
            clock.advance(3600)
            for (action, lock) in [("submit", 5), ("approve", 6), ("publish", 7)] {
                _ = try await editor.get(SiteURL.adminPublication(id).path)
                #expect(try await editor.post(SiteURL.adminPublicationAction(id).path, [("action", action), ("lockVersion", String(lock))]).status == .seeOther)
            }
            let now = try await Browser(app).get(SiteURL.publication(slug: "hukou", id).path)
            #expect(now.text.contains("每月120元") && now.text.contains("历史版本") && now.text.contains("提高补贴标准"))
            let old = try await Browser(app).get(SiteURL.publication(slug: "hukou", id, version: 1).path)
            #expect(old.text.contains("每月100元") && old.text.contains("历史版本"))
            // The index follows the live version.
            let search = try await Browser(app).get(SiteURL.apiSearch.path(.site("hukou"), .text("120")))
            #expect(try search.jsonObject()["total"] as? Int == 1)

            // Withdrawal needs a reason, keeps the record, answers 410 and leaves the index.
            _ = try await editor.get(SiteURL.adminPublication(id).path)
            #expect(try await editor.post(SiteURL.adminPublicationAction(id).path, [("action", "withdraw"), ("lockVersion", "8")]).status == .unprocessableEntity)
            _ = try await editor.get(SiteURL.adminPublication(id).path)
            #expect(try await editor.post(SiteURL.adminPublicationAction(id).path,
                                          [("action", "withdraw"), ("lockVersion", "8"), ("comment", "政策调整，另行发布")]).status == .seeOther)
            let gone = try await Browser(app).get(SiteURL.publication(slug: "hukou", id).path)
            #expect(gone.status == .gone && gone.text.contains("政策调整，另行发布"))
            #expect(try await Browser(app).get(SiteURL.apiSearch.path(.site("hukou"), .text("120"))).jsonObject()["total"] as? Int == 0)
            #expect(try await PublicationVersionRecord.query(on: app.db).filter(\.$publication.$id == id).count() == 2)

            // A file whose content is not what its name says is refused and nothing is stored.
            _ = try await editor.get(SiteURL.adminPublicationNew.path)
            _ = try await editor.post(SiteURL.adminPublicationNew.path, Self.draftFields("双钟镇附件测试", body: "正文", entry: nil))
            let draftID = try #require(try await PublicationRecord.query(on: app.db).filter(\.$title == "双钟镇附件测试").first()?.requireID())
            _ = try await editor.get(SiteURL.adminPublication(draftID).path)
            let fake = try await editor.upload(SiteURL.adminPublicationAttachments(draftID).path, [("lockVersion", "1")],
                                               file: ("file", "名单.pdf", Data("张三 110105".utf8), "application/pdf"))
            #expect(fake.status == .unsupportedMediaType && fake.text.contains("名单.pdf") && fake.text.contains("未保存"))
            #expect(try await PublicationAttachmentRecord.query(on: app.db).count() == 0)
            _ = try await editor.get(SiteURL.adminPublication(draftID).path)
            let real = try await editor.upload(SiteURL.adminPublicationAttachments(draftID).path, [("lockVersion", "1")],
                                               file: ("file", "补贴名单.pdf", DemoPublications.pdf(title: "x"), "application/pdf"))
            #expect(real.status == .seeOther)
            let attachment = try #require(try await PublicationAttachmentRecord.query(on: app.db).first())
            let download = try await editor.get(SiteURL.adminPublicationFile(draftID, attachment: attachment.requireID()).path)
            #expect(download.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''%E8%A1%A5%E8%B4%B4") == true)

            // Another township's staff cannot see or act on it.
            let other = Browser(app)
            _ = try await other.login("wuding-shishan-reviewer")
            #expect(try await other.get(SiteURL.adminPublication(id).path).status == .notFound)
        }
    }

    @Test("departments' systems create and publish through the API; the content check applies there too")
    func api() async throws {
        try await TestApp.run { app, _ in
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-shuangzhong-reviewer").first())
            let token = try await StaffAccounts.createToken(for: user, label: "民政业务系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            let option = try await Self.entryOption(app, unit: "湖口县双钟镇人民政府")
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.contentType = .json
            let input = #"{"title":"双钟镇低保资金发放情况","body":"发放低保金，联系电话13812345678。","formedOn":"2026-09-15","catalogEntries":["\#(option.key)"]}"#
            let created = try await app.testing().sendRequest(.POST, SiteURL.apiPublications.path, headers: headers, body: ByteBuffer(string: input))
            #expect(created.status == .created)
            let id = try #require(UUID(uuidString: try created.jsonObject()["id"] as? String ?? ""))
            let blocked = try await app.testing().sendRequest(.POST, SiteURL.apiPublicationPublish(id).path, headers: headers)
            #expect(blocked.status == .unprocessableEntity && blocked.body.string.contains("手机号码"))
            let forced = try await app.testing().sendRequest(.POST, SiteURL.apiPublicationPublish(id).path, headers: headers,
                                                             body: ByteBuffer(string: #"{"overrideReason":"该号码为镇民政办公开的咨询电话"}"#))
            #expect(forced.status == .ok)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "publication.override").count() == 1)
            let list = try await app.testing().sendRequest(.GET, SiteURL.apiPublications.path(.site("hukou")))
            #expect(try list.jsonObject()["total"] as? Int == 1)
            let detail = try await app.testing().sendRequest(.GET, SiteURL.apiPublication(id).path)
            #expect(detail.status == .ok && detail.body.string.contains("catalogEntries"))
            let missing = try await app.testing().sendRequest(.POST, SiteURL.apiPublications.path, headers: headers, body: ByteBuffer(string: #"{"title":""}"#))
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("请填写标题"))
        }
    }
}
