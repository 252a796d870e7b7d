import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests`: the handling unit's (and the office's) applications — the queue by due date, one case with
/// the applicant's details (reading it is audited), its dates and history, and the form that appends an event.
enum RequestAdmin {
    /// The units whose applications this account may handle (its own; all for the office).
    static func visibleUnits(_ staff: Staff, on db: any Database) async throws -> [UUID] {
        let units = try await UnitQueries.forSite(staff.siteID, includeArchived: true, on: db).compactMap(\.id)
        return units.filter { staff.can(.handleRequest, AccessTarget(siteID: staff.siteID, unitID: $0)) }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let units = try await visibleUnits(staff, on: req.db)
        let open = req.query[String.self, at: "show"] != "all"
        var query = DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$unit.$id ~~ units).with(\.$unit)
        if open { query = query.filter(\.$stage != RequestTimeline.Stage.replied.rawValue) }
        let rows = try await query.sort(\.$createdAt, .descending).limit(500).all()
            .sorted { ($0.dueOn ?? "9999") < ($1.dueOn ?? "9999") }
        let calendar = try await req.calendarService.calendar(on: req.db)
        let today = req.today
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
            }
            if rows.isEmpty {
                EmptyState(title: open ? "没有未办结的申请" : "还没有申请", text: "公众在门户“依申请公开”在线提交的申请，和您登记的申请，会列在这里。")
            } else {
                El("div", ["class": "table-wrap"]) {
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
        return PortalController.html(html)
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
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let record = try await DisclosureRequestRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).first(),
              record.$site.id == staff.siteID
        else { throw Abort(.notFound, reason: "没有这份申请。") }
        try staff.require(.handleRequest, AccessTarget(siteID: staff.siteID, unitID: record.$unit.id))
        return record
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await find(req, staff: staff)
        try await AuditLog.record(on: req.db, actor: staff.auditActor(req), siteID: staff.siteID, action: "request.view",
                                  target: .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)"), summary: "查看申请（含申请人信息）", at: req.now)
        return try await page(req, staff: staff, record: record, errors: nil, status: .ok)
    }

    struct EventForm: Content {
        var kind: String?
        var on: String?
        var days: Int?
        var until: String?
        var outcome: String?
        var amount: Int?
        var text: String?
        var lockVersion: Int?
    }

    @Sendable static func addEvent(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await find(req, staff: staff)
        let form = try req.content.decode(EventForm.self)
        var errors = ValidationErrors()
        let kind = RequestEvent.Kind(rawValue: form.kind ?? "")
        let on = CivilDate(form.on ?? "")
        if kind == nil { errors.add("kind", "请选择办理事项。") }
        if on == nil { errors.add("on", "请填写日期，如 2026-11-23（读到：“\(form.on ?? "")”）。") }
        if let on, on > req.today { errors.add("on", "日期不能晚于今天（\(req.today)）。") }
        let until = (form.until ?? "").isEmpty ? nil : CivilDate(form.until ?? "")
        if !(form.until ?? "").isEmpty && until == nil { errors.add("until", "日期格式应为 2026-11-23（读到：“\(form.until ?? "")”）。") }
        let outcome = RequestOutcome(rawValue: form.outcome ?? "")
        let text = (form.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .correctionRequested?:
            if text.isEmpty { errors.add("text", "请一次性写明需要补正的事项（条例第三十条）。") }
            if until == nil { errors.add("until", "请给出合理的补正期限。") }
        case .extended?:
            try staff.require(.extendRequest, AccessTarget(siteID: staff.siteID, unitID: record.$unit.id))
            if text.isEmpty { errors.add("text", "请写明延长的理由和同意的负责人。") }
            if form.days == nil { errors.add("days", "请填写延长的工作日数（最长20个）。") }
        case .replyDelayed?:
            if until == nil { errors.add("until", "请填写确定的延迟答复日期。") }
        case .feeNoticed?:
            if (form.amount ?? 0) <= 0 { errors.add("amount", "请填写收费金额（元）。") }
        case .replied?:
            if outcome == nil { errors.add("outcome", "请选择办理结果（与年度报告表三的分类一致）。") }
        case .note?:
            if text.isEmpty { errors.add("text", "请填写备注内容。") }
        default: break
        }
        guard errors.isEmpty, let kind, let on else { return try await page(req, staff: staff, record: record, errors: errors, status: .unprocessableEntity, form: form) }
        let event = RequestEvent(kind, on: on, days: form.days, until: until, outcome: kind == .replied ? outcome : nil,
                                 amount: kind == .feeNoticed ? form.amount : nil, text: text)
        do {
            try await RequestStore.append(event, to: record, expectedLock: form.lockVersion ?? record.lockVersion, actor: staff.auditActor(req), now: req.now,
                                          calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        } catch let abort as Abort where abort.status == .unprocessableEntity {
            return try await page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: abort.reason),
                                  status: .unprocessableEntity, form: form)
        } catch is OptimisticLock.Conflict {
            return try await page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: "这份申请刚被他人办理过，请看最新的办理经过后再记录。"),
                                  status: .conflict, form: form)
        }
        return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path + "?notice=request-event")
    }

    static func page(_ req: Request, staff: Staff, record: DisclosureRequestRecord, errors: ValidationErrors?, status: HTTPResponseStatus,
                     form: EventForm? = nil) async throws -> Response {
        let fresh = try await DisclosureRequestRecord.query(on: req.db).filter(\.$id == record.requireID()).with(\.$unit).first() ?? record
        let loaded = try await RequestStore.load(fresh, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        let r = loaded.record
        let chrome = PageChrome(req: req, title: "申请 \(r.number)", area: .backOffice)
        let kinds: [RequestEvent.Kind] = loaded.timeline.stage == .awaitingReceipt ? [.received, .note]
            : loaded.timeline.stage == .replied ? [.note]
            : [.correctionRequested, .correctionReceived, .consultationSent, .consultationClosed, .extended, .reasonsRequested, .replyDelayed,
               .feeNoticed, .feePaid, .replied, .note]
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
                El("dd") {
                    T((RequestApplication.ProvisionForm(rawValue: r.provisionForm)?.label ?? r.provisionForm) + "，"
                      + (RequestApplication.Delivery(rawValue: r.delivery)?.label ?? r.delivery))
                }
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
            El("h2") { T("记录办理事项") }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminRequestEvents(r.id!).path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(r.lockVersion)])
                SelectRow(label: "办理事项", name: "kind", options: kinds.map { ($0.rawValue, RequestTimeline.label($0)) }, selected: form?.kind ?? kinds[0].rawValue,
                          errors: errors?.messages(for: "kind") ?? [])
                FieldRow(label: "日期", name: "on", value: form?.on ?? req.today.description, type: "date", errors: errors?.messages(for: "on") ?? [],
                         hint: "确认收到、告知、收到补正、答复等发生的日期。")
                FieldRow(label: "期限日期（补正期限、延迟答复日期）", name: "until", value: form?.until ?? "", type: "date", errors: errors?.messages(for: "until") ?? [])
                FieldRow(label: "延长的工作日数", name: "days", value: form?.days.map(String.init) ?? "", type: "number", errors: errors?.messages(for: "days") ?? [],
                         hint: "延长答复期限时填写，最长20个工作日，只能延长一次。")
                SelectRow(label: "办理结果（答复时选择）", name: "outcome",
                          options: [("", "—")] + RequestOutcome.allCases.map { ($0.rawValue, $0.shortName) }, selected: form?.outcome ?? "",
                          errors: errors?.messages(for: "outcome") ?? [])
                FieldRow(label: "收费金额（元）", name: "amount", value: form?.amount.map(String.init) ?? "", type: "number", errors: errors?.messages(for: "amount") ?? [])
                TextAreaRow(label: "说明", name: "text", value: form?.text ?? "", errors: errors?.messages(for: "text") ?? [],
                            hint: "补正事项、延长理由和同意的负责人、答复要点或内部备注。“办理备注”不向申请人显示。", rows: 3)
                SubmitRow(title: "记录")
            }
        }
        return PortalController.html(html, status: status)
    }
}
