import GongkaiCore
import Plot
import Vapor

/// The deadline calculator on the public 期限计算说明 page and in the back office: a GET form, so a result can
/// be bookmarked or sent to a colleague, and it works without JavaScript.
enum DeadlineCalculator {
    struct Query: Content {
        var start: String?
        var amount: String?
        var unit: String?
    }

    struct Result {
        var start = ""
        var amount = "20"
        var unit = Period.Unit.workingDays
        var deadline: Deadline?
        var error: String?
        var calendar: WorkingCalendar?
    }

    static func evaluate(_ query: Query, calendar: WorkingCalendar) -> Result {
        var result = Result(start: query.start ?? "", amount: query.amount ?? "20",
                            unit: query.unit.flatMap(Period.Unit.init(rawValue:)) ?? .workingDays, calendar: calendar)
        guard let startText = query.start, !startText.isEmpty else { return result }
        guard let start = CivilDate(startText) else {
            result.error = "起算日“\(startText)”不是有效日期，请按 2026-01-31 的格式填写。"
            return result
        }
        guard let amount = Int(ChineseNumerals.halfWidthDigits(result.amount.trimmingCharacters(in: .whitespaces))),
              (0...3650).contains(amount)
        else {
            result.error = "期限“\(result.amount)”应为0到3650之间的整数。"
            return result
        }
        do { result.deadline = try PeriodArithmetic.due(after: start, Period(amount, result.unit), in: calendar) } catch {
            result.error = error.description
        }
        return result
    }

    static let unitOptions: [(value: String, label: String)] = [
        (Period.Unit.workingDays.rawValue, "个工作日"), (Period.Unit.calendarDays.rawValue, "日（自然日）"),
        (Period.Unit.months.rawValue, "个月"),
    ]

    struct Form: Component {
        let action: String
        let result: Result

        var body: Component {
            El("div", ["class": "calculator-block"]) { content }
        }

        @ComponentBuilder
        private var content: Component {
            El("form", ["method": "get", "action": action, "class": "form calculator"]) {
                El("div", ["class": "field-row"]) {
                    FieldRow(label: "起算日（收到申请、信息形成等发生的日期）", name: "start", value: result.start, type: "date",
                             errors: result.error.map { [$0] } ?? [], hint: "当日不计入，从次日起算")
                    FieldRow(label: "期限", name: "amount", value: result.amount, type: "number")
                    SelectRow(label: "单位", name: "unit", options: DeadlineCalculator.unitOptions, selected: result.unit.rawValue)
                }
                El("div", ["class": "actions"]) { El("button", ["type": "submit", "class": "button"]) { T("计算届满日") } }
            }
            if let deadline = result.deadline, let calendar = result.calendar {
                Outcome(deadline: deadline, calendar: calendar)
            }
        }
    }

    struct Outcome: Component {
        let deadline: Deadline
        let calendar: WorkingCalendar

        var body: Component {
            El("div", ["class": "card result", "role": "status"]) {
                El("p", ["class": "result-date"]) {
                    T("届满日：\(deadline.due.chinese)（\(deadline.due.weekdayName)）")
                    if deadline.isConfirmed { Badge(text: "已确认", kind: "ok") } else { Badge(text: "未确认", kind: "warn") }
                }
                El("p") { T(DeadlineCalculator.explanation(deadline, calendar: calendar)) }
                if !deadline.isConfirmed {
                    El("p", ["class": "warning"]) {
                        T("\(deadline.unconfirmedYears.map { "\($0)年" }.joined(separator: "、"))的节假日安排尚未录入，以上日期只按周末计算，放假和调休公布后可能变化，请勿作为确定的期限。")
                    }
                }
            }
        }
    }

    static func explanation(_ deadline: Deadline, calendar: WorkingCalendar) -> String {
        let start = deadline.start.chinese
        switch deadline.period.unit {
        case .workingDays:
            let skipped = (deadline.start.dayNumber + 1..<deadline.due.dayNumber).map(CivilDate.init(dayNumber:))
                .filter { !calendar.isWorkingDay($0) }
            let holidays = skipped.filter { calendar.kind(of: $0) == .holiday }.count
            let makeup = (deadline.start.dayNumber + 1...max(deadline.start.dayNumber + 1, deadline.due.dayNumber))
                .map(CivilDate.init(dayNumber:)).filter { calendar.kind(of: $0) == .makeupWorkday }.count
            var text = "自\(start)的次日起算，第\(deadline.period.amount)个工作日为届满日。"
            text += "期间跳过休息日\(skipped.count - holidays)天、法定节假日\(holidays)天"
            text += makeup > 0 ? "，调休上班\(makeup)天计为工作日。" : "。"
            return text
        case .calendarDays:
            if let moved = deadline.movedFrom {
                return "自\(start)的次日起算\(deadline.period.amount)日，至\(moved.chinese)；该日为\(calendar.kind(of: moved).label)，顺延至其后第一个工作日。"
            }
            return "自\(start)的次日起算\(deadline.period.amount)日，届满日为工作日。"
        case .months:
            return "\(start)起\(deadline.period.amount)个月后的同一日；该月没有同一日的，以月末为届满日。"
        }
    }
}
