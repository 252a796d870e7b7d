import Fluent
import Foundation
import GongkaiCore
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Working-day calendar: back office, portal and API", .serialized)
struct CalendarTests {
    static let form2027: [(String, String)] = [
        ("year", "2027"), ("notice", "国办发明电〔2026〕9号"), ("issued", "2026-11-10"),
        ("festival_0", "元旦"), ("holidays_0", "1月1日至3日"), ("makeup_0", ""),
        ("festival_1", "春节"), ("holidays_1", "2027-02-06至2027-02-12"), ("makeup_1", "2月20日"),
    ]

    @Test("the admin adds 2027 and deadlines crossing into it turn from 未确认 to confirmed, audited for every site")
    func addYear() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let before = try (try await browser.get("/api/v1/deadline?start=2026-12-20&working_days=20")).jsonObject()
            #expect(before["confirmed"] as? Bool == false)
            #expect(before["due"] as? String == "2027-01-15")

            _ = try await browser.login("hukou-admin")
            let index = try await browser.get("/admin/calendar")
            #expect(index.status == .ok)
            #expect(index.text.contains("录入2027年节假日安排"))
            #expect(try await browser.get("/admin/calendar/new?year=2027").status == .ok)
            let saved = try await browser.post("/admin/calendar/new", Self.form2027)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/admin/calendar/2027?notice=calendar-saved")

            let after = try (try await browser.get("/api/v1/deadline?start=2026-12-20&working_days=20")).jsonObject()
            #expect(after["confirmed"] as? Bool == true)
            #expect(after["due"] as? String == "2027-01-18")  // 1-1 is now a holiday
            let page = try await browser.get("/admin/calendar/2027?notice=calendar-saved")
            #expect(page.text.contains("节假日安排已保存"))
            #expect(page.text.contains("国办发明电〔2026〕9号"))
            #expect(page.text.contains("2月20日（星期六）上班"))
            #expect(page.text.contains("现行"))
            let calculator = try await browser.get("/admin/calendar?start=2026-12-20&amount=20&unit=working-days")
            #expect(calculator.text.contains("2027年1月18日"))
            #expect(calculator.text.contains("已确认"))

