import GongkaiCore
import PropertyBased
import Testing

@testable import GongkaiInterchange

/// The shipped calendar against the State Council notices, typed here a second time in the notices' own
/// words (放假 ranges and 上班 days), so that a slip in either copy fails.
@Suite("Bundled 2020–2026 calendar")
struct BundledCalendarTests {
    static let calendar = WorkingCalendar(definitions: try! BundledCalendar.definitions())

    /// year: (days off as "M.D-M.D" or "M.D", make-up working days "M.D")
    static let notices: [Int: (off: [String], worked: [String], number: String)] = [
        2020: (["1.1", "1.24-2.2", "4.4-4.6", "5.1-5.5", "6.25-6.27", "10.1-10.8"],
               ["1.19", "4.26", "5.9", "6.28", "9.27", "10.10"], "国办发明电〔2019〕16号"),
        2021: (["1.1-1.3", "2.11-2.17", "4.3-4.5", "5.1-5.5", "6.12-6.14", "9.19-9.21", "10.1-10.7"],
               ["2.7", "2.20", "4.25", "5.8", "9.18", "9.26", "10.9"], "国办发明电〔2020〕27号"),
        // 12-31 is off by the 2023 notice (元旦：2022年12月31日至2023年1月2日).
        2022: (["1.1-1.3", "1.31-2.6", "4.3-4.5", "4.30-5.4", "6.3-6.5", "9.10-9.12", "10.1-10.7", "12.31"],
               ["1.29", "1.30", "4.2", "4.24", "5.7", "10.8", "10.9"], "国办发明电〔2021〕11号"),
        2023: (["1.1-1.2", "1.21-1.27", "4.5", "4.29-5.3", "6.22-6.24", "9.29-10.6"],
               ["1.28", "1.29", "4.23", "5.6", "6.25", "10.7", "10.8"], "国办发明电〔2022〕16号"),
        2024: (["1.1", "2.10-2.17", "4.4-4.6", "5.1-5.5", "6.10", "9.15-9.17", "10.1-10.7"],
               ["2.4", "2.18", "4.7", "4.28", "5.11", "9.14", "9.29", "10.12"], "国办发明电〔2023〕7号"),
        2025: (["1.1", "1.28-2.4", "4.4-4.6", "5.1-5.5", "5.31-6.2", "10.1-10.8"],
               ["1.26", "2.8", "4.27", "9.28", "10.11"], "国办发明电〔2024〕12号"),
        2026: (["1.1-1.3", "2.15-2.23", "4.4-4.6", "5.1-5.5", "6.19-6.21", "9.25-9.27", "10.1-10.7"],
               ["1.4", "2.14", "2.28", "5.9", "9.20", "10.10"], "国办发明电〔2025〕7号"),
    ]

    static func dates(_ items: [String], year: Int) -> Set<CivilDate> {
        var result = Set<CivilDate>()
        for item in items {
            let ends = item.split(separator: "-").map { part -> CivilDate in
                let md = part.split(separator: ".").map { Int($0)! }
                return CivilDate(year: year, month: md[0], day: md[1])!
            }
            for n in ends.first!.dayNumber...ends.last!.dayNumber { result.insert(CivilDate(dayNumber: n)) }
        }
        return result
    }

    @Test("every day of 2020–2026 has the kind the notices give it", arguments: 2020...2026)
    func everyDay(year: Int) {
        let notice = Self.notices[year]!
        let off = Self.dates(notice.off, year: year)
        let worked = Self.dates(notice.worked, year: year)
        #expect(Self.calendar.isConfirmed(year: year))
        #expect(Self.calendar.definitions[year]!.notices.first!.number == notice.number)
        for (date, kind) in Self.calendar.days(inYear: year) {
            let expected: DayKind = off.contains(date) ? .holiday : worked.contains(date) ? .makeupWorkday
                : date.isWeekend ? .weekend : .workday
            #expect(kind == expected, "\(date)")
        }
    }

    @Test("the 2023 New Year holiday began on 2022-12-31; 2020's extension cancelled the 2-1 make-up day")
    func edges() {
        #expect(Self.calendar.kind(of: CivilDate("2022-12-31")!) == .holiday)
        #expect(Self.calendar.kind(of: CivilDate("2020-02-01")!) == .holiday)
        #expect(Self.calendar.definitions[2020]!.noticeNumbers == "国办发明电〔2019〕16号、国办发明电〔2020〕1号")
        #expect(!Self.calendar.isConfirmed(year: 2027))
        #expect(!Self.calendar.isConfirmed(year: 2019))
    }

