import Foundation
import Testing

@testable import GongkaiCore

/// Issue 16, finding 7: personal data written to slip past the check (full-width digits, separators, invisible
/// characters, +86, 15-digit IDs, Chinese numerals …). The corpus is shared with scripts/probe-http.py, which
/// tries to publish each one over HTTP.
@Suite("Personal data: 50 ways of writing a number, all found and all masked")
struct PersonalDataEvasionTests {
    struct Case: Decodable {
        let label: String
        let text: String
    }

    static let corpus: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/security/pii-evasions.json")
        return (try? JSONDecoder().decode([Case].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test("the corpus has 50 cases")
    func corpusSize() {
        #expect(Self.corpus.count == 50)
    }

    @Test("every evasion is found, and masking leaves nothing to find", arguments: corpus.map(\.label))
    func evasion(label: String) {
        let text = Self.corpus.first { $0.label == label }!.text
        let findings = PersonalDataScanner.scan(text)
        #expect(!findings.isEmpty, "\(label): \(text.debugDescription)")
        let masked = PersonalDataScanner.masked(text)
        #expect(PersonalDataScanner.scan(masked).isEmpty, "\(label) masked: \(masked.debugDescription)")
        #expect(masked.contains("*"))
    }

    @Test("ordinary figures are still not personal data")
    func ordinaryFigures() {
        for text in ["2026-09-21 至 2026-10-08", "第1 2 3条", "电话 0792-6321000", "湖府办发〔2026〕12号",
                     "资金 1,234,567.89 元", "2021 2022 2023 2024 2025 年度", "邮编 332500", "索引号 014000-2026-00017",
                     String(repeating: "11 11 11 ", count: 3000)] {
            #expect(PersonalDataScanner.scan(text).isEmpty, "\(text.prefix(40))")
        }
    }

    @Test("two numbers side by side are both found, each masked on its own")
    func twoNumbers() {
        let text = "联系电话 138 1234 5678 或 139-8765-4321"
        #expect(PersonalDataScanner.scan(text).map(\.kind) == [.mobile, .mobile])
        #expect(PersonalDataScanner.masked(text) == "联系电话 138****5678 或 139****4321")
    }

    @Test("a 15-digit ID needs a real birth date")
    func firstGeneration() {
        #expect(PersonalDataScanner.isValidFirstGenerationIDNumber("110105491231002"))
        #expect(!PersonalDataScanner.isValidFirstGenerationIDNumber("110105491331002"), "month 13")
        #expect(!PersonalDataScanner.isValidFirstGenerationIDNumber("990105491231002"), "no such province")
    }

    @Test("a catalog entry with personal data in it is refused, naming the field")
    func catalogEntries() {
        let entry = CatalogEntry(level1: "社会救助", level2: "最低生活保障", content: "审核信息，联系人电话13812345678",
                                 basis: "《社会救助暂行办法》", timeLimit: "20个工作日内", body: "乡镇人民政府",
                                 channels: ChannelSelection(), audience: Audience(everyone: true),
                                 methods: DisclosureMethods(proactive: true, onRequest: false), levels: [.township])
        let errors = entry.validate()
        #expect(errors.problems.contains { $0.field == "content" && $0.message.contains("138****5678") })
    }
}

@Suite("Rich text: entities outside any element")
struct RichTextEntityTests {
    @Test("entities in text without tags show as their characters, escaped once")
    func plainTextEntities() {
        let rich = RichText.sanitize("研究&amp;开发 &lt;通知&gt; 第1&nbsp;条")
        #expect(rich.text == "研究&开发 <通知> 第1 条")
        #expect(rich.html == "<p>研究&amp;开发 &lt;通知&gt; 第1 条</p>")
    }
}
