import PropertyBased
import Testing

@testable import GongkaiCore

/// A small calendar made up for these tests (the real notices are tested in GongkaiInterchangeTests):
/// 2030-10-01..07 off, Sunday 2030-09-29 and Saturday 2030-10-12 worked.
let testCalendar = WorkingCalendar(definitions: [
    CalendarYearDefinition(year: 2030, notices: [HolidayNotice(
        year: 2030, number: "测试〔2029〕1号", issued: nil,
        arrangements: [HolidayArrangement(
            festival: "国庆节", holidays: (1...7).map { d("2030-10-0\($0)") },
            makeupWorkdays: [d("2030-09-29"), d("2030-10-12")])])]),
])

func d(_ text: String) -> CivilDate { CivilDate(text)! }

@Suite("Civil dates")
struct CivilDateTests {
    @Test("day numbers, weekdays and leap years")
    func basics() {
        #expect(d("1970-01-01").dayNumber == 0)
        #expect(d("1970-01-01").weekday == 4)  // Thursday
        #expect(d("2026-11-22").weekday == 7)  // a Sunday
        #expect(d("2024-02-29").description == "2024-02-29")
        #expect(CivilDate("2023-02-29") == nil)
        #expect(CivilDate("2026-13-01") == nil)
        #expect(CivilDate("２０２６-０１-３１") == d("2026-01-31"))
        #expect(CivilDate("2026/1/5") == d("2026-01-05"))
        #expect(CivilDate("26-01-05") == nil)
        #expect(d("2026-10-01").chinese == "2026年10月1日")
        #expect(d("2026-10-01").weekdayName == "星期四")
    }

    @Test("round trip of every day from 1970 to 2199")
    func roundTrip() {
        var n = d("1970-01-01").dayNumber
        let end = d("2199-12-31").dayNumber
        while n <= end {
            let date = CivilDate(dayNumber: n)
            let (y, m, day) = date.components
            #expect(CivilDate(year: y, month: m, day: day)?.dayNumber == n)
            n += 1
        }
    }

    @Test("months keep the day number and clamp to month end")
    func months() {
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2024-01-31").adding(months: 1) == d("2024-02-29"))
        #expect(d("2026-06-30").adding(months: 2) == d("2026-08-30"))
        #expect(d("2026-11-15").adding(months: 3) == d("2027-02-15"))
        #expect(d("2026-03-31").adding(months: -1) == d("2026-02-28"))
    }
}

@Suite("Period arithmetic")
struct PeriodArithmeticTests {
    let cal = testCalendar

    @Test("working days skip weekends and holidays and count make-up days; the start day never counts")
    func workingDays() throws {
        // Friday 2030-09-27: Sun 29 (make-up) is 1st, Mon 30 2nd, Oct 1–7 off, Tue Oct 8 3rd.
        #expect(try PeriodArithmetic.due(after: d("2030-09-27"), .workingDays(1), in: cal).due == d("2030-09-29"))
        #expect(try PeriodArithmetic.due(after: d("2030-09-27"), .workingDays(3), in: cal).due == d("2030-10-08"))
        // Starting on a holiday: the first working day after it is day 1.
        #expect(try PeriodArithmetic.due(after: d("2030-10-03"), .workingDays(1), in: cal).due == d("2030-10-08"))
        // Starting on the make-up Saturday: it is not counted either.
        #expect(try PeriodArithmetic.due(after: d("2030-10-12"), .workingDays(1), in: cal).due == d("2030-10-14"))
        #expect(try PeriodArithmetic.due(after: d("2030-09-27"), .workingDays(0), in: cal).due == d("2030-09-27"))
    }

    @Test("calendar days end on the next working day when they fall on a rest day")
    func calendarDays() throws {
        let onHoliday = try PeriodArithmetic.due(after: d("2030-09-30"), .calendarDays(3), in: cal)
        #expect(onHoliday.due == d("2030-10-08"))
        #expect(onHoliday.movedFrom == d("2030-10-03"))
        // A make-up Saturday is a working day: no move.
        let onMakeup = try PeriodArithmetic.due(after: d("2030-10-05"), .calendarDays(7), in: cal)
        #expect(onMakeup.due == d("2030-10-12") && onMakeup.movedFrom == nil)
        // An ordinary Sunday moves to Monday.
        #expect(try PeriodArithmetic.due(after: d("2030-11-01"), .calendarDays(2), in: cal).due == d("2030-11-04"))
    }

    @Test("years without a notice are reported, never hidden")
    func confirmation() throws {
        let inside = try PeriodArithmetic.due(after: d("2030-03-01"), .workingDays(20), in: cal)
        #expect(inside.isConfirmed)
        let crossing = try PeriodArithmetic.due(after: d("2030-12-20"), .workingDays(20), in: cal)
        #expect(!crossing.isConfirmed)
        #expect(crossing.unconfirmedYears == [2031])
        #expect(crossing.confirmationLabel.contains("未确认"))
        #expect(!cal.isConfirmed(d("2031-01-01")))
    }

    @Test("bad input is refused with a reason")
    func failures() {
        #expect(throws: PeriodArithmetic.Failure.negative) { try PeriodArithmetic.due(after: d("2030-01-01"), .workingDays(-1), in: cal) }
        #expect(throws: PeriodArithmetic.Failure.outOfRange) { try PeriodArithmetic.due(after: d("2199-12-01"), .workingDays(400), in: cal) }
    }

