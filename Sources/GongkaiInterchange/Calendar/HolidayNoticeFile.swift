import Foundation
import GongkaiCore

/// The file format of holiday notices: one CSV row per festival of a notice,
/// `year,notice,issued,festival,holidays,makeup_workdays,text[,title]`, where `holidays` and `makeup_workdays` are dates
/// separated by spaces and `A..B` is a range. The package ships 2020–2026 in this format
/// (`Resources/holiday-notices.csv`); the database keeps each admin-entered year in it too.
public enum HolidayNoticeFile {
    public static let header = ["year", "notice", "issued", "festival", "holidays", "makeup_workdays", "text", "title"]

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "第\(line)行：\(message)" }
    }

    public static func parse(_ text: String) throws(Failure) -> [CalendarYearDefinition] {
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.read(text) } catch { throw Failure(line: error.line, message: error.message) }
        var years: [Int: CalendarYearDefinition] = [:]
        var order: [Int] = []
        for row in rows where row.fields.first != "year" {
            guard row.fields.count >= 6 else { throw Failure(line: row.line, message: "应有 \(header.count) 列。") }
            let f = row.fields
            guard let year = Int(f[0]) else { throw Failure(line: row.line, message: "年份“\(f[0])”无法识别。") }
            let issued = f[2].isEmpty ? nil : CivilDate(f[2])
            if !f[2].isEmpty && issued == nil { throw Failure(line: row.line, message: "发布日期“\(f[2])”无法识别。") }
            let arrangement = HolidayArrangement(
                festival: f[3], holidays: try dates(f[4], line: row.line), makeupWorkdays: try dates(f[5], line: row.line),
                text: f.count > 6 ? f[6] : "")
            if years[year] == nil {
                years[year] = CalendarYearDefinition(year: year, notices: [])
                order.append(year)
            }
            if let index = years[year]!.notices.firstIndex(where: { $0.number == f[1] }) {
                years[year]!.notices[index].arrangements.append(arrangement)
            } else {
                let title = f.count > 7 && !f[7].isEmpty ? f[7] : nil
                years[year]!.notices.append(HolidayNotice(year: year, number: f[1], issued: issued, title: title,
                                                          arrangements: [arrangement]))
            }
        }
        return order.map { years[$0]! }
    }

    public static func serialise(_ definitions: [CalendarYearDefinition]) -> String {
        var writer = CSVWriter()
        writer.append(header)
        for definition in definitions {
            for notice in definition.notices {
                for arrangement in notice.arrangements {
                    writer.append([
                        String(definition.year), notice.number, notice.issued?.description ?? "", arrangement.festival,
                        dateList(arrangement.holidays), dateList(arrangement.makeupWorkdays), arrangement.text,
                        notice.title == HolidayNotice.defaultTitle(year: definition.year) ? "" : notice.title,
                    ])
                }
            }
        }
        return writer.text
    }

    static func dates(_ text: String, line: Int) throws(Failure) -> [CivilDate] {
        var result: [CivilDate] = []
        for piece in text.split(separator: " ") {
            let ends = piece.split(separator: ".", omittingEmptySubsequences: true)
            if piece.contains("..") && ends.count == 2, let a = CivilDate(String(ends[0])), let b = CivilDate(String(ends[1])), a <= b {
                result += (a.dayNumber...b.dayNumber).map(CivilDate.init(dayNumber:))
            } else if let date = CivilDate(String(piece)), !piece.contains("..") {
                result.append(date)
            } else {
                throw Failure(line: line, message: "日期“\(piece)”无法识别。")
            }
        }
        return result
    }

    /// Dates written compactly: runs of consecutive days as `A..B`.
    static func dateList(_ dates: [CivilDate]) -> String {
        HolidayArrangement.runs(dates.sorted()).map { run in
            run.count == 1 ? run[0].description : "\(run.first!)..\(run.last!)"
        }.joined(separator: " ")
    }
}

/// The 2020–2026 notices shipped with Gongkai.
public enum BundledCalendar {
    public static let resourceName = "holiday-notices"

    public static func definitions() throws -> [CalendarYearDefinition] {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: "csv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: resourceName, withExtension: "csv")
        else { throw HolidayNoticeFile.Failure(line: 0, message: "程序包中缺少节假日安排文件 \(resourceName).csv。") }
        return try HolidayNoticeFile.parse(String(contentsOf: url, encoding: .utf8))
    }
}
