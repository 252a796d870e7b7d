/// Reads 公开时限 texts as counties write them (DOMAIN.md §H): "信息形成或者变更之日起20个工作日内",
/// "制定或获取信息之日起10个工作日内，公示7个工作日", "20工作日", "实时公开", "每年1月31日前", "同上" … with
/// full-width digits, Chinese numerals (二十), 内/以内/之内 and stray spaces. Every character of the text must be
/// accounted for; anything left over makes the rule `.unparsed` (无法自动计算).
public enum TimeLimitParser {
    /// Events that start the clock, longest first so that 政府信息 is not read as 信息 plus leftovers.
    public static let triggerWords = [
        "形成", "变更", "制定", "获取", "作出", "做出", "产生", "批准", "审批", "审定", "发布", "印发", "出台", "收到",
        "受理", "办结", "签订", "确定", "公布", "生效", "调整", "修订", "通过", "完成",
    ]
    /// Words around the trigger that do not change the count.
    static let fillers = [
        "政府信息", "该信息", "相关信息", "信息", "之日起", "之日", "日起", "之后", "以后", "起", "后", "自", "从", "在", "于",
        "该", "相关", "有关", "文件", "政策", "申请", "决定", "结果", "事项",
    ]
    static let connectors = ["或者", "或", "、", "及", "和", "与", "/", "（", "）", "(", ")"]
    static let allowedEndings = [
        "", "予以公开", "公开", "主动公开", "完成公开", "向社会公开", "公布", "予以公布", "发布", "更新", "完成", "完成更新",
    ]

    public static func parse(_ text: String) -> TimeLimitRule {
        let norm = normalise(text)
        if norm.isEmpty { return unparsed(text, note: "未填写公开时限") }
        if norm == "同上" { return TimeLimitRule(text: text, kind: .sameAsAbove) }
        if ["实时公开", "实时", "实时更新", "实时发布"].contains(norm) { return TimeLimitRule(text: text, kind: .realtime) }
        if ["及时公开", "及时", "及时更新", "及时发布"].contains(norm) { return TimeLimitRule(text: text, kind: .prompt) }
        if ["长期公开", "长期", "常年公开"].contains(norm) { return TimeLimitRule(text: text, kind: .permanent) }
        if let annual = annual(norm, text: text) { return annual }

        let clauses = norm.split(separator: "，").map(String.init)
        guard let first = clauses.first, let main = periodClause(first) else { return unparsed(text) }
        var stages: [TimeLimitRule.Stage] = []
        for clause in clauses.dropFirst() {
            guard let stage = stage(clause) else { return unparsed(text) }
            stages.append(stage)
        }
        var rule = TimeLimitRule(text: text, kind: .period, triggers: main.triggers, period: main.period, stages: stages)
        if main.triggers.isEmpty {
            rule.note = "未写明起算日，按条例第二十六条自信息形成或者变更之日起计算"
        }
        return rule
    }

    /// A column of time limits as imported: "同上" takes the rule of the row above (recursively), keeping its own text.
    public static func parseColumn(_ texts: [String]) -> [TimeLimitRule] {
        var rules: [TimeLimitRule] = []
        for (index, text) in texts.enumerated() {
            var rule = parse(text)
            if rule.kind == .sameAsAbove {
                if let above = rules.last {
                    let source = above.inheritedFromRow ?? index
                    rule = above
                    rule.text = text
                    rule.inheritedFromRow = source
                } else {
                    rule = unparsed(text, note: "第一行不能写“同上”")
                }
            }
            rules.append(rule)
        }
        return rules
    }

    // MARK: - Pieces

    static func normalise(_ text: String) -> String {
        var s = ChineseNumerals.halfWidthDigits(text).filter { !$0.isWhitespace && $0 != "\u{3000}" }
        for (from, to) in [("以内", "内"), ("之内", "内"), (",", "，"), (";", "，"), ("；", "，"), ("。", "，"), ("：", ""), (":", "")] {
            s = s.replacingAll(from, with: to)
        }
        while let last = s.last, "。.，".contains(last) { s.removeLast() }
        return s
    }

    static func unparsed(_ text: String, note: String = TimeLimitRule.unparsedNote) -> TimeLimitRule {
        TimeLimitRule(text: text, kind: .unparsed, note: note)
    }

