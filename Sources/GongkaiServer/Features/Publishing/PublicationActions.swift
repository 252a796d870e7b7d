import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// The review flow and what publishing does: the content check (blocking unless overridden with a reason), the
/// new live version, the search index and the subscribers' outbox — all in one transaction with the audit event.
enum PublicationActions {
    /// Publishing was refused because the content check found something and no override reason was given.
    struct Blocked: Error {
        let findings: [ContentSafetyFinding]
    }

    /// The content check of a version: title, body and the text of its docx/xlsx attachments; an attachment whose
    /// text cannot be read is a finding of its own.
    static func findings(_ full: PublicationStore.Full, version: PublicationVersionRecord, words: SensitiveWords) -> [ContentSafetyFinding] {
        var parts: [(place: String, text: String)] = [(ContentSafety.titlePlace, version.title), (ContentSafety.bodyPlace, version.bodyText)]
        var unreadable: [ContentSafetyFinding] = []
        for attachment in full.attachments[version.id!] ?? [] {
            if let text = attachment.text {
                parts.append((ContentSafety.attachmentPlace(attachment.fileName), text))
            } else {
                unreadable.append(ContentSafety.unreadable(fileName: attachment.fileName))
            }
        }
        return ContentSafety.check(parts, words: words) + unreadable
    }

    struct Context {
        let actor: AuditActor
        let userID: UUID?
        let now: Date
        let words: SensitiveWords
        let baseURL: String
        let siteSlug: String
    }

    /// What publishing needs to know about the site besides the record: its 错敏词, its public address and slug
    /// (for the subscribers' messages).
    struct Setting: Sendable {
        let words: SensitiveWords
        let baseURL: String
        let siteSlug: String
    }

    static let staleMessage = "这条信息已被他人处理（例如已提交、已审核或已修改），请刷新页面后再操作。"

