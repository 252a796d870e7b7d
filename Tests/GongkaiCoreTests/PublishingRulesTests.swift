import Testing

@testable import GongkaiCore

@Suite("Publishing rules: personal data, 错敏词, 文号, search tokens")
struct PublishingRulesTests {
    // 11010519491231002X is the GB 11643-1999 standard's own example; 110105194912310021 differs only in the check.
    @Test("ID numbers: the check digit and the birth date decide, so ordinary long numbers do not trip it")
    func idNumbers() {
        #expect(PersonalDataScanner.isValidIDNumber("11010519491231002X"))
        #expect(PersonalDataScanner.isValidIDNumber("11010519491231002x"))
        #expect(!PersonalDataScanner.isValidIDNumber("110105194912310021"), "wrong check digit")
        #expect(!PersonalDataScanner.isValidIDNumber("110105194913310028"), "month 13")
        #expect(!PersonalDataScanner.isValidIDNumber("123456789012345678"))
        let text = "申请人张三，身份证号11010519491231002X，联系电话13812345678。项目编号202012310000000001。"
        let findings = PersonalDataScanner.scan(text)
        #expect(findings.map(\.kind) == [.idNumber, .mobile])
        #expect(findings[0].masked == "110" + String(repeating: "*", count: 11) + "002X")
        #expect(findings[1].masked == "138****5678")
        #expect(PersonalDataScanner.masked(text) == "申请人张三，身份证号110***********002X，联系电话138****5678。项目编号202012310000000001。")
    }

    @Test("mobile numbers stand alone; bank cards pass Luhn; numbers glued to letters or longer runs are not findings")
    func numbers() {
        #expect(PersonalDataScanner.scan("电话0792-6321000").isEmpty, "a landline is the office's published contact")
        #expect(PersonalDataScanner.scan("编号138123456789").isEmpty, "12 digits are not a mobile number")
        #expect(PersonalDataScanner.scan("型号AB13812345678").isEmpty)
        #expect(PersonalDataScanner.scan("卡号6222020200112233446").map(\.kind) == [.bankCard])
        #expect(PersonalDataScanner.scan("卡号6222020200112233445").isEmpty, "one digit off fails Luhn")
        #expect(PersonalDataScanner.scan("编号2222020200112233440").isEmpty, "passes Luhn, but no card issuer starts with 2")
        #expect(PersonalDataScanner.passesLuhn("4111111111111111"))
        #expect(PersonalDataScanner.scan("卡号4111111111111111").first?.masked == "4111********1111")
        #expect(PersonalDataScanner.scan("金额4111111111111112元").isEmpty, "fails Luhn")
        #expect(PersonalDataScanner.scan("国发〔2012〕45号，2020年9月30日").isEmpty)
    }

    @Test("错敏词: every word of the list in one pass, overlapping words and Latin case included")
    func sensitiveWords() {
        let list = SensitiveWords(["中华人民共和国国务院", "国务院", "党中央", "GDP", " ", "院办"])
        let matches = list.matches(in: "根据中华人民共和国国务院办公厅通知，gdp增长")
        #expect(matches.map(\.word) == ["中华人民共和国国务院", "国务院", "院办", "GDP"])
        #expect(matches.first { $0.word == "国务院" }?.start == 9)
        #expect(SensitiveWords([]).matches(in: "任何文字").isEmpty)
        #expect(list.words.count == 5, "blank entries are dropped")
    }

    @Test("文号: the standard form, other brackets read and suggested, nonsense refused with the text found")
    func documentNumbers() throws {
        #expect(DocumentNumber.parse("湖府办发〔2020〕12号") == DocumentNumber(issuer: "湖府办发", year: 2020, sequence: 12))
        #expect(DocumentNumber.parse("国发[2012]45号")?.description == "国发〔2012〕45号")
        #expect(DocumentNumber.parse("国发（2012）45号")?.description == "国发〔2012〕45号")
        #expect(DocumentNumber.parse("国发【２０１２】４５号")?.description == "国发〔2012〕45号")
        #expect(DocumentNumber.suggestion(for: "国发(2012)45号") == "国发〔2012〕45号")
        #expect(DocumentNumber.suggestion(for: "国发〔2012〕45号") == nil)
        #expect(DocumentNumber.parse("2020年12号") == nil)
        #expect(DocumentNumber.parse("国发〔20〕45号") == nil)
        #expect(try DocumentNumber.validate("").get() == nil)
        if case .failure(let e) = DocumentNumber.validate("湖府办发2020-12") {
            #expect(e.summary.contains("（读到：“湖府办发2020-12”）"))
        } else { Issue.record("must be refused") }
    }

    @Test("search tokens: bigrams plus the last character; words whole; queries AND their bigrams")
    func tokens() {
        #expect(SearchTokenizer.documentTokens("城乡低保户") == ["城乡", "乡低", "低保", "保户", "户"])
        #expect(SearchQuery("低保").parts == [.phrase(["低保"])])
        #expect(SearchQuery("保").parts == [.prefix("保")])
        #expect(SearchTokenizer.documentTokens("国发〔2012〕45号") == ["国发", "发", "2012wh45", "2012", "45", "号"])
        #expect(SearchTokenizer.documentTokens("国发[2012]45号文") == ["国发", "发", "2012wh45", "2012", "45", "号文", "文"])
        #expect(SearchTokenizer.documentTokens("〔2012〕") == ["2012"], "a bracketed year alone is no 文号")
        #expect(SearchTokenizer.documentTokens("ＧＤＰ增长") == ["gdp", "增长", "长"], "NFKC folds full-width letters")
        #expect(SearchQuery("最低生活保障 标准").parts == [.phrase(["最低", "低生", "生活", "活保", "保障"]), .phrase(["标准"])])
        // Every query token of a phrase occurs among the document's tokens, in the same order.
        let doc = SearchTokenizer.documentTokens("湖口县城乡最低生活保障标准调整的通知").joined(separator: " ")
        #expect(doc.contains("生活 活保 保障"))
        // A 文号 is one phrase of the issuer and its number, whichever brackets: the document has the same tokens in a row.
        let cited = SearchTokenizer.documentTokens("根据湖府办发〔2020〕12号文件精神").joined(separator: " ")
        for typed in ["湖府办发〔2020〕12号", "湖府办发[2020]12号", "湖府办发（2020）12号", "湖府办发(2020)12"] {
            guard case .phrase(let grams) = SearchQuery(typed).parts.first else { Issue.record("no phrase for \(typed)"); continue }
            #expect(SearchQuery(typed).parts.count == 1)
            #expect(cited.contains(grams.joined(separator: " ")), "\(typed)")
        }
        #expect(SearchQuery("〔2020〕12号").parts == [.term("2020wh12")])
    }
}