    @Test("month-end deadlines in work plans")
    func deadlineText() {
        #expect(DeadlineText.date("2020年9月底前") == d("2020-09-30"))
        #expect(DeadlineText.date("2020年9月底") == d("2020-09-30"))
        #expect(DeadlineText.date("2020年10月底前") == d("2020-10-31"))
        #expect(DeadlineText.date("2020年\n9月底前") == d("2020-09-30"))
        #expect(DeadlineText.date("2024年2月底前") == d("2024-02-29"))
        #expect(DeadlineText.date("2020年12月31日前") == d("2020-12-31"))
        #expect(DeadlineText.date("2020年底前") == d("2020-12-31"))
        #expect(DeadlineText.date("２０２０年９月底前") == d("2020-09-30"))
        #expect(DeadlineText.date("国务院部门其他领域标准指引出台2个月内") == nil)
        #expect(DeadlineText.date("长期坚持") == nil)
    }

    @Test("dates typed from a notice")
    func dateLists() throws {
        #expect(try DateListText.parse("1月1日至3日", year: 2027) == [d("2027-01-01"), d("2027-01-02"), d("2027-01-03")])
        #expect(try DateListText.parse("2026-12-31至2027-01-02", year: 2027).count == 3)
        #expect(try DateListText.parse("2月6日（星期六）、2月20日", year: 2027) == [d("2027-02-06"), d("2027-02-20")])
        #expect(try DateListText.parse("", year: 2027).isEmpty)
        #expect(throws: DateListText.Failure.self) { try DateListText.parse("1月1日至x", year: 2027) }
        #expect(throws: DateListText.Failure.self) { try DateListText.parse("明天", year: 2027) }
    }

    @Test("Chinese numerals")
    func numerals() {
        #expect(ChineseNumerals.value("二十") == 20)
        #expect(ChineseNumerals.value("十五") == 15)
        #expect(ChineseNumerals.value("十") == 10)
        #expect(ChineseNumerals.value("一百二十") == 120)
        #expect(ChineseNumerals.value("两") == 2)
        #expect(ChineseNumerals.value("20") == 20)
        #expect(ChineseNumerals.value("二十x") == nil)
    }
}

@Suite("Reply clock of an application")
struct ReplyClockTests {
    let cal = testCalendar

    @Test("plain 20 working days, and the 20-day extension limit")
    func plainAndExtension() throws {
        let plain = try ReplyClock(received: d("2030-09-27")).evaluate(in: cal)
        #expect(plain.due == (try PeriodArithmetic.due(after: d("2030-09-27"), .workingDays(20), in: cal)).due)
        let extended = try ReplyClock(received: d("2030-09-27"), events: [.extend(workingDays: 20, on: d("2030-10-20"), reason: "延期")]).evaluate(in: cal)
        #expect(extended.due == (try PeriodArithmetic.due(after: d("2030-09-27"), .workingDays(40), in: cal)).due)
        #expect(throws: ReplyClock.Failure.extensionTooLong(total: 21)) {
            try ReplyClock(received: d("2030-09-27"), events: [.extend(workingDays: 21, on: d("2030-10-20"), reason: "")]).evaluate(in: cal)
        }
    }

    @Test("a third-party consultation pauses the clock; every segment is kept")
    func pause() throws {
        // Received Mon 2030-11-04; consultation from Mon 11-11 to Fri 11-15 (5 working days not counted).
        let clock = ReplyClock(received: d("2030-11-04"), events: [.pause(from: d("2030-11-11"), to: d("2030-11-15"), reason: "征求第三方意见")])
        let outcome = try clock.evaluate(in: cal)
        let unpaused = try ReplyClock(received: d("2030-11-04")).evaluate(in: cal).due!
        #expect(outcome.due == cal.addingWorkingDays(5, to: unpaused))
        #expect(outcome.segments.map(\.kind) == [.counting, .paused, .counting])
        #expect(outcome.segments[0].workingDays == 4)
        #expect(outcome.segments[1].workingDays == 5)
        #expect(outcome.segments[2].workingDays == 16)
        // Still waiting: no due date, and it says so.
        let open = try ReplyClock(received: d("2030-11-04"), events: [.pause(from: d("2030-11-11"), to: nil, reason: "征求第三方意见")]).evaluate(in: cal)
        #expect(open.isPaused)
    }

    @Test("补正 restarts the clock from the day the corrected application arrives")
    func restart() throws {
        let clock = ReplyClock(received: d("2030-11-04"), events: [.restart(on: d("2030-11-08"), reason: "申请人补正")])
        let outcome = try clock.evaluate(in: cal)
        #expect(outcome.due == (try PeriodArithmetic.due(after: d("2030-11-08"), .workingDays(20), in: cal)).due)
        #expect(outcome.segments.first?.kind == .superseded)
        #expect(outcome.segments.first?.workingDays == 4)
    }

    @Test("pausing for k working days moves the due date by exactly k working days",
          .tags(.property))
    func pauseProperty() async {
        let start = d("2030-01-01").dayNumber
        await propertyCheck(count: 300, input: Gen.int(in: 0...600), Gen.int(in: 1...19), Gen.int(in: 0...15)) { offset, lead, length in
            let received = CivilDate(dayNumber: start + offset)
            guard let from = cal.addingWorkingDays(lead, to: received) else { return }
            let to = from.adding(days: length)
            let k = cal.workingDays(after: from.adding(days: -1), through: to)!
            let plain = try! ReplyClock(received: received).evaluate(in: cal).due!
            let paused = try! ReplyClock(received: received, events: [.pause(from: from, to: to, reason: "")]).evaluate(in: cal).due!
            #expect(paused == cal.addingWorkingDays(k, to: plain))
        }
    }
}

extension Tag {
    @Tag static var property: Self
}
