import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiCore
@testable import GongkaiInterchange
@testable import GongkaiServer

@Suite("依申请公开: letters, the whole statutory path, fees, 转办, table 四, queues")
struct RequestLetterTests {
    /// A staff member acting on one case through the back office's form (with its current lock).
    struct Handler {
        let browser: Browser
        let id: UUID

        func act(_ fields: [(String, String)], file: (name: String, data: Data)? = nil) async throws -> TestingHTTPResponse {
            let page = try await browser.get(SiteURL.adminRequest(id).path)
            let lock = page.text.range(of: #"name="lockVersion" value="\d+""#, options: .regularExpression).map { String(page.text[$0]).filter(\.isNumber) } ?? "1"
            if let file {
                return try await browser.upload(SiteURL.adminRequestEvents(id).path, fields + [("lockVersion", lock)],
                                                file: ("files[]", file.name, file.data, "application/pdf"))
            }
            return try await browser.post(SiteURL.adminRequestEvents(id).path, fields + [("lockVersion", lock)])
        }
    }

    static func stored(_ id: UUID, _ app: Application) async throws -> DisclosureRequestRecord {
        try #require(try await DisclosureRequestRecord.find(id, on: app.db))
    }

    /// The text of a .docx the app produced, read back with the project's own reader.
    static func docxText(_ response: TestingHTTPResponse) -> String {
        AttachmentText.extract(Data(buffer: response.body), fileName: "letter.docx") ?? ""
    }

    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    @Test("Done when: apply on the portal, follow by code; 补正, third party, one extension, a reply with a generated letter; every due date by the calendar; table 三 adds up")
    func doneWhen() async throws {
        try await TestApp.run { app, clock in
            try await DemoPublications.load(app: app, perSite: 10)
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let published = try #require(try await PublicationRecord.query(on: app.db).filter(\.$unit.$id == township.requireID())
                .filter(\.$liveVersionID != nil).first())

            // The person applies on the portal (Monday 2026-09-21) and gets a code.
            let person = Browser(app)
            let form = try await person.get(SiteURL.requestApply(slug: "hukou").path)
            let challenge = try #require(form.text.range(of: #"name="challenge" value="[^"]+""#, options: .regularExpression).map { String(form.text[$0]) })
            let submitted = try await person.post(SiteURL.requestApply(slug: "hukou").path, [
                ("unit", try township.requireID().uuidString), ("applicantType", "natural-person"), ("name", "王小明"), ("idKind", "居民身份证"),
                ("idNumber", "11010519491231002X"), ("phone", "13812345678"), ("email", "wxm@example.com"), ("address", ""),
                ("information", "双钟镇2026年临时救助资金发放明细"), ("form", "email"), ("delivery", "email"),
                ("challenge", String(challenge.dropFirst(#"name="challenge" value=""#.count).dropLast())), ("answer", RequestFlowTests.answer(form.text)),
            ])
            #expect(submitted.status == .seeOther)
            let trackPath = try #require(submitted.headers.first(name: .location))
            let record = try #require(try await DisclosureRequestRecord.query(on: app.db).first())
            let id = try record.requireID()
            let editor = Handler(browser: Browser(app), id: id)
            _ = try await editor.browser.login("hukou-shuangzhong-editor")
            let reviewer = Handler(browser: Browser(app), id: id)
            _ = try await reviewer.browser.login("hukou-shuangzhong-reviewer")

            // 双方确认 the same day: 20 working days past 中秋 (9-25) and 国庆 (10-1…7; 10-10 worked) → 10-26.
            #expect(try await editor.act([("kind", "received"), ("on", "2026-09-21"), ("text", "电话与申请人确认")]).status == .seeOther)
            #expect(try await Self.stored(id, app).dueOn == "2026-10-26")
            #expect(try await person.get(trackPath).text.contains("2026年10月26日"))

            // 补正: a one-time notice with what to fix and a period; the clock waits; the letter is there for the applicant.
            #expect(try await editor.act([("kind", "correction-requested"), ("on", "2026-09-21"), ("until", "2026-09-30"),
                                          ("text", "请写明所需资金明细的时间范围")]).status == .seeOther)
            #expect(try await Self.stored(id, app).dueOn == nil)
            var tracking = try await person.get(trackPath)
            #expect(tracking.text.contains("政府信息公开申请补正告知书") && tracking.text.contains("收到补正后的申请之日起重新计算20个工作日"))
            let correctionLetter = try await person.get(SiteURL.requestLetter(slug: "hukou", code: record.code, position: 2).path)
            #expect(correctionLetter.status == .ok)
            // The printed letter leads back to the tracking page: its address, and the same address as a QR code.
            #expect(correctionLetter.text.contains("扫码或访问以下网址查看办理进度") && correctionLetter.text.contains("<svg")
                && correctionLetter.text.contains("/sites/hukou/yishenqing/chaxun?code=\(record.code)"))
            #expect(correctionLetter.text.contains("王小明：") && correctionLetter.text.contains("请写明所需资金明细的时间范围")
                && correctionLetter.text.contains("请于2026年9月30日前补正") && correctionLetter.text.contains("湖口县双钟镇人民政府依申请公开〔2026〕0001号"))

