import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 行政复议 / 行政诉讼 against the handling of an application (table 四): recorded by the handling unit, the result
/// added when known. One transaction with its audit event each; a stale form gets a conflict.
enum RequestAppeals {
    struct Form: Content {
        var kind: String?
        var filedOn: String?
        var result: String?
        var decidedOn: String?
        var note: String?
        var lockVersion: Int?
    }

    static func back(_ record: DisclosureRequestRecord) throws -> String { SiteURL.adminRequest(try record.requireID()).path + "#appeals" }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        let form = try req.content.decode(Form.self)
        guard let kind = TableFour.Kind(rawValue: form.kind ?? "") else { throw Abort(.badRequest, reason: "请选择行政复议或行政诉讼。") }
        guard let filed = CivilDate(form.filedOn ?? ""), filed <= req.today else {
            throw Abort(.unprocessableEntity, reason: "请填写提出复议或诉讼的日期（不晚于今天），如 2026-11-23（读到：“\(form.filedOn ?? "")”）。")
        }
        if let received = record.receivedOn.flatMap(CivilDate.init), filed < received {
            throw Abort(.unprocessableEntity, reason: "提出日期（\(filed)）早于收到申请之日（\(received)）。")
        }
        try await file(kind, filedOn: filed, note: form.note ?? "", against: record, actor: staff.auditActor(req), now: req.now, on: req.db)
        return req.redirect(to: try back(record))
    }

    /// Records a 行政复议 or 行政诉讼 (pending) with its audit event.
    static func file(_ kind: TableFour.Kind, filedOn filed: CivilDate, note: String, against record: DisclosureRequestRecord, actor: AuditActor, now: Date,
                     on db: any Database) async throws {
        try await db.transaction { tx in
            let row = DisclosureRequestAppealRecord()
            row.$request.id = try record.requireID()
            row.kind = kind.rawValue
            row.filedOn = filed.description
            row.result = TableFour.Result.pending.rawValue
            row.note = note.trimmingCharacters(in: .whitespacesAndNewlines)
            row.lockVersion = 1
            row.createdAt = now
            row.createdByLabel = actor.label
            try await row.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: record.$site.id, action: "request.appeal",
                                      target: .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)"),
                                      summary: "\(kind.label)（\(filed)提出）", at: now)
        }
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        guard let id = req.parameters.get("appeal").flatMap(UUID.init(uuidString:)), let appeal = try await DisclosureRequestAppealRecord.find(id, on: req.db),
              appeal.$request.id == record.id
        else { throw Abort(.notFound, reason: "没有这项复议或诉讼。") }
        let form = try req.content.decode(Form.self)
        guard let result = TableFour.Result(rawValue: form.result ?? "") else { throw Abort(.badRequest, reason: "请选择结果。") }
        let decided = (form.decidedOn ?? "").isEmpty ? nil : CivilDate(form.decidedOn ?? "")
        if result != .pending {
            guard let decided, decided <= req.today, decided.description >= appeal.filedOn else {
                throw Abort(.unprocessableEntity, reason: "已审结的，请填写审结日期（不早于提出日期\(appeal.filedOn)，不晚于今天）。")
            }
        }
        let before = "\(TableFour.Result(rawValue: appeal.result)?.label ?? appeal.result)\(appeal.decidedOn.map { "（\($0)）" } ?? "")"
        let actor = staff.auditActor(req)
        try await req.db.transaction { tx in
            try await OptimisticLock.bump(table: DisclosureRequestAppealRecord.schema, id: id, expected: form.lockVersion ?? -1, column: "lock_version", on: tx)
            appeal.lockVersion = (form.lockVersion ?? 0) + 1
            appeal.result = result.rawValue
            appeal.decidedOn = result == .pending ? nil : decided?.description
            appeal.note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try await appeal.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "request.appeal",
                                      target: .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)"),
                                      summary: "\(TableFour.Kind(rawValue: appeal.kind)?.label ?? appeal.kind)：\(before) → \(result.label)\(appeal.decidedOn.map { "（\($0)）" } ?? "")",
                                      at: req.now)
        }
        return req.redirect(to: try back(record))
    }
}

/// 第四十四条: information several applicants asked for may be made proactive — a draft record in the handling unit,
/// titled with what was asked for, to go through the usual review before it is published.
enum RequestProactive {
    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        try staff.require(.editContent, AccessTarget(siteID: staff.siteID, unitID: record.$unit.id))
        guard let unit = try await OrgUnitRecord.find(record.$unit.id, on: req.db) else { throw Abort(.notFound) }
        let title = String(record.information.split(whereSeparator: \.isNewline).first.map(String.init)?.prefix(100) ?? "")
        let draft = PublicationDraft(title: title, body: "（依申请公开转为主动公开，条例第四十四条；申请 \(record.number)。请补充正文或上传文件后提交审核。）",
                                     changeNote: "")
        guard case .success(let checked) = draft.check(today: req.today, linkedToEntries: false, isRevision: false) else {
            throw Abort(.unprocessableEntity, reason: "无法按申请内容生成草稿，请在“信息发布”中新建。")
        }
        let id = try await PublicationStore.create(checked, unit: unit, entries: [], interprets: nil, actor: staff.auditActor(req), now: req.now, on: req.db)
        let event = RequestEvent(.note, on: req.today, text: "拟纳入主动公开范围（条例第四十四条），已新建信息草稿")
        try await RequestStore.append(event, to: record, expectedLock: record.lockVersion, actor: staff.auditActor(req), now: req.now,
                                      calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return req.redirect(to: SiteURL.adminPublication(id).path + "?notice=publication-created")
    }
}