    /// A new record of the actor's own unit from a draft (the API's create): the catalog entries by key from the
    /// unit's published catalogs, the interpreted policy of the same site, the draft's checks; then the record, its
    /// first version and the audit event in one transaction (`PublicationStore.create`).
    /// The page names the entries by id (only those offered can be ticked, others are left out) and lets the
    /// office choose the unit (`unitID`); everyone else drafts for their own unit.
    static func create(_ draft: PublicationDraft, entryKeys: [String], entryIDs: [String] = [], unitID chosenUnit: UUID? = nil,
                       interprets: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws -> UUID {
        let site = acting.access.siteID
        let unitID = acting.access.roles.contains(.admin) ? (chosenUnit ?? acting.access.unitID) : acting.access.unitID
        guard let unit = try await OrgUnitRecord.find(unitID, on: db), unit.$site.id == site, unit.archivedAt == nil else {
            throw ActionError.invalid(field: "unit", "所选单位不存在或已撤销。")
        }
        try acting.authorize(.editContent, AccessTarget(siteID: site, unitID: unitID))
        let options = try await PublicationStore.entryOptions(siteID: site, unitID: unitID, on: db)
        var chosen = options.filter { entryIDs.contains($0.entryID.uuidString) }
        for key in entryKeys {
            guard let option = options.first(where: { $0.key == key }) else {
                throw ActionError.invalid(ValidationErrors(field: "catalogEntries", message: "本单位已发布的标准目录中没有事项 \(key)。"), code: "unknown_entry")
            }
            chosen.append(option)
        }
        if let interprets {
            guard let policy = try await PublicationRecord.find(interprets, on: db), policy.$site.id == site else {
                throw ActionError.invalid(ValidationErrors(field: "interprets", message: "所解读的政策文件不存在。"), code: "unknown_policy")
            }
        }
        var draft = draft
        if interprets != nil { draft.kind = .interpretation }
        switch draft.check(today: ChineseTime.today(now), linkedToEntries: !chosen.isEmpty, isRevision: false) {
        case .failure(let errors): throw ActionError.invalid(errors, code: "invalid_field")
        case .success(let checked):
            return try await PublicationStore.create(checked, unit: unit, entries: chosen, interprets: interprets, actor: acting.audit, now: now, on: db)
        }
    }

    /// Whether `acting` (staff signed in through a token; `nil` for the public) may read the record's draft and a
    /// withdrawn record, not just what the portal shows.
    static func mayReadDrafts(_ full: PublicationStore.Full, by acting: Acting?) -> Bool {
        acting?.may(.viewUnit, full.target) ?? false
    }

    static func mayEdit(_ full: PublicationStore.Full, by acting: Acting) -> Bool {
        acting.may(.editContent, full.target)
    }

    /// What a page may offer on a record of `target`: the same rules `perform` asks.
    struct Abilities: Sendable {
        var edit: Bool
        var review: Bool
        var publish: Bool
    }

    static func abilities(_ target: AccessTarget<UUID>, by acting: Acting) -> Abilities {
        Abilities(edit: acting.may(.editContent, target), review: acting.may(.reviewContent, target), publish: acting.may(.publishContent, target))
    }

    /// A record of the actor's site as the actor may see it, or 404 / 403.
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> PublicationStore.Full {
        guard let id else { throw ActionError.notFound("没有找到这条信息。") }
        let full = try await PublicationStore.load(id, siteID: acting.siteID, on: db)
        try acting.authorize(.viewUnit, full.target)
        return full
    }

    /// Saves the working draft, or starts a new version of a published record (`changeNote` then required).
    static func update(_ full: PublicationStore.Full, draft: PublicationDraft, entryIDs: [String], lockVersion: Int?, by acting: Acting,
                       at now: Date, on db: any Database) async throws {
        try acting.authorize(.editContent, full.target)
        let options = try await PublicationStore.entryOptions(siteID: acting.siteID, unitID: full.record.$unit.id, on: db)
        let chosen = options.filter { entryIDs.contains($0.entryID.uuidString) }
        var draft = draft
        draft.kind = full.record.publicationKind
        switch draft.check(today: ChineseTime.today(now), linkedToEntries: !chosen.isEmpty, isRevision: full.working == nil) {
        case .failure(let errors): throw ActionError.invalid(errors, code: "invalid_field")
        case .success(let checked):
            do {
                try await PublicationStore.update(full, expectedLock: lockVersion ?? -1, checked: checked, entries: chosen,
                                                  actor: acting.audit, now: now, on: db)
            } catch is OptimisticLock.Conflict {
                throw ActionError.conflict("这条信息已被他人修改，您的修改未保存。请重新打开后再改。", code: "stale", field: "lockVersion")
            }
        }
    }

    /// One step of the review flow (submit, approve, give back, publish, withdraw), as `acting` may take it.
    static func perform(_ action: PublicationAction, full: PublicationStore.Full, expectedLock: Int, comment: String,
                        overrideReason: String, by acting: Acting, at now: Date, setting: Setting, on db: any Database) async throws {
        try acting.authorize(action.permission, full.target)
        let context = Context(actor: acting.audit, userID: acting.audit.userID, now: now, words: setting.words,
                              baseURL: setting.baseURL, siteSlug: setting.siteSlug)
        do {
            try await write(action, full: full, expectedLock: expectedLock, comment: comment, overrideReason: overrideReason,
                            context: context, on: db)
        } catch is OptimisticLock.Conflict {
            throw ActionError.conflict(staleMessage, code: "stale", field: "lockVersion")
        }
    }

    /// Submits, approves and publishes in one go, as far as `acting` may (the API's one-call publish, for a
    /// reviewer's token; an editor's token only submits). Each step is its own transaction, so a refusal
    /// part-way keeps the steps already taken, and says so.
    static func publishAsFarAsAllowed(_ id: UUID, overrideReason: String, by acting: Acting, at now: Date, setting: Setting,
                                      on db: any Database) async throws -> PublicationStore.Full {
        var full = try await PublicationStore.load(id, siteID: acting.access.siteID, on: db)
        for action in [PublicationAction.submit, .approve, .publish] {
            let status = (full.working ?? full.latest).publicationStatus
            let needed: Bool
            switch action {
            case .submit: needed = status.isEditable
            case .approve: needed = status == .submitted
            default: needed = status == .approved
            }
            guard needed else { continue }
            if case .denied(let reason) = AccessRules.decide(acting.access, action.permission, full.target) {
                throw ActionError.forbidden(reason + (action == .submit ? "" : "（已完成的步骤已保存：当前为“\(status.label)”）"))
            }
            try await perform(action, full: full, expectedLock: full.record.lockVersion, comment: "", overrideReason: overrideReason,
                              by: acting, at: now, setting: setting, on: db)
            full = try await PublicationStore.load(id, siteID: acting.access.siteID, on: db)
        }
        guard full.record.isLive else {
            throw ActionError.conflict("这条信息当前为“\((full.working ?? full.latest).publicationStatus.label)”，未能发布。", code: "not_published")
        }
        return full
    }

    /// The transaction behind `perform` (and the demo loader's publishing); checks the workflow, not who acts.
    private static func write(_ action: PublicationAction, full: PublicationStore.Full, expectedLock: Int, comment: String,
                              overrideReason: String, context: Context, on db: any Database) async throws {
        let version = action == .withdraw ? (full.live ?? full.latest) : (full.working ?? full.latest)
        let status = version.publicationStatus
        let next: PublicationStatus
        switch PublicationWorkflow.apply(action, to: status, attribute: version.disclosure, comment: comment) {
        case .success(let s): next = s
        case .failure(let refusal): throw ActionError.invalid(field: "action", refusal.message)
        }
        if action == .withdraw, full.record.withdrawnAt != nil { throw ActionError.conflict("这条信息已经撤回。") }
        let override = overrideReason.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = action == .publish ? findings(full, version: version, words: context.words) : []
        if action == .publish {
            if !found.isEmpty && override.isEmpty { throw Blocked(findings: found) }
            if version.formedOn == nil, !(full.entries[version.id!] ?? []).isEmpty {
                throw ActionError.invalid(field: "formedOn", "这条信息对应了目录事项，请先填写形成或变更日期，才能计算是否按时公开。")
            }
        }
        let record = full.record
        let now = context.now
        let today = ChineseTime.today(now)
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: "publications", id: record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            record.lockVersion = expectedLock + 1
            version.status = next.rawValue
            switch action {
            case .submit:
                version.submittedAt = now
            case .approve, .giveBack:
                version.reviewedAt = now
                version.reviewedByLabel = context.actor.label
            case .publish:
                version.publishedAt = now
                version.publishedOn = today.description
                version.publishedByLabel = context.actor.label
                if !found.isEmpty { version.safetyOverride = override }
                try await publish(version, full: full, context: context, on: tx)
            case .withdraw:
                record.withdrawnAt = now
                record.withdrawnReason = comment.trimmingCharacters(in: .whitespacesAndNewlines)
                record.withdrawnByLabel = context.actor.label
                if let rowid = record.searchRowID { try await SearchIndex.remove(rowid: rowid, on: tx) }
            }
            try await version.save(on: tx)
            try await record.save(on: tx)
            if !found.isEmpty {
                try await review(record, version: version, action: "override", comment: override, context: context, on: tx)
                try await AuditLog.record(on: tx, actor: context.actor, siteID: record.$site.id, action: "publication.override",
                                          target: PublicationStore.target(record),
                                          summary: "发布前检查发现：\(ContentSafety.summary(found))。审核人员说明：\(override)", at: now)
            }
            try await review(record, version: version, action: action.rawValue, comment: comment, context: context, on: tx)
            let summary = "第\(version.number)版 \(status.label)→\(next.label)" + (comment.isEmpty ? "" : "：\(comment)")
            try await AuditLog.record(on: tx, actor: context.actor, siteID: record.$site.id, action: "publication.\(action.rawValue)",
                                      target: PublicationStore.target(record), summary: summary, at: now)
        }
    }

