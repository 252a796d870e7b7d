import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 依申请公开 through the API: public intake (returns the 查询码) and tracking, and for a unit's own case system
/// with a token: its applications, one application (reading it is audited), and appending events — so a
/// county's existing system can hand cases over. Every read carries the due date and how it was computed.
enum RequestAPI {
    struct IntakeInput: Content {
        var site: String?
        var unit: UUID?
        var applicantType: String?
        var name: String?
        var idKind: String?
        var idNumber: String?
        var contactPerson: String?
        var phone: String?
        var email: String?
        var address: String?
        var information: String?
        var form: String?
        var delivery: String?
        var needsHelp: Bool?
    }

    struct Created: Content {
        let code: String
        let number: String
        let stage: String
        let trackURL: String
    }

    struct Segment: Content {
        let kind: String
        let from: String
        let through: String
        let workingDays: Int
        let note: String
    }

    struct HistoryItem: Content {
        let on: String
        let kind: String
        let text: String
    }

    struct Letter: Content {
        let position: Int
        let kind: String
        let title: String
        let date: String
        let text: String
        /// The printable page and the .docx, for the applicant (by code).
        let url: String
        let docxURL: String
    }

    struct ReleasedFile: Content {
        let id: UUID
        let fileName: String
        let contentType: String
        let size: Int
        let url: String
    }

    struct Tracking: Content {
        /// The case's id, 查询码 and lock version: only in the staff list (`GET /api/v1/requests`), for the unit's own
        /// system to call `POST /api/v1/requests/{id}/events`; never in the public tracking answer.
        var id: UUID?
        var code: String?
        var lockVersion: Int?
        let number: String
        let unit: String
        let channel: String
        let receivedOn: String?
        let stage: String
        let stageLabel: String
        let dueOn: String?
        let dueExplanation: String
        let computation: [Segment]
        let outcome: String?
        let outcomeLabel: String?
        let repliedOn: String?
        let history: [HistoryItem]
        let letters: [Letter]
        let files: [ReleasedFile]
    }

    struct Applicant: Content {
        let type: String
        let name: String
        let idKind: String
        let idNumber: String
        let contactPerson: String
        let phone: String
        let email: String
        let address: String
    }

    struct Detail: Content {
        let id: UUID
        let code: String
        let lockVersion: Int
        let applicant: Applicant
        let information: String
        let tracking: Tracking
    }

    static func tracking(_ loaded: RequestStore.Loaded, withNotes: Bool, req: Request) async throws -> Tracking {
        let t = loaded.timeline
        let id = try loaded.record.requireID()
        let base = req.application.gongkai.publicBaseURL
        let slug = try await SiteRecord.find(loaded.record.$site.id, on: req.db)?.slug ?? ""
        let code = loaded.record.code
        let letters = try await RequestLetters.letters(of: id, on: req.db).map { row in
            Letter(position: row.eventPosition, kind: row.kind, title: row.title, date: row.dateText, text: row.letter.text,
                   url: base + SiteURL.requestLetter(slug: slug, code: code, position: row.eventPosition).path,
                   docxURL: base + SiteURL.requestLetterFile(slug: slug, code: code, position: row.eventPosition).path)
        }
        let files = try await RequestLetters.files(of: id, on: req.db).map { row in
            ReleasedFile(id: row.id!, fileName: row.fileName, contentType: row.contentType, size: row.size,
                         url: base + SiteURL.requestFile(slug: slug, code: code, file: row.id!).path)
        }
        return Tracking(
            number: loaded.record.number, unit: loaded.record.unit.name, channel: loaded.record.channel, receivedOn: t.received?.description,
            stage: t.stage.rawValue, stageLabel: RequestPages.stageText(t), dueOn: t.due?.description, dueExplanation: RequestPages.dueText(t),
            computation: (t.clock?.segments ?? []).map { Segment(kind: $0.kind.rawValue, from: $0.from.description, through: $0.through.description,
                                                                 workingDays: $0.workingDays, note: $0.note) },
            outcome: t.outcome?.rawValue, outcomeLabel: t.outcome?.shortName, repliedOn: t.repliedOn?.description,
            history: loaded.events.compactMap { row in
                guard let event = row.event, withNotes || event.kind != .note else { return nil }
                return HistoryItem(on: event.on.description, kind: event.kind.rawValue, text: withNotes && event.kind == .note ? event.text : RequestPages.publicText(event))
            }, letters: letters, files: files)
    }

