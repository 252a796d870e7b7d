import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The other writes on one case besides its events: reading the applicant's details (audited), 行政复议 and
/// 行政诉讼 against the handling (table 四), making the information proactive (第四十四条), and sending a given-up
/// mail again. Each asks the permission rules through `RequestActions.find` (the handling unit and the office only).
enum RequestCaseActions {
    /// Opening a case shows the applicant's identity: the reading is recorded.
    static func view(_ record: DisclosureRequestRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        try await AuditLog.record(on: db, actor: acting.audit, siteID: record.$site.id, action: "request.view",
                                  target: target(record), summary: acting.via == .api ? "通过 API 读取申请（含申请人信息）" : "查看申请（含申请人信息）", at: now)
    }

    /// The case page's appeal forms decode straight into this (one list of fields).
    struct AppealInput: Content {
        var kind: String?
        var filedOn: String?
        var result: String?
        var decidedOn: String?
        var note: String?
        var lockVersion: Int?
    }

    /// Records a 行政复议 or 行政诉讼 (pending until its result is known).
    static func fileAppeal(_ input: AppealInput, against record: DisclosureRequestRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        let received = record.receivedOn.flatMap(CivilDate.init)
        switch AppealRecording.checkFiling(kind: input.kind, filedOn: input.filedOn, received: received, today: ChineseTime.today(now)) {
        case .failure(let errors): throw ActionError.invalid(errors)
        case .success(let (kind, filed)):
            try await RequestStore.fileAppeal(kind, filedOn: filed, note: input.note ?? "", against: record, actor: acting.audit, now: now, on: db)
        }
    }

    /// The result of a 行政复议 or 行政诉讼, or a change to it; a form read before someone else's change is refused.
    static func decideAppeal(_ id: UUID?, _ input: AppealInput, of record: DisclosureRequestRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        guard let id, let appeal = try await DisclosureRequestAppealRecord.find(id, on: db), appeal.$request.id == record.id else {
            throw ActionError.notFound("没有这项复议或诉讼。")
        }
        let decision: (TableFour.Result, CivilDate?)
        switch AppealRecording.checkResult(result: input.result, decidedOn: input.decidedOn, filed: CivilDate(appeal.filedOn), today: ChineseTime.today(now)) {
        case .failure(let errors): throw ActionError.invalid(errors)
        case .success(let checked): decision = checked
        }
        let (result, decided) = decision
        let before = "\(TableFour.Result(rawValue: appeal.result)?.label ?? appeal.result)\(appeal.decidedOn.map { "（\($0)）" } ?? "")"
        do {
            try await db.transaction { tx in
                try await OptimisticLock.bump(table: DisclosureRequestAppealRecord.schema, id: id, expected: input.lockVersion ?? -1, column: "lock_version", on: tx)
                appeal.lockVersion = (input.lockVersion ?? 0) + 1
                appeal.result = result.rawValue
                appeal.decidedOn = decided?.description
                appeal.note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                try await appeal.save(on: tx)
                try await AuditLog.record(on: tx, actor: acting.audit, siteID: record.$site.id, action: "request.appeal", target: target(record),
                                          summary: "\(TableFour.Kind(rawValue: appeal.kind)?.label ?? appeal.kind)：\(before) → \(result.label)\(appeal.decidedOn.map { "（\($0)）" } ?? "")",
                                          at: now)
            }
        } catch is OptimisticLock.Conflict {
            throw ActionError.conflict("这项复议或诉讼刚被他人修改过，请看最新的结果后再记录。", code: "stale", field: "lockVersion")
        }
    }