    static func review(_ record: PublicationRecord, version: PublicationVersionRecord, action: String, comment: String,
                       context: Context, on db: any Database) async throws {
        let row = PublicationReviewRecord()
        row.publicationID = try record.requireID()
        row.versionNumber = version.number
        row.action = action
        row.comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        row.userID = context.userID
        row.userLabel = context.actor.label
        row.at = context.now
        try await row.create(on: db)
    }

    /// Makes `version` the live one: the previous live version is superseded (kept), the listing fields are copied,
    /// the search index is updated and subscribers' messages are queued.
    static func publish(_ version: PublicationVersionRecord, full: PublicationStore.Full, context: Context, on tx: any Database) async throws {
        let record = full.record
        if let previous = full.live, previous.id != version.id {
            previous.status = PublicationStatus.superseded.rawValue
            previous.supersededAt = context.now
            try await previous.save(on: tx)
        }
        let entries = full.entries[version.id!] ?? []
        record.liveVersionID = version.id
        record.liveNumber = version.number
        record.title = version.title
        record.documentNumber = version.documentNumber
        record.theme = version.theme
        record.validity = version.validity
        record.publishedOn = record.publishedOn ?? version.publishedOn
        record.firstPublishedAt = record.firstPublishedAt ?? context.now
        record.lastPublishedAt = context.now
        record.domainCodes = entries.isEmpty ? "" : "," + Set(entries.map(\.domainCode)).sorted().joined(separator: ",") + ","
        record.withdrawnAt = nil
        record.withdrawnReason = nil
        record.withdrawnByLabel = nil
        let isNew = record.searchRowID == nil
        if isNew { record.searchRowID = try await SearchIndex.nextRowID(on: tx) }
        try await record.save(on: tx)
        try await SearchIndex.put(rowid: record.searchRowID!, title: searchTitle(record), body: searchBody(version, full: full), isNew: isNew, on: tx)
        try await Outbox.enqueue(record: record, version: version, entries: entries, unitName: full.unit.name,
                                 siteSlug: context.siteSlug, baseURL: context.baseURL, now: context.now, on: tx)
    }

