import Foundation
import GongkaiCore
import Plot

/// The calendar's pages: back-office index, one year, the add/correct form, and the public explanation.
enum CalendarPages {
    struct IndexModel {
        let snapshot: CalendarService.Snapshot
        let today: CivilDate
        let canManage: Bool
        let calculator: DeadlineCalculator.Result
    }

    struct YearModel {
        let year: Int
        let calendar: WorkingCalendar
        let source: CalendarService.YearSource?
        let history: [Saved]

        /// A version saved in the back office, newest first.
        struct Saved: Sendable {
            let id: UUID
            let createdAt: String
            let createdBy: String
            let source: String
            let noticeNumber: String
            /// "现行" or when it was replaced.
            let status: String
            let isCurrent: Bool
        }
        let bundled: CalendarYearDefinition?
        let canManage: Bool
    }

    struct FormRow {
        var festival: String
        var holidays = ""
        var makeup = ""
        var text = ""
        var original = ""

        init(festival: String) { self.festival = festival }

        init(_ arrangement: HolidayArrangement) {
            festival = arrangement.festival
            holidays = CalendarPages.dateRanges(arrangement.holidays)
            makeup = CalendarPages.dateRanges(arrangement.makeupWorkdays)
            text = arrangement.text
            original = fingerprint
        }

        init(festival: String, holidays: String, makeup: String, text: String, original: String) {
            self.festival = festival
            self.holidays = holidays
            self.makeup = makeup
            self.text = text
            self.original = original
        }

        /// What the row's dates were when the form was drawn; the notice sentence survives only if they still are.
        var fingerprint: String { holidays.trimmingCharacters(in: .whitespaces) + "|" + makeup.trimmingCharacters(in: .whitespaces) }
    }

    struct FormModel {
        var year: String
        var notice: String
        var issued: String
        var rows: [FormRow]
        var errors: ValidationErrors
        var isCorrection: Bool
        var uploadNotice = ""
        var uploadIssued = ""
        var uploadYear = ""
    }

    struct PublicModel {
        let site: PageChrome.SiteInfo
        let year: Int
        let today: CivilDate
        let calendar: WorkingCalendar
        let calculator: DeadlineCalculator.Result
    }

    /// "2026-10-01至2026-10-07、2026-10-09" — the form's way of writing a list of dates.
    static func dateRanges(_ dates: [CivilDate]) -> String {
        HolidayArrangement.runs(dates.sorted()).map { run in
            run.count == 1 ? run[0].description : "\(run.first!)至\(run.last!)"
        }.joined(separator: "、")
    }

    // MARK: - Back office