    /// 第四十四条: a draft record in the handling unit titled with what was asked for, to go through the usual
    /// review before it is published; the case notes it. Needs the right to write the unit's information.
    static func makeProactive(_ record: DisclosureRequestRecord, by acting: Acting, at now: Date, calendar: WorkingCalendar, on db: any Database) async throws -> UUID {
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        try acting.authorize(.editContent, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        guard let unit = try await OrgUnitRecord.find(record.$unit.id, on: db) else { throw ActionError.notFound("受理单位已不存在。") }
        let today = ChineseTime.today(now)
        let title = String(record.information.split(whereSeparator: \.isNewline).first.map(String.init)?.prefix(100) ?? "")
        let draft = PublicationDraft(title: title, body: "（依申请公开转为主动公开，条例第四十四条；申请 \(record.number)。请补充正文或上传文件后提交审核。）",
                                     changeNote: "")
        guard case .success(let checked) = draft.check(today: today, linkedToEntries: false, isRevision: false) else {
            throw ActionError.invalid(field: "information", "无法按申请内容生成草稿，请在“信息发布”中新建。")
        }
        do {
            return try await db.transaction { tx in
                let id = try await PublicationStore.create(checked, unit: unit, entries: [], interprets: nil, actor: acting.audit, now: now, on: tx)
                try await RequestStore.append(RequestEvent(.note, on: today, text: "拟纳入主动公开范围（条例第四十四条），已新建信息草稿"), to: record,
                                              expectedLock: record.lockVersion, actor: acting.audit, now: now, calendar: calendar, on: tx)
                return id
            }
        } catch is OptimisticLock.Conflict {
            throw ActionError.conflict(RequestActions.staleMessage, code: "stale")
        }
    }

    /// A mail given up on goes back in the queue (after the address or the relay was put right).
    static func resendMail(_ id: UUID?, of record: DisclosureRequestRecord, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        guard let id, let mail = try await ApplicantMailRecord.find(id, on: db), mail.$request.id == record.id else {
            throw ActionError.notFound("没有这封邮件。")
        }
        guard mail.deliveredAt == nil else { throw ActionError.conflict("这封邮件已经发出，无需重发。") }
        try await db.transaction { tx in
            mail.abandonedAt = nil
            mail.attempts = 0
            mail.nextAttemptAt = now
            mail.lastError = ""
            try await mail.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: record.$site.id, action: "request.mail.resend", target: target(record),
                                      summary: "重新发送邮件至 \(PersonalDataScanner.maskEmail(mail.toAddress))", at: now)
        }
    }

    static func target(_ record: DisclosureRequestRecord) -> AuditLog.Target {
        .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)")
    }
}

/// The office's wording of the letters: every save is a new numbered version; letters already issued keep theirs.
enum RequestTemplatesActions {
    static func requireOffice(_ acting: Acting) throws {
        try acting.authorize(.manageSite, acting.site)
    }

    /// Saves `body` as the next version of the kind's template, if it was written over version `number`.
    static func save(_ kind: RequestLetter.Kind, body typed: String, note: String, over number: Int?, by acting: Acting, at now: Date, on db: any Database) async throws {
        try requireOffice(acting)
        let body = typed.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = ValidationErrors()
        for problem in RequestLetter.check(body, kind: kind) { errors.add("body", problem.description) }
        let current = try await RequestLetters.current(kind, siteID: acting.siteID, on: db)
        if errors.isEmpty && current.number != (number ?? 0) {
            throw ActionError.conflictWithFields(ValidationErrors(field: "body", message: "模板刚被他人修改过（现为第\(current.number)版），请看最新的文字后再保存。"))
        }
        if errors.isEmpty && body == current.body { errors.add("body", "文字没有改动。") }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        do {
            try await db.transaction { tx in
                let row = RequestLetterTemplateRecord()
                row.$site.id = acting.siteID
                row.kind = kind.key
                row.number = current.number + 1
                row.body = body
                row.note = note.trimmingCharacters(in: .whitespacesAndNewlines)
                row.createdAt = now
                row.createdByLabel = acting.audit.label
                try await row.create(on: tx)
                try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "request.template",
                                          target: .init(type: "letter-template", id: kind.key, label: kind.label),
                                          summary: "第\(row.number)版" + (row.note.isEmpty ? "" : "：\(row.note)"), at: now)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ActionError.conflictWithFields(ValidationErrors(field: "body", message: "模板刚被他人修改过，请看最新的文字后再保存。"))
        }
    }
}
