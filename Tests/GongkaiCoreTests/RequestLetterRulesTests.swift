import Testing

@testable import GongkaiCore

@Suite("依申请公开 letters, 送达 and 转办, table 四")
struct RequestLetterRulesTests {
    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    var facts: RequestLetter.Facts {
        RequestLetter.Facts(applicant: "王小明", number: "2026-0007", receivedOn: d("2026-09-21"), information: "某村低保名单", unitName: "湖口县双钟镇人民政府",
                            issuedOn: d("2026-10-09"), text: "请写明年度", until: d("2026-09-30"), days: 20, amount: 300, feeLines: ["第11—13件：100元/件×3件=300元"],
                            dueOn: d("2026-12-03"), published: ["《双钟镇低保名单》（索引号 X）"], files: ["名单.pdf"], provision: "电子邮件",
                            reviewBody: "湖口县人民政府")
    }

    @Test("every default template passes its own check and fills every placeholder; kinds round-trip by key")
    func defaults() {
        #expect(RequestLetter.Kind.all.count == 4 + RequestOutcome.allCases.count)
        for kind in RequestLetter.Kind.all {
            let template = RequestLetter.defaultTemplate(kind)
            #expect(RequestLetter.check(template, kind: kind).isEmpty, "\(kind.key)")
            let letter = RequestLetter.render(template, kind: kind, facts: facts)
            #expect(!letter.text.contains("{") && !letter.text.contains("}"), "\(kind.key)")
            #expect(letter.text.contains("本机关于2026年9月21日收到您提出的政府信息公开申请（受理编号：2026-0007），您申请获取“某村低保名单”"))
            #expect(RequestLetter.Kind(key: kind.key) == kind)
            if case .reply(let outcome) = kind {
                #expect(letter.text.contains(outcome.article) && letter.text.contains("60日内依法向湖口县人民政府申请行政复议"))
                if outcome.group == .withheld { #expect(letter.text.contains("您申请的政府信息" + RequestLetter.withholdingGround(outcome) + "，")) }
            }
        }
        #expect(RequestLetter.Kind(key: "reply.nonsense") == nil && RequestLetter.Kind(key: "x") == nil)
    }

    @Test("the letter an event calls for; notes, receipts and consultations call for none")
    func kinds() {
        #expect(RequestLetter.Kind(event: RequestEvent(.correctionRequested, on: d("2026-09-21"))) == .correction)
        #expect(RequestLetter.Kind(event: RequestEvent(.extended, on: d("2026-09-21"), days: 5)) == .extensionNotice)
        #expect(RequestLetter.Kind(event: RequestEvent(.replied, on: d("2026-09-21"), outcome: .notProcessedRepeat)) == .reply(.notProcessedRepeat))
        for kind in [RequestEvent.Kind.received, .note, .consultationSent, .transferred, .delivered, .feePaid] {
            #expect(RequestLetter.Kind(event: RequestEvent(kind, on: d("2026-09-21"))) == nil)
        }
    }

    @Test("a template is refused for unknown placeholders, unpaired braces, and a reply without the remedy; empty facts leave no trace")
    func check() {
        let reply = RequestLetter.Kind.reply(.disclosed)
        #expect(RequestLetter.check("{申请人}：{不存在}。60日内行政复议，6个月内行政诉讼。", kind: reply).map(\.description).contains { $0.contains("{不存在}") })
        #expect(RequestLetter.check("{申请人：您好，60日内行政复议，6个月内行政诉讼。", kind: reply).map(\.description).contains { $0.contains("不成对") })
        #expect(RequestLetter.check("{申请人}：您申请的信息予以公开。", kind: reply).map(\.description).contains { $0.contains("救济途径") })
        #expect(RequestLetter.check("{申请人}：请补正：{说明}", kind: .correction).isEmpty, "a 补正 notice needs no remedy")
        var bare = facts
        bare.published = []
        bare.files = []
        bare.text = ""
        let letter = RequestLetter.render(RequestLetter.defaultTemplate(reply), kind: reply, facts: bare)
        #expect(!letter.text.contains("该信息已经主动公开") && !letter.text.contains("随本告知书提供"))
        #expect(RequestLetter.render("{说明}", kind: .correction, facts: facts).paragraphs == ["请写明年度。"], "a full stop is added")
    }

    @Test("送达 only after the reply and without changing it; 转办 keeps the clock; 转办 before receipt is allowed")
    func deliveredAndTransferred() throws {
        let calendar = WorkingCalendar(definitions: [])
        let received = RequestEvent(.received, on: d("2026-03-02"))
        let plain = try RequestTimeline.evaluate([received], calendar: calendar)
        let moved = try RequestTimeline.evaluate([received, RequestEvent(.transferred, on: d("2026-03-03"), text: "县民政局")], calendar: calendar)
        #expect(moved.due == plain.due && moved.stage == .handling)
        #expect(throws: RequestTimeline.Failure.notYetReplied) { try RequestTimeline.evaluate([received, RequestEvent(.delivered, on: d("2026-03-03"))], calendar: calendar) }
        let replied = RequestEvent(.replied, on: d("2026-03-10"), outcome: .disclosed)
        let done = try RequestTimeline.evaluate([received, replied, RequestEvent(.delivered, on: d("2026-03-11"), text: "邮寄")], calendar: calendar)
        #expect(done.deliveredOn == d("2026-03-11") && done.outcome == .disclosed && done.repliedOnTime == true)
        #expect(throws: RequestTimeline.Failure.afterReply(.transferred)) {
            try RequestTimeline.evaluate([received, replied, RequestEvent(.transferred, on: d("2026-03-11"))], calendar: calendar)
        }
        #expect(try RequestTimeline.evaluate([RequestEvent(.transferred, on: d("2026-03-01"), text: "县民政局")], calendar: calendar).stage == .awaitingReceipt)
    }