    /// "每年1月31日前", "每年3月底前", "每年一月三十一日前公开"
    static func annual(_ norm: String, text: String) -> TimeLimitRule? {
        guard norm.hasPrefix("每年") else { return nil }
        var rest = Substring(norm.dropFirst(2))
        for ending in ["前完成公开", "前予以公开", "前公开", "前完成", "之前", "以前", "前"] where rest.hasSuffix(ending) {
            rest = rest.dropLast(ending.count)
            break
        }
        guard let monthEnd = rest.firstIndex(of: "月"), let month = ChineseNumerals.value(String(rest[..<monthEnd])),
              (1...12).contains(month)
        else { return nil }
        let dayText = rest[rest.index(after: monthEnd)...]
        let day: Int?
        if dayText == "底" || dayText == "末" {
            day = CivilDate.daysInMonth(year: 2001, month: month)
        } else if dayText.hasSuffix("日") || dayText.hasSuffix("号") {
            day = ChineseNumerals.value(String(dayText.dropLast()))
        } else {
            day = nil
        }
        guard let day, day >= 1, day <= CivilDate.daysInMonth(year: 2000, month: month) else { return nil }
        return TimeLimitRule(text: text, kind: .annual, month: month, day: day)
    }

    /// An amount and its unit at `index` of `chars`: ("20", "个工作日") → 20 working days, and where it ends.
    static func amount(in chars: [Character], at index: Int) -> (Period, end: Int)? {
        var end = index
        while end < chars.count, ChineseNumerals.isNumeral(chars[end]) { end += 1 }
        guard end > index, let value = ChineseNumerals.value(String(chars[index..<end])), value > 0 else { return nil }
        var rest = String(chars[end...])
        if rest.hasPrefix("个") { rest.removeFirst() }
        let units: [(String, Period.Unit, Int)] = [
            ("工作日", .workingDays, 1), ("自然日", .calendarDays, 1), ("日", .calendarDays, 1), ("天", .calendarDays, 1),
            ("月", .months, 1), ("年", .months, 12),
        ]
        for (word, unit, factor) in units where rest.hasPrefix(word) {
            return (Period(value * factor, unit), end + (chars.count - end - rest.count) + word.count)
        }
        return nil
    }

    /// The main clause: [trigger words and fillers] amount unit [内] [ending].
    static func periodClause(_ clause: String) -> (triggers: [String], period: Period)? {
        let chars = Array(clause)
        for start in chars.indices where ChineseNumerals.isNumeral(chars[start]) {
            if start > 0, ChineseNumerals.isNumeral(chars[start - 1]) { continue }
            guard let (period, end) = amount(in: chars, at: start) else { continue }
            guard let triggers = triggers(in: String(chars[..<start])) else { return nil }
            var ending = String(chars[end...])
            if ending.hasPrefix("内") { ending.removeFirst() }
            guard allowedEndings.contains(ending) else { return nil }
            return (triggers, period)
        }
        return nil
    }

    /// "公示7个工作日", "公示期7个工作日", "公示7日"
    static func stage(_ clause: String) -> TimeLimitRule.Stage? {
        let chars = Array(clause)
        guard let start = chars.firstIndex(where: ChineseNumerals.isNumeral),
              start > 0, start <= 6,
              let (period, end) = amount(in: chars, at: start)
        else { return nil }
        var label = String(chars[..<start])
        if label.hasSuffix("期") { label.removeLast() }
        for word in ["不少于", "不得少于"] where label.hasSuffix(word) { return nil }  // a minimum, not a limit
        var ending = String(chars[end...])
        if ending.hasPrefix("内") { ending.removeFirst() }
        guard ending.isEmpty, label.allSatisfy({ !ChineseNumerals.isNumeral($0) }) else { return nil }
        return TimeLimitRule.Stage(label: label, period: period)
    }

    /// All words the prefix may be made of, longest first, with whether each starts the clock.
    static let vocabulary: [(String, Bool)] = (triggerWords.map { ($0, true) } + fillers.map { ($0, false) }
        + connectors.map { ($0, false) }).sorted { $0.0.count > $1.0.count }

    /// Every character before the amount must be a trigger word, a filler or a connector; `nil` otherwise.
    static func triggers(in prefix: String) -> [String]? {
        var found: [String] = []
        var rest = Substring(prefix)
        outer: while !rest.isEmpty {
            for (word, isTrigger) in vocabulary where rest.hasPrefix(word) {
                if isTrigger, !found.contains(word) { found.append(word == "做出" ? "作出" : word) }
                rest = rest.dropFirst(word.count)
                continue outer
            }
            return nil
        }
        return found
    }
}

extension String {
    /// `replacingOccurrences(of:with:)` without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