            // The corrected application on Wednesday 9-23: the 20 days run anew → 10-28.
            clock.advance(2 * 86_400)
            _ = try await editor.browser.login("hukou-shuangzhong-editor")
            _ = try await reviewer.browser.login("hukou-shuangzhong-reviewer")
            #expect(try await editor.act([("kind", "correction-received"), ("on", "2026-09-23")]).status == .seeOther)
            #expect(try await Self.stored(id, app).dueOn == "2026-10-28")

            // A third party is consulted the same day: its time is not counted, so no due date while it is open.
            #expect(try await editor.act([("kind", "consultation-sent"), ("on", "2026-09-23"), ("text", "征求第三方（受助人）意见")]).status == .seeOther)
            #expect(try await Self.stored(id, app).dueOn == nil)
            tracking = try await person.get(trackPath)
            #expect(tracking.text.contains("征求意见结束后继续计算") && !tracking.text.contains("受助人"), "the third party is not named to the applicant")

            // It answers on Friday 10-09: 9-24 … 10-09 is the third party's time, not counted (the answer day included);
            // counting resumes on Saturday 10-10, a make-up working day, and the 20 days end on 11-05.
            clock.advance(16 * 86_400)
            _ = try await editor.browser.login("hukou-shuangzhong-editor")
            _ = try await reviewer.browser.login("hukou-shuangzhong-reviewer")
            #expect(try await editor.act([("kind", "consultation-closed"), ("on", "2026-10-09"), ("text", "第三方书面同意公开")]).status == .seeOther)
            let afterConsultation = try await Self.stored(id, app).dueOn
            #expect(afterConsultation == "2026-11-05")

