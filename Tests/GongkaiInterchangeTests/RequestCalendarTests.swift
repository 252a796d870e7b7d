import GongkaiCore
import Testing

@testable import GongkaiInterchange

/// The reply clock of 依申请公开 on the official calendar (国办发明电〔2025〕7号 for 2026, as bundled), around the
/// Spring Festival and the National Day, with the dates worked out by hand from the notice.
@Suite("依申请公开 on the real 2026 calendar")
struct RequestCalendarTests {
    let cal: WorkingCalendar
    init() throws { cal = WorkingCalendar(definitions: try BundledCalendar.definitions()) }
    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test("Spring Festival 2026: received 2-10, the holiday and both make-up Saturdays; 补正 twice across 清明")
    func springFestival() throws {
        var events = [RequestEvent(.received, on: d("2026-02-10"))]
        let plain = try RequestTimeline.evaluate(events, calendar: cal)
        // 2-11, 12, 13, 14 (Saturday worked) = 4; 2-15…23 off; 2-24…27 = 8; 2-28 (Saturday worked) = 9; then to 3-16 = 20.
        #expect(plain.due == d("2026-03-16"))
        #expect(plain.correctionNoticeDue == d("2026-02-26"), "the 补正 notice within 7 working days")
        events += [RequestEvent(.correctionRequested, on: d("2026-02-12"), until: d("2026-02-27")), RequestEvent(.correctionReceived, on: d("2026-03-02"))]
        #expect(try RequestTimeline.evaluate(events, calendar: cal).due == d("2026-03-30"))
        // Still unclear: a second 补正; the period runs from 3-09 and 清明 (4-04…06) is skipped.
        events += [RequestEvent(.correctionRequested, on: d("2026-03-05"), until: d("2026-03-13")), RequestEvent(.correctionReceived, on: d("2026-03-09"))]
        let twice = try RequestTimeline.evaluate(events, calendar: cal)
        #expect(twice.due == d("2026-04-07"))
        #expect(twice.clock?.segments.filter { $0.kind == .superseded }.count == 2)
    }

    @Test("National Day 2026: a third party's 15 days, the time not counted, one extension")
    func nationalDay() throws {
        var events = [RequestEvent(.received, on: d("2026-09-14"))]
        #expect(try RequestTimeline.evaluate(events, calendar: cal).due == d("2026-10-16"), "9-20 worked, 中秋 9-25…27 and 10-01…07 off, 10-10 worked")
        events.append(RequestEvent(.consultationSent, on: d("2026-09-23"), text: "征求第三方意见"))
        let consulting = try RequestTimeline.evaluate(events, calendar: cal)
        #expect(consulting.stage == .consulting && consulting.due == nil)
        #expect(consulting.consultationDue == d("2026-10-21"), "15 working days for the third party")
        events.append(RequestEvent(.consultationClosed, on: d("2026-10-09"), text: "第三方书面答复"))
        let answered = try RequestTimeline.evaluate(events, calendar: cal)
        // 7 working days counted before (9-15…22), 9-23…10-09 not counted, 13 more from 10-10.
        #expect(answered.due == d("2026-10-27"))
        #expect(answered.clock?.segments.map(\.workingDays) == [7, 7, 13])
        events.append(RequestEvent(.extended, on: d("2026-10-20"), days: 20, text: "需调取档案，经公开办负责人同意"))
        let extended = try RequestTimeline.evaluate(events, calendar: cal)
        #expect(extended.due == d("2026-11-24"))
        events.append(RequestEvent(.replied, on: d("2026-11-20"), outcome: .partlyDisclosed))
        #expect(try RequestTimeline.evaluate(events, calendar: cal).repliedOnTime == true)
    }
}