            let event = try #require(try await AuditEventRecord.query(on: app.db).filter(\.$action == "calendar.year.save").first())
            #expect(event.siteID == nil)
            #expect(event.summary.contains("2027年：新增节假日安排（国办发明电〔2026〕9号），放假10天，调休上班1天"))
            // The calendar is national: the other county's admin sees the change in its own trail.
            let wuding = Browser(app)
            _ = try await wuding.login("nobody-at-all")  // a failed sign-in under an unknown name: no site
            _ = try await wuding.login("wuding-admin")
            let trail = try await wuding.get("/admin/audit").text
            #expect(trail.contains("录入节假日安排"))
            #expect(!trail.contains("nobody-at-all"))
        }
    }

    @Test("from November the admin's dashboard asks for next year's notice until it is entered")
    func dashboardReminder() async throws {
        try await TestApp.run { app, clock in
            clock.advance(60 * 86_400)  // 2026-11-20
            let browser = Browser(app)
            _ = try await browser.login("hukou-admin")
            #expect(try await browser.get("/admin").text.contains("2027年节假日安排尚未录入"))
            _ = try await browser.get("/admin/calendar/new?year=2027")
            #expect(try await browser.post("/admin/calendar/new", Self.form2027).status == .seeOther)
            #expect(!(try await browser.get("/admin").text.contains("2027年节假日安排尚未录入")))
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(!(try await editor.get("/admin").text.contains("节假日安排尚未录入")))
        }
    }

    @Test("only the admin changes the calendar; staff may read it; forms need the CSRF token")
    func permissions() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-shuangzhong-editor")
            let index = try await browser.get("/admin/calendar")
            #expect(index.status == .ok)
            #expect(!index.text.contains("录入2027年节假日安排"))
            #expect(try await browser.get("/admin/calendar/new?year=2027").status == .forbidden)
            #expect(try await browser.post("/admin/calendar/new", Self.form2027).status == .forbidden)
            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            _ = try await admin.get("/admin/calendar/new?year=2027")
            #expect(try await admin.post("/admin/calendar/new", Self.form2027, csrf: "").status == .forbidden)
            #expect(try await CalendarYearRecord.query(on: app.db).count() == 0)
            #expect(try await browser.get("/admin/calendar/2027").text.contains("尚未录入"))
        }
    }

    @Test("bad entries are refused next to their field and change nothing")
    func formErrors() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-admin")
            _ = try await browser.get("/admin/calendar/new?year=2027")
            var fields = Self.form2027
            fields.removeAll { $0.0 == "makeup_1" }
            fields.append(("makeup_1", "2月10日"))
            let weekday = try await browser.post("/admin/calendar/new", fields)
            #expect(weekday.status == .badRequest)
            #expect(weekday.text.contains("2027-02-10（春节）是星期三，本来就要上班"))
            // The message sits in the 春节 row's 调休上班 cell, just before that input.
            let message = try #require(weekday.text.range(of: "是星期三，本来就要上班", options: .backwards))
            let nextInput = try #require(weekday.text[message.upperBound...].range(of: "name=\""))
            #expect(weekday.text[nextInput.upperBound...].hasPrefix("makeup_1\""))
            let bad = try await browser.post("/admin/calendar/new", [("year", "2027"), ("notice", ""), ("holidays_0", "1月1日至x")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("请填写通知文号"))
            #expect(bad.text.contains("结束日期无法识别"))
            #expect(try await browser.post("/admin/calendar/new", [("year", "27")]).text.contains("年份“27”不正确"))
            #expect(try await CalendarYearRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("a file upload is all or nothing; a corrected year keeps its history and can be put back")
    func uploadAndRestore() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            _ = try await browser.login("hukou-admin")
            _ = try await browser.get("/admin/calendar/new?year=2026")
            let bad = try await browser.upload(
                "/admin/calendar/upload", [("upload_notice", "国办发明电〔2025〕7号")],
                file: ("file", "2026.csv", "date,kind\n2026-01-01,holiday\n2026-01-10,workday\n2026-02-30,holiday\n"))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("第3行：2026-01-10是星期六"))
            #expect(bad.text.contains("第4行：日期“2026-02-30”无法识别"))
            #expect(try await CalendarYearRecord.query(on: app.db).count() == 0)

            // Correct 2026: suppose the admin found that 10-08 should also be off.
            let calendar = try await app.calendarService.calendar(on: app.db)
            var lines = "date,kind\n"
            for (date, kind) in calendar.days(inYear: 2026) where kind == .holiday || kind == .makeupWorkday {
                lines += "\(date),\(kind.rawValue)\n"
            }
            lines += "2026-10-08,holiday\n"
            let good = try await browser.upload("/admin/calendar/upload", [("upload_notice", "国办发明电〔2025〕7号")],
                                                file: ("file", "2026.csv", lines))
            #expect(good.status == .seeOther)
            let corrected = try await app.calendarService.calendar(on: app.db)
            #expect(corrected.kind(of: CivilDate("2026-10-08")!) == .holiday)
            let event = try #require(try await AuditEventRecord.query(on: app.db).filter(\.$action == "calendar.year.save").first())
            #expect(event.summary.contains("2026-10-08 工作日→法定节假日"))

            let page = try await browser.get("/admin/calendar/2026")
            #expect(page.text.contains("后台上传文件"))
            #expect(page.text.contains("恢复为此版本"))
            let restored = try await browser.post("/admin/calendar/2026/restore", [("version", "bundled")])
            #expect(restored.status == .seeOther)
            let back = try await app.calendarService.calendar(on: app.db)
            #expect(back.kind(of: CivilDate("2026-10-08")!) == .workday)
            #expect(back.definitions[2026]?.notices.first?.arrangements.first?.text.contains("1月1日（周四）") == true)
            let versions = try await CalendarYearRecord.query(on: app.db).filter(\.$year == 2026).all()
            #expect(versions.count == 2)
            #expect(versions.filter { $0.supersededAt == nil }.count == 1)
        }
    }

    @Test("the public page explains the counting, shows this year's calendar and computes due dates")
    func publicPage() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let page = try await browser.get("/sites/hukou/gongzuori")
            #expect(page.status == .ok)
            #expect(page.text.contains("期限怎样计算"))
            #expect(page.text.contains("国办发明电〔2025〕7号"))  // the test clock is in 2026
            #expect(page.text.contains("day-makeup-workday"))
            let result = try await browser.get("/sites/hukou/gongzuori?start=2024-09-27&amount=20&unit=working-days")
            #expect(result.text.contains("届满日：2024年10月30日（星期三）"))
            #expect(result.text.contains("法定节假日7天"))
            let moved = try await browser.get("/sites/hukou/gongzuori?start=2026-09-16&amount=15&unit=calendar-days")
            #expect(moved.text.contains("顺延至其后第一个工作日"))
            let bad = try await browser.get("/sites/hukou/gongzuori?start=2026-02-30&amount=20")
            #expect(bad.text.contains("不是有效日期"))
            let future = try await browser.get("/sites/hukou/gongzuori?year=2027&start=2026-12-20&amount=20&unit=working-days")
            #expect(future.text.contains("尚未公布或尚未录入"))
            #expect(future.text.contains("未确认"))
            #expect(try await browser.get("/sites/hukou/yishenqing").text.contains("/sites/hukou/gongzuori"))
        }
    }

    @Test("the API answers in JSON, errors included")
    func api() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            let days = try (try await browser.get("/api/v1/calendar/days?from=2026-09-30&to=2026-10-10")).jsonObject()
            #expect(days["total"] as? Int == 11)
            let items = try #require(days["items"] as? [[String: Any]])
            #expect(items.first?["kind"] as? String == "workday")
            #expect(items[1]["kind"] as? String == "holiday")
            #expect(items.last?["kind"] as? String == "makeup-workday")
            let deadline = try (try await browser.get("/api/v1/deadline?start=2024-09-27&working_days=20")).jsonObject()
            #expect(deadline["due"] as? String == "2024-10-30")
            let missing = try await browser.get("/api/v1/deadline?start=2024-09-27")
            #expect(missing.status == .badRequest)
            #expect(try missing.jsonObject()["error"] != nil)
            #expect(try await browser.get("/api/v1/calendar/days?from=2020-01-01&to=2026-12-31").status == .badRequest)
            let rule = try (try await browser.get("/api/v1/timelimit?text=" + Browser.encode("制定或获取信息之日起10个工作日内，公示7个工作日")).jsonObject())
            #expect(rule["kind"] as? String == "period")
            #expect(rule["triggers"] as? [String] == ["制定", "获取"])
        }
    }
}