            // One extension, by the reviewer (the office head's consent), 20 working days → 12-03; a second is refused.
            #expect(try await editor.act([("kind", "extended"), ("on", "2026-10-09"), ("days", "20"), ("text", "x")]).status == .forbidden)
            #expect(try await reviewer.act([("kind", "extended"), ("on", "2026-10-09"), ("days", "20"), ("text", "需汇总各村发放记录，公开办负责人同意")]).status == .seeOther)
            #expect(try await Self.stored(id, app).dueOn == "2026-12-03")
            let twice = try await reviewer.act([("kind", "extended"), ("on", "2026-10-09"), ("days", "5"), ("text", "再延")])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("只能延长一次"))
            let extensionLetter = try await person.get(SiteURL.requestLetter(slug: "hukou", code: record.code, position: 6).path)
            #expect(extensionLetter.text.contains("延期答复告知书") && extensionLetter.text.contains("延长20个工作日") && extensionLetter.text.contains("2026年12月3日前作出答复"))

            // The reply: 予以公开, pointing to the published record, with a released file; the letter is generated.
            let preview = try await editor.act([("kind", "replied"), ("on", "2026-10-09"), ("outcome", "disclosed"), ("publication", published.indexNumber),
                                                ("text", "涉及受助人身份证号码的部分已屏蔽"), ("preview", "1")])
            #expect(preview.status == .ok && preview.text.contains("告知书预览（尚未记录、尚未发出）") && preview.text.contains(published.indexNumber)
                && preview.text.contains("涉及受助人身份证号码的部分已屏蔽"))
            #expect(try await Self.stored(id, app).stage != "replied", "a preview records nothing")
            #expect(try await DisclosureRequestLetterRecord.query(on: app.db).count() == 2)
            let wrongIndex = try await editor.act([("kind", "replied"), ("on", "2026-10-09"), ("outcome", "disclosed"), ("publication", "不存在的索引号")])
            #expect(wrongIndex.status == .unprocessableEntity && wrongIndex.text.contains("没有已发布的、索引号为“不存在的索引号”的信息"))
            let fake = try await editor.act([("kind", "replied"), ("on", "2026-10-09"), ("outcome", "disclosed")], file: ("明细.pdf", Data("not a pdf".utf8)))
            #expect(fake.status == .unsupportedMediaType && fake.text.contains("未保存"))
            #expect(try await Self.stored(id, app).stage != "replied", "a refused reply changes nothing")
            let reply = try await editor.act([("kind", "replied"), ("on", "2026-10-09"), ("outcome", "disclosed"), ("publication", published.indexNumber),
                                              ("text", "涉及受助人身份证号码的部分已屏蔽")], file: ("临时救助资金发放明细.pdf", Self.pdf))
            #expect(reply.status == .seeOther)
            let done = try await Self.stored(id, app)
            #expect(done.stage == "replied" && done.outcome == "disclosed" && done.repliedOn == "2026-10-09")

            let letters = try await DisclosureRequestLetterRecord.query(on: app.db).filter(\.$request.$id == id).sort(\.$eventPosition).all()
            #expect(letters.map(\.kind) == ["correction", "extension", "reply.disclosed"])
            let replyLetter = try #require(letters.last)
            let text = replyLetter.letter.text
            #expect(text.contains("政府信息公开申请答复告知书") && text.contains("本机关于2026年9月21日收到您提出的政府信息公开申请"))
            #expect(text.contains("《中华人民共和国政府信息公开条例》第三十六条第一项、第二项") && text.contains(published.title) && text.contains(published.indexNumber))
            #expect(text.contains("临时救助资金发放明细.pdf") && text.contains("电子邮件"))
            #expect(text.contains("60日内依法向湖口县人民政府申请行政复议") && text.contains("6个月内依法向人民法院提起行政诉讼"))
            #expect(!text.contains("{"), "every placeholder filled")

            // The handler's printable page and .docx; the applicant's by code; the file as uploaded.
            let staffPage = try await editor.browser.get(SiteURL.adminRequestLetter(id, position: replyLetter.eventPosition).path)
            #expect(staffPage.status == .ok && staffPage.text.contains("下载 Word 文档"))
            let staffDocx = try await editor.browser.get(SiteURL.adminRequestLetterFile(id, position: replyLetter.eventPosition).path)
            #expect(staffDocx.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
            #expect(Self.docxText(staffDocx).contains("行政复议") && Self.docxText(staffDocx).contains("王小明："))
            tracking = try await person.get(trackPath)
            #expect(tracking.text.contains("已答复：予以公开") && tracking.text.contains("（在答复期限内）") && tracking.text.contains("临时救助资金发放明细.pdf"))
            let publicDocx = try await person.get(SiteURL.requestLetterFile(slug: "hukou", code: record.code, position: replyLetter.eventPosition).path)
            #expect(publicDocx.status == .ok && Self.docxText(publicDocx).contains("予以公开"))
            let file = try #require(try await DisclosureRequestFileRecord.query(on: app.db).filter(\.$request.$id == id).first())
            let download = try await person.get(SiteURL.requestFile(slug: "hukou", code: record.code, file: try file.requireID()).path)
            #expect(download.status == .ok && Data(buffer: download.body) == Self.pdf)
            #expect(try await person.get(SiteURL.requestLetter(slug: "hukou", code: "AAAA-BBBB-CCCC", position: 2).path).status == .notFound)
            let other = Browser(app)
            _ = try await other.login("hukou-minzheng")
            #expect(try await other.get(SiteURL.adminRequestLetterFile(id, position: 2).path).status == .forbidden)

            // 送达 after the reply; nothing else may follow it.
            #expect(try await editor.act([("kind", "delivered"), ("on", "2026-10-09"), ("text", "已发送至申请人电子邮箱")]).status == .seeOther)
            #expect(try await person.get(trackPath).text.contains("答复已送达（已发送至申请人电子邮箱）"))

            // Table 三 for the year: one new, one 予以公开, balanced.
            let report = try await editor.browser.get(SiteURL.adminRequestReport.path(.year(2026)))
            #expect(report.text.contains("勾稽关系核对无误"))
            let table = TableThree(year: 2026, tallies: try await RequestReport.tallies(siteID: record.$site.id, units: [township.requireID()], year: 2026, on: app.db))
            #expect(table.count(table.newThisYear, nil) == 1 && table.result(.disclosed, .naturalPerson) == 1 && table.unbalancedColumns().isEmpty)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "request.event").all()
            #expect(audit.count == 8 && audit.contains { $0.summary.contains("提供文件1个") })
        }
    }

    @Test("letter templates: the office edits the wording as a new version; bad placeholders or a missing remedy are refused and nothing is saved")
    func templates() async throws {
        try await TestApp.run { app, _ in
            let key = RequestLetter.Kind.reply(.unavailableNotHeld).key
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get(SiteURL.adminRequestTemplates.path).status == .forbidden)
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let list = try await admin.get(SiteURL.adminRequestTemplates.path)
            #expect(list.text.contains("答复：无法提供：本机关不掌握相关政府信息") && list.text.contains("政府信息公开申请补正告知书"))
            let page = try await admin.get(SiteURL.adminRequestTemplate(key: key).path)
            #expect(page.text.contains("{复议机关}") && page.text.contains("预览"))
            let unknown = try await admin.post(SiteURL.adminRequestTemplate(key: key).path, [("body", "{申请人}：经检索，本机关没有{所申请的信息}。如不服，可以60日内申请行政复议或6个月内提起行政诉讼。"), ("number", "0")])
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("不认识的占位符：{所申请的信息}"))
            let noRemedy = try await admin.post(SiteURL.adminRequestTemplate(key: key).path, [("body", "{申请人}：经检索，本机关没有您申请的信息。"), ("number", "0")])
            #expect(noRemedy.status == .unprocessableEntity && noRemedy.text.contains("须告知救济途径"))
            #expect(try await RequestLetterTemplateRecord.query(on: app.db).count() == 0)
            let wording = "经检索，本机关未制作、未获取您所申请的“{所申请信息}”。可向县档案馆咨询。\n如对本答复不服，可以自收到本告知书之日起60日内向{复议机关}申请行政复议，或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。"
            #expect(try await admin.post(SiteURL.adminRequestTemplate(key: key).path, [("body", wording), ("number", "0"), ("note", "加上档案馆")]).status == .seeOther)
            _ = try await admin.get(SiteURL.adminRequestTemplate(key: key).path)
            let stale = try await admin.post(SiteURL.adminRequestTemplate(key: key).path, [("body", wording + "再改"), ("number", "0")])
            #expect(stale.status == .conflict)
            #expect(try await RequestLetterTemplateRecord.query(on: app.db).count() == 1)

            // A reply made now uses version 1; the audit has the save.
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            let record = try await RequestStore.create(.init(application: RequestApplication(name: "赵六", idNumber: "11010519491231002X", phone: "13900001111",
                                                                                             information: "某村2019年的会议记录", form: .paper, delivery: .pickup),
                                                             unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate("2026-09-21")!),
                                                       siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await Handler(browser: editor, id: try record.requireID()).act([("kind", "replied"), ("on", "2026-09-21"), ("outcome", "unavailable-not-held")]).status == .seeOther)
            let letter = try #require(try await DisclosureRequestLetterRecord.query(on: app.db).filter(\.$request.$id == record.requireID()).first())
            #expect(letter.templateNumber == 1 && letter.letter.text.contains("可向县档案馆咨询") && letter.letter.text.contains("某村2019年的会议记录"))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "request.template").count() == 1)
        }
    }

    @Test("fees only by a reviewer, worked out by piece over the month; 转办 hands the case over; table 四; the queues and the office overview; 第四十四条")
    func handling() async throws {
        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let bureau = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            func create(_ name: String, id: String, information: String, on day: String) async throws -> DisclosureRequestRecord {
                try await RequestStore.create(.init(application: RequestApplication(name: name, idNumber: id, phone: "13900001111", information: information,
                                                                                    form: .paper, delivery: .pickup),
                                                    unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate(day)!),
                                              siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            }
            // The same applicant filed 12 applications this month before this one.
            for i in 0..<12 { _ = try await create("钱七", id: "11010519491231002X", information: "第\(i)项信息", on: "2026-09-0\(1 + i % 9)") }
            let feeCase = try await create("钱七", id: "11010519491231002X", information: "某路段工程的全部资料", on: "2026-09-21")
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let reviewer = Browser(app)
            _ = try await reviewer.login("hukou-shuangzhong-reviewer")
            let feeByEditor = try await Handler(browser: editor, id: try feeCase.requireID()).act([("kind", "fee-noticed"), ("on", "2026-09-21"), ("feeMethod", "by-piece"), ("feeCount", "3")])
            #expect(feeByEditor.status == .forbidden)
            #expect(!(try await editor.get(SiteURL.adminRequest(try feeCase.requireID()).path).text.contains("发出收费通知时")), "the editor is not offered fees")
            let fee = try await Handler(browser: reviewer, id: try feeCase.requireID()).act([("kind", "fee-noticed"), ("on", "2026-09-21"), ("feeMethod", "by-piece"), ("feeCount", "3")])
            #expect(fee.status == .seeOther)
            let notice = try #require(try await DisclosureRequestEventRecord.query(on: app.db).filter(\.$request.$id == feeCase.requireID()).filter(\.$kind == "fee-noticed").first())
            #expect(notice.amount == 300 && notice.text.contains("本月此前已申请12件") && notice.text.contains("第13—15件：100元/件×3件=300元"))
            let feeLetter = try #require(try await DisclosureRequestLetterRecord.query(on: app.db).filter(\.$request.$id == feeCase.requireID()).first())
            #expect(feeLetter.letter.text.contains("信息处理费300元") && feeLetter.letter.text.contains("收到本通知次日起20个工作日内缴纳"))
            let free = try await create("孙八", id: "110105198001010014", information: "一份文件", on: "2026-09-21")
            let noFee = try await Handler(browser: reviewer, id: try free.requireID()).act([("kind", "fee-noticed"), ("on", "2026-09-21"), ("feeMethod", "by-volume"), ("feeCount", "30")])
            #expect(noFee.status == .unprocessableEntity && noFee.text.contains("不需收费"))

            // 转办 to the 民政局: the township's editor loses the case, the bureau gets it; the clock runs on.
            let moved = try await create("李四", id: "11010519491231002X", information: "全县低保资金年度使用情况", on: "2026-09-21")
            let dueBefore = try await Self.stored(try moved.requireID(), app).dueOn
            let noUnit = try await Handler(browser: editor, id: try moved.requireID()).act([("kind", "transferred"), ("on", "2026-09-21")])
            #expect(noUnit.status == .unprocessableEntity && noUnit.text.contains("请选择本站点内"))
            let transfer = try await Handler(browser: editor, id: try moved.requireID()).act([("kind", "transferred"), ("on", "2026-09-21"),
                                                                                              ("transferTo", try bureau.requireID().uuidString), ("text", "信息由县民政局掌握")])
            #expect(transfer.status == .seeOther && transfer.headers.first(name: .location)?.contains("request-transferred") == true)
            // The queue says so, once (the confirmation has one source, `Notice`).
            let queueAfterTransfer = try await editor.get(transfer.headers.first(name: .location) ?? "")
            #expect(queueAfterTransfer.text.components(separatedBy: "申请已转办，由接收单位继续办理。").count == 2)
            let after = try await Self.stored(try moved.requireID(), app)
            #expect(after.$unit.id == bureau.id && after.dueOn == dueBefore)
            #expect(try await editor.get(SiteURL.adminRequest(try moved.requireID()).path).status == .forbidden)
            let bureauStaff = Browser(app)
            _ = try await bureauStaff.login("hukou-minzheng")
            #expect(try await bureauStaff.get(SiteURL.adminRequest(try moved.requireID()).path).text.contains("转由湖口县民政局办理"))

            // 第四十四条: two people asked for the same information — the page offers a draft for proactive disclosure.
            let first = try await create("周九", id: "110105194912310013", information: "双钟镇2026年低保名单", on: "2026-09-21")
            let second = try await create("吴十", id: "11010519491231002X", information: "双钟镇 2026年 低保名单。", on: "2026-09-21")
            let secondPage = try await editor.get(SiteURL.adminRequest(try second.requireID()).path)
            #expect(secondPage.text.contains("其他申请人申请了相同的政府信息") && secondPage.text.contains(first.number))
            let drafted = try await editor.post(SiteURL.adminRequestProactive(try second.requireID()).path, [])
            #expect(drafted.status == .seeOther)
            let draft = try #require(try await PublicationRecord.query(on: app.db).filter(\.$title == "双钟镇 2026年 低保名单。").first())
            #expect(draft.$unit.id == township.id && draft.liveVersionID == nil, "a draft, to be reviewed before publishing")

            // Search on the case page finds earlier applications.
            let found = try await editor.get(SiteURL.adminRequest(try second.requireID()).path + "?q=" + Browser.encode("低保名单"))
            #expect(found.text.contains("以往的申请") && found.text.contains(first.number))

            // Table 四: a 行政复议 against the reply, pending, then upheld.
            #expect(try await Handler(browser: editor, id: try first.requireID()).act([("kind", "replied"), ("on", "2026-09-21"), ("outcome", "withheld-third-party"), ("text", "涉及个人隐私")]).status == .seeOther)
            _ = try await editor.get(SiteURL.adminRequest(try first.requireID()).path)
            #expect(try await editor.post(SiteURL.adminRequestAppeals(try first.requireID()).path, [("kind", "review"), ("filedOn", "2026-09-21"), ("note", "县政府 湖府复〔2026〕3号")]).status == .seeOther)
            var report = try await editor.get(SiteURL.adminRequestReport.path(.year(2026)))
            let appeal = try #require(try await DisclosureRequestAppealRecord.query(on: app.db).first())
            #expect(TableFour(year: 2026, cases: [try #require(appeal.tableCase)]).figures == [0, 0, 0, 1, 1] + Array(repeating: 0, count: 10))
            #expect(report.text.contains("政府信息公开行政复议、行政诉讼情况"))
            _ = try await editor.get(SiteURL.adminRequest(try first.requireID()).path)
            let badDate = try await editor.post(SiteURL.adminRequestAppeal(try first.requireID(), appeal: try appeal.requireID()).path,
                                                [("result", "upheld"), ("decidedOn", ""), ("lockVersion", "1")])
            #expect(badDate.status == .unprocessableEntity)
            _ = try await editor.get(SiteURL.adminRequest(try first.requireID()).path)
            #expect(try await editor.post(SiteURL.adminRequestAppeal(try first.requireID(), appeal: try appeal.requireID()).path,
                                          [("result", "upheld"), ("decidedOn", "2026-09-21"), ("lockVersion", "1"), ("note", "维持")]).status == .seeOther)
            report = try await editor.get(SiteURL.adminRequestReport.path(.year(2026)))
            let four = try await RequestReport.tableFour(siteID: siteID, units: [try township.requireID()], year: 2026, on: app.db)
            #expect(four.figures == [1, 0, 0, 0, 1] + Array(repeating: 0, count: 10))

            // Three weeks on: several cases overdue, the 补正 notices late; the queue and the office's overview say so.
            clock.advance(30 * 86_400)
            _ = try await editor.login("hukou-shuangzhong-editor")
            let queue = try await editor.get(SiteURL.adminRequests.path)
            #expect(queue.text.contains("已超过答复期限") && queue.text.contains(second.number))
            #expect(try await editor.get(SiteURL.adminRequestOverview.path).status == .forbidden)
            let editorHome = try await editor.get(SiteURL.admin.path)
            #expect(editorHome.text.contains("依申请公开：已超过答复期限") && !editorHome.text.contains("依申请公开办理情况"))
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let overview = try await admin.get(SiteURL.adminRequestOverview.path)
            #expect(overview.status == .ok && overview.text.contains("湖口县双钟镇人民政府") && overview.text.contains("按时答复率") && overview.text.contains("100.0%"))
            #expect(try await admin.get(SiteURL.admin.path).text.contains("依申请公开办理情况"))
            let counts = try await RequestQueues.counts(siteID: siteID, units: [township], today: ChineseTime.today(app.gongkai.now), calendar: calendar, on: app.db)
            #expect(counts.first?.repliedThisYear == 1 && counts.first?.repliedOnTime == 1 && (counts.first?.overdue ?? 0) >= 3)

            // The counting in SQL and the core's own classification agree.
            let tallied = TableThree(year: 2026, tallies: try await RequestReport.tallies(siteID: siteID, units: [try township.requireID(), try bureau.requireID()], year: 2026, on: app.db))
            let counted = TableThree(year: 2026, cases: try await RequestReport.cases(siteID: siteID, units: [try township.requireID(), try bureau.requireID()], year: 2026, on: app.db))
            #expect(tallied == counted && tallied.count(tallied.newThisYear, nil) == 17)
        }
    }

    @Test("the API: fees only with a reviewer's token and worked out, a reply with its letter in every read, 转办 by id")
    func api() async throws {
        try await TestApp.run { app, _ in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let bureau = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县民政局").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            let record = try await RequestStore.create(.init(application: RequestApplication(name: "赵六", idNumber: "11010519491231002X", phone: "13900001111",
                                                                                             information: "双钟镇2026年村道硬化工程资料", form: .paper, delivery: .post, needsHelp: false),
                                                             unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate("2026-09-21")!),
                                                       siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            func token(_ name: String) async throws -> HTTPHeaders {
                let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == name).first())
                var headers = HTTPHeaders()
                headers.contentType = .json
                headers.bearerAuthorization = .init(token: try await StaffAccounts.createToken(for: user, label: "系统", actor: .commandLine(), now: app.gongkai.now, on: app.db).token)
                return headers
            }
            let editor = try await token("hukou-shuangzhong-editor"), reviewer = try await token("hukou-shuangzhong-reviewer")
            let path = "/api/v1/requests/\(try record.requireID().uuidString)/events"
            let byEditor = try await app.testing().sendRequest(.POST, path, headers: editor, body: ByteBuffer(string: #"{"kind":"fee-noticed","on":"2026-09-21","feeMethod":"by-volume","feeCount":250}"#))
            #expect(byEditor.status == .forbidden)
            let typedAmount = try await app.testing().sendRequest(.POST, path, headers: reviewer, body: ByteBuffer(string: #"{"kind":"fee-noticed","on":"2026-09-21","amount":99999}"#))
            #expect(typedAmount.status == .unprocessableEntity, "an amount is never taken as typed")
            let fee = try await app.testing().sendRequest(.POST, path, headers: reviewer, body: ByteBuffer(string: #"{"kind":"fee-noticed","on":"2026-09-21","feeMethod":"by-volume","feeCount":250}"#))
            #expect(fee.status == .ok && fee.body.string.contains("4700") && fee.body.string.contains("信息处理费收费通知书"))
            _ = try await app.testing().sendRequest(.POST, path, headers: editor, body: ByteBuffer(string: #"{"kind":"fee-paid","on":"2026-09-21"}"#))
            let reply = try await app.testing().sendRequest(.POST, path, headers: editor, body: ByteBuffer(string: #"{"kind":"replied","on":"2026-09-21","outcome":"disclosed","text":"已邮寄"}"#))
            #expect(reply.status == .ok)
            let tracked = try await app.testing().sendRequest(.GET, "/api/v1/requests/track/" + record.code)
            let letters = try #require(try tracked.jsonObject()["letters"] as? [[String: Any]])
            #expect(letters.map { $0["kind"] as? String } == ["fee-notice", "reply.disclosed"])
            let docx = try #require(letters.last?["docxURL"] as? String)
            let file = try await app.testing().sendRequest(.GET, try #require(URL(string: docx)?.path))
            #expect(file.status == .ok && Self.docxText(file).contains("赵六："))

            let moved = try await RequestStore.create(.init(application: RequestApplication(name: "钱七", idNumber: "11010519491231002X", phone: "13900001111",
                                                                                            information: "全县养老服务补贴名单", form: .paper, delivery: .pickup),
                                                            unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate("2026-09-21")!),
                                                      siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            let transfer = try await app.testing().sendRequest(.POST, "/api/v1/requests/\(try moved.requireID().uuidString)/events", headers: editor,
                                                               body: ByteBuffer(string: #"{"kind":"transferred","on":"2026-09-21","transferTo":"\#(try bureau.requireID().uuidString)"}"#))
            #expect(transfer.status == .ok && transfer.body.string.contains("转由湖口县民政局办理"))
            #expect(try await Self.stored(try moved.requireID(), app).$unit.id == bureau.id)
        }
    }

    @Test("the weekly digest: one notification per handler and week with the lists; the office gets the county's; --dry-run sends none")
    func digest() async throws {
        try await TestApp.run { app, clock in
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            for i in 0..<3 {
                _ = try await RequestStore.create(.init(application: RequestApplication(name: "申请人\(i)", idNumber: "11010519491231002X", phone: "13900001111",
                                                                                        information: "第\(i)项信息", form: .paper, delivery: .pickup),
                                                        unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate("2026-09-21")!),
                                                  siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            }
            let early = try await RequestDigest.run(siteID: siteID, dryRun: true, calendar: calendar, now: app.gongkai.now, on: app.db)
            #expect(early.byUnit["湖口县双钟镇人民政府"] == nil, "on the day of receipt nothing is pressing yet")
            // The 7 working days skip 中秋 (9-25) and 国庆 (10-1…7): the 补正 notice is due on 10-08, three working days
            // after Monday 9-28 (9-29, 9-30, 10-08).
            clock.advance(7 * 86_400)
            let notice = try await RequestDigest.run(siteID: siteID, dryRun: true, calendar: calendar, now: app.gongkai.now, on: app.db)
            #expect(notice.byUnit["湖口县双钟镇人民政府"] == ["需要补正的，告知期限将到（收到申请之日起7个工作日内）：3件"])
            clock.advance(33 * 86_400)  // 10-31: past the 20 working days (10-26)
            let dry = try await RequestDigest.run(siteID: siteID, dryRun: true, calendar: calendar, now: app.gongkai.now, on: app.db)
            #expect(dry.notifications == 3 && dry.byUnit["湖口县双钟镇人民政府"] == ["已超过答复期限：3件"])
            #expect(try await NotificationRecord.query(on: app.db).count() == 0)
            let first = try await RequestDigest.run(siteID: siteID, dryRun: false, calendar: calendar, now: app.gongkai.now, on: app.db)
            #expect(first.notifications == 3, "双钟镇's editor and reviewer, and the office")
            let notes = try await NotificationRecord.query(on: app.db).all()
            #expect(notes.allSatisfy { $0.title == "依申请公开周报（2026年第44周）" } && notes.contains { $0.body.hasPrefix("未办结3件。已超过答复期限：3件") })
            let again = try await RequestDigest.run(siteID: siteID, dryRun: false, calendar: calendar, now: app.gongkai.now, on: app.db)
            #expect(again.notifications == 0 && again.alreadySent == 3)
            clock.advance(7 * 86_400)
            #expect(try await RequestDigest.run(siteID: siteID, dryRun: false, calendar: calendar, now: app.gongkai.now, on: app.db).notifications == 3, "a new week")
        }
    }

    @Test("an applicant who chose e-mail gets every letter by mail through the relay, with retries; the reply's 送达 records itself")
    func mail() async throws {
        let relay = try await SMTPReceiver()
        defer { Task { await relay.stop() } }
        try await TestApp.run(adjust: { $0.smtp = .init(host: "127.0.0.1", port: relay.port, from: "gongkai@hukou.gov.cn") }) { app, clock in
            // A county set up for real (not the demo): letters are mailed.
            try await SiteRecord.query(on: app.db).set(\.$isDemo, to: false).update()
            let township = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县双钟镇人民政府").first())
            let siteID = township.$site.id
            let calendar = try await app.calendarService.calendar(on: app.db)
            func create(_ name: String, email: String, form: RequestApplication.ProvisionForm, delivery: RequestApplication.Delivery) async throws -> DisclosureRequestRecord {
                try await RequestStore.create(.init(application: RequestApplication(name: name, idNumber: "11010519491231002X", email: email, information: "双钟镇2026年河道整治工程预算",
                                                                                    form: form, delivery: delivery),
                                                    unitID: try township.requireID(), channel: .inPerson, arrivedOn: CivilDate("2026-09-21")!),
                                              siteID: siteID, actor: .commandLine(siteID: siteID), now: app.gongkai.now, calendar: calendar, on: app.db)
            }
            let byMail = try await create("王小明", email: "wxm@example.cn", form: .email, delivery: .email)
            let byPost = try await create("李四", email: "ls@example.cn", form: .paper, delivery: .post)
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            for record in [byMail, byPost] {
                let handler = Handler(browser: editor, id: try record.requireID())
                #expect(try await handler.act([("kind", "correction-requested"), ("on", "2026-09-21"), ("until", "2026-09-28"), ("text", "请写明河道名称")]).status == .seeOther)
                #expect(try await handler.act([("kind", "correction-received"), ("on", "2026-09-21")]).status == .seeOther)
                #expect(try await handler.act([("kind", "replied"), ("on", "2026-09-21"), ("outcome", "disclosed")]).status == .seeOther)
            }
            let queued = try await ApplicantMailRecord.query(on: app.db).sort(\.$eventPosition).all()
            #expect(queued.count == 2 && queued.allSatisfy { $0.toAddress == "wxm@example.cn" }, "only the applicant who chose e-mail")

            relay.failNext.withLockedValue { $0 = 1 }
            let first = try await RequestMail.deliverDue(app: app)
            #expect(first.delivered == 1 && first.failed == 1)
            clock.advance(61)
            #expect(try await RequestMail.deliverDue(app: app).delivered == 1)
            #expect(try await RequestMail.deliverDue(app: app).delivered == 0, "nothing twice")
            let messages = relay.messages.withLockedValue { $0 }
            #expect(messages.count == 2 && messages.allSatisfy { $0.recipient == "wxm@example.cn" })
            let reply = try #require(messages.compactMap { MailMessage.decode($0.data) }.first { $0.subject.contains("答复告知书") })
            #expect(reply.subject == "【湖口县】政府信息公开申请答复告知书（受理编号 \(byMail.number)）")
            #expect(reply.body.contains("王小明：") && reply.body.contains("60日内") && reply.body.contains(SiteURL.requestTrack(slug: "hukou", code: byMail.code).path))
            let delivered = try await DisclosureRequestEventRecord.query(on: app.db).filter(\.$request.$id == byMail.requireID()).filter(\.$kind == "delivered").all()
            #expect(delivered.count == 1 && delivered.first?.text == "电子邮件（w***@example.cn）" && delivered.first?.createdByLabel == "系统（电子邮件送达）")
            #expect(try await DisclosureRequestEventRecord.query(on: app.db).filter(\.$request.$id == byPost.requireID()).filter(\.$kind == "delivered").count() == 0)
            #expect(try await editor.get(SiteURL.adminRequest(try byMail.requireID()).path).text.contains("已发送至 w***@example.cn"))

            // A refused address: given up at once, listed for the handler, sent again after a 重新发送.
            let refused = try await create("赵六", email: "zl@example.cn", form: .email, delivery: .email)
            let handler = Handler(browser: editor, id: try refused.requireID())
            #expect(try await handler.act([("kind", "replied"), ("on", "2026-09-21"), ("outcome", "unavailable-not-held")]).status == .seeOther)
            relay.refuseRecipients.withLockedValue { $0 = true }
            #expect(try await RequestMail.deliverDue(app: app).abandoned == 1)
            let queue = try await editor.get(SiteURL.adminRequests.path)
            #expect(queue.text.contains("告知书邮件未能发出") && queue.text.contains(refused.number))
            let mail = try #require(try await ApplicantMailRecord.query(on: app.db).filter(\.$request.$id == refused.requireID()).first())
            _ = try await editor.get(SiteURL.adminRequest(try refused.requireID()).path)
            #expect(try await editor.post(SiteURL.adminRequestMailResend(try refused.requireID(), mail: try mail.requireID()).path, []).status == .seeOther)
            relay.refuseRecipients.withLockedValue { $0 = false }
            #expect(try await RequestMail.deliverDue(app: app).delivered == 1)
            #expect(!(try await editor.get(SiteURL.adminRequests.path).text.contains("告知书邮件未能发出")))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "request.mail.resend").count() == 1)
        }
    }

    @Test("the demo: a year of applications with every outcome group, their letters, open cases, 行政复议; table 三 balances; nothing mailed")
    func demo() async throws {
        try await TestApp.run { app, _ in
            try await DemoRequests.load(app: app)
            let site = try #require(try await SiteQueries.all(on: app.db).first { $0.slug == "hukou" })
            let records = try await DisclosureRequestRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).all()
            #expect(records.count >= 40)
            let groups = Set(records.compactMap { $0.outcome.flatMap(RequestOutcome.init(rawValue:))?.group })
            #expect(groups == Set(RequestOutcome.Group.allCases), "every group of table 三")
            #expect(records.contains { $0.stage != "replied" }, "some still open")
            let letters = try await DisclosureRequestLetterRecord.query(on: app.db).count()
            #expect(letters >= records.filter { $0.repliedOn != nil }.count, "every reply has its letter")
            #expect(try await DisclosureRequestAppealRecord.query(on: app.db).count() >= 2)
            #expect(try await ApplicantMailRecord.query(on: app.db).count() == 0, "made-up addresses are never mailed")
            let units = try await UnitQueries.forSite(site.requireID(), includeArchived: true, on: app.db).compactMap(\.id)
            let year = ChineseTime.today(app.gongkai.now).year
            #expect(TableThree(year: year, tallies: try await RequestReport.tallies(siteID: site.requireID(), units: units, year: year, on: app.db)).unbalancedColumns().isEmpty)
        }
    }
}
