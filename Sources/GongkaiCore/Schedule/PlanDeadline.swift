/// A work plan item's 完成时间, as the seeds write it (issue 5):
/// - a date: "2020年9月底前", "2020年\n9月底" — done by the end of that month;
/// - a period after an event that has not happened yet: "国务院部门其他领域标准指引出台2个月内" — due two months
///   after the county office records the event's date, unknown until then;
/// - a period after another item is completed: "其他领域政务公开标准编制完成1个月内";
/// - none ("长期坚持", or an empty cell).
public enum PlanDeadline: Hashable, Sendable {
    case date(CivilDate)
    case afterEvent(event: String, Period)
    case afterItem(condition: String, Period)
    case none

    /// Reads a 完成时间 cell; nil when it is none of the forms above (the import reports it).
    public static func parse(_ text: String) -> PlanDeadline? {
        let compact = PlanText.compact(text)
        if compact.isEmpty || openEnded.contains(compact) { return PlanDeadline.none }
        if let date = DeadlineText.date(compact) { return .date(date) }
        return relative(compact)
    }

    /// Words that mean "no fixed date" in Chinese work plans.
    static let openEnded: Set<String> = ["无", "—", "-", "/", "长期", "长期坚持", "持续推进", "常态化推进", "长期推进"]

    private static func relative(_ text: String) -> PlanDeadline? {
        var rest = Substring(ChineseNumerals.halfWidthDigits(text))
        for suffix in ["以内", "之内", "内"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        let units: [(String, Period.Unit)] = [
            ("个工作日", .workingDays), ("工作日", .workingDays), ("个月", .months), ("月", .months),
            ("日", .calendarDays), ("天", .calendarDays),
        ]
        guard let (word, unit) = units.first(where: { rest.hasSuffix($0.0) }) else { return nil }
        rest = rest.dropLast(word.count)
        // The amount: the trailing digits or Chinese numerals.
        var amountStart = rest.endIndex
        while amountStart > rest.startIndex {
            let previous = rest.index(before: amountStart)
            guard rest[previous].isASCII && rest[previous].isNumber || "零一二两三四五六七八九十百".contains(rest[previous])
            else { break }
            amountStart = previous
        }
        guard amountStart < rest.endIndex, let amount = ChineseNumerals.value(String(rest[amountStart...])), amount > 0
        else { return nil }
        var condition = rest[..<amountStart]
        for suffix in ["之日起", "之日后", "后"] where condition.hasSuffix(suffix) {
            condition = condition.dropLast(suffix.count)
            break
        }
        guard !condition.isEmpty else { return nil }
        let period = Period(amount, unit)
        if condition.hasSuffix("完成") { return .afterItem(condition: String(condition), period) }
        return .afterEvent(event: String(condition), period)
    }

    /// The due date, when what it depends on is known.
    /// - eventDate: the recorded date of the event an `.afterEvent` deadline waits for.
    /// - itemCompletion: the date the item an `.afterItem` deadline waits for was completed.
    public func due(eventDate: CivilDate?, itemCompletion: CivilDate?, calendar: WorkingCalendar) -> CivilDate? {
        switch self {
        case .date(let date): return date
        case .none: return nil
        case .afterEvent(_, let period):
            return eventDate.flatMap { try? PeriodArithmetic.due(after: $0, period, in: calendar).due }
        case .afterItem(_, let period):
            return itemCompletion.flatMap { try? PeriodArithmetic.due(after: $0, period, in: calendar).due }
        }
    }

    /// What a still-unknown due date waits for, in words: 待“…”的日期录入后确定.
    public var waitingText: String? {
        switch self {
        case .afterEvent(let event, let period): "“\(event)”后\(period)，待录入该事件日期后确定"
        case .afterItem(let condition, let period): "“\(condition)”后\(period)，待前序事项完成后确定"
        case .date, .none: nil
        }
    }

    /// Stable code for storage and the API.
    public var kind: String {
        switch self {
        case .date: "date"
        case .afterEvent: "after-event"
        case .afterItem: "after-item"
        case .none: "none"
        }
    }

    public var period: Period? {
        switch self {
        case .afterEvent(_, let p), .afterItem(_, let p): p
        case .date, .none: nil
        }
    }
}

/// Cell text of work plans: table cells break lines anywhere ("2020年\n9月底前", "工作\n任务").
public enum PlanText {
    /// Without any whitespace: for matching headers and reading dates.
    public static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }.map(Character.init))
    }

    /// At most `limit` characters, with "…" when cut (item texts in lists and messages).
    public static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// Trimmed, with the line breaks a table cell added removed (Chinese needs no space between lines).
    public static func joinedLines(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            .trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
