import PropertyBased
import Testing

@testable import GongkaiCore

/// Catalog cells and typed dates are free text: whatever arrives, the parsers answer (or decline) without
/// crashing, keep the text, and a rule read back from its own summary is the same rule.
@Suite("Parsers on arbitrary text")
struct ParserRobustnessTests {
    static let alphabet = Array("信息形成或者变更制定获取之日起自该二十十五两个工作日天月年内以之予公开示，,。；实时及长期同上每底前至、-./ 0123456789０１２")
    static let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.string(of: 0...28)

    @Test("公开时限: never crashes, keeps the text, and a rule read from its own summary is the same", .tags(.property))
    func timeLimits() async {
        await propertyCheck(count: 2_000, input: Self.text) { text in
            let rule = TimeLimitParser.parse(text)
            #expect(rule.text == text)
            if rule.kind == .period {
                let period = try #require(rule.period)
                #expect(period.amount > 0)
                let again = TimeLimitParser.parse(rule.summary)
                #expect(again.kind == .period && again.period == rule.period && again.triggers == rule.triggers
                        && again.stages == rule.stages, "\(text) → \(rule.summary)")
            }
            if rule.kind == .unparsed { #expect(rule.note != nil && !rule.isComputable) }
        }
    }

    @Test("dates and date lists: never crash; what parses is a real date", .tags(.property))
    func dates() async {
        await propertyCheck(count: 2_000, input: Self.text) { text in
            if let date = CivilDate(text) { #expect(CivilDate(date.description) == date) }
            if let date = DeadlineText.date(text) { #expect(date.year >= 1000) }
            if let dates = try? DateListText.parse(text, year: 2027) {
                #expect(dates.allSatisfy { (2000...2100).contains($0.year) || $0.year < 10000 })
            }
        }
    }

    @Test("every combination of the usual pieces parses, and round-trips through its summary", .tags(.property))
    func composed() async {
        let prefixes = ["", "信息形成或者变更之日起", "自该信息形成之日起", "制定或获取信息之日起", "形成后", "自 作出决定之日起"]
        let numbers = ["20", "二十", "３", "十五", "7"]
        let units = ["个工作日", "工作日", "日", "天", "个月"]
        let endings = ["", "内", "以内", "之内予以公开", "内公开。"]
        let stages = ["", "，公示7个工作日", "，公示期十日"]
        await propertyCheck(count: 600, input: Gen.int(in: 0...(prefixes.count - 1)), Gen.int(in: 0...(numbers.count - 1)),
                            Gen.int(in: 0...(units.count - 1)), Gen.int(in: 0...(endings.count - 1)),
                            Gen.int(in: 0...(stages.count - 1))) { p, n, u, e, st in
            let text = prefixes[p] + numbers[n] + units[u] + endings[e] + stages[st]
            let rule = TimeLimitParser.parse(text)
            #expect(rule.kind == .period, "\(text)")
            #expect(rule.stages.count == (st == 0 ? 0 : 1), "\(text)")
            let again = TimeLimitParser.parse(rule.summary)
            #expect(again.period == rule.period && again.triggers == rule.triggers && again.stages == rule.stages,
                    "\(text) → \(rule.summary)")
        }
    }
}
