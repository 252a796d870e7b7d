import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests`: the handling unit's (and the office's) applications — the queue by due date, one case with
/// the applicant's details (reading it is audited), its dates and history, and the form that appends an event.
enum RequestAdmin {
    // MARK: The queue (query → model → view, decision 0009)

    /// A badge as text and kind (`danger`, `warning`), or plain text when `kind` is empty.
    struct Mark: Sendable, Equatable {
        var text: String
        var kind = ""
    }

    struct IndexModel: Sendable {
        struct Row: Sendable {
            let number: String
            let href: String
            let unitName: String
            let receivedOn: String
            let stage: String
            let dueOn: String
            let mark: Mark
        }

        struct Queue: Sendable {
            let title: String
            /// Number, its page, the unit, the date the entry is about, and how urgent.
            let entries: [(number: String, href: String, unitName: String, date: String, mark: Mark)]
        }

        /// Only cases not yet replied to (`false`: all, with the replied ones).
        let openOnly: Bool
        let isOffice: Bool
        /// After a 转办 the handler lands here with a notice.
        /// Letters whose mail was given up on: the case, the subject and the relay's last words.
        let undelivered: [(number: String, href: String, subject: String, error: String)]
        let queues: [Queue]
        let rows: [Row]
    }

    /// The cases of the units the actor handles (its own; all for the office), newest first and then by due date.
    static func indexQuery(by acting: Acting, openOnly: Bool, today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> IndexModel {
        let units = try await RequestQuery.handledUnits(by: acting, on: db)
        var query = DisclosureRequestRecord.query(on: db).filter(\.$site.$id == acting.siteID).filter(\.$unit.$id ~~ units).with(\.$unit)
        if openOnly { query = query.filter(\.$stage ~~ RequestTimeline.openStages.map(\.rawValue)) }
        let records = try await query.sort(\.$createdAt, .descending).limit(500).all().sorted { ($0.dueOn ?? "9999") < ($1.dueOn ?? "9999") }
        let open = try await RequestQueues.open(siteID: acting.siteID, units: units, today: today, calendar: calendar, on: db)
        let undelivered = try await RequestMail.undelivered(siteID: acting.siteID, units: units, on: db)
        let queues = RequestQueues.Kind.allCases.compactMap { kind -> IndexModel.Queue? in
            let entries = open.filter { $0.kinds.contains(kind) }.sorted { ($0.date ?? today) < ($1.date ?? today) }
            guard !entries.isEmpty else { return nil }
            return IndexModel.Queue(title: "\(kind.title)（\(entries.count)）", entries: entries.map {
                ($0.record.number, SiteURL.adminRequest($0.record.id!).path, $0.record.unit.name, $0.date.map(\.chinese) ?? "",
                 mark($0.record, today: today, calendar: calendar))
            })
        }
        return IndexModel(
            openOnly: openOnly, isOffice: RequestQuery.isOffice(acting),
            undelivered: undelivered.map { mail, record in (record.number, SiteURL.adminRequest(record.id!).path, mail.subject, mail.lastError) },
            queues: queues,
            rows: records.map { r in
                IndexModel.Row(number: r.number, href: SiteURL.adminRequest(r.id!).path, unitName: r.unit.name, receivedOn: r.receivedOn ?? "待确认",
                               stage: RequestTimeline.Stage(rawValue: r.stage)?.label ?? r.stage, dueOn: r.dueOn ?? "—",
                               mark: mark(r, today: today, calendar: calendar))
            })
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let model = try await indexQuery(by: acting, openOnly: req.query[String.self, at: "show"] != "all", today: req.today,
                                         calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Response.html(indexView(model, chrome: PageChrome(req: req, title: "依申请公开", area: .backOffice)))
    }

    static func indexView(_ m: IndexModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("依申请公开") }
            El("p", ["class": "lead"]) {
                T("本单位收到的政府信息公开申请，按答复期限排列。申请人的身份和联系方式只有受理单位和公开办可以查看，查看记入操作日志。")
            }
            El("p") {
                A("登记申请（当面、邮寄、传真）", href: SiteURL.adminRequestNew.path, class: "button")
                T("　")
                A("年度报告表三", href: SiteURL.adminRequestReport.path)
                T("　")
                if m.openOnly { A("显示全部（含已答复）", href: SiteURL.adminRequests.path(.showAll)) } else { A("只看未办结", href: SiteURL.adminRequests.path) }
                if m.isOffice {
                    T("　")
                    A("各单位办理情况", href: SiteURL.adminRequestOverview.path)
                    T("　")
                    A("告知书模板", href: SiteURL.adminRequestTemplates.path)
                }
            }
            if !m.undelivered.isEmpty {
                El("section", ["class": "card queue"]) {
                    El("h2") { T("告知书邮件未能发出，请另行送达或重新发送（\(m.undelivered.count)）") }
                    El("ul", ["class": "plain-list"]) {
                        for mail in m.undelivered {
                            El("li") { A(mail.number, href: mail.href); T("　\(mail.subject)　\(mail.error)") }
                        }
                    }
                }
            }
            for queue in m.queues {
                El("section", ["class": "card queue"]) {
                    El("h2") { T(queue.title) }
                    El("ul", ["class": "plain-list"]) {
                        for entry in queue.entries {
                            El("li") {
                                A(entry.number, href: entry.href)
                                T("　\(entry.unitName)　\(entry.date)　")
                                markView(entry.mark)
                            }
                        }
                    }
                }
            }
            if m.rows.isEmpty {
                EmptyState(title: m.openOnly ? "没有未办结的申请" : "还没有申请", text: "公众在门户“依申请公开”在线提交的申请，和您登记的申请，会列在这里。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["受理编号", "受理机关", "收到申请之日", "状态", "答复期限", "提示"] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for row in m.rows {
                                El("tr") {
                                    El("td") { A(row.number, href: row.href) }
                                    El("td") { T(row.unitName) }
                                    El("td") { T(row.receivedOn) }
                                    El("td") { T(row.stage) }
                                    El("td") { T(row.dueOn) }
                                    El("td") { markView(row.mark) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func markView(_ mark: Mark) -> Component {
        mark.kind.isEmpty ? T(mark.text) : Badge(text: mark.text, kind: mark.kind)
    }

    /// How urgent a case is: overdue by n working days, due within 3, or once replied its outcome in short.
    static func mark(_ row: DisclosureRequestRecord, today: CivilDate, calendar: WorkingCalendar) -> Mark {
        guard row.repliedOn == nil, let due = row.dueOn.flatMap(CivilDate.init) else {
            return Mark(text: row.outcome.flatMap(RequestOutcome.init(rawValue:))?.shortName ?? "")
        }
        if due < today { return Mark(text: "逾期\(calendar.workingDays(after: due, through: today) ?? 0)个工作日", kind: "danger") }
        let left = calendar.workingDays(after: today, through: due) ?? 0
        return left <= 3 ? Mark(text: "\(left)个工作日内到期", kind: "warning") : Mark(text: "")
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

extension RequestAdmin.IndexModel {
    /// A township's queue: one case overdue, one due soon, a mail given up on, one replied case.
    static var mock: Self {
        let href = SiteURL.adminRequest(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).path
        return Self(
            openOnly: false, isOffice: false,
            undelivered: [("2026-0007", href, "【湖口县】政府信息公开申请答复书（受理编号 2026-0007）", "550 mailbox unavailable")],
            queues: [.init(title: "已超过答复期限（1）", entries: [("2026-0003", href, "湖口县双钟镇人民政府", "2026年11月30日", .init(text: "逾期4个工作日", kind: "danger"))])],
            rows: [
                .init(number: "2026-0003", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-10-30", stage: "办理中", dueOn: "2026-11-30",
                      mark: .init(text: "逾期4个工作日", kind: "danger")),
                .init(number: "2026-0005", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-11-06", stage: "办理中", dueOn: "2026-12-07",
                      mark: .init(text: "1个工作日内到期", kind: "warning")),
                .init(number: "2026-0001", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-09-21", stage: "已答复", dueOn: "2026-10-26",
                      mark: .init(text: "予以公开")),
            ])
    }
}
