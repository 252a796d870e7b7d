import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiInterchange

@testable import GongkaiCore
@testable import GongkaiServer

@Suite("依申请公开: intake, tracking, handling")
struct RequestFlowTests {
    /// Answers the form's arithmetic question ("七加五等于几？").
    static func answer(_ html: String) -> String {
        let digits: [Character: Int] = ["二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard let range = html.range(of: #"验证题：.加.等于几"#, options: .regularExpression) else { return "" }
        let text = Array(html[range])
        return String((digits[text[4]] ?? 0) + (digits[text[6]] ?? 0))
    }

    @Test("a person applies online and follows the case by code; the township confirms, asks for 补正, gets it, replies; dates by the calendar")
    func flow() async throws {
        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let person = Browser(app)
            let form = try await person.get(SiteURL.requestApply(slug: "hukou").path)
            #expect(form.status == .ok && form.text.contains("验证题") && form.text.contains("法人或其他组织（商业企业）"))
            var fields: [(String, String)] = [
                ("unit", try township.requireID().uuidString), ("applicantType", "natural-person"), ("name", "王小明"), ("idKind", "居民身份证"),
                ("idNumber", "110105194912310021"), ("phone", "13812345678"), ("email", ""), ("address", ""),
                ("information", "双钟镇2026年临时救助资金发放明细"), ("form", "email"), ("delivery", "email"),
                ("challenge", ""), ("answer", "0"),
            ]
            let refused = try await person.post(SiteURL.requestApply(slug: "hukou").path, fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("居民身份证号码应为18位，且校验码正确（读到：“110105194912310021”）"))
            #expect(refused.text.contains("选择电子邮件的，请填写电子邮箱") && refused.text.contains("验证题答案不对"))
            #expect(try await DisclosureRequestRecord.query(on: app.db).count() == 0, "nothing saved")

            let again = try await person.get(SiteURL.requestApply(slug: "hukou").path)
            let challenge = try #require(again.text.range(of: #"name="challenge" value="[^"]+""#, options: .regularExpression).map { String(again.text[$0]) })
            fields = fields.filter { !["idNumber", "email", "challenge", "answer"].contains($0.0) } + [
                ("idNumber", "11010519491231002X"), ("email", "wxm@example.com"),
                ("challenge", String(challenge.dropFirst(#"name="challenge" value=""#.count).dropLast())), ("answer", Self.answer(again.text)),
            ]
            let submitted = try await person.post(SiteURL.requestApply(slug: "hukou").path, fields)
            #expect(submitted.status == .seeOther)
            let trackPath = try #require(submitted.headers.first(name: .location))
            let record = try #require(try await DisclosureRequestRecord.query(on: app.db).first())
            #expect(trackPath.contains(record.code) && record.number == "2026-0001")
            let tracking = try await person.get(trackPath)
            #expect(tracking.text.contains(record.code) && tracking.text.contains("待受理机构确认收到申请"))
            #expect(!tracking.text.contains("王小明") && !tracking.text.contains("11010519491231002X") && !tracking.text.contains("13812345678"),
                    "the tracking page never shows who applied")
            let lowercase = try await person.get(SiteURL.requestTrack(slug: "hukou", code: record.code.lowercased().replacingOccurrences(of: "-", with: "")).path)
            #expect(lowercase.text.contains("待受理机构确认收到申请"), "codes are read however they are typed")

            // Other units and other counties cannot read it; the township's editor can, and that is audited.
            let other = Browser(app)
            _ = try await other.login("hukou-minzheng")
            #expect(try await other.get(SiteURL.adminRequest(try record.requireID()).path).status == .forbidden)
            let wuding = Browser(app)
            _ = try await wuding.login("wuding-admin")
            #expect(try await wuding.get(SiteURL.adminRequest(try record.requireID()).path).status == .notFound)
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let list = try await editor.get(SiteURL.adminRequests.path)
            #expect(list.text.contains("2026-0001") && list.text.contains("待确认收到"))
            let detail = try await editor.get(SiteURL.adminRequest(try record.requireID()).path)
            #expect(detail.text.contains("11010519491231002X") && detail.text.contains("王小明"))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "request.view").count() == 1)

            // 双方确认 on Monday 2026-09-21: 20 working days, past 中秋 and 国庆 (9-25…27, 10-01…07 off; 10-10 worked).
            func act(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                let page = try await editor.get(SiteURL.adminRequest(try record.requireID()).path)
                let lock = page.text.range(of: #"name="lockVersion" value="\d+""#, options: .regularExpression).map { String(page.text[$0]).filter(\.isNumber) } ?? "1"
                return try await editor.post(SiteURL.adminRequestEvents(try record.requireID()).path, fields + [("lockVersion", lock)])
            }
            #expect(try await act([("kind", "received"), ("on", "2026-09-21"), ("text", "电话与申请人确认")]).status == .seeOther)
            var stored = try #require(try await DisclosureRequestRecord.find(record.id, on: app.db))
            #expect(stored.receivedOn == "2026-09-21" && stored.dueOn == "2026-10-26")
            #expect(try await person.get(trackPath).text.contains("2026年10月26日"))

            let noItems = try await act([("kind", "correction-requested"), ("on", "2026-09-21"), ("until", "2026-09-30"), ("text", "")])
            #expect(noItems.status == .unprocessableEntity && noItems.text.contains("一次性写明需要补正的事项"))
            #expect(try await act([("kind", "correction-requested"), ("on", "2026-09-21"), ("until", "2026-09-30"),
                                      ("text", "请写明所需资金明细的时间范围")]).status == .seeOther)
            stored = try #require(try await DisclosureRequestRecord.find(record.id, on: app.db))
            #expect(stored.stage == "awaiting-correction" && stored.dueOn == nil)
            let waiting = try await person.get(trackPath)
            #expect(waiting.text.contains("待申请人补正") && waiting.text.contains("请写明所需资金明细的时间范围"))

            // Two days later the corrected application arrives: 20 working days from 9-23 → 10-28.
            clock.advance(2 * 86_400)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await act([("kind", "correction-received"), ("on", "2026-09-23")]).status == .seeOther)
            stored = try #require(try await DisclosureRequestRecord.find(record.id, on: app.db))
            #expect(stored.dueOn == "2026-10-28")
            let future = try await act([("kind", "note"), ("on", "2026-12-01"), ("text", "x")])
            #expect(future.status == .unprocessableEntity && future.text.contains("日期不能晚于今天"))
            // An extension is the office head's decision: recorded by the reviewer, not the editor.
            #expect(try await act([("kind", "extended"), ("on", "2026-09-23"), ("days", "20"), ("text", "需调取档案")]).status == .forbidden)
            #expect(try await act([("kind", "replied"), ("on", "2026-09-23"), ("outcome", "disclosed"), ("text", "已通过电子邮件提供")]).status == .seeOther)
            let replied = try await person.get(trackPath)
            #expect(replied.text.contains("已答复：予以公开") && replied.text.contains("（在答复期限内）"))
            let page = try await person.get(trackPath)
            #expect(page.text.contains("答复期限是怎样算出的") && page.text.contains("已重新起算"))
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action ~~ ["request.create", "request.event"]).all()
            #expect(audit.count == 5 && audit.allSatisfy { !$0.summary.contains("11010519491231002X") && !$0.summary.contains("王小明") })
        }
    }

    @Test("the API: public intake with the code, tracking with the computation; a unit's system reads, confirms, extends once and replies")
    func api() async throws {
        try await TestApp.run { app, _ in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            var json = HTTPHeaders()
            json.contentType = .json
            let body = #"{"site":"hukou","unit":"\#(try township.requireID().uuidString)","applicantType":"business","name":"湖口某某建材有限公司","idNumber":"91360429MA35XXXX1K","contactPerson":"李四","phone":"0792-6321234","information":"双钟镇2026年砂石开采许可决定","form":"paper","delivery":"post","address":"湖口县双钟镇某路1号"}"#
            let bad = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: json, body: ByteBuffer(string: body.replacingOccurrences(of: "91360429MA35XXXX1K", with: "123")))
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("统一社会信用代码应为18位"))
            let created = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: json, body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let code = try #require(try created.jsonObject()["code"] as? String)
            let tracked = try await app.testing().sendRequest(.GET, "/api/v1/requests/track/" + code.lowercased())
            #expect(try tracked.jsonObject()["stage"] as? String == "awaiting-receipt")
            #expect(!tracked.body.string.contains("李四") && !tracked.body.string.contains("91360429MA35XXXX1K"))

            let reviewer = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-shuangzhong-reviewer").first())
            let token = try await StaffAccounts.createToken(for: reviewer, label: "申请办理系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            var auth = json
            auth.bearerAuthorization = .init(token: token)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/requests", headers: auth)
            #expect(list.status == .ok && list.body.string.contains("2026-0001"))
            // The unit's system finds the case by the code the applicant quotes, and gets the id its events go to.
            let found = try await app.testing().sendRequest(.GET, "/api/v1/requests?code=" + code.replacingOccurrences(of: "-", with: "").lowercased(), headers: auth)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(found.body.string.utf8)) as? [[String: Any]])
            #expect(items.count == 1 && items.first?["code"] as? String == code)
            let idText = try #require(items.first?["id"] as? String)
            let id = try #require(UUID(uuidString: idText))
            let stored = try #require(try await DisclosureRequestRecord.query(on: app.db).filter(\.$code == code).first())
            #expect(id == stored.id && items.first?["lockVersion"] as? Int == stored.lockVersion)
            #expect(try tracked.jsonObject()["id"] == nil && tracked.jsonObject()["lockVersion"] == nil, "the public answer carries no internal data")
            let badCode = try await app.testing().sendRequest(.GET, "/api/v1/requests?code=12", headers: auth)
            #expect(badCode.status == .unprocessableEntity && badCode.body.string.contains("查询码应为12位"))
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/requests/\(id.uuidString)", headers: auth)
            #expect(detail.body.string.contains("91360429MA35XXXX1K"))
            func event(_ json: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/requests/\(id.uuidString)/events", headers: auth, body: ByteBuffer(string: json))
            }
            let received = try await event(#"{"kind":"received","on":"2026-09-21","text":"传真确认"}"#)
            #expect(received.status == .ok && received.body.string.contains("\"dueOn\":\"2026-10-26\""))
            let extended = try await event(#"{"kind":"extended","on":"2026-09-21","days":20,"text":"需调取档案，公开办主任同意"}"#)
            #expect(extended.body.string.contains("\"dueOn\":\"2026-11-23\""), "40 working days from 9-21")
            let twice = try await event(#"{"kind":"extended","on":"2026-09-21","days":5,"text":"再延"}"#)
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("只能延长一次"))
            let stale = try await event(#"{"kind":"note","on":"2026-09-21","text":"旧页面","lockVersion":1}"#)
            #expect(stale.status == .conflict)
            let noOutcome = try await event(#"{"kind":"replied","on":"2026-09-21"}"#)
            #expect(noOutcome.status == .unprocessableEntity)
            let replied = try await event(#"{"kind":"replied","on":"2026-09-21","outcome":"withheld-third-party","text":"第三方不同意公开且理由合理"}"#)
            #expect(replied.status == .ok && replied.body.string.contains("不予公开：保护第三方合法权益"))
            let editorUser = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "wuding-admin").first())
            let otherToken = try await StaffAccounts.createToken(for: editorUser, label: "x", actor: .commandLine(), now: app.gongkai.now, on: app.db).token
            var other = json
            other.bearerAuthorization = .init(token: otherToken)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/requests/\(id.uuidString)", headers: other).status == .notFound)
        }
    }

    @Test("staff register applications that came in person or by fax: 第三十一条 by channel, 代为填写 noted, own unit only")
    func registration() async throws {
        try await TestApp.run { app, _ in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let other = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            func register(_ unit: UUID, channel: String, arrived: String, confirmed: String = "", id: String = "11010519491231002X") async throws -> TestingHTTPResponse {
                _ = try await editor.get(SiteURL.adminRequestNew.path)
                return try await editor.post(SiteURL.adminRequestNew.path, [
                    ("unit", unit.uuidString), ("channel", channel), ("arrivedOn", arrived), ("confirmedOn", confirmed), ("writtenForApplicant", "1"),
                    ("applicantType", "natural-person"), ("name", "赵六"), ("idKind", "居民身份证"), ("idNumber", id), ("phone", "13900001111"),
                    ("information", "本村2026年低保名单"), ("form", "inspection"), ("delivery", "pickup"),
                ])
            }
            #expect(try await register(try other.requireID(), channel: "in-person", arrived: "2026-09-18").status == .unprocessableEntity)
            #expect(try await register(try township.requireID(), channel: "in-person", arrived: "2026-09-18", id: "1234").status == .unprocessableEntity)
            #expect(try await DisclosureRequestRecord.query(on: app.db).count() == 0)
            let inPerson = try await register(try township.requireID(), channel: "in-person", arrived: "2026-09-18")
            #expect(inPerson.status == .seeOther)
            let first = try #require(try await DisclosureRequestRecord.query(on: app.db).sort(\.$sequence).first())
            #expect(first.receivedOn == "2026-09-18" && first.stage == "handling")
            let page = try await editor.get(try #require(inPerson.headers.first(name: .location)))
            #expect(page.text.contains("由工作人员代为填写") && page.text.contains("以提交之日为收到申请之日"))
            // A fax counts from the day both sides confirmed; not confirmed yet, the clock has not started.
            #expect(try await register(try township.requireID(), channel: "fax", arrived: "2026-09-18").status == .seeOther)
            let fax = try #require(try await DisclosureRequestRecord.query(on: app.db).filter(\.$sequence == 2).first())
            #expect(fax.receivedOn == nil && fax.stage == "awaiting-receipt" && fax.repeatOf == first.id, "the same person and information: flagged as a repeat")
            #expect(try await register(try township.requireID(), channel: "fax", arrived: "2026-09-18", confirmed: "2026-09-21").status == .seeOther)
            let confirmed = try #require(try await DisclosureRequestRecord.query(on: app.db).filter(\.$sequence == 3).first())
            #expect(confirmed.receivedOn == "2026-09-21")

            // Table 三 of 2026 from these: three new (one not yet received is not counted), one replied, the rest carried over.
            _ = try await editor.get(SiteURL.adminRequest(try first.requireID()).path)
            let lock = String(try #require(try await DisclosureRequestRecord.find(first.id, on: app.db)).lockVersion)
            #expect(try await editor.post(SiteURL.adminRequestEvents(try first.requireID()).path,
                                          [("kind", "replied"), ("on", "2026-09-21"), ("outcome", "unavailable-not-held"), ("lockVersion", lock)]).status == .seeOther)
            let report = try await editor.get(SiteURL.adminRequestReport.path(.year(2026)))
            #expect(report.status == .ok && report.text.contains("勾稽关系核对无误"))
            let file = try await editor.get(SiteURL.adminRequestReportFile.path(.year(2026)))
            let sheet = try #require(try XLSXReader.read(Data(buffer: file.body)).first)
            func row(_ label: String) -> [String] {
                guard let r = (1...sheet.lastRow).first(where: { sheet.text(row: $0, column: 1) == label }) else { return [] }
                return (4...10).map { sheet.text(row: r, column: $0) }
            }
            #expect(row("一、本年新收政府信息公开申请数量") == ["2", "0", "0", "0", "0", "0", "2"])
            #expect(row("1.本机关不掌握相关政府信息") == ["1", "0", "0", "0", "0", "0", "1"])
            #expect(row("（七）总计") == ["1", "0", "0", "0", "0", "0", "1"])
            #expect(row("四、结转下年度继续办理") == ["1", "0", "0", "0", "0", "0", "1"])
        }
    }
}
