import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/requests`: the handling unit's (and the office's) applications — the queue by due date, one case with
/// the applicant's details (reading it is audited), its dates and history, and the form that appends an event.
enum RequestAdmin {
    // MARK: The queue (query → model → view, decision 0009; the view is RequestQueuePage)

    /// The cases of the units the actor handles (its own; all for the office), newest first and then by due date.
    /// Open cases are listed whole by due date (they are few at any time); "all" is paged newest first by position,
    /// 100 a page, and a 受理编号 can be looked up in either.
    static func indexQuery(by acting: Acting, openOnly: Bool, search: String = "", after: KeysetCursor? = nil, before: KeysetCursor? = nil,
                           today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> RequestQueuePage.Model {
        let units = try await RequestQuery.handledUnits(by: acting, on: db)
        var query = DisclosureRequestRecord.query(on: db).filter(\.$site.$id == acting.siteID).filter(\.$unit.$id ~~ units)
        if openOnly { query = query.filter(\.$stage ~~ RequestTimeline.openStages.map(\.rawValue)) }
        let words = search.trimmingCharacters(in: .whitespaces)
        if !words.isEmpty {
            // 2026-0007, 0007 or 7 (any year), or the applicant's 查询码.
            if let match = words.wholeMatch(of: /(\d{4})-(\d{1,6})/), let year = Int(match.1), let sequence = Int(match.2) {
                query = query.filter(\.$year == year).filter(\.$sequence == sequence)
            } else if let sequence = Int(words) {
                query = query.filter(\.$sequence == sequence)
            } else {
                query = query.filter(\.$code == RequestStore.normaliseCode(words))
            }
        }
        let total = try await query.copy().count()
        let records: [DisclosureRequestRecord]
        var paging = RequestQueuePage.Model.Paging(search: words, total: total)
        if openOnly {
            records = try await query.copy().with(\.$unit).sort(\.$createdAt, .descending).limit(500).all().sorted { ($0.dueOn ?? "9999") < ($1.dueOn ?? "9999") }
        } else {
            let page = try await Keyset.page(query.copy().with(\.$unit), size: RequestQueuePage.pageSize, after: after, before: before,
                                             date: \.$createdAt, dateColumn: "created_at")
            records = page.rows
            let base: [QueryItem] = [.showAll] + (words.isEmpty ? [] : [.text(words)])
            paging.newerHref = page.newer.map { SiteURL.adminRequests.path(base + [.before($0.text)]) }
            paging.olderHref = page.older.map { SiteURL.adminRequests.path(base + [.after($0.text)]) }
            paging.firstHref = (after != nil || before != nil) ? SiteURL.adminRequests.path(base) : nil
        }
        let open = try await RequestQueues.open(siteID: acting.siteID, units: units, today: today, calendar: calendar, on: db)
        let undelivered = try await RequestMail.undelivered(siteID: acting.siteID, units: units, on: db)
        let queues = RequestQueues.Kind.allCases.compactMap { kind -> RequestQueuePage.Model.Queue? in
            let entries = open.filter { $0.kinds.contains(kind) }.sorted { ($0.date ?? today) < ($1.date ?? today) }
            guard !entries.isEmpty else { return nil }
            return RequestQueuePage.Model.Queue(title: "\(kind.title)（\(entries.count)）", entries: entries.map {
                ($0.record.number, SiteURL.adminRequest($0.record.id!).path, $0.record.unit.name, $0.date.map(\.chinese) ?? "",
                 mark($0.record, today: today, calendar: calendar))
            })
        }
        return RequestQueuePage.Model(
            openOnly: openOnly, isOffice: RequestQuery.isOffice(acting),
            undelivered: undelivered.map { mail, record in (record.number, SiteURL.adminRequest(record.id!).path, mail.subject, mail.lastError) },
            queues: queues, paging: paging,
            rows: records.map { r in
                RequestQueuePage.Model.Row(number: r.number, href: SiteURL.adminRequest(r.id!).path, unitName: r.unit.name, receivedOn: r.receivedOn ?? "待确认",
                               stage: RequestTimeline.Stage(rawValue: r.stage)?.label ?? r.stage, dueOn: r.dueOn ?? "—",
                               mark: mark(r, today: today, calendar: calendar))
            })
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let model = try await indexQuery(by: acting, openOnly: req.query[String.self, at: "show"] != "all",
                                         search: String((req.query[String.self, at: "q"] ?? "").prefix(40)),
                                         after: KeysetCursor(req.query[String.self, at: "after"]), before: KeysetCursor(req.query[String.self, at: "before"]),
                                         today: req.today,
                                         calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Response.html(RequestQueuePage.render(model, chrome: PageChrome(req: req, title: "依申请公开", area: .backOffice)))
    }

    /// How urgent a case is: overdue by n working days, due within 3, or once replied its outcome in short.
    static func mark(_ row: DisclosureRequestRecord, today: CivilDate, calendar: WorkingCalendar) -> RequestQueuePage.Mark {
        guard row.repliedOn == nil, let due = row.dueOn.flatMap(CivilDate.init) else {
            return RequestQueuePage.Mark(text: row.outcome.flatMap(RequestOutcome.init(rawValue:))?.shortName ?? "")
        }
        if due < today { return RequestQueuePage.Mark(text: "逾期\(calendar.workingDays(after: due, through: today) ?? 0)个工作日", kind: "danger") }
        let left = calendar.workingDays(after: today, through: due) ?? 0
        return left <= 3 ? RequestQueuePage.Mark(text: "\(left)个工作日内到期", kind: "warning") : RequestQueuePage.Mark(text: "")
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
        let model = try await RequestQuery.casePage(record, query: req.query[String.self, at: "q"], today: req.today,
                                                    calendar: try await req.calendarService.calendar(on: req.db),
                                                    by: staff.acting(req, via: .web), on: req.db)
        let state = RequestCasePage.FormState(errors: errors, input: form, preview: preview, previewNote: previewNote)
        return Response.html(RequestCasePage.render(model, form: state, chrome: PageChrome(req: req, title: "申请 \(model.number)", area: .backOffice)),
                             status: status)
    }
}

