import Testing

@testable import GongkaiCore

@Suite("公开时限 parser")
struct TimeLimitParserTests {
    /// Every text of DOMAIN.md §H with what it must mean.
    static let seen: [(String, TimeLimitRule.Kind, [String], Period?, [String])] = [
        ("信息形成或者变更之日起20个工作日内", .period, ["形成", "变更"], .workingDays(20), []),
        ("自该信息形成或者变更之日起20个工作日内", .period, ["形成", "变更"], .workingDays(20), []),
        ("形成或者变更之日起20个工作日内予以公开", .period, ["形成", "变更"], .workingDays(20), []),
        ("制定或获取信息之日起10个工作日内", .period, ["制定", "获取"], .workingDays(10), []),
        ("制定或获取信息之日起10个工作日内，公示7个工作日", .period, ["制定", "获取"], .workingDays(10), ["公示7个工作日"]),
        ("信息形成或变更之日起3个工作日内", .period, ["形成", "变更"], .workingDays(3), []),
        ("实时公开", .realtime, [], nil, []),
        ("及时公开", .prompt, [], nil, []),
        ("同上", .sameAsAbove, [], nil, []),
        ("20个工作日", .period, [], .workingDays(20), []),
        ("20工作日", .period, [], .workingDays(20), []),
        ("每年1月31日前", .annual, [], nil, []),
        ("信息形成之日起20个工作日内", .period, ["形成"], .workingDays(20), []),
    ]

    @Test("every text seen in real catalogs", arguments: 0..<seen.count)
    func seenTexts(index: Int) {
        let (text, kind, triggers, period, stages) = Self.seen[index]
        let rule = TimeLimitParser.parse(text)
        #expect(rule.kind == kind, "\(text)")
        #expect(rule.triggers == triggers, "\(text)")
        #expect(rule.period == period, "\(text)")
        #expect(rule.stages.map { "\($0.label)\($0.period)" } == stages, "\(text)")
        #expect(rule.text == text)
    }

    @Test("variants: full-width digits, Chinese numerals, 以内/之内, spaces, 长期公开")
    func variants() {
        let reference = TimeLimitParser.parse("信息形成或者变更之日起20个工作日内")
        for text in ["信息形成或者变更之日起２０个工作日内", "信息形成或者变更之日起二十个工作日内", "信息形成或者变更之日起20个工作日以内",
                     "信息形成或者变更之日起 20 个工作日之内", " 信息形成或者变更之日起20个工作日内。", "自信息形成或者变更之日起二十个工作日内予以公开"] {
            let rule = TimeLimitParser.parse(text)
            #expect(rule.kind == .period && rule.period == reference.period && rule.triggers == reference.triggers, "\(text)")
        }
        #expect(TimeLimitParser.parse("长期公开").kind == .permanent)
        #expect(TimeLimitParser.parse("收到申请之日起15日内").period == .calendarDays(15))
        #expect(TimeLimitParser.parse("作出决定之日起7个工作日内").triggers == ["作出"])
        #expect(TimeLimitParser.parse("每年3月底前").day == 31)
        #expect(TimeLimitParser.parse("每年一月三十一日前").month == 1)
    }

    @Test("anything else stays text with 无法自动计算 — never guessed")
    func unparsed() {
        for text in ["按上级要求", "项目竣工验收之日起20个工作日内", "每季度更新", "20个工作日内，视情况", "", "常态化公开",
                     "信息形成或者变更之日起20个工作日内完成并报备"] {
            let rule = TimeLimitParser.parse(text)
            #expect(rule.kind == .unparsed, "\(text)")
            #expect(!rule.isComputable)
        }
        #expect(TimeLimitParser.parse("按上级要求").note == "无法自动计算")
        #expect(TimeLimitParser.parse("按上级要求").summary.contains("无法自动计算"))
    }

    @Test("同上 takes the rule of the row above on import")
    func sameAsAbove() {
        let rules = TimeLimitParser.parseColumn(["制定或获取信息之日起10个工作日内", "同上", "同上", "实时公开", "同上"])
        #expect(rules[1].period == .workingDays(10) && rules[1].triggers == ["制定", "获取"])
        #expect(rules[1].text == "同上" && rules[1].inheritedFromRow == 1)
        #expect(rules[2].inheritedFromRow == 1)
        #expect(rules[4].kind == .realtime && rules[4].inheritedFromRow == 4)
        #expect(TimeLimitParser.parseColumn(["同上"])[0].kind == .unparsed)
    }

    @Test("due dates from rules")
    func dues() throws {
        let rule = TimeLimitParser.parse("信息形成或者变更之日起20个工作日内")
        #expect(rule.due(after: d("2030-09-27"), in: testCalendar)?.due == testCalendar.addingWorkingDays(20, to: d("2030-09-27")))
        let annual = TimeLimitParser.parse("每年1月31日前")
        #expect(annual.due(after: d("2030-03-01"), in: testCalendar)?.due == d("2031-01-31"))
        #expect(annual.due(after: d("2030-01-10"), in: testCalendar)?.due == d("2030-01-31"))
        #expect(TimeLimitParser.parse("实时公开").due(after: d("2030-09-27"), in: testCalendar)?.period == .workingDays(20))
        #expect(TimeLimitParser.parse("按上级要求").due(after: d("2030-09-27"), in: testCalendar) == nil)
    }
}
