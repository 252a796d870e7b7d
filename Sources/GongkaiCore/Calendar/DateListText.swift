/// Lists of dates as an admin types them from a notice: "2027-01-01至2027-01-03", "1月1日至3日",
/// "2月6日、2月20日", "2027-02-06 2027-02-20", "2027-10-01..2027-10-07".
public enum DateListText {
    public struct Failure: Error, Equatable {
        public let message: String
    }

    public static func parse(_ text: String, year: Int) throws(Failure) -> [CivilDate] {
        let normal = ChineseNumerals.halfWidthDigits(text)
            .replacingAll("..", with: "至").replacingAll("~", with: "至").replacingAll("～", with: "至")
            .replacingAll("—", with: "至").replacingAll("到", with: "至")
        let pieces = normal.split(whereSeparator: { "、，,;；\n\r\t ".contains($0) || $0 == "\u{3000}" })
        var dates: [CivilDate] = []
        for piece in pieces {
            let clean = String(piece).replacingAll("（", with: "(").split(separator: "(").first.map(String.init) ?? ""
            if clean.isEmpty { continue }
            let ends = clean.components(separatedByString: "至")
            guard ends.count <= 2, let first = date(ends[0], year: year, month: nil) else {
                throw Failure(message: "“\(piece)”不是可以识别的日期，请写成 \(year)-01-01 或 1月1日，范围写成 1月1日至3日。")
            }
            if ends.count == 2 {
                guard let last = date(ends[1], year: first.year, month: first.month), last >= first,
                      last.dayNumber - first.dayNumber < 31
                else {
                    throw Failure(message: "“\(piece)”的结束日期无法识别或早于开始日期。")
                }
                dates += (first.dayNumber...last.dayNumber).map(CivilDate.init(dayNumber:))
            } else {
                dates.append(first)
            }
        }
        return dates
    }

    /// `2027-01-03`, `2027年1月3日`, `1月3日` (in `year`), `3日` (in `month` of `year`).
    static func date(_ text: String, year: Int, month: Int?) -> CivilDate? {
        if let date = CivilDate(text) { return date }
        var rest = Substring(text)
        var y = year, m = month
        if let i = rest.firstIndex(of: "年") {
            guard let value = Int(rest[..<i]) else { return nil }
            y = value
            rest = rest[rest.index(after: i)...]
        }
        if let i = rest.firstIndex(of: "月") {
            guard let value = ChineseNumerals.value(String(rest[..<i])) else { return nil }
            m = value
            rest = rest[rest.index(after: i)...]
        }
        if rest.hasSuffix("日") || rest.hasSuffix("号") { rest = rest.dropLast() }
        guard let m, let d = ChineseNumerals.value(String(rest)) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}

extension String {
    func components(separatedByString separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension HolidayArrangement {
    /// The notice-style sentence for an arrangement typed in or imported without one:
    /// "1月1日至3日放假，共3天。1月4日（星期日）上班。"
    public var description: String {
        if !text.isEmpty { return text }
        var parts: [String] = []
        for run in Self.runs(holidays.sorted()) {
            let first = run.first!, last = run.last!
            let span = first == last ? first.chineseMonthDay
                : first.month == last.month ? "\(first.chineseMonthDay)至\(last.day)日"
                : "\(first.chineseMonthDay)至\(last.chineseMonthDay)"
            parts.append("\(span)放假，共\(run.count)天。")
        }
        if !makeupWorkdays.isEmpty {
            parts.append(makeupWorkdays.sorted().map { "\($0.chineseMonthDay)（\($0.weekdayName)）" }.joined(separator: "、") + "上班。")
        }
        return parts.joined()
    }

    /// Consecutive dates grouped together.
    public static func runs(_ dates: [CivilDate]) -> [[CivilDate]] {
        var runs: [[CivilDate]] = []
        for date in dates {
            if let last = runs.last?.last, last.dayNumber + 1 == date.dayNumber {
                runs[runs.count - 1].append(date)
            } else {
                runs.append([date])
            }
        }
        return runs
    }

    /// Arrangements derived from bare dates (a `date,kind` file): one per run of holidays, each make-up day going
    /// to the nearest run, named after the fixed-date festival it contains where there is one.
    public static func derive(holidays: [CivilDate], makeupWorkdays: [CivilDate]) -> [HolidayArrangement] {
        let runs = runs(Array(Set(holidays)).sorted())
        var arrangements = runs.map { run -> HolidayArrangement in
            let name: String
            if run.contains(where: { $0.month == 1 && $0.day == 1 }) { name = "元旦" }
            else if run.contains(where: { $0.month == 5 && $0.day == 1 }) { name = "劳动节" }
            else if run.contains(where: { $0.month == 10 && $0.day == 1 }) { name = "国庆节" }
            else { name = "节假日" }
            return HolidayArrangement(festival: name, holidays: run, makeupWorkdays: [])
        }
        for day in Array(Set(makeupWorkdays)).sorted() {
            guard !arrangements.isEmpty else {
                arrangements.append(HolidayArrangement(festival: "调休上班", holidays: [], makeupWorkdays: [day]))
                continue
            }
            let nearest = arrangements.indices.min { a, b in
                distance(day, arrangements[a].holidays) < distance(day, arrangements[b].holidays)
            }!
            arrangements[nearest].makeupWorkdays.append(day)
        }
        return arrangements
    }

    private static func distance(_ day: CivilDate, _ run: [CivilDate]) -> Int {
        run.map { abs($0.dayNumber - day.dayNumber) }.min() ?? Int.max
    }
}

extension CalendarYearDefinition {
    /// A problem with a year typed in or imported, and the arrangement (row) it belongs to, if any.
    public struct Problem: Sendable, Equatable {
        public let arrangement: Int?
        public let message: String
    }

    /// What is wrong with the year, each problem in Chinese; empty when it can be saved. Arrangements are
    /// numbered across all notices, in order.
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        var seen: [CivilDate: (DayKind, String)] = [:]
        var index = 0
        for notice in notices {
            for arrangement in notice.arrangements {
                defer { index += 1 }
                let where_ = arrangement.festival.isEmpty ? "" : "（\(arrangement.festival)）"
                for date in arrangement.holidays + arrangement.makeupWorkdays {
                    let inYear = date.year == year || (date.year == year - 1 && date.month == 12)
                        || (date.year == year + 1 && date.month == 1)
                    if !inYear {
                        problems.append(Problem(arrangement: index,
                            message: "\(date)\(where_)不属于\(year)年的节假日安排（只能在\(year)年内，或相邻的12月、1月）。"))
                    }
                }
                for date in arrangement.makeupWorkdays where !date.isWeekend {
                    problems.append(Problem(arrangement: index,
                        message: "\(date)\(where_)是\(date.weekdayName)，本来就要上班；调休上班日应为星期六或星期日。"))
                }
                for (date, kind) in arrangement.holidays.map({ ($0, DayKind.holiday) })
                    + arrangement.makeupWorkdays.map({ ($0, DayKind.makeupWorkday) }) {
                    // Within one notice a date cannot be both; a later notice may change an earlier one.
                    if let (other, festival) = seen[date], other != kind, notices.count == 1 {
                        problems.append(Problem(arrangement: index,
                            message: "\(date)既写为“\(other.label)”（\(festival)）又写为“\(kind.label)”\(where_)。"))
                    }
                    seen[date] = (kind, arrangement.festival)
                }
            }
        }
        if !specialDays.values.contains(.holiday) {
            problems.append(Problem(arrangement: nil,
                message: "没有填写任何放假日期：\(year)年的节假日安排至少应有元旦、春节等法定节假日。"))
        }
        return problems
    }
}