    @Test("around Spring Festival and National Day")
    func longHolidays() throws {
        func due(_ start: String, _ n: Int) throws -> String {
            try PeriodArithmetic.due(after: CivilDate(start)!, .workingDays(n), in: Self.calendar).due.description
        }
        // Friday before National Day 2024: Sun 9-29 and Sat 10-12 worked.
        #expect(try due("2024-09-27", 20) == "2024-10-30")
        #expect(try due("2024-09-27", 1) == "2024-09-29")
        // On a holiday: the first working day after the break is day 1.
        #expect(try due("2024-10-03", 1) == "2024-10-08")
        // On a make-up Saturday.
        #expect(try due("2024-10-12", 1) == "2024-10-14")
        // Spring Festival 2026: 2-15..2-23 off, Sat 2-14 and Sat 2-28 worked.
        #expect(try due("2026-02-13", 1) == "2026-02-14")
        #expect(try due("2026-02-13", 2) == "2026-02-24")
        #expect(try due("2026-02-13", 6) == "2026-02-28")
        #expect(try due("2026-02-13", 7) == "2026-03-02")
        // 7 working days for 补正 across Spring Festival 2025 (1-28..2-4 off, 1-26 and 2-8 worked).
        #expect(try due("2025-01-24", 7) == "2025-02-10")
        // 15 calendar days ending on the National Day 2026 holiday move to 10-08.
        #expect(try PeriodArithmetic.due(after: CivilDate("2026-09-16")!, .calendarDays(15), in: Self.calendar).due == CivilDate("2026-10-08")!)
        // Crossing into 2027, which has no notice yet.
        #expect(try !PeriodArithmetic.due(after: CivilDate("2026-12-20")!, .workingDays(20), in: Self.calendar).isConfirmed)
    }

    @Test("a working-day due date is a working day, and more days never give an earlier date", .tags(.property))
    func properties() async {
        let first = CivilDate("2020-01-01")!.dayNumber, last = CivilDate("2026-12-31")!.dayNumber
        await propertyCheck(count: 500, input: Gen.int(in: first...last), Gen.int(in: 1...60), Gen.int(in: 0...40)) { start, n, extra in
            let date = CivilDate(dayNumber: start)
            let a = try! PeriodArithmetic.due(after: date, .workingDays(n), in: Self.calendar).due
            let b = try! PeriodArithmetic.due(after: date, .workingDays(n + extra), in: Self.calendar).due
            #expect(Self.calendar.isWorkingDay(a))
            #expect(a > date)
            #expect(b >= a)
            #expect(Self.calendar.workingDays(after: date, through: a) == n)
            let c = try! PeriodArithmetic.due(after: date, .calendarDays(n), in: Self.calendar)
            #expect(Self.calendar.isWorkingDay(c.due) && c.due >= date.adding(days: n))
        }
    }

    @Test("the notice file round-trips")
    func roundTrip() throws {
        let definitions = try BundledCalendar.definitions()
        #expect(try HolidayNoticeFile.parse(HolidayNoticeFile.serialise(definitions)) == definitions)
    }
}

@Suite("date,kind calendar files")
struct CalendarDaysFileTests {
    @Test("a year with holidays and make-up days, header optional, Chinese kind words accepted")
    func reads() throws {
        let text = "date,kind\n2027-01-01,holiday\n2027-01-02,holiday\n2027-01-03,节假日\n2027-02-06,调休上班\n2027-02-07,weekend\n2027-02-08,workday\n"
        let year = try CalendarDaysFile.parse(text, notice: "测试号")
        #expect(year.year == 2027)
        #expect(year.holidayCount == 3 && year.makeupWorkdayCount == 1)
        #expect(year.notices[0].arrangements.first?.festival == "元旦")
    }

    @Test("what `calendar days` writes can be read back")
    func exportImport() throws {
        let calendar = WorkingCalendar(definitions: try BundledCalendar.definitions())
        let text = CalendarDaysFile.write(calendar, from: CivilDate("2026-01-01")!, through: CivilDate("2026-12-31")!)
        let year = try CalendarDaysFile.parse(text)
        #expect(year.specialDays == calendar.definitions[2026]!.specialDays)
    }

    @Test("every problem is reported with its line, and nothing is returned")
    func problems() {
        let text = "2027-01-01,holiday\n2027-02-06,workday\n2027-02-10,makeup-workday\n2027-02-30,holiday\nxx\n2027-03-01,休假\n2028-06-01,holiday\n2027-01-01,workday\n"
        do {
            _ = try CalendarDaysFile.parse(text)
            Issue.record("should have failed")
        } catch {
            let all = error.problems.joined(separator: "\n")
            for line in ["第2行", "第3行", "第4行", "第5行", "第6行", "第7行", "第8行"] { #expect(all.contains(line), "\(line)") }
            #expect(all.contains("makeup-workday"))
        }
        #expect(throws: CalendarDaysFile.Failure.self) { try CalendarDaysFile.parse("") }
        #expect(throws: CalendarDaysFile.Failure.self) { try CalendarDaysFile.parse("2027-03-06,weekend\n") }
    }
}

extension Tag {
    @Tag static var property: Self
}
