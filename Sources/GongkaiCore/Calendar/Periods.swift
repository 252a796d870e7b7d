/// A statutory or administrative period: how long, in what unit.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case workingDays = "working-days"
        case calendarDays = "calendar-days"
        case months

        public var label: String {
            switch self {
            case .workingDays: "个工作日"
            case .calendarDays: "日"
            case .months: "个月"
            }
        }
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func workingDays(_ n: Int) -> Period { Period(n, .workingDays) }
    public static func calendarDays(_ n: Int) -> Period { Period(n, .calendarDays) }
    public static func months(_ n: Int) -> Period { Period(n, .months) }

    /// `20个工作日`, `15日`, `2个月`
    public var description: String { "\(amount)\(unit.label)" }
}

/// A computed due date, never shown as certain when a year it depends on has no State Council notice.
public struct Deadline: Hashable, Sendable {
    public var start: CivilDate
    public var period: Period
    public var due: CivilDate
    /// Years between the start and the due date with no holiday notice: counted from weekends alone.
    public var unconfirmedYears: [Int]
    /// For calendar-day periods: the date the period would have ended on before moving off a rest day.
    public var movedFrom: CivilDate?

    public var isConfirmed: Bool { unconfirmedYears.isEmpty }

    /// 已确认 / 未确认（2027年节假日安排尚未录入）
    public var confirmationLabel: String {
        isConfirmed ? "已确认"
            : "未确认（\(unconfirmedYears.map { "\($0)年" }.joined(separator: "、"))节假日安排尚未录入，暂按周末计算）"
    }
}

/// Period arithmetic, in one place. The rules (DOMAIN.md §7):
/// - 工作日: the start day is not counted; the due date is the Nth working day after it, whatever the start day
///   is (a Friday, a holiday, a make-up Saturday).
/// - 日: N calendar days after the start; if that is not a working day the period ends on the next working day
///   (民事诉讼法 第八十五条: 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期).
/// - 月: the same day number N months later, clamped to the month's end (01-31 + 1 个月 = 02-28 or 02-29).
public enum PeriodArithmetic {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case negative
        case outOfRange

        public var description: String {
            switch self {
            case .negative: "期限不能为负数。"
            case .outOfRange: "日期超出可计算的范围（\(WorkingCalendar.firstYear)年至\(WorkingCalendar.lastYear)年）。"
            }
        }
    }

    public static func due(after start: CivilDate, _ period: Period, in calendar: WorkingCalendar) throws(Failure) -> Deadline {
        guard period.amount >= 0 else { throw .negative }
        guard period.amount <= 100_000, calendar.covers(start) else { throw .outOfRange }
        var moved: CivilDate?
        let due: CivilDate
        switch period.unit {
        case .workingDays:
            guard let date = calendar.addingWorkingDays(period.amount, to: start) else { throw .outOfRange }
            due = date
        case .calendarDays:
            let plain = start.adding(days: period.amount)
            guard let date = calendar.nextWorkingDay(onOrAfter: plain) else { throw .outOfRange }
            if date != plain { moved = plain }
            due = date
        case .months:
            due = start.adding(months: period.amount)
            guard calendar.covers(due) else { throw .outOfRange }
        }
        return Deadline(start: start, period: period, due: due,
                        unconfirmedYears: calendar.unconfirmedYears(from: start, to: due), movedFrom: moved)
    }
}
