import Foundation
import GongkaiCore

/// `date,kind` files: what `gongkai calendar import FILE.csv` and the back office upload read, and what
/// `gongkai calendar days` writes (`date,kind,confirmed`; the third column is ignored on import, so an export
/// can be edited and imported back).
///
/// One file is one year's notice. Only holidays and make-up working days change anything; `workday` and
/// `weekend` lines are accepted when they agree with the week, and refused when they do not (a Saturday cannot
/// be a plain `workday` — it is a `makeup-workday`).
public enum CalendarDaysFile {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    public static let maximumReported = 20

    public static func parse(_ text: String, year requestedYear: Int? = nil, notice: String = "",
                             issued: CivilDate? = nil) throws(Failure) -> CalendarYearDefinition {
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.read(text) } catch { throw Failure(problems: [error.message]) }
        var problems: [String] = []
        var entries: [(line: Int, date: CivilDate, kind: DayKind)] = []
        var firstLine: [CivilDate: (Int, DayKind)] = [:]
        for row in rows {
            let first = row.fields[0].trimmingCharacters(in: .whitespaces).lowercased()
            if entries.isEmpty && problems.isEmpty && ["date", "日期"].contains(first) { continue }
            guard row.fields.count >= 2 else {
                problems.append("第\(row.line)行：应为“日期,类型”两列，例如 2027-01-01,holiday。")
                continue
            }
            guard let date = CivilDate(row.fields[0]) else {
                problems.append("第\(row.line)行：日期“\(row.fields[0])”无法识别，应为 2027-01-01 这样的格式。")
                continue
            }
            guard let kind = DayKind(keyword: row.fields[1]) else {
                problems.append("第\(row.line)行：类型“\(row.fields[1])”无法识别，应为 workday、weekend、holiday、makeup-workday 之一。")
                continue
            }
            switch (kind, date.isWeekend) {
            case (.workday, true):
                problems.append("第\(row.line)行：\(date)是\(date.weekdayName)，周末上班请写 makeup-workday。")
                continue
            case (.weekend, false):
                problems.append("第\(row.line)行：\(date)是\(date.weekdayName)，不是周末；放假请写 holiday。")
                continue
            case (.makeupWorkday, false):
                problems.append("第\(row.line)行：\(date)是\(date.weekdayName)，本来就要上班；调休上班日应为星期六或星期日。")
                continue
            default: break
            }
            if let (line, other) = firstLine[date], other != kind {
                problems.append("第\(row.line)行：\(date)在第\(line)行已写为 \(other.rawValue)，这里又写为 \(kind.rawValue)。")
                continue
            }
            firstLine[date] = (row.line, kind)
            entries.append((row.line, date, kind))
        }
        let special = entries.filter { $0.kind == .holiday || $0.kind == .makeupWorkday }
        let year = requestedYear ?? mostCommonYear(special.isEmpty ? entries.map(\.date) : special.map(\.date))
        guard let year else {
            throw Failure(problems: problems.isEmpty ? ["文件中没有任何日期。每行应为“日期,类型”，例如 2027-01-01,holiday。"] : problems)
        }
        for entry in entries {
            let d = entry.date
            let inYear = d.year == year || (d.year == year - 1 && d.month == 12) || (d.year == year + 1 && d.month == 1)
            if !inYear {
                problems.append("第\(entry.line)行：\(d)不属于\(year)年。一个文件只导入一年的节假日安排（可含相邻的12月、1月）。")
            }
        }
        let definition = CalendarYearDefinition(year: year, notices: [HolidayNotice(
            year: year, number: notice, issued: issued,
            arrangements: HolidayArrangement.derive(holidays: special.filter { $0.kind == .holiday }.map(\.date),
                                                    makeupWorkdays: special.filter { $0.kind == .makeupWorkday }.map(\.date)))])
        if problems.isEmpty { problems = definition.problems().map(\.message) }
        guard problems.isEmpty else {
            let shown = Array(problems.prefix(maximumReported))
            throw Failure(problems: shown + (problems.count > shown.count ? ["……另有\(problems.count - shown.count)处问题。"] : []))
        }
        return definition
    }

    /// `date,kind,confirmed` for every date from `from` through `to`.
    public static func write(_ calendar: WorkingCalendar, from: CivilDate, through: CivilDate) -> String {
        var out = "date,kind,confirmed\n"
        out.reserveCapacity((through.dayNumber - from.dayNumber + 1) * 28)
        for (date, kind) in calendar.days(from: from, through: through) {
            out += "\(date),\(kind.rawValue),\(calendar.isConfirmed(date) ? "yes" : "no")\n"
        }
        return out
    }

    private static func mostCommonYear(_ dates: [CivilDate]) -> Int? {
        var counts: [Int: Int] = [:]
        for date in dates { counts[date.year, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
