import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests`: the handling unit's (and the office's) applications — the queue by due date, one case with
/// the applicant's details (reading it is audited), its dates and history, and the form that appends an event.
enum RequestAdmin {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .web)
        let units = try await RequestQuery.handledUnits(by: acting, on: req.db)
        let open = req.query[String.self, at: "show"] != "all"
        var query = DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$unit.$id ~~ units).with(\.$unit)
        if open { query = query.filter(\.$stage ~~ RequestTimeline.openStages.map(\.rawValue)) }
        let rows = try await query.sort(\.$createdAt, .descending).limit(500).all()
            .sorted { ($0.dueOn ?? "9999") < ($1.dueOn ?? "9999") }
        let calendar = try await req.calendarService.calendar(on: req.db)
        let today = req.today
        let queues = try await RequestQueues.open(siteID: staff.siteID, units: units, today: today, calendar: calendar, on: req.db)
        let undelivered = try await RequestMail.undelivered(siteID: staff.siteID, units: units, on: req.db)
        let isOffice = RequestQuery.isOffice(acting)
        let chrome = PageChrome(req: req, title: "依申请公开", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("依申请公开") }
            El("p", ["class": "lead"]) {
                T("本单位收到的政府信息公开申请，按答复期限排列。申请人的身份和联系方式只有受理单位和公开办可以查看，查看记入操作日志。")
            }
            El("p") {
                A("登记申请（当面、邮寄、传真）", href: SiteURL.adminRequestNew.path, class: "button")
                T("　")
                A("年度报告表三", href: SiteURL.adminRequestReport(query: nil).path)
                T("　")
                if open { A("显示全部（含已答复）", href: SiteURL.adminRequests(query: "show=all").path) } else { A("只看未办结", href: SiteURL.adminRequests().path) }
                if isOffice {
                    T("　")
                    A("各单位办理情况", href: SiteURL.adminRequestOverview.path)
                    T("　")
                    A("告知书模板", href: SiteURL.adminRequestTemplates.path)
                }
            }
            if req.query[String.self, at: "notice"] == "request-transferred" {
                El("p", ["class": "notice", "role": "status"]) { T("申请已转办，由接收单位继续办理。") }
            }
            if !undelivered.isEmpty {
                El("section", ["class": "card queue"]) {
                    El("h2") { T("告知书邮件未能发出，请另行送达或重新发送（\(undelivered.count)）") }
                    El("ul", ["class": "plain-list"]) {
                        for (mail, record) in undelivered {
                            El("li") { A(record.number, href: SiteURL.adminRequest(record.id!).path); T("　\(mail.subject)　\(mail.lastError)") }
                        }
                    }
                }
            }
            for kind in RequestQueues.Kind.allCases {
                let entries = queues.filter { $0.kinds.contains(kind) }.sorted { ($0.date ?? today) < ($1.date ?? today) }
                if !entries.isEmpty {
                    El("section", ["class": "card queue"]) {
                        El("h2") { T("\(kind.title)（\(entries.count)）") }
                        El("ul", ["class": "plain-list"]) {
                            for entry in entries {
                                El("li") {
                                    A(entry.record.number, href: SiteURL.adminRequest(entry.record.id!).path)
                                    T("　\(entry.record.unit.name)　\(entry.date.map { $0.chinese } ?? "")　")
                                    dueBadge(entry.record, today: today, calendar: calendar)
                                }
                            }
                        }
                    }
                }
            }
            if rows.isEmpty {
                EmptyState(title: open ? "没有未办结的申请" : "还没有申请", text: "公众在门户“依申请公开”在线提交的申请，和您登记的申请，会列在这里。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["受理编号", "受理机关", "收到申请之日", "状态", "答复期限", ""] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for row in rows {
                                El("tr") {
                                    El("td") { A(row.number, href: SiteURL.adminRequest(row.id!).path) }
                                    El("td") { T(row.unit.name) }
                                    El("td") { T(row.receivedOn ?? "待确认") }
                                    El("td") { T(RequestTimeline.Stage(rawValue: row.stage)?.label ?? row.stage) }
                                    El("td") { T(row.dueOn ?? "—") }
                                    El("td") { dueBadge(row, today: today, calendar: calendar) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Response.html(html)
    }

    static func dueBadge(_ row: DisclosureRequestRecord, today: CivilDate, calendar: WorkingCalendar) -> Component {
        guard row.repliedOn == nil, let due = row.dueOn.flatMap(CivilDate.init) else {
            if let outcome = row.outcome.flatMap(RequestOutcome.init(rawValue:)) { return T(outcome.shortName) }
            return T("")
        }
        if due < today {
            let late = calendar.workingDays(after: due, through: today) ?? 0
            return Badge(text: "逾期\(late)个工作日", kind: "danger")
        }
        let left = calendar.workingDays(after: today, through: due) ?? 0
        return left <= 3 ? Badge(text: "\(left)个工作日内到期", kind: "warning") : T("")
    }

    static func find(_ req: Request, staff: Staff) async throws -> DisclosureRequestRecord {
        try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: staff.acting(req, via: .web), on: req.db)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await find(req, staff: staff)
        try await RequestCaseActions.view(record, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        return try await page(req, staff: staff, record: record, errors: nil, status: .ok)
    }

    static func page(_ req: Request, staff: Staff, record: DisclosureRequestRecord, errors: ValidationErrors?, status: HTTPResponseStatus,
                     form: RequestEventForm.Input? = nil, preview: RequestLetter.Letter? = nil, previewNote: String? = nil) async throws -> Response {
        let fresh = try await DisclosureRequestRecord.query(on: req.db).filter(\.$id == record.requireID()).with(\.$unit).first() ?? record
        let loaded = try await RequestStore.load(fresh, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        let r = loaded.record
        let id = try r.requireID()
        async let letters = RequestLetters.letters(of: id, on: req.db)
        async let files = RequestLetters.files(of: id, on: req.db)
        async let appeals = DisclosureRequestAppealRecord.query(on: req.db).filter(\.$request.$id == id).sort(\.$createdAt).all()
        async let related = RequestRelated.find(for: r, query: req.query[String.self, at: "q"], staff: staff, on: req.db)
        async let units = UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)
        async let mails = ApplicantMailRecord.query(on: req.db).filter(\.$request.$id == id).all()
        let may = RequestQuery.abilities(on: r, by: staff.acting(req, via: .web))
        let panels = RequestCasePanels.Model(
            loaded: loaded, letters: try await letters, mails: try await mails, files: try await files, appeals: try await appeals, related: try await related,
            units: try await units, canExtend: may.extend, canChargeFee: may.chargeFee, canDraft: may.draft)
        let chrome = PageChrome(req: req, title: "申请 \(r.number)", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("政府信息公开申请 \(r.number)") }
            if let repeatOf = r.repeatOf {
                El("p", ["class": "notice"]) {
                    T("同一申请人此前提出过相同内容的申请（")
                    A("查看", href: SiteURL.adminRequest(repeatOf).path)
                    T("）。已作出答复的，可以按条例第三十六条第六项告知不予重复处理。")
                }
            }
            if r.needsHelp { El("p", ["class": "notice"]) { T("申请人有阅读困难或者视听障碍，请提供必要的帮助（条例第四十三条）。") } }
            RequestCasePanels.lapsed(loaded, today: req.today)
            RequestPages.dates(loaded)
            El("h2") { T("申请人") }
            El("dl", ["class": "kv"]) {
                El("dt") { T("申请人类型") }
                El("dd") { T(r.applicant.formLabel) }
                El("dt") { T(r.applicant.isOrganisation ? "单位名称" : "姓名") }
                El("dd") { T(r.name) }
                El("dt") { T(r.idKind) }
                El("dd") { T(r.idNumber) }
                if !r.contactPerson.isEmpty { El("dt") { T("联系人") }; El("dd") { T(r.contactPerson) } }
                El("dt") { T("联系方式") }
                El("dd") { T([r.phone, r.email, r.address].filter { !$0.isEmpty }.joined(separator: "；")) }
                El("dt") { T("获取形式和途径") }
                El("dd") { T(RequestLetters.provision(r)) }
                El("dt") { T("查询码") }
                El("dd") { T(r.code) }
            }
            El("h2") { T("所申请的信息") }
            El("p") { T(r.information) }
            El("h2") { T("办理经过") }
            El("ol", ["class": "history"]) {
                for row in loaded.events {
                    El("li") {
                        El("strong") { T(row.onDate + "　" + RequestTimeline.label(RequestEvent.Kind(rawValue: row.kind) ?? .note)) }
                        T("　" + (row.event.map { $0.kind == .note ? $0.text : RequestPages.publicText($0) } ?? row.text))
                        El("span", ["class": "muted"]) { T("（\(row.createdByLabel) 记录于 \(ChineseTime.dateTime(row.createdAt))）") }
                    }
                }
            }
            if req.query[String.self, at: "notice"] == "mail-resend" { El("p", ["class": "notice", "role": "status"]) { T("邮件已重新排队发送。") } }
            RequestCasePanels.letters(panels, csrf: chrome.csrfToken)
            if let preview {
                El("section", ["class": "card", "id": "preview", "role": "status"]) {
                    El("h2") { T("告知书预览（尚未记录、尚未发出）") }
                    RequestLetterPages.letter(preview)
                    El("p", ["class": "hint"]) { T("确认无误后，在下面的表单中点击“记录”；如附有文件，请重新选择。") }
                }
            }
            if let previewNote { El("p", ["class": "notice", "role": "status"]) { T(previewNote) } }
            RequestCasePanels.eventForm(panels, errors: errors, form: form, today: req.today, csrf: chrome.csrfToken)
            RequestCasePanels.related(panels, query: req.query[String.self, at: "q"], csrf: chrome.csrfToken)
            RequestCasePanels.appeals(panels, csrf: chrome.csrfToken)
        }
        return Response.html(html, status: status)
    }
}
