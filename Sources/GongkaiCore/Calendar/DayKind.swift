/// What a date is for counting 工作日. Weekends and weekdays come from the week; holidays and 调休 make-up
/// working days only from the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知).
public enum DayKind: String, CaseIterable, Sendable, Codable {
    case workday
    case weekend
    case holiday
    case makeupWorkday = "makeup-workday"

    public var isWorkingDay: Bool { self == .workday || self == .makeupWorkday }

    public var label: String {
        switch self {
        case .workday: "工作日"
        case .weekend: "休息日"
        case .holiday: "法定节假日"
        case .makeupWorkday: "调休上班"
        }
    }

    /// Short mark for month grids: 休 and 班, as Chinese wall calendars print them.
    public var mark: String? {
        switch self {
        case .holiday: "休"
        case .makeupWorkday: "班"
        default: nil
        }
    }

    /// Accepts the CSV keywords and the Chinese words people type (调休上班, 班, 放假, 休 …).
    public init?(keyword: String) {
        let text = keyword.trimmingSpaces.lowercased()
        if let kind = DayKind(rawValue: text) { self = kind; return }
        switch text {
        case "工作日": self = .workday
        case "makeup_workday", "makeup": self = .makeupWorkday
        case "周末", "休息日", "双休日": self = .weekend
        case "节假日", "法定节假日", "放假", "休", "假日", "holiday-rest": self = .holiday
        case "调休上班", "上班", "班", "补班": self = .makeupWorkday
        default: return nil
        }
    }
}

/// One line of a holiday notice: a festival's days off and the weekend days worked to make up for them.
public struct HolidayArrangement: Sendable, Equatable {
    public var festival: String
    public var holidays: [CivilDate]
    public var makeupWorkdays: [CivilDate]
    /// The notice's own sentence, when known ("1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。").
    public var text: String

    public init(festival: String, holidays: [CivilDate], makeupWorkdays: [CivilDate], text: String = "") {
        self.festival = festival
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
        self.text = text
    }
}

/// A State Council notice (or its amendment, such as 国办发明电〔2020〕1号 extending the 2020 Spring Festival).
public struct HolidayNotice: Sendable, Equatable {
    public var year: Int
    public var number: String
    public var issued: CivilDate?
    public var title: String
    public var arrangements: [HolidayArrangement]

    public static func defaultTitle(year: Int) -> String { "国务院办公厅关于\(year)年部分节假日安排的通知" }

    public init(year: Int, number: String, issued: CivilDate?, title: String? = nil, arrangements: [HolidayArrangement]) {
        self.year = year
        self.number = number
        self.issued = issued
        self.title = title ?? Self.defaultTitle(year: year)
        self.arrangements = arrangements
    }
}

/// Everything known about one year: its notices in the order they were issued (a later notice overrides an
/// earlier one for the same date). A year with a definition is confirmed; a year without is counted from
/// weekends alone and marked 未确认.
public struct CalendarYearDefinition: Sendable, Equatable {
    public var year: Int
    public var notices: [HolidayNotice]

    public init(year: Int, notices: [HolidayNotice]) {
        self.year = year
        self.notices = notices
    }

    /// The dates this year's notices set, later notices winning.
    public var specialDays: [CivilDate: DayKind] {
        var days: [CivilDate: DayKind] = [:]
        for notice in notices {
            for arrangement in notice.arrangements {
                for date in arrangement.holidays { days[date] = .holiday }
                for date in arrangement.makeupWorkdays { days[date] = .makeupWorkday }
            }
        }
        return days
    }

    public var holidayCount: Int { specialDays.values.filter { $0 == .holiday }.count }
    public var makeupWorkdayCount: Int { specialDays.values.filter { $0 == .makeupWorkday }.count }

    /// The notice numbers, joined for display (国办发明电〔2019〕16号、国办发明电〔2020〕1号).
    public var noticeNumbers: String { notices.map(\.number).filter { !$0.isEmpty }.joined(separator: "、") }
}