    @Sendable static func intake(req: Request) async throws -> Response {
        let input: IntakeInput
        do { input = try req.content.decode(IntakeInput.self) } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON，见 /api/v1/openapi.json 的 RequestInput。")
        }
        let sites = try await SiteQueries.all(on: req.db)
        guard let site = input.site.map({ slug in sites.first { $0.slug == slug } }) ?? (sites.count == 1 ? sites.first : nil) else {
            throw APIError(.unprocessableEntity, code: "unknown_site", message: "请用 site 给出站点代码，如 hukou。", field: "site")
        }
        let application = RequestApplication(
            applicant: ApplicantType(rawValue: input.applicantType ?? "") ?? .naturalPerson, name: input.name ?? "", idKind: input.idKind ?? "居民身份证",
            idNumber: input.idNumber ?? "", contactPerson: input.contactPerson ?? "", phone: input.phone ?? "", email: input.email ?? "", address: input.address ?? "",
            information: input.information ?? "", form: RequestApplication.ProvisionForm(rawValue: input.form ?? ""),
            delivery: RequestApplication.Delivery(rawValue: input.delivery ?? ""), needsHelp: input.needsHelp ?? false)
        let siteID = try site.requireID()
        let errors = try await RequestIntakeActions.problems(application, unit: input.unit?.uuidString, siteID: siteID, on: req.db)
        if errors.problems.contains(where: { $0.field == "unit" }) {
            let problem = errors.messages(for: "unit").first ?? "请选择受理申请的行政机关。"
            throw APIError(.unprocessableEntity, code: "unknown_unit",
                           message: "\(problem)请用 unit 给出受理申请的行政机关（见 /api/v1/sites/\(site.slug)/units 中 takesApplications 为 true 的单位）。", field: "unit")
        }
        if let problem = errors.problems.first {
            throw APIError(.unprocessableEntity, code: "invalid_field", message: errors.summary, field: problem.field)
        }
        guard req.gongkai.limits.requestForm.allow(req.clientAddress, now: req.now) else {
            throw APIError(.tooManyRequests, code: "rate_limited", message: "提交过于频繁，请一小时后再试。")
        }
        let record: DisclosureRequestRecord
        do {
            record = try await RequestIntakeActions.apply(application, unit: input.unit?.uuidString, siteID: siteID,
                                                          by: .applicant(siteID: siteID, label: "申请人（API）", clientAddress: req.clientAddress, via: .api),
                                                          at: req.now, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        } catch let refusal as ActionError { throw refusal.apiError }
        let created = Created(code: record.code, number: record.number, stage: record.stage,
                              trackURL: req.application.gongkai.publicBaseURL + SiteURL.requestTrack(slug: site.slug, code: record.code).path)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable static func track(req: Request) async throws -> Tracking {
        let code = RequestStore.normaliseCode(req.parameters.get("code") ?? "")
        guard req.gongkai.limits.requestTracking.allow(req.clientAddress, now: req.now) else {
            throw APIError(.tooManyRequests, code: "rate_limited", message: "查询过于频繁，请稍后再试。")
        }
        guard !code.isEmpty, let record = try await DisclosureRequestRecord.query(on: req.db).filter(\.$code == code).with(\.$unit).first() else {
            throw APIError(.notFound, code: "not_found", message: "没有这个查询码。")
        }
        return try await tracking(try await RequestStore.load(record, calendar: try await req.calendarService.calendar(on: req.db), on: req.db), withNotes: false, req: req)
    }

    /// The applications of the units the token's account handles, newest first; `?code=` finds one by its 查询码
    /// (how a unit's system turns the code the applicant quotes into the id its events go to).
    @Sendable static func list(req: Request) async throws -> [Tracking] {
        let staff = try req.requireStaff()
        let units = try await RequestQuery.handledUnits(by: staff.acting(req, via: .api), on: req.db)
        var query = DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$unit.$id ~~ units).with(\.$unit)
        if let typed = req.query[String.self, at: "code"] {
            let code = RequestStore.normaliseCode(typed)
            guard !code.isEmpty else {
                throw APIError(.unprocessableEntity, code: "invalid_field", message: "查询码应为12位字母和数字，如 K7QM-3XHD-9PRT（读到：“\(typed)”）。", field: "code")
            }
            query = query.filter(\.$code == code)
        }
        let records = try await query.sort(\.$createdAt, .descending).limit(500).all()
        let calendar = try await req.calendarService.calendar(on: req.db)
        var out: [Tracking] = []
        for record in records {
            var item = try await tracking(try await RequestStore.load(record, calendar: calendar, on: req.db), withNotes: true, req: req)
            (item.id, item.code, item.lockVersion) = (try record.requireID(), record.code, record.lockVersion)
            out.append(item)
        }
        return out
    }

