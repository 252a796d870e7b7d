/// The working-day calendar: the State Council's notices laid over the week.
///
/// Built once from the year definitions (bundled 2020–2026 plus whatever the admin added), then asked
/// millions of times: every date from 1970 to 2199 has its kind in a table, and the running count of working
/// days with its inverse makes "the Nth working day after D" two array reads (`gongkai-bench deadlines`).
public struct WorkingCalendar: Sendable {
    public static let firstYear = 1970
    public static let lastYear = 2199

    public let definitions: [Int: CalendarYearDefinition]
    private let kinds: [DayKind]
    /// `workingCount[i]` = working days in the table up to and including day i.
    private let workingCount: [Int32]
    /// `nthWorkingDay[k]` = the table index of the (k+1)-th working day.
    private let nthWorkingDay: [Int32]
    private let base: Int
    private let end: Int
    /// `confirmed[year - firstYear]`, so that every deadline can say whether it is certain without hashing.
    private let confirmed: [Bool]

    public init(definitions: [CalendarYearDefinition]) {
        var byYear: [Int: CalendarYearDefinition] = [:]
        for definition in definitions { byYear[definition.year] = definition }
        self.definitions = byYear
        base = CivilDate.firstDay(ofYear: Self.firstYear).dayNumber
        end = CivilDate.lastDay(ofYear: Self.lastYear, month: 12).dayNumber
        var kinds = (base...end).map { CivilDate(dayNumber: $0).isWeekend ? DayKind.weekend : DayKind.workday }
        for definition in byYear.values.sorted(by: { $0.year < $1.year }) {
            for (date, kind) in definition.specialDays where (base...end).contains(date.dayNumber) {
                kinds[date.dayNumber - base] = kind
            }
        }
        var counts = [Int32](repeating: 0, count: kinds.count)
        var nth: [Int32] = []
        nth.reserveCapacity(kinds.count * 5 / 7 + 8)
        var running: Int32 = 0
        for (index, kind) in kinds.enumerated() {
            if kind.isWorkingDay {
                running += 1
                nth.append(Int32(index))
            }
            counts[index] = running
        }
        self.kinds = kinds
        self.confirmed = (Self.firstYear...Self.lastYear).map { byYear[$0] != nil }
        self.workingCount = counts
        self.nthWorkingDay = nth
    }

    /// The years that have a State Council notice in this calendar.
    public var confirmedYears: [Int] { definitions.keys.sorted() }

    public func isConfirmed(year: Int) -> Bool {
        (Self.firstYear...Self.lastYear).contains(year) ? confirmed[year - Self.firstYear] : false
    }

    public func isConfirmed(_ date: CivilDate) -> Bool { isConfirmed(year: date.year) }

    /// The years from `from` to `to` that have no notice (empty when every one is confirmed).
    public func unconfirmedYears(from: CivilDate, to: CivilDate) -> [Int] {
        let (a, b) = from <= to ? (from.year, to.year) : (to.year, from.year)
        var missing: [Int] = []
        for year in a...b where !isConfirmed(year: year) { missing.append(year) }
        return missing
    }

    public func covers(_ date: CivilDate) -> Bool { date.dayNumber >= base && date.dayNumber <= end }

    public func kind(of date: CivilDate) -> DayKind {
        guard covers(date) else { return date.isWeekend ? .weekend : .workday }
        return kinds[date.dayNumber - base]
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool { kind(of: date).isWorkingDay }

    /// Working days in the interval (after, through] — the count a statutory period uses, since the first day is
    /// not counted. Zero when `through` is not after `after`.
    public func workingDays(after: CivilDate, through: CivilDate) -> Int? {
        guard through > after else { return 0 }
        guard covers(after), covers(through) else { return nil }
        return Int(workingCount[through.dayNumber - base] - workingCount[after.dayNumber - base])
    }

    /// The Nth working day after `start` (the start day itself is not counted). `nil` outside 1970–2199.
    public func addingWorkingDays(_ n: Int, to start: CivilDate) -> CivilDate? {
        guard covers(start), n >= 0 else { return nil }
        if n == 0 { return start }
        let target = Int(workingCount[start.dayNumber - base]) + n - 1
        guard target < nthWorkingDay.count else { return nil }
        return CivilDate(dayNumber: base + Int(nthWorkingDay[target]))
    }

    /// The date itself when it is a working day, otherwise the first working day after it.
    public func nextWorkingDay(onOrAfter date: CivilDate) -> CivilDate? {
        guard covers(date) else { return nil }
        if kinds[date.dayNumber - base].isWorkingDay { return date }
        return addingWorkingDays(1, to: date)
    }

    /// All dates of a year with their kinds, in order.
    public func days(inYear year: Int) -> [(date: CivilDate, kind: DayKind)] {
        days(from: CivilDate.firstDay(ofYear: year), through: CivilDate.lastDay(ofYear: year, month: 12))
    }

    public func days(from: CivilDate, through: CivilDate) -> [(date: CivilDate, kind: DayKind)] {
        guard from <= through else { return [] }
        return (from.dayNumber...through.dayNumber).map { n in
            let date = CivilDate(dayNumber: n)
            return (date, kind(of: date))
        }
    }
}
