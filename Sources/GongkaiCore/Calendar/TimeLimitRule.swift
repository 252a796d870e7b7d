/// A catalog's 公开时限 (time limit) read into something a deadline can be computed from.
///
/// The text is always kept. What cannot be read with certainty is `.unparsed` with the note 无法自动计算 — a
/// time limit is a legal obligation, and a guessed one is worse than none.
public struct TimeLimitRule: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Codable {
        /// "信息形成或者变更之日起20个工作日内"
        case period
        /// "实时公开"
        case realtime
        /// "及时公开"
        case prompt
        /// "长期公开"
        case permanent
        /// "每年1月31日前"
        case annual
        /// "同上" before it is resolved against the row above (import only)
        case sameAsAbove = "same-as-above"
        case unparsed
    }

    /// An extra stage after the period, such as "，公示7个工作日".
    public struct Stage: Sendable, Equatable, Encodable {
        public var label: String
        public var period: Period

        private enum CodingKeys: String, CodingKey { case label, amount, unit }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(period.amount, forKey: .amount)
            try c.encode(period.unit, forKey: .unit)
        }
    }

    public var text: String
    public var kind: Kind
    /// What starts the clock (形成, 变更, 制定, 获取 …), in the text's order; empty when the text does not say.
    public var triggers: [String]
    public var period: Period?
    public var stages: [Stage]
    /// For `.annual`: the month and day of the yearly deadline.
    public var month: Int?
    public var day: Int?
    /// For "同上" resolved on import: the 1-based row the rule was taken from.
    public var inheritedFromRow: Int?
    public var note: String?

    public init(text: String, kind: Kind, triggers: [String] = [], period: Period? = nil, stages: [Stage] = [],
                month: Int? = nil, day: Int? = nil, note: String? = nil) {
        self.text = text
        self.kind = kind
        self.triggers = triggers
        self.period = period
        self.stages = stages
        self.month = month
        self.day = day
        self.note = note
    }

    public static let unparsedNote = "无法自动计算"

    /// A plain-language reading of the rule for pages ("自形成或者变更之日起20个工作日内；公示7个工作日").
    public var summary: String {
        switch kind {
        case .period:
            guard let period else { return text }
            let start = triggers.isEmpty ? "" : "自\(triggers.joined(separator: "或者"))之日起"
            let main = "\(start)\(period)内"
            return ([main] + stages.map { "\($0.label)\($0.period)" }).joined(separator: "；")
        case .realtime: return "实时公开"
        case .prompt: return "及时公开"
        case .permanent: return "长期公开"
        case .annual: return "每年\(month ?? 0)月\(day ?? 0)日前"
        case .sameAsAbove: return "同上"
        case .unparsed: return "\(text)（\(Self.unparsedNote)）"
        }
    }

    /// When the rule has no number of its own (实时、及时、长期), or does not say what starts the clock, the
    /// regulation's general rule still binds: 条例 第二十六条, 20 working days from 形成或者变更.
    public static let statutoryPeriod = Period.workingDays(20)

    /// The due date for information formed or changed on `start`.
    /// - `.period`: the period itself (the stages, such as 公示, come after publication and are not part of it).
    /// - `.realtime`, `.prompt`, `.permanent`: the statutory 20 working days as the outer limit.
    /// - `.annual`: the next occurrence of the month and day on or after `start`.
    /// - `.unparsed`, `.sameAsAbove`: `nil` — nothing is guessed.
    public func due(after start: CivilDate, in calendar: WorkingCalendar) -> Deadline? {
        switch kind {
        case .period:
            guard let period else { return nil }
            return try? PeriodArithmetic.due(after: start, period, in: calendar)
        case .realtime, .prompt, .permanent:
            return try? PeriodArithmetic.due(after: start, Self.statutoryPeriod, in: calendar)
        case .annual:
            guard let month, let day else { return nil }
            var year = start.year
            var date = CivilDate(year: year, month: month, day: min(day, CivilDate.daysInMonth(year: year, month: month)))
            if let candidate = date, candidate < start {
                year += 1
                date = CivilDate(year: year, month: month, day: min(day, CivilDate.daysInMonth(year: year, month: month)))
            }
            guard let date, calendar.covers(date) else { return nil }
            return Deadline(start: start, period: .calendarDays(date.dayNumber - start.dayNumber), due: date,
                            unconfirmedYears: calendar.unconfirmedYears(from: start, to: date), movedFrom: nil)
        case .sameAsAbove, .unparsed:
            return nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case text, kind, triggers, amount, unit, stages, month, day, summary, computable, note, inheritedFromRow
    }

    /// The JSON shape of `gongkai timelimit parse` and the API: flat, with the plain-language summary.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(kind, forKey: .kind)
        try c.encode(triggers, forKey: .triggers)
        try c.encodeIfPresent(period?.amount, forKey: .amount)
        try c.encodeIfPresent(period?.unit, forKey: .unit)
        try c.encode(stages, forKey: .stages)
        try c.encodeIfPresent(month, forKey: .month)
        try c.encodeIfPresent(day, forKey: .day)
        try c.encode(summary, forKey: .summary)
        try c.encode(isComputable, forKey: .computable)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(inheritedFromRow, forKey: .inheritedFromRow)
    }

    /// Whether a due date can be computed from this rule.
    public var isComputable: Bool { kind != .unparsed && kind != .sameAsAbove }
}

extension TimeLimitRule: Decodable {
    /// A rule is read back from its text: the parsed fields are derived, so re-parsing keeps them consistent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self = TimeLimitParser.parse(try c.decode(String.self, forKey: .text))
    }
}
