import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/calendar`: the working-day calendar year by year, what each notice set, and the admin's forms to
/// add or correct a year (typed in from the notice, or a `date,kind` file). Every save is audited and every
/// earlier version kept, with a way back to any of them.
enum CalendarController {
    static let formRows = 8
    static let festivals = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", ""]

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let snapshot = try await req.calendarService.snapshot(on: req.db)
        let today = ChineseTime.today(req.now)
        let result = DeadlineCalculator.evaluate(try req.query.decode(DeadlineCalculator.Query.self), calendar: snapshot.calendar)
        let model = CalendarPages.IndexModel(
            snapshot: snapshot, today: today, canManage: CalendarActions.mayManage(staff.acting(req, via: .web)),
            calculator: result)
        return Response.html(CalendarPages.index(model, chrome: PageChrome(req: req, title: "工作日日历", area: .backOffice)))
    }

    @Sendable static func year(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let year = try yearParameter(req)
        let snapshot = try await req.calendarService.snapshot(on: req.db)
        let history = try await CalendarYearRecord.query(on: req.db).filter(\.$year == year).sort(\.$createdAt, .descending).all()
        let model = CalendarPages.YearModel(
            year: year, calendar: snapshot.calendar, source: snapshot.sources[year],
            history: history.map { record in
                .init(id: record.id!, createdAt: ChineseTime.dateTime(record.createdAt), createdBy: record.createdByLabel, source: record.sourceLabel,
                      noticeNumber: record.noticeNumber.isEmpty ? "—" : record.noticeNumber,
                      status: record.supersededAt.map { "已被\(ChineseTime.dateTime($0))的版本取代" } ?? "现行", isCurrent: record.supersededAt == nil)
            },
            bundled: req.calendarService.bundled.first { $0.year == year },
            canManage: CalendarActions.mayManage(staff.acting(req, via: .web)))
        return Response.html(CalendarPages.year(model, chrome: PageChrome(req: req, title: "\(year)年工作日日历", area: .backOffice)))
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard CalendarActions.mayManage(staff.acting(req, via: .web)) else { throw ActionError.forbidden("此操作仅限公开办管理员。") }
        let snapshot = try await req.calendarService.snapshot(on: req.db)
        let suggested = (snapshot.calendar.confirmedYears.last ?? ChineseTime.today(req.now).year) + 1
        let year = req.query[Int.self, at: "year"] ?? suggested
        var form = CalendarPages.FormModel(year: String(year), notice: "", issued: "", rows: [], errors: ValidationErrors(),
                                           isCorrection: snapshot.calendar.definitions[year] != nil)
        if let existing = snapshot.calendar.definitions[year] {
            form.notice = existing.notices.last?.number ?? ""
            form.issued = existing.notices.last?.issued?.description ?? ""
            form.rows = existing.notices.flatMap(\.arrangements).map(CalendarPages.FormRow.init)
        } else {
            form.rows = festivals.map { CalendarPages.FormRow(festival: $0) }
        }
        while form.rows.count < formRows { form.rows.append(CalendarPages.FormRow(festival: "")) }
        return Response.html(CalendarPages.form(form, chrome: PageChrome(req: req, title: "录入节假日安排", area: .backOffice)))
    }

    /// The typed-in notice: year, 文号, 发布日期 and one row per festival.
    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let fields = try req.content.decode([String: String].self)
        let rowCount = min(40, max(formRows, (0..<40).last { fields["festival_\($0)"] != nil || fields["holidays_\($0)"] != nil }.map { $0 + 1 } ?? 0))
        var form = CalendarPages.FormModel(
            year: fields["year", default: ""].trimmingCharacters(in: .whitespaces),
            notice: fields["notice", default: ""].trimmingCharacters(in: .whitespaces),
            issued: fields["issued", default: ""].trimmingCharacters(in: .whitespaces),
            rows: (0..<rowCount).map { i in
                CalendarPages.FormRow(festival: fields["festival_\(i)", default: ""].trimmingCharacters(in: .whitespaces),
                                      holidays: fields["holidays_\(i)", default: ""], makeup: fields["makeup_\(i)", default: ""],
                                      text: fields["text_\(i)", default: ""], original: fields["orig_\(i)", default: ""])
            },
            errors: ValidationErrors(), isCorrection: false)
        let (definition, errors) = validate(form)
        form.errors = errors
        guard let definition, errors.isEmpty else {
            guard CalendarActions.mayManage(staff.acting(req, via: .web)) else { throw ActionError.forbidden("此操作仅限公开办管理员。") }
            form.isCorrection = try await req.calendarService.snapshot(on: req.db).calendar.definitions[Int(form.year) ?? 0] != nil
            return Response.html(CalendarPages.form(form, chrome: PageChrome(req: req, title: "录入节假日安排", area: .backOffice)),
                                         status: .badRequest)
        }
        try await CalendarActions.save(definition, source: .form, by: staff.acting(req, via: .web), at: req.now, service: req.calendarService, on: req.db)
        return req.redirect(to: SiteURL.adminCalendarYear(definition.year).path(.notice(.calendarSaved)))
    }

    struct Upload: Content {
        var file: File?
        var notice: String?
        var issued: String?
        var year: String?

        enum CodingKeys: String, CodingKey {
            case file, notice = "upload_notice", issued = "upload_issued", year = "upload_year"
        }
    }

    /// A `date,kind` CSV file, checked as text, all or nothing.
    @Sendable static func upload(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard CalendarActions.mayManage(staff.acting(req, via: .web)) else { throw ActionError.forbidden("此操作仅限公开办管理员。") }
        let upload = try req.content.decode(Upload.self)
        var errors = ValidationErrors()
        let notice = (upload.notice ?? "").trimmingCharacters(in: .whitespaces)
        if notice.isEmpty { errors.add("upload_notice", "请填写通知文号，例如 国办发明电〔2026〕7号。") }
        var issued: CivilDate?
        if let text = upload.issued?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            issued = CivilDate(text)
            if issued == nil { errors.add("upload_issued", "发布日期“\(text)”格式不正确，应为 2026-11-04 这样的日期。") }
        }
        var year: Int?
        if let text = upload.year?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            year = Int(text).flatMap { (2000...2199).contains($0) ? $0 : nil }
            if year == nil { errors.add("upload_year", "年份“\(text)”不正确。") }
        }
        var text: String?
        if let file = upload.file, file.data.readableBytes > 0 {
            let data = Data(buffer: file.data)
            if data.count > 200_000 {
                errors.add("upload_file", "文件过大（\(data.count / 1024) KB）。一年的日历文件通常不超过 20 KB。")
            } else if data.contains(0) || String(data: data, encoding: .utf8) == nil {
                errors.add("upload_file", "“\(file.filename)”不是 UTF-8 编码的 CSV 文本文件。用 Excel 编辑时请另存为“CSV UTF-8（逗号分隔）”。")
            } else {
                text = String(data: data, encoding: .utf8)
            }
        } else {
            errors.add("upload_file", "请选择要上传的 CSV 文件。")
        }
        var definition: CalendarYearDefinition?
        if errors.isEmpty, let text {
            do { definition = try CalendarDaysFile.parse(text, year: year, notice: notice, issued: issued) } catch {
                for problem in error.problems { errors.add("upload_file", problem) }
            }
        }
        guard let definition, errors.isEmpty else {
            let snapshot = try await req.calendarService.snapshot(on: req.db)
            var form = CalendarPages.FormModel(
                year: String(year ?? (snapshot.calendar.confirmedYears.last ?? 2026) + 1), notice: "", issued: "",
                rows: festivals.map { CalendarPages.FormRow(festival: $0) },
                errors: errors, isCorrection: false)
            form.uploadNotice = notice
            form.uploadIssued = upload.issued ?? ""
            form.uploadYear = upload.year ?? ""
            return Response.html(CalendarPages.form(form, chrome: PageChrome(req: req, title: "录入节假日安排", area: .backOffice)),
                                         status: .badRequest)
        }
        try await CalendarActions.save(definition, source: .upload, by: staff.acting(req, via: .web), at: req.now, service: req.calendarService, on: req.db)
        return req.redirect(to: SiteURL.adminCalendarYear(definition.year).path(.notice(.calendarSaved)))
    }

    /// Puts an earlier version (or the bundled notice) back, as a new version: nothing is overwritten.
    @Sendable static func restore(req: Request) async throws -> Response {
        let year = try yearParameter(req)
        try await CalendarActions.restore(year: year, version: try req.content.get(String.self, at: "version"),
                                          by: try req.requireStaff().acting(req, via: .web), at: req.now, service: req.calendarService, on: req.db)
        return req.redirect(to: SiteURL.adminCalendarYear(year).path(.notice(.calendarRestored)))
    }

    /// `/sites/{slug}/gongzuori`: how deadlines are counted, the calculator and this year's calendar.
    @Sendable static func publicPage(req: Request) async throws -> Response {
        let site = try await SiteQueries.bySlug(try req.parameters.require("slug"), on: req.db)
        let calendar = try await req.calendarService.calendar(on: req.db)
        let today = ChineseTime.today(req.now)
        var year = req.query[Int.self, at: "year"] ?? today.year
        if !(2000...2199).contains(year) { year = today.year }
        let result = DeadlineCalculator.evaluate(try req.query.decode(DeadlineCalculator.Query.self), calendar: calendar)
        let info = PageChrome.SiteInfo(site)
        let model = CalendarPages.PublicModel(site: info, year: year, today: today, calendar: calendar, calculator: result)
        return Response.html(CalendarPages.publicPage(model, chrome: PageChrome(req: req, title: "期限计算说明", area: .portal, site: info)))
    }

    // MARK: - Helpers

    static func yearParameter(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year").flatMap(Int.init), (WorkingCalendar.firstYear...WorkingCalendar.lastYear).contains(year)
        else { throw Abort(.notFound, reason: "没有这一年的日历。") }
        return year
    }

    /// Reads the typed-in form into a year, with each problem next to its field.
    static func validate(_ form: CalendarPages.FormModel) -> (CalendarYearDefinition?, ValidationErrors) {
        var errors = ValidationErrors()
        guard let year = Int(form.year), (2000...2199).contains(year) else {
            errors.add("year", "年份“\(form.year)”不正确，应为 2027 这样的四位年份。")
            return (nil, errors)
        }
        if form.notice.isEmpty { errors.add("notice", "请填写通知文号，例如 国办发明电〔2026〕7号。") }
        var issued: CivilDate?
        if !form.issued.isEmpty {
            issued = CivilDate(form.issued)
            if issued == nil { errors.add("issued", "发布日期“\(form.issued)”格式不正确，应为 2026-11-04 这样的日期。") }
        }
        var arrangements: [HolidayArrangement] = []
        var rowOfArrangement: [Int] = []
        for (i, row) in form.rows.enumerated() {
            if row.holidays.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                && row.makeup.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            let name = row.festival.isEmpty ? "第\(i + 1)行" : row.festival
            var holidays: [CivilDate] = [], makeup: [CivilDate] = []
            do { holidays = try DateListText.parse(row.holidays, year: year) } catch {
                errors.add("holidays_\(i)", "\(name)的放假日期：\(error.message)")
            }
            do { makeup = try DateListText.parse(row.makeup, year: year) } catch {
                errors.add("makeup_\(i)", "\(name)的调休上班日期：\(error.message)")
            }
            if holidays.isEmpty && !makeup.isEmpty && errors.isEmpty {
                errors.add("holidays_\(i)", "\(name)只填了调休上班日期，请填写放假日期。")
            }
            // The notice's own sentence is kept only while the dates it describes are unchanged.
            let text = row.original == row.fingerprint ? row.text : ""
            arrangements.append(HolidayArrangement(festival: row.festival, holidays: holidays, makeupWorkdays: makeup, text: text))
            rowOfArrangement.append(i)
        }
        let definition = CalendarYearDefinition(year: year, notices: [HolidayNotice(year: year, number: form.notice, issued: issued,
                                                                                    arrangements: arrangements)])
        if errors.isEmpty {
            for problem in definition.problems() {
                let row = problem.arrangement.map { rowOfArrangement[$0] } ?? 0
                errors.add(problem.message.contains("上班") ? "makeup_\(row)" : "holidays_\(row)", problem.message)
            }
        }
        return (definition, errors)
    }
}