@Suite("Publishing rules: 公开属性, 索引号, 有效性, timeliness")
struct PublicationRecordRulesTests {
    @Test("anything not proactively public carries its reason; a withheld record names its legal ground")
    func determination() {
        #expect(DisclosureDetermination(attribute: .proactive).validate().isEmpty)
        #expect(DisclosureDetermination(attribute: .onRequest).validate().messages(for: "explanation").first?.contains("依申请公开") == true)
        let withheld = DisclosureDetermination(attribute: .withheld, explanation: "内部请示")
        #expect(withheld.validate().messages(for: "reason").first?.contains("第十四条至第十六条") == true)
        #expect(DisclosureDetermination(attribute: .withheld, reason: .processInformation, explanation: "请示报告").validate().isEmpty)
        #expect(WithholdingReason.processInformation.article.hasSuffix("第十六条第二款"))
        #expect(WithholdingReason.allCases.map(\.label).contains("保护第三方合法权益"))
    }

    @Test("索引号: per unit and year, never reused, read back")
    func indexNumbers() {
        let issued = [IndexNumber(unitCode: "360429001", year: 2020, sequence: 11), IndexNumber(unitCode: "360429001", year: 2021, sequence: 3),
                      IndexNumber(unitCode: "360429002", year: 2020, sequence: 40)]
        let next = IndexNumber.next(unitCode: "360429001", year: 2020, issued: issued)
        #expect(next.description == "360429001/2020-00012")
        #expect(IndexNumber("360429001/2020-00012") == next)
        #expect(IndexNumber.next(unitCode: "360429003", year: 2020, issued: issued).sequence == 1)
        #expect(IndexNumber("2020-12") == nil)
    }

    @Test("有效性: 失效 needs its date, 废止 also the repealing document; the statement says so")
    func validity() throws {
        #expect(try Validity.from(status: "valid", date: "", repealedBy: "", publishedOn: nil).get() == .valid)
        let repealed = try Validity.from(status: "repealed", date: "2023-05-01", repealedBy: "湖府发(2023)3号",
                                         publishedOn: CivilDate(year: 2020, month: 3, day: 1)).get()
        #expect(repealed.statement == "废止（2023-05-01起，依据湖府发〔2023〕3号）")
        if case .failure(let e) = Validity.from(status: "repealed", date: "", repealedBy: "", publishedOn: nil) {
            #expect(e.messages(for: "validityDate").count == 1 && e.messages(for: "repealedBy").count == 1)
        } else { Issue.record("must fail") }
        if case .failure(let e) = Validity.from(status: "expired", date: "2019-01-01", repealedBy: "", publishedOn: CivilDate(year: 2020, month: 1, day: 1)) {
            #expect(e.summary.contains("不能早于发布日期"))
        } else { Issue.record("must fail") }
    }

    @Test("timeliness: 20 working days from 形成, late by working days, pending and overdue before publication")
    func timeliness() {
        let calendar = WorkingCalendar(definitions: [])  // weekends only: the arithmetic, not the holidays, is tested
        let rule = TimeLimitParser.parse("信息形成或者变更之日起20个工作日内")
        let formed = CivilDate(year: 2020, month: 9, day: 1)!
        let due = CivilDate(year: 2020, month: 9, day: 29)!
        let today = CivilDate(year: 2020, month: 12, day: 1)!
        #expect(Timeliness.assess(formedOn: formed, publishedOn: due, rule: rule, today: today, calendar: calendar) == .onTime(due: due))
        let late = Timeliness.assess(formedOn: formed, publishedOn: CivilDate(year: 2020, month: 10, day: 2), rule: rule, today: today, calendar: calendar)
        #expect(late == .late(workingDays: 3, due: due) && late.label == "逾期3个工作日" && late.isLate)
        #expect(Timeliness.assess(formedOn: formed, publishedOn: nil, rule: rule, today: CivilDate(year: 2020, month: 9, day: 25)!,
                                  calendar: calendar).label == "2个工作日后到期")
        #expect(Timeliness.assess(formedOn: formed, publishedOn: nil, rule: rule, today: CivilDate(year: 2020, month: 10, day: 1)!,
                                  calendar: calendar).label == "已逾期2个工作日，尚未公开")
        let social = TimeLimitParser.parse("制定或获取信息之日起10个工作日内")
        #expect(Timeliness.assess(formedOn: formed, publishedOn: nil, rule: social, today: formed, calendar: calendar)
                == .pending(workingDaysLeft: 10, due: CivilDate(year: 2020, month: 9, day: 15)!))
        #expect(Timeliness.assess(formedOn: formed, publishedOn: nil, rule: TimeLimitParser.parse("按上级要求"), today: today, calendar: calendar)
                == .notComputable)
    }
}
