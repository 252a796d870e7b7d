import Foundation
import Testing

@testable import GongkaiCore

@Suite("Publishing: rich text, search queries, content safety, workflow")
struct PublishingFlowTests {
    @Test("pasted HTML keeps paragraphs, headings, lists, tables and safe links; scripts, handlers and javascript: links go")
    func sanitize() {
        let input = """
            <h1 onclick="x()">通知</h1><p style="color:red">第一段<script>alert(1)</script><b>加粗</b></p>
            <ul><li>一<li>二</ul><table><tr><td colspan="2">合计</td></tr></table>
            <a href="javascript:alert(1)">坏链接</a> <a href="https://www.gov.cn/">中国政府网</a><iframe src="x">框</iframe>&lt;不是标签&gt;
            """
        let rich = RichText.sanitize(input)
        #expect(rich.html.contains("<h2>通知</h2>"))
        #expect(rich.html.contains("<p>第一段<strong>加粗</strong></p>"))
        #expect(rich.html.contains("<ul><li>一</li><li>二</li></ul>"))
        #expect(rich.html.contains("<td colspan=\"2\">合计</td>"))
        #expect(rich.html.contains("<a href=\"https://www.gov.cn/\" rel=\"noopener noreferrer\">中国政府网</a>"))
        for bad in ["script", "alert", "onclick", "style=", "javascript", "iframe", "框"] { #expect(!rich.html.contains(bad), "\(bad)") }
        #expect(rich.html.contains("&lt;不是标签&gt;"))
        #expect(rich.text.contains("通知\n第一段加粗\n一\n二"))
        let plain = RichText.sanitize("第一行\n\n第二行 <3")
        #expect(plain.html == "<p>第一行</p>\n<p>第二行 &lt;3</p>")
    }

    @Test("queries: Han runs are phrases of bigrams, a lone character a prefix, letters and digits whole")
    func queries() {
        #expect(SearchQuery("低保").fts5Expression == "\"低保\"")
        #expect(SearchQuery("社会救助").fts5Expression == "\"社会 会救 救助\"")
        #expect(SearchQuery("保").fts5Expression == "\"保\"*")
        #expect(SearchQuery("国发〔2012〕45号").fts5Expression == "\"国发 发 2012wh45\"")
        #expect(SearchQuery("国发〔2012〕45号 通知").tsquery == "('国发' <-> '发' <-> '2012wh45') & ('通知')")
        #expect(SearchQuery("低保 医保").tsquery == "('低保') & ('医保')")
        #expect(SearchQuery("社会救助").tsquery == "('社会' <-> '会救' <-> '救助')")
        #expect(SearchQuery("湖府办发[2020]12号").documentNumberSuggestion == "湖府办发〔2020〕12号")
        #expect(SearchQuery("湖府办发〔2020〕12号").documentNumberSuggestion == nil)
        #expect(SearchQuery("  ，。 ").isEmpty)
        // Every query token is a document token of a text containing the query (what makes 2-character words findable).
        let doc = Set(SearchTokenizer.documentTokens("关于做好2020年城乡低保和医保工作的通知"))
        for part in SearchQuery("城乡低保 医保 通知").parts {
            if case .phrase(let grams) = part { for g in grams { #expect(doc.contains(g)) } }
        }
    }

    @Test("snippets mark the words found, around the first match")
    func snippets() {
        let text = String(repeating: "前文", count: 80) + "最低生活保障标准提高到每月600元" + String(repeating: "后文", count: 80)
        let snippet = Snippet.make(text, query: SearchQuery("保障"), width: 40)
        #expect(snippet.pieces.contains { $0.marked && $0.text == "保障" })
        #expect(snippet.pieces.first?.text == "…" && snippet.pieces.last?.text == "…")
    }

    @Test("the content check finds ID numbers (valid check digit only), mobiles and 错敏词 in every place, and summarises")
    func safety() {
        let words = SensitiveWords(["国办厅"])
        let findings = ContentSafety.check([
            (ContentSafety.titlePlace, "国办厅通知"),
            (ContentSafety.bodyPlace, "身份证11010519491231002X，另一串110105194912310021不是有效号码，电话13812345678。"),
            (ContentSafety.attachmentPlace("名单.xlsx"), "李四 110105194912310029"),
        ], words: words)
        #expect(findings.count == 3 || findings.count == 4)
        #expect(findings.contains { $0.place == "标题" && $0.label == "错敏词" })
        #expect(findings.contains { $0.shown == "110***********002X" && $0.maskable })
        #expect(findings.contains { $0.shown == "138****5678" })
        #expect(!findings.contains { $0.text == "110105194912310021" }, "a wrong check digit is not an ID number")
        #expect(findings.filter { $0.place.hasPrefix("附件") }.allSatisfy { !$0.maskable })
        #expect(ContentSafety.summary(findings).contains("正文：居民身份证号码 1处"))
    }

    @Test("the review flow: returns and withdrawals need words; only 主动公开 is published; states are enforced")
    func workflow() throws {
        #expect(try PublicationWorkflow.apply(.submit, to: .draft, attribute: .proactive, comment: "").get() == .submitted)
        #expect(try PublicationWorkflow.apply(.approve, to: .submitted, attribute: .proactive, comment: "").get() == .approved)
        #expect(PublicationWorkflow.apply(.giveBack, to: .submitted, attribute: .proactive, comment: " ") == .failure(.missing(field: "comment", message: "退回时请写明需要修改的地方。")))
        #expect(try PublicationWorkflow.apply(.publish, to: .approved, attribute: .proactive, comment: "").get() == .published)
        if case .success = PublicationWorkflow.apply(.publish, to: .approved, attribute: .onRequest, comment: "") { Issue.record("依申请公开 must not be published") }
        if case .success = PublicationWorkflow.apply(.publish, to: .draft, attribute: .proactive, comment: "") { Issue.record("a draft is not published unreviewed") }
        if case .success = PublicationWorkflow.apply(.withdraw, to: .published, attribute: .proactive, comment: "") { Issue.record("withdrawal needs a reason") }
    }

    @Test("a draft is checked field by field: 形成日期 when it fulfils an entry, 文号 standardised, future dates refused")
    func draftChecks() throws {
        let today = CivilDate(year: 2026, month: 9, day: 21)!
        var draft = PublicationDraft(title: "关于低保标准的通知", documentNumber: "湖府办发（2020）12号", body: "正文")
        guard case .failure(let errors) = draft.check(today: today, linkedToEntries: true, isRevision: false) else { Issue.record(); return }
        #expect(errors.messages(for: "formedOn").first?.contains("请填写形成或变更日期") == true)
        draft.formedOn = "2026-09-22"
        guard case .failure(let future) = draft.check(today: today, linkedToEntries: true, isRevision: false) else { Issue.record(); return }
        #expect(future.messages(for: "formedOn").first?.contains("不能晚于今天") == true)
        draft.formedOn = "2026-09-20"
        let checked = try draft.check(today: today, linkedToEntries: true, isRevision: false).get()
        #expect(checked.documentNumber == "湖府办发〔2020〕12号")
        draft.determination = DisclosureDetermination(attribute: .withheld)
        guard case .failure(let withheld) = draft.check(today: today, linkedToEntries: false, isRevision: false) else { Issue.record(); return }
        #expect(!withheld.messages(for: "reason").isEmpty)
    }
}