    @Test("a consultation answered, or a fee paid, on the day of receipt costs no day and is not an error")
    func sameDay() throws {
        let calendar = WorkingCalendar(definitions: [])
        let received = RequestEvent(.received, on: d("2026-03-02"))
        let plain = try RequestTimeline.evaluate([received], calendar: calendar)
        let consulted = try RequestTimeline.evaluate([received, RequestEvent(.consultationSent, on: d("2026-03-02")), RequestEvent(.consultationClosed, on: d("2026-03-02"))],
                                                     calendar: calendar)
        #expect(consulted.due == plain.due && consulted.stage == .handling)
        let paid = try RequestTimeline.evaluate([received, RequestEvent(.feeNoticed, on: d("2026-03-02"), amount: 100), RequestEvent(.feePaid, on: d("2026-03-02"))],
                                                calendar: calendar)
        #expect(paid.due == plain.due)
        let nextDay = try RequestTimeline.evaluate([received, RequestEvent(.consultationSent, on: d("2026-03-02")), RequestEvent(.consultationClosed, on: d("2026-03-03"))],
                                                   calendar: calendar)
        #expect(nextDay.due == calendar.addingWorkingDays(1, to: plain.due!), "answered the next day: that day is not counted")
    }

    @Test("table 四: cases filed in the year by kind and result; undecided at the year's end is 尚未审结; 15 figures in order")
    func tableFour() {
        let table = TableFour(year: 2026, cases: [
            .init(kind: .review, filed: d("2026-03-01"), result: .upheld, decided: d("2026-05-01")),
            .init(kind: .review, filed: d("2026-11-01"), result: .corrected, decided: d("2027-01-10")),
            .init(kind: .litigationDirect, filed: d("2026-06-01"), result: .other, decided: d("2026-09-01")),
            .init(kind: .litigationAfterReview, filed: d("2026-07-01"), result: .pending),
            .init(kind: .review, filed: d("2025-12-30"), result: .upheld, decided: d("2026-01-05")),
        ])
        #expect(table.figures == [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1])
    }

    @Test("table 三 by cell: received before the year is carried in, replied after it is carried out, replied before it is left out")
    func cells() {
        let natural = ApplicantType.naturalPerson
        #expect(TableThree.cell(of: .init(applicant: natural, received: d("2025-12-20"), replied: d("2026-01-05"), outcome: .disclosed), year: 2026)
            == .init(applicant: natural, carriedIn: true, outcome: .disclosed, count: 1))
        #expect(TableThree.cell(of: .init(applicant: natural, received: d("2026-12-20"), replied: d("2027-01-05"), outcome: .disclosed), year: 2026)
            == .init(applicant: natural, carriedIn: false, outcome: nil, count: 1))
        #expect(TableThree.cell(of: .init(applicant: natural, received: d("2025-11-20"), replied: d("2025-12-05"), outcome: .disclosed), year: 2026) == nil)
        #expect(TableThree.cell(of: .init(applicant: natural, received: d("2027-01-02")), year: 2026) == nil)
    }
}
