import Testing

@testable import GongkaiCore

@Suite("Work plan model")
struct ScheduleModelTests {
    @Test("完成时间 cells: dates, periods after an event or an item, none")
    func deadlines() throws {
        #expect(PlanDeadline.parse("2020年\n9月底前") == .date(CivilDate(year: 2020, month: 9, day: 30)!))
        #expect(PlanDeadline.parse("2020年9月底") == .date(CivilDate(year: 2020, month: 9, day: 30)!))
        #expect(PlanDeadline.parse("2022年\n6月底前") == .date(CivilDate(year: 2022, month: 6, day: 30)!))
        #expect(PlanDeadline.parse("国务院部门其他领域标准指引出台2个月内")
                == .afterEvent(event: "国务院部门其他领域标准指引出台", .months(2)))
        #expect(PlanDeadline.parse("其他领域政务公开标准编制完成1个月内")
                == .afterItem(condition: "其他领域政务公开标准编制完成", .months(1)))
        #expect(PlanDeadline.parse("文件印发之日起十五个工作日内") == .afterEvent(event: "文件印发", .workingDays(15)))
        #expect(PlanDeadline.parse("") == PlanDeadline.none)
        #expect(PlanDeadline.parse("长期坚持") == PlanDeadline.none)
        #expect(PlanDeadline.parse("尽快") == nil)
        #expect(PlanDeadline.parse("2个月内") == nil, "a period with nothing to start from")
    }

    @Test("relative deadlines resolve only once what they wait for is known")
    func resolution() {
        let calendar = WorkingCalendar(definitions: [])
        let event = PlanDeadline.afterEvent(event: "国务院部门其他领域标准指引出台", .months(2))
        #expect(event.due(eventDate: nil, itemCompletion: nil, calendar: calendar) == nil)
        #expect(event.due(eventDate: CivilDate(year: 2021, month: 12, day: 31), itemCompletion: nil, calendar: calendar)
                == CivilDate(year: 2022, month: 2, day: 28))
        let after = PlanDeadline.afterItem(condition: "其他领域政务公开标准编制完成", .months(1))
        #expect(after.due(eventDate: nil, itemCompletion: CivilDate(year: 2022, month: 3, day: 15), calendar: calendar)
                == CivilDate(year: 2022, month: 4, day: 15))
        #expect(event.waitingText?.contains("待录入该事件日期后确定") == true)
    }

    @Test("responsibility cells: scopes, names, names broken across lines")
    func parties() {
        #expect(PlanParties.parse("县政府各部门和各乡（镇、场）")
                == [.scope(.departments, text: "县政府各部门和各乡（镇、场）"), .scope(.townships, text: "县政府各部门和各乡（镇、场）")])
        #expect(PlanParties.parse("县政府各部门和各乡（镇）场").count == 2)
        #expect(PlanParties.parse("县政府办公室\n县电政办") == [.unit("县政府办公室"), .unit("县电政办")])
        #expect(PlanParties.parse("各乡镇\n人民政府") == [.scope(.townships, text: "各乡镇人民政府")])
        #expect(PlanParties.parse("各乡镇\n各部门") == [.scope(.townships, text: "各乡镇各部门"), .scope(.departments, text: "各乡镇各部门")])
        #expect(PlanParties.parse("县政府办公室\n县电政办\n县政府有关部门").last == .scope(.concerned, text: "县政府有关部门"))
        let guides = PlanParties.parse("县发改委、县教体局、县公安局、县民政局、县司法局、县财政局、县人社局、县自然资源局、县生态环境局、县住建局、县城管局、县农业农村局、市文广新旅局、县卫健委、县应急管理局、县市场监督管理局、县行政服务中心、县扶贫办、县税务局")
        #expect(guides.count == 19)
        // A unit name a line break cut in two is joined when only the joined name is known.
        #expect(PlanParties.parse("县人力资源和社\n会保障局", isUnitName: { $0 == "县人力资源和社会保障局" }) == [.unit("县人力资源和社会保障局")])
    }

    @Test("item numbers as the seeds write them")
    func itemNumbers() {
        #expect(PlanItemNumber.split("(1)梳理规范基层政府权责清单")! == (1, "梳理规范基层政府权责清单"))
        #expect(PlanItemNumber.split("（25）探索推进政府网站")! == (25, "探索推进政府网站"))
        #expect(PlanItemNumber.split("制定清单") == nil)
    }

    @Test("status is computed: overdue is never chosen, completion is final once accepted")
    func statuses() throws {
        let calendar = WorkingCalendar(definitions: [])
        let due = CivilDate(year: 2020, month: 9, day: 30)!
        let before = CivilDate(year: 2020, month: 9, day: 25)!, after = CivilDate(year: 2020, month: 10, day: 9)!
        #expect(ScheduleRules.status(.initial, due: due, today: before) == .notStarted)
        #expect(ScheduleRules.status(.initial, due: due, today: after) == .overdue)
        #expect(ScheduleRules.alert(.initial, due: due, today: after, calendar: calendar) == .overdueNotStarted)
        #expect(ScheduleRules.alert(.initial, due: due, today: before, calendar: calendar) == .dueSoon)
        #expect(ScheduleRules.alert(.initial, due: due, today: CivilDate(year: 2020, month: 9, day: 1)!, calendar: calendar) == nil)

        let working = try ScheduleRules.apply(.init(status: .inProgress, percent: 40, note: "已梳理一半"), to: .initial, on: before).get()
        #expect(ScheduleRules.alert(working, due: due, today: after, calendar: calendar) == .overdue)
        let done = try ScheduleRules.apply(.init(status: .completed, percent: nil, note: "已发布"), to: working, on: after).get()
        #expect(done.percent == 100 && done.completedOn == after)
        #expect(ScheduleRules.status(done, due: due, today: after) == .completed)
        let returned = try ScheduleRules.review(accept: false, comment: "缺少佐证", state: done).get()
        #expect(ScheduleRules.status(returned, due: due, today: after) == .overdue)
        let again = try ScheduleRules.apply(.init(status: .completed, percent: 100, note: "已补充"), to: returned, on: after).get()
        let accepted = try ScheduleRules.review(accept: true, comment: "", state: again).get()
        if case .failure(let errors) = ScheduleRules.apply(.init(status: .inProgress, percent: 50, note: ""), to: accepted, on: after) {
            #expect(errors.summary.contains("已由指导单位验收"))
        } else { Issue.record("an accepted completion must be final") }
    }

    @Test("reports are checked: percent fits the status, completion needs a word or evidence, returns need a comment")
    func reportChecks() {
        func errors(_ report: ProgressReport) -> String {
            if case .failure(let e) = ScheduleRules.apply(report, to: .initial, on: CivilDate(year: 2020, month: 1, day: 2)!) { return e.summary }
            return ""
        }
        #expect(errors(.init(status: .inProgress, percent: 120, note: "")).contains("0%到99%"))
        #expect(errors(.init(status: .notStarted, percent: 30, note: "")).contains("应为0%"))
        #expect(errors(.init(status: .completed, percent: nil, note: " ")).contains("说明完成情况"))
        #expect(errors(.init(status: .completed, percent: nil, note: "", evidenceCount: 1)).isEmpty)
        if case .failure(let e) = ScheduleRules.review(accept: false, comment: "", state: ProgressState(reported: .completed, percent: 100)) {
            #expect(e.summary.contains("写明意见"))
        } else { Issue.record("a return needs a comment") }
    }

    @Test("roll-ups average the lines' percents and count statuses")
    func rollup() {
        var r = ProgressRollup()
        r.add(ProgressState(reported: .completed, percent: 100, acceptance: .accepted), status: .completed, alert: nil)
        r.add(ProgressState(reported: .inProgress, percent: 50), status: .overdue, alert: .overdue)
        r.add(.initial, status: .overdue, alert: .overdueNotStarted)
        #expect(r.percent == 50)
        #expect(r.overdue == 2 && r.accepted == 1 && r.alerts[.overdueNotStarted] == 1)
    }
}