    static func index(_ model: IndexModel, chrome: PageChrome) -> String {
        let calendar = model.snapshot.calendar
        let confirmed = calendar.confirmedYears
        let nextYear = max((confirmed.last ?? model.today.year) + 1, model.today.year)
        let years = ((confirmed.first ?? model.today.year)...nextYear).reversed()
        return Layout.render(chrome) {
            El("h1") { T("工作日日历") }
            El("p", ["class": "lead"]) {
                T("所有期限按工作日计算：周一至周五为工作日，周六、周日休息；法定节假日放假和调休上班以国务院办公厅每年发布的《关于部分节假日安排的通知》为准。没有录入通知的年份只按周末计算，相关期限一律标注“未确认”。")
            }
            if !calendar.isConfirmed(year: model.today.year + 1) && model.today.month >= 10 {
                El("p", ["class": "warning"]) {
                    T("\(model.today.year + 1)年的节假日安排尚未录入。国务院办公厅的通知通常在10月至12月发布，发布后请及时录入，跨年的期限将随之确认。")
                }
            }
            if model.canManage {
                El("p") { A("录入\(nextYear)年节假日安排", href: SiteURL.adminCalendarNew(year: nextYear).path, class: "button") }
            }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") {
                        El("tr") {
                            for heading in ["年份", "状态", "通知文号", "放假", "调休上班", "来源"] { El("th", ["scope": "col"]) { T(heading) } }
                        }
                    }
                    El("tbody") {
                        for year in years {
                            El("tr") {
                                El("td") { A("\(year)年", href: SiteURL.adminCalendarYear(year).path) }
                                if let definition = calendar.definitions[year] {
                                    El("td") { Badge(text: "已确认", kind: "ok") }
                                    El("td") { T(definition.noticeNumbers.isEmpty ? "—" : definition.noticeNumbers) }
                                    El("td") { T("\(definition.holidayCount)天") }
                                    El("td") { T("\(definition.makeupWorkdayCount)天") }
                                    El("td") { T(model.snapshot.sources[year]?.label ?? "—") }
                                } else {
                                    El("td") { Badge(text: "未确认", kind: "warn") }
                                    El("td", ["colspan": "4"]) { T("尚未录入，暂按周末计算") }
                                }
                            }
                        }
                    }
                }
            }
            El("h2") { T("期限计算") }
            DeadlineCalculator.Form(action: SiteURL.adminCalendar.path, result: model.calculator)
        }
    }

    static func year(_ model: YearModel, chrome: PageChrome) -> String {
        let definition = model.calendar.definitions[model.year]
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("工作日日历", href: SiteURL.adminCalendar.path) }
            El("h1") {
                T("\(model.year)年工作日日历 ")
                if definition != nil { Badge(text: "已确认", kind: "ok") } else { Badge(text: "未确认", kind: "warn") }
            }
            if let definition {
                for notice in definition.notices {
                    El("section", ["class": "card"]) {
                        El("h2") { T(notice.title) }
                        El("p") {
                            T(notice.number.isEmpty ? "（未填写文号）" : notice.number)
                            if let issued = notice.issued { T("　\(issued.chinese)发布") }
                        }
                        El("ol", ["class": "arrangements"]) {
                            for arrangement in notice.arrangements {
                                El("li") {
                                    if !arrangement.festival.isEmpty { El("strong") { T(arrangement.festival + "：") } }
                                    T(arrangement.description)
                                }
                            }
                        }
                    }
                }
                El("p") { T(changeSummary(year: model.year, definition: definition, calendar: model.calendar)) }
            } else {
                El("p", ["class": "warning"]) {
                    T("\(model.year)年的节假日安排尚未录入。下列日历只按周末区分，法定节假日和调休上班未标出；依赖本年的期限都标注为“未确认”。")
                }
            }
            if model.canManage {
                El("p") {
                    A(definition == nil ? "录入\(model.year)年节假日安排" : "更正\(model.year)年节假日安排",
                      href: SiteURL.adminCalendarNew(year: model.year).path, class: "button")
                }
            }
            El("div", ["class": "month-grids"]) {
                for month in 1...12 { MonthGrid.Table(year: model.year, month: month, calendar: model.calendar) }
            }
            El("p", ["class": "hint"]) { T("休 = 法定节假日（放假调休）；班 = 调休上班。") }
            El("h2") { T("版本记录") }
            history(model, csrfToken: chrome.csrfToken)
        }
    }

    /// What the notices changed against the plain week: "与只按周末相比：11个工作日改为放假，6个周末改为上班；全年工作日247天（只按周末为261天）。"
    static func changeSummary(year: Int, definition: CalendarYearDefinition, calendar: WorkingCalendar) -> String {
        let days = calendar.days(inYear: year)
        let weekdaysOff = days.filter { $0.kind == .holiday && !$0.date.isWeekend }.count
        let weekendsWorked = days.filter { $0.kind == .makeupWorkday }.count
        let working = days.filter { $0.kind.isWorkingDay }.count
        let plain = days.filter { !$0.date.isWeekend }.count
        return "与只按周末计算相比：\(weekdaysOff)个周一至周五改为放假，\(weekendsWorked)个周末改为上班；全年工作日\(working)天（只按周末计算为\(plain)天）。放假日共\(definition.holidayCount)天（含与周末连休的日子）。"
    }

    @ComponentBuilder
    static func history(_ model: YearModel, csrfToken: String) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table") {
                El("thead") {
                    El("tr") { for h in ["录入时间", "录入人", "方式", "通知文号", "状态", ""] { El("th", ["scope": "col"]) { T(h) } } }
                }
                El("tbody") {
                    for record in model.history {
                        El("tr") {
                            El("td") { T(record.createdAt) }
                            El("td") { T(record.createdBy) }
                            El("td") { T(record.source) }
                            El("td") { T(record.noticeNumber) }
                            El("td") { T(record.status) }
                            El("td") {
                                if model.canManage && !record.isCurrent {
                                    restoreButton(year: model.year, version: record.id.uuidString, csrfToken: csrfToken)
                                }
                            }
                        }
                    }
                    if let bundled = model.bundled {
                        El("tr") {
                            El("td") { T("—") }
                            El("td") { T("—") }
                            El("td") { T("随程序提供") }
                            El("td") { T(bundled.noticeNumbers) }
                            El("td") { T(model.history.isEmpty ? "现行" : "已被后台录入的版本取代") }
                            El("td") { if model.canManage && !model.history.isEmpty { restoreButton(year: model.year, version: "bundled", csrfToken: csrfToken) } }
                        }
                    } else if model.history.isEmpty {
                        El("tr") { El("td", ["colspan": "6"]) { T("尚无记录。") } }
                    }
                }
            }
        }
    }

    static func restoreButton(year: Int, version: String, csrfToken: String) -> Component {
        PostForm(action: SiteURL.adminCalendarRestore(year).path, csrfToken: csrfToken, class: "inline") {
            VoidEl("input", ["type": "hidden", "name": "version", "value": version])
            El("button", ["type": "submit", "class": "link-button"]) { T("恢复为此版本") }
        }
    }

    static func form(_ model: FormModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("工作日日历", href: SiteURL.adminCalendar.path) }
            El("h1") { T(model.isCorrection ? "更正\(model.year)年节假日安排" : "录入节假日安排") }
            El("p", ["class": "lead"]) {
                T("请对照国务院办公厅《关于\(model.year)年部分节假日安排的通知》逐项填写。保存后，依赖该年份的所有期限立即按新安排计算；原有版本保留在版本记录中，可以恢复。")
            }
            ErrorSummary(errors: model.errors.isEmpty ? nil : model.errors)
            PostForm(action: SiteURL.adminCalendarNew(year: nil).path, csrfToken: chrome.csrfToken) {
                El("div", ["class": "field-row"]) {
                    FieldRow(label: "年份", name: "year", value: model.year, errors: model.errors.messages(for: "year"), required: true)
                    FieldRow(label: "通知文号", name: "notice", value: model.notice, errors: model.errors.messages(for: "notice"),
                             hint: "如 国办发明电〔2026〕7号", required: true)
                    FieldRow(label: "发布日期", name: "issued", value: model.issued, type: "date",
                             errors: model.errors.messages(for: "issued"))
                }
                El("p", ["class": "hint"]) {
                    T("日期可写成 2027-01-01，或 1月1日；连续放假写成“2月6日至2月12日”；多个日期用顿号分隔。跨年的日期（如上一年12月31日）请写完整年份。")
                }
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table", ["class": "form-table"]) {
                        El("thead") {
                            El("tr") { for h in ["节日", "放假日期", "调休上班日期"] { El("th", ["scope": "col"]) { T(h) } } }
                        }
                        El("tbody") {
                            for (i, row) in model.rows.enumerated() {
                                let holidayErrors = model.errors.messages(for: "holidays_\(i)")
                                let makeupErrors = model.errors.messages(for: "makeup_\(i)")
                                El("tr") {
                                    El("td") {
                                        VoidEl("input", ["type": "text", "name": "festival_\(i)", "value": row.festival,
                                                         "aria-label": "第\(i + 1)行节日名称", "size": "8"])
                                        VoidEl("input", ["type": "hidden", "name": "text_\(i)", "value": row.text])
                                        VoidEl("input", ["type": "hidden", "name": "orig_\(i)", "value": row.original])
                                    }
                                    El("td", ["class": holidayErrors.isEmpty ? "" : "field-invalid"]) {
                                        for error in holidayErrors { El("p", ["class": "error"]) { T(error) } }
                                        VoidEl("input", ["type": "text", "id": "holidays_\(i)", "name": "holidays_\(i)", "value": row.holidays,
                                                         "aria-label": "\(row.festival.isEmpty ? "第\(i + 1)行" : row.festival)放假日期"])
                                    }
                                    El("td", ["class": makeupErrors.isEmpty ? "" : "field-invalid"]) {
                                        for error in makeupErrors { El("p", ["class": "error"]) { T(error) } }
                                        VoidEl("input", ["type": "text", "id": "makeup_\(i)", "name": "makeup_\(i)", "value": row.makeup,
                                                         "aria-label": "\(row.festival.isEmpty ? "第\(i + 1)行" : row.festival)调休上班日期"])
                                    }
                                }
                            }
                        }
                    }
                }
                SubmitRow(title: "保存节假日安排", cancelHref: SiteURL.adminCalendar.path)
            }
            El("h2", ["id": "upload"]) { T("或上传日历文件") }
            El("p") {
                T("CSV 文件，每行“日期,类型”，类型为 holiday（放假）或 makeup-workday（调休上班），例如 2027-01-01,holiday。可用 gongkai calendar days 导出的文件修改后上传。文件有任何错误时不会导入任何内容。")
            }
            El("form", ["method": "post", "action": SiteURL.adminCalendarUpload.path, "enctype": "multipart/form-data",
                        "class": "form", "accept-charset": "UTF-8"]) {
                VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": chrome.csrfToken])
                El("div", ["class": "field-row"]) {
                    FieldRow(label: "通知文号", name: "upload_notice", value: model.uploadNotice,
                             errors: model.errors.messages(for: "upload_notice"), required: true)
                    FieldRow(label: "发布日期", name: "upload_issued", value: model.uploadIssued, type: "date",
                             errors: model.errors.messages(for: "upload_issued"))
                    FieldRow(label: "年份（可不填）", name: "upload_year", value: model.uploadYear,
                             errors: model.errors.messages(for: "upload_year"))
                }
                El("div", ["class": model.errors.messages(for: "upload_file").isEmpty ? "field" : "field field-invalid"]) {
                    El("label", ["for": "upload_file"]) { T("CSV 文件") }
                    for error in model.errors.messages(for: "upload_file") { El("p", ["class": "error"]) { T(error) } }
                    VoidEl("input", ["type": "file", "id": "upload_file", "name": "file", "accept": ".csv,text/csv"])
                }
                SubmitRow(title: "上传并导入")
            }
        }
    }

    // MARK: - Public

    static func publicPage(_ model: PublicModel, chrome: PageChrome) -> String {
        let definition = model.calendar.definitions[model.year]
        return Layout.render(chrome) {
            El("h1") { T("期限怎样计算") }
            El("p", ["class": "lead"]) {
                T("政府信息公开的各项期限按工作日计算。本页说明计算方法，列出\(model.year)年的放假和调休安排，并可以计算具体的届满日。")
            }
            El("h2") { T("一、什么是工作日") }
            El("p") {
                T("周一至周五为工作日，周六、周日为休息日。法定节假日放假的日子不是工作日；因调休安排在周六或周日上班的日子是工作日。放假和调休以国务院办公厅每年发布的《关于部分节假日安排的通知》为准。")
            }
            El("h2") { T("二、怎样起算") }
            El("ul") {
                El("li") { T("期限开始的当日不计入，从次日起算。例如2024年9月27日（星期五）收到申请，20个工作日的届满日是2024年10月30日：国庆节放假的7天不计入，9月29日（星期日）和10月12日（星期六）调休上班计入。") }
                El("li") { T("按“日”计算的期限，届满日是休息日或法定节假日的，顺延至其后的第一个工作日。") }
                El("li") { T("按“月”计算的期限，到期月的同一日届满；该月没有这一日的，以该月最后一日为届满日。") }
                El("li") { T("征求第三方和其他机关意见所需时间，不计算在答复期限内；申请人补正的，答复期限自收到补正申请之日起重新计算。") }
            }
            El("h2") { T("三、主要期限") }
            DataTable(headers: ["事项", "期限", "依据"]) {
                for (what, limit, basis) in statutoryLimits {
                    El("tr") { El("td") { T(what) }; El("td") { T(limit) }; El("td") { T(basis) } }
                }
            }
            El("h2") { T("四、计算届满日") }
            DeadlineCalculator.Form(action: SiteURL.publicDeadlines(slug: model.site.slug, year: nil).path, result: model.calculator)
            El("h2") { T("五、\(model.year)年放假和调休安排") }
            if let definition {
                for notice in definition.notices {
                    El("p") { T("依据《\(notice.title)》（\(notice.number)）：") }
                    El("ul") {
                        for arrangement in notice.arrangements {
                            El("li") {
                                if !arrangement.festival.isEmpty { El("strong") { T(arrangement.festival + "：") } }
                                T(arrangement.description)
                            }
                        }
                    }
                }
            } else {
                El("p", ["class": "warning"]) {
                    T("\(model.year)年的节假日安排尚未公布或尚未录入。下列日历只区分周末，按其计算的期限均为“未确认”。")
                }
            }
            El("div", ["class": "month-grids"]) {
                for month in 1...12 { MonthGrid.Table(year: model.year, month: month, calendar: model.calendar) }
            }
            El("p", ["class": "hint"]) { T("休 = 法定节假日（放假调休）；班 = 调休上班。") }
            El("nav", ["class": "year-links", "aria-label": "其他年份"]) {
                for year in [model.year - 1, model.year + 1] where (2000...2199).contains(year) {
                    A("\(year)年日历", href: SiteURL.publicDeadlines(slug: model.site.slug, year: year).path)
                }
            }
        }
    }

    static let statutoryLimits: [(String, String, String)] = [
        ("主动公开政府信息", "自该信息形成或者变更之日起20个工作日内", "《政府信息公开条例》第二十六条"),
        ("答复政府信息公开申请", "自收到申请之日起20个工作日内；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长最长不超过20个工作日", "《政府信息公开条例》第三十三条"),
        ("告知申请人补正", "自收到申请之日起7个工作日内一次性告知", "《政府信息公开条例》第三十条"),
        ("第三方提出意见", "自收到征求意见书之日起15个工作日内", "《政府信息公开条例》第三十二条"),
        ("共同制作机关提出意见", "自收到征求意见书之日起15个工作日内", "《政府信息公开条例》第三十四条"),
    ]
}