    static func find(_ req: Request, staff: Staff) async throws -> DisclosureRequestRecord {
        try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: staff.acting(req, via: .api), on: req.db)
    }

    static func detail(_ record: DisclosureRequestRecord, req: Request) async throws -> Detail {
        let loaded = try await RequestStore.load(record, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Detail(id: try record.requireID(), code: record.code, lockVersion: record.lockVersion,
                      applicant: Applicant(type: record.applicantType, name: record.name, idKind: record.idKind, idNumber: record.idNumber,
                                           contactPerson: record.contactPerson, phone: record.phone, email: record.email, address: record.address),
                      information: record.information, tracking: try await tracking(loaded, withNotes: true, req: req))
    }

    @Sendable static func show(req: Request) async throws -> Detail {
        let staff = try req.requireStaff()
        let record = try await find(req, staff: staff)
        try await RequestCaseActions.view(record, by: staff.acting(req, via: .api), at: req.now, on: req.db)
        return try await detail(record, req: req)
    }

    struct EventInput: Content {
        var kind: String
        var on: String?
        var days: Int?
        var until: String?
        var outcome: String?
        var text: String?
        var lockVersion: Int?
        /// fee-noticed: by-piece or by-volume, and this application's pieces or pages; the amount is worked out.
        var feeMethod: String?
        var feeCount: Int?
        /// replied: the 索引号 of the published record the information is in (已主动公开).
        var publication: String?
        /// transferred: the unit of the site that takes the case over.
        var transferTo: UUID?
    }

    @Sendable static func addEvent(req: Request) async throws -> Detail {
        let staff = try req.requireStaff()
        let record = try await find(req, staff: staff)
        let input: EventInput
        do { input = try req.content.decode(EventInput.self) } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON：{\"kind\": \"replied\", \"on\": \"2026-11-23\", \"outcome\": \"disclosed\"}。")
        }
        let draft = RequestEventDraft(kind: input.kind, on: input.on ?? req.today.description, days: input.days, until: input.until,
                                      outcome: input.outcome, text: input.text, feeMethod: input.feeMethod, feeCount: input.feeCount,
                                      publication: input.publication, transferTo: input.transferTo?.uuidString)
        try await RequestActions.recordEvent(draft, files: [], lockVersion: input.lockVersion, for: record, by: staff.acting(req, via: .api),
                                             at: req.now, setting: try await RequestActions.Setting(req), on: req.db)
        let fresh = try await DisclosureRequestRecord.query(on: req.db).filter(\.$id == record.requireID()).with(\.$unit).first() ?? record
        return try await detail(fresh, req: req)
    }
}
