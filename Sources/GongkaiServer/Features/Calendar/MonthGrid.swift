import GongkaiCore
import Plot

/// A month laid out Monday to Sunday, as a Chinese wall calendar: 休 on holidays, 班 on make-up working days.
enum MonthGrid {
    static let weekdayHeads = ["一", "二", "三", "四", "五", "六", "日"]

    /// Weeks of the month; `nil` for the blank cells before the 1st and after the last day.
    static func weeks(year: Int, month: Int) -> [[CivilDate?]] {
        let first = CivilDate(year: year, month: month, day: 1)!
        let count = CivilDate.daysInMonth(year: year, month: month)
        var cells: [CivilDate?] = Array(repeating: nil, count: first.weekday - 1)
        cells += (0..<count).map { first.adding(days: $0) }
        while cells.count % 7 != 0 { cells.append(nil) }
        return stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
    }

    /// For the terminal. Each cell is four columns wide (a CJK mark takes two).
    static func text(year: Int, month: Int, calendar: WorkingCalendar) -> String {
        var out = "            \(year)年\(month)月\n"
        out += weekdayHeads.map { " \($0) " }.joined(separator: " ") + "\n"
        for week in weeks(year: year, month: month) {
            out += week.map { cell -> String in
                guard let date = cell else { return "    " }
                let number = date.day < 10 ? " \(date.day)" : "\(date.day)"
                return number + (calendar.kind(of: date).mark ?? "  ")
            }.joined(separator: " ") + "\n"
        }
        out += "休 = 法定节假日（放假调休）  班 = 调休上班\n"
        if let definition = calendar.definitions[year] {
            out += "依据：\(definition.notices.map { "《\($0.title)》（\($0.number)）" }.joined(separator: "、"))\n"
        } else {
            out += "注意：\(year)年的节假日安排尚未录入，以上只按周末区分，放假和调休上班未确认。\n"
        }
        return out
    }

    /// For pages: a table with the day kind spelled out for screen readers.
    struct Table: Component {
        let year: Int
        let month: Int
        let calendar: WorkingCalendar

        var body: Component {
            El("table", ["class": "month-grid"]) {
                El("caption") { T("\(year)年\(month)月") }
                El("thead") {
                    El("tr") {
                        for head in MonthGrid.weekdayHeads { El("th", ["scope": "col"]) { T(head) } }
                    }
                }
                El("tbody") {
                    for week in MonthGrid.weeks(year: year, month: month) {
                        El("tr") {
                            for cell in week {
                                if let date = cell {
                                    let kind = calendar.kind(of: date)
                                    El("td", ["class": "day-\(kind.rawValue)", "title": "\(date.chinese) \(kind.label)"]) {
                                        T(String(date.day))
                                        if let mark = kind.mark { El("span", ["class": "day-mark"]) { T(mark) } }
                                    }
                                } else {
                                    El("td", ["class": "day-blank"])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
