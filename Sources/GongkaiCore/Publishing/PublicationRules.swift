/// 索引号: unique per unit, year and sequence, never reused. The national format is not fixed (DOMAIN.md "Not
/// confirmed"); Gongkai writes `unit code/year-sequence` (e.g. 36042900101/2020-00012), the shape most county
/// platforms use, and allocates the next number above every one ever issued, withdrawn records included.
public struct IndexNumber: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let unitCode: String
    public let year: Int
    public let sequence: Int

    public init(unitCode: String, year: Int, sequence: Int) {
        self.unitCode = unitCode
        self.year = year
        self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return "\(unitCode)/\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let tail = parts[1].split(separator: "-")
        guard tail.count == 2, tail[0].count == 4, let year = Int(tail[0]), let sequence = Int(tail[1]), sequence > 0 else { return nil }
        self.init(unitCode: String(parts[0]), year: year, sequence: sequence)
    }

    /// The next number for a unit and year, given every number already issued (any unit, any year).
    public static func next(unitCode: String, year: Int, issued: [IndexNumber]) -> IndexNumber {
        let last = issued.filter { $0.unitCode == unitCode && $0.year == year }.map(\.sequence).max() ?? 0
        return IndexNumber(unitCode: unitCode, year: year, sequence: last + 1)
    }

    public static func < (a: IndexNumber, b: IndexNumber) -> Bool {
        (a.unitCode, a.year, a.sequence) < (b.unitCode, b.year, b.sequence)
    }
}

/// 有效性, marked on the page as the 政府网站发展指引 asks: a record that no longer applies says since when and what
/// replaced or repealed it.
public enum Validity: Hashable, Sendable {
    case valid
    /// 失效: expired on the date (e.g. a time-limited policy).
    case expired(on: CivilDate)
    /// 废止: repealed on the date by the named document.
    case repealed(on: CivilDate, by: String)

    public var label: String {
        switch self {
        case .valid: "有效"
        case .expired: "失效"
        case .repealed: "废止"
        }
    }

    /// "废止（2023-05-01，依据湖府发〔2023〕3号）"
    public var statement: String {
        switch self {
        case .valid: "有效"
        case .expired(let date): "失效（\(date.description)起）"
        case .repealed(let date, let by): "废止（\(date.description)起，依据\(by)）"
        }
    }

    /// From the form's fields; a 失效 or 废止 record needs its date, a 废止 one the repealing document.
    public static func from(status: String, date: String, repealedBy: String, publishedOn: CivilDate?) -> Result<Validity, ValidationErrors> {
        var errors = ValidationErrors()
        let day = CivilDate(date)
        switch status {
        case "valid", "有效": return .success(.valid)
        case "expired", "失效", "repealed", "废止":
            if day == nil { errors.add("validityDate", "请填写\(status == "expired" || status == "失效" ? "失效" : "废止")日期，格式如 2023-05-01（读到：“\(date)”）。") }
            if let day, let publishedOn, day < publishedOn { errors.add("validityDate", "失效或废止日期不能早于发布日期（\(publishedOn.description)）。") }
            let repealing = repealedBy.trimmingCharacters(in: .whitespacesAndNewlines)
            let repealed = status == "repealed" || status == "废止"
            if repealed && repealing.isEmpty { errors.add("repealedBy", "请写明废止该文件的文件名称或文号。") }
            guard errors.isEmpty, let day else { return .failure(errors) }
            return .success(repealed ? .repealed(on: day, by: DocumentNumber.parse(repealing)?.description ?? repealing) : .expired(on: day))
        default:
            errors.add("validity", "有效性应为有效、失效或废止。")
            return .failure(errors)
        }
    }
}

/// Whether proactive information was published within its catalog entry's 公开时限 (条例 第二十六条: 20 working
/// days from 形成或者变更 unless a law says otherwise), counted on the working-day calendar.
public enum Timeliness: Hashable, Sendable {
    case onTime(due: CivilDate)
    case late(workingDays: Int, due: CivilDate)
    /// Not yet published: due in N working days (0 = today).
    case pending(workingDaysLeft: Int, due: CivilDate)
    /// Not yet published and past the due date.
    case overdue(workingDays: Int, due: CivilDate)
    /// The 公开时限 cannot be computed (按上级要求 and the like): nothing is guessed.
    case notComputable

    public var label: String {
        switch self {
        case .onTime: "按时"
        case .late(let n, _): "逾期\(n)个工作日"
        case .pending(let n, _): n == 0 ? "今日到期" : "\(n)个工作日后到期"
        case .overdue(let n, _): "已逾期\(n)个工作日，尚未公开"
        case .notComputable: "时限无法自动计算"
        }
    }

    public var isLate: Bool {
        switch self {
        case .late, .overdue: true
        default: false
        }
    }

    public static func assess(formedOn: CivilDate, publishedOn: CivilDate?, rule: TimeLimitRule, today: CivilDate,
                              calendar: WorkingCalendar) -> Timeliness {
        guard let due = rule.due(after: formedOn, in: calendar)?.due else { return .notComputable }
        if let publishedOn {
            guard publishedOn > due else { return .onTime(due: due) }
            return .late(workingDays: max(1, calendar.workingDays(after: due, through: publishedOn) ?? 1), due: due)
        }
        if today > due { return .overdue(workingDays: max(1, calendar.workingDays(after: due, through: today) ?? 1), due: due) }
        return .pending(workingDaysLeft: calendar.workingDays(after: today, through: due) ?? 0, due: due)
    }
}

import Foundation
