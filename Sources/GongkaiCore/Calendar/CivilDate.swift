/// A calendar date in China (no time, no zone): the unit every statutory period is counted in.
///
/// Dates are kept as a day number (days since 1970-01-01) so that period arithmetic is integer arithmetic;
/// the conversion uses the proleptic Gregorian algorithm of H. Hinnant ("chrono-compatible low-level date
/// algorithms"), which needs no Foundation calendar and no time zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// `nil` for an impossible date such as 2026-02-30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.dayNumber = CivilDate.dayNumber(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, one-digit month or day, and full-width digits).
    public init?(_ text: String) {
        let normalised = ChineseNumerals.halfWidthDigits(text.trimmingSpaces)
        let parts = normalised.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) { CivilDate.civil(fromDayNumber: dayNumber) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }
    public var isWeekend: Bool { weekday >= 6 }

    /// 星期一 … 星期日, the way the State Council notices write them.
    public var weekdayName: String { CivilDate.weekdayNames[weekday - 1] }
    public static let weekdayNames = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The same day number `months` later, clamped to the end of a shorter month (01-31 + 1 month = 02-28/29).
    public func adding(months: Int) -> CivilDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total / 12, month = total % 12 + 1
        return CivilDate(dayNumber: CivilDate.dayNumber(year: year, month: month,
                                                        day: min(d, CivilDate.daysInMonth(year: year, month: month))))
    }

    public static func lastDay(ofYear year: Int, month: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber(year: year, month: month, day: daysInMonth(year: year, month: month)))
    }

    public static func firstDay(ofYear year: Int) -> CivilDate { CivilDate(dayNumber: dayNumber(year: year, month: 1, day: 1)) }

    /// `2026-10-01`
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    /// `2026年10月1日`
    public var chinese: String {
        let (y, m, d) = components
        return "\(y)年\(m)月\(d)日"
    }

    /// `10月1日`
    public var chineseMonthDay: String { "\(month)月\(day)日" }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDayNumber n: Int) -> (year: Int, month: Int, day: Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension String {
    /// Without leading or trailing spaces, tabs, line breaks or ideographic spaces (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
