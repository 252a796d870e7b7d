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
        #expect(SearchTokenizer.queryTokens("低保").map(\.text) == ["低保"])
        #expect(SearchTokenizer.queryTokens("医保").first?.prefix == false)
        #expect(SearchTokenizer.queryTokens("保") == [.init(text: "保", prefix: true)])
        #expect(SearchTokenizer.documentTokens("国发〔2012〕45号") == ["国发", "发", "2012", "45", "号"])
        #expect(SearchTokenizer.documentTokens("ＧＤＰ增长") == ["gdp", "增长", "长"], "NFKC folds full-width letters")
        #expect(SearchTokenizer.queryTokens("最低生活保障 标准").map(\.text) == ["最低", "低生", "生活", "活保", "保障", "标准"])
        // Every query token of a phrase occurs among the document's tokens.
        let doc = Set(SearchTokenizer.documentTokens("湖口县城乡最低生活保障标准调整的通知"))
        #expect(SearchTokenizer.queryTokens("生活保障").allSatisfy { doc.contains($0.text) })
    }
}