    /// 标题, 文号 and 索引号 are searched as title text (weighted above the body).
    static func searchTitle(_ record: PublicationRecord) -> String {
        [record.title, record.documentNumber, record.indexNumber].filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func searchBody(_ version: PublicationVersionRecord, full: PublicationStore.Full) -> String {
        ([version.bodyText] + (full.attachments[version.id!] ?? []).flatMap { [$0.fileName, $0.text ?? ""] }).joined(separator: "\n")
    }

    // MARK: Attachments and masking

    static func attach(_ data: Data, fileName: String, full: PublicationStore.Full, expectedLock: Int, files: StoredFiles,
                       by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.editContent, full.target)
        let actor = acting.audit
        guard let version = full.working, version.publicationStatus.isEditable else {
            throw Abort(.conflict, reason: "只有草稿或退回修改的版本可以添加附件；已发布的信息请先点“修改”开始新版本。")
        }
        let name = cleanFileName(fileName)
        guard !name.isEmpty else { throw Abort(.badRequest, reason: "请选择要上传的附件。") }
        let existing = full.attachments[version.id!] ?? []
        guard existing.count < 30 else { throw Abort(.unprocessableEntity, reason: "每条信息最多30个附件。") }
        let accepted = try files.store(data, fileName: name)
        let text = AttachmentText.extract(data, fileName: name)
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: "publications", id: full.record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            let row = PublicationAttachmentRecord()
            row.$version.id = try version.requireID()
            row.position = (existing.map(\.position).max() ?? 0) + 1
            row.fileName = name
            row.sha256 = accepted.sha256
            row.contentType = accepted.contentType
            row.size = accepted.size
            row.text = text
            try await row.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: full.record.$site.id, action: "publication.attach",
                                      target: PublicationStore.target(full.record),
                                      summary: "第\(version.number)版添加附件“\(name)”（\(accepted.size / 1024 + 1)KB，SHA-256 \(accepted.sha256.prefix(12))…）", at: now)
        }
    }

    static func detach(_ attachmentID: UUID, full: PublicationStore.Full, expectedLock: Int, by acting: Acting, at now: Date,
                       on db: any Database) async throws {
        try acting.authorize(.editContent, full.target)
        let actor = acting.audit
        guard let version = full.working, version.publicationStatus.isEditable,
              let attachment = full.attachments[version.id!]?.first(where: { $0.id == attachmentID })
        else { throw Abort(.conflict, reason: "只能从草稿或退回修改的版本中删除附件。") }
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: "publications", id: full.record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            try await attachment.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: full.record.$site.id, action: "publication.detach",
                                      target: PublicationStore.target(full.record),
                                      summary: "第\(version.number)版删除附件“\(attachment.fileName)”（文件仍保留在历史版本中）", at: now)
        }
    }

    /// 一键屏蔽: the personal data in the working version's title and body is replaced by its masked form.
    static func mask(full: PublicationStore.Full, expectedLock: Int, by acting: Acting, at now: Date, on db: any Database) async throws -> Int {
        guard acting.may(.editContent, full.target) || acting.may(.reviewContent, full.target) else {
            throw ActionError.forbidden("只有本单位的编辑、审核人员可以屏蔽个人信息。")
        }
        let actor = acting.audit
        guard let version = full.working, version.publicationStatus != .published else {
            throw Abort(.conflict, reason: "已发布的版本不能修改；请先点“修改”开始新版本。")
        }
        let count = PersonalDataScanner.scan(version.title).count + PersonalDataScanner.scan(version.bodyText).count
        guard count > 0 else { return 0 }
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: "publications", id: full.record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            version.title = PersonalDataScanner.masked(version.title)
            version.bodyHTML = PersonalDataScanner.masked(version.bodyHTML)
            version.bodyText = PersonalDataScanner.masked(version.bodyText)
            try await version.save(on: tx)
            if full.record.liveVersionID == nil { full.record.title = version.title }
            full.record.lockVersion = expectedLock + 1
            try await full.record.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: full.record.$site.id, action: "publication.mask",
                                      target: PublicationStore.target(full.record),
                                      summary: "第\(version.number)版屏蔽个人信息\(count)处", at: now)
        }
        return count
    }

    /// A file name as the user's system gave it, without any folder part or control characters.
    static func cleanFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(last.filter { !($0.asciiValue.map { $0 < 0x20 } ?? false) }.prefix(120)).trimmingCharacters(in: .whitespaces)
    }
}

extension PublicationAction {
    /// The confirmation shown after the step.
    var notice: Notice {
        switch self {
        case .submit: .publicationSubmit
        case .approve: .publicationApprove
        case .giveBack: .publicationReturn
        case .publish: .publicationPublish
        case .withdraw: .publicationWithdraw
        }
    }
}
