import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/publications`: drafting, review and publishing of government information. Rules live in
/// `PublicationWorkflow`, `PublicationDraft` and `ContentSafety`; changes in `PublicationStore`/`PublicationActions`.
enum PublicationController {
    struct Form: Content {
        var kind: String?
        var unit: String?
        var interprets: String?
        var title: String?
        var documentNumber: String?
        var theme: String?
        var writtenOn: String?
        var formedOn: String?
        var validity: String?
        var validityDate: String?
        var repealedBy: String?
        var attribute: String?
        var reason: String?
        var explanation: String?
        var body: String?
        var channels: [String]?
        var channelsOther: String?
        var changeNote: String?
        var entries: [String]?
        var lockVersion: Int?

        var draft: PublicationDraft {
            PublicationDraft(
                kind: PublicationKind(rawValue: kind ?? "") ?? .document, title: title ?? "", documentNumber: documentNumber ?? "",
                theme: theme ?? "", writtenOn: writtenOn ?? "", formedOn: formedOn ?? "", validity: validity ?? "valid",
                validityDate: validityDate ?? "", repealedBy: repealedBy ?? "",
                determination: DisclosureDetermination(attribute: DisclosureAttribute(rawValue: attribute ?? "") ?? .proactive,
                                                       reason: reason.flatMap(WithholdingReason.init(rawValue:)), explanation: explanation ?? ""),
                body: body ?? "", channels: (channels ?? []).compactMap(DisclosureChannel.init(rawValue:)),
                channelsOther: channelsOther ?? "", changeNote: changeNote ?? "")
        }
    }

    static func load(_ req: Request, staff: Staff) async throws -> PublicationStore.Full {
        try await PublicationActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: staff.acting(req, via: .web), on: req.db)
    }

    // MARK: List

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let filters = PublicationQuery.Filters(
            text: String((req.query[String.self, at: "q"] ?? "").prefix(100)), state: PublicationPages.states.map(\.0).contains(req.query[String.self, at: "state"] ?? "") ? req.query[String.self, at: "state"] ?? "" : "",
            unit: req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)),
            after: KeysetCursor(req.query[String.self, at: "after"]), before: KeysetCursor(req.query[String.self, at: "before"]))
        let model = try await PublicationQuery.index(by: staff.acting(req, via: .web), filters: filters, siteSlug: staff.siteSlug, today: req.today,
                                                     calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return Response.html(PublicationPages.index(model, chrome: PageChrome(req: req, title: "信息发布", area: .backOffice)))
    }

    // MARK: Drafting

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        var draft = PublicationDraft()
        var interprets: PublicationRecord?
        if let id = req.query[String.self, at: "interprets"].flatMap(UUID.init(uuidString:)),
           let policy = try await PublicationRecord.find(id, on: req.db), policy.$site.id == staff.siteID {
            interprets = policy
            draft.kind = .interpretation
            draft.title = "《\(policy.title)》政策解读"
            draft.theme = policy.theme
        }
        let preselected = req.query[String.self, at: "entry"].map { Set([$0]) } ?? []
        return try await formPage(req, staff: staff, full: nil, draft: draft, unitID: staff.unitID, entries: preselected,
                                  interprets: interprets, errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(Form.self)
        let unitID = staff.managesSite ? (form.unit.flatMap(UUID.init(uuidString:)) ?? staff.unitID) : staff.unitID
        let interprets = form.interprets.flatMap(UUID.init(uuidString:))
        do {
            let id = try await PublicationActions.create(form.draft, entryKeys: [], entryIDs: form.entries ?? [], unitID: unitID,
                                                         interprets: interprets, by: staff.acting(req, via: .web), at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminPublication(id).path(.notice(.publicationCreated)))
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            var draft = form.draft
            let policy = try await interpretsRecord(form.interprets, staff: staff, req)
            if policy != nil { draft.kind = .interpretation }
            return try await formPage(req, staff: staff, full: nil, draft: draft, unitID: unitID, entries: Set(form.entries ?? []),
                                      interprets: policy, errors: errors, status: .unprocessableEntity)
        }
    }

    static func interpretsRecord(_ text: String?, staff: Staff, _ req: Request) async throws -> PublicationRecord? {
        guard let id = text.flatMap(UUID.init(uuidString:)),
              let record = try await PublicationRecord.find(id, on: req.db), record.$site.id == staff.siteID else { return nil }
        return record
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        guard PublicationActions.mayEdit(full, by: staff.acting(req, via: .web)) else { throw ActionError.forbidden("只能修改本单位的数据。") }
        let version = full.working ?? full.latest
        let draft = PublicationStore.draft(of: version, kind: full.record.publicationKind)
        let entries = Set((full.entries[version.id!] ?? []).map(\.entryID.uuidString))
        let interprets = try await full.record.interpretsID.asyncMap { try await PublicationRecord.find($0, on: req.db) } ?? nil
        return try await formPage(req, staff: staff, full: full, draft: draft, unitID: full.record.$unit.id, entries: entries,
                                  interprets: interprets, errors: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        let form = try req.content.decode(Form.self)
        do {
            try await PublicationActions.update(full, draft: form.draft, entryIDs: form.entries ?? [], lockVersion: form.lockVersion,
                                                by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard case .invalid(let errors, _) = refusal else { throw refusal }
            var draft = form.draft
            draft.kind = full.record.publicationKind
            let interprets = try await full.record.interpretsID.asyncMap { try await PublicationRecord.find($0, on: req.db) } ?? nil
            return try await formPage(req, staff: staff, full: full, draft: draft, unitID: full.record.$unit.id,
                                      entries: Set(form.entries ?? []), interprets: interprets, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminPublication(full.record.id!).path(.notice(.saved)))
    }

    static func formPage(_ req: Request, staff: Staff, full: PublicationStore.Full?, draft: PublicationDraft, unitID: UUID,
                         entries: Set<String>, interprets: PublicationRecord?, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let options = try await PublicationStore.entryOptions(siteID: staff.siteID, unitID: unitID, on: req.db)
        let units = staff.managesSite && full == nil
            ? UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)).map { ($0.unit.id!.uuidString, $0.unit.name) }
            : []
        let title = full == nil ? (draft.kind == .interpretation ? "新建政策解读" : "新建政府信息") : "修改：\(full!.record.title)"
        let chrome = PageChrome(req: req, title: title, area: .backOffice)
        return Response.html(PublicationForms.render(
            PublicationForms.Model(
                editing: full.map { .init(id: $0.record.id!, lockVersion: $0.record.lockVersion, isRevision: $0.working == nil, nextNumber: $0.latest.number + 1) },
                draft: draft, unitID: unitID, units: units, options: options, selected: entries,
                interprets: interprets.map { .init(id: $0.id!, title: $0.title, documentNumber: $0.documentNumber) }, errors: errors), chrome: chrome), status: status)
    }

    // MARK: Show and act

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        return try await showPage(req, staff: staff, full: full, blocked: nil, status: .ok)
    }

    static func showPage(_ req: Request, staff: Staff, full: PublicationStore.Full, blocked: [ContentSafetyFinding]?,
                         actionError: String? = nil, status: HTTPResponseStatus) async throws -> Response {
        let model = try await PublicationQuery.show(full, blocked: blocked, actionError: actionError, siteSlug: staff.siteSlug, today: req.today,
                                                    calendar: try await req.calendarService.calendar(on: req.db),
                                                    by: staff.acting(req, via: .web), on: req.db)
        return Response.html(PublicationPages.show(model, chrome: PageChrome(req: req, title: full.record.title, area: .backOffice)), status: status)
    }

    struct ActionForm: Content {
        var action: String
        var comment: String?
        var overrideReason: String?
        var lockVersion: Int?
    }

    @Sendable static func act(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        let form = try req.content.decode(ActionForm.self)
        guard let action = PublicationAction(rawValue: form.action) else { throw Abort(.badRequest, reason: "无法识别的操作。") }
        do {
            try await PublicationActions.perform(action, full: full, expectedLock: form.lockVersion ?? -1, comment: form.comment ?? "",
                                                 overrideReason: form.overrideReason ?? "", by: staff.acting(req, via: .web), at: req.now,
                                                 setting: try await setting(req, staff: staff), on: req.db)
        } catch let blocked as PublicationActions.Blocked {
            return try await showPage(req, staff: staff, full: full, blocked: blocked.findings, status: .unprocessableEntity)
        } catch let refusal as ActionError {
            guard case .invalid = refusal else { throw refusal }
            return try await showPage(req, staff: staff, full: full, blocked: nil, actionError: refusal.reason, status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminPublication(full.record.id!).path(.notice(action.notice)))
    }

    /// The site's words and addresses that publishing needs.
    static func setting(_ req: Request, staff: Staff) async throws -> PublicationActions.Setting {
        .init(words: try await SensitiveWordRecord.matcher(siteID: staff.siteID, on: req.db),
              baseURL: req.application.gongkai.publicBaseURL, siteSlug: staff.siteSlug)
    }

    struct UploadForm: Content {
        var file: File?
        var lockVersion: Int?
    }

    @Sendable static func attach(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await showPage(req, staff: staff, full: full, blocked: nil, actionError: "请选择要上传的附件。", status: .badRequest)
        }
        do {
            try await PublicationActions.attach(Data(buffer: file.data), fileName: file.filename, full: full, expectedLock: form.lockVersion ?? -1,
                                                files: req.storedFiles, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch is OptimisticLock.Conflict {
            throw Abort(.conflict, reason: "这条信息已被他人修改，附件未保存。请刷新页面后再上传。")
        } catch let abort as AbortError where [.unsupportedMediaType, .payloadTooLarge, .badRequest, .unprocessableEntity].contains(abort.status) {
            return try await showPage(req, staff: staff, full: full, blocked: nil, actionError: abort.reason, status: abort.status)
        }
        return req.redirect(to: SiteURL.adminPublication(full.record.id!).path(.notice(.attachmentAdded), fragment: "attachments"))
    }

    @Sendable static func detach(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        guard let attachment = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let lock = try req.content.decode(UploadForm.self).lockVersion ?? -1
        do {
            try await PublicationActions.detach(attachment, full: full, expectedLock: lock, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch is OptimisticLock.Conflict {
            throw Abort(.conflict, reason: "这条信息已被他人修改，请刷新页面后再操作。")
        }
        return req.redirect(to: SiteURL.adminPublication(full.record.id!).path(.notice(.attachmentRemoved), fragment: "attachments"))
    }

    @Sendable static func mask(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        let lock = try req.content.decode(UploadForm.self).lockVersion ?? -1
        let count: Int
        do {
            count = try await PublicationActions.mask(full: full, expectedLock: lock, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch is OptimisticLock.Conflict {
            throw Abort(.conflict, reason: "这条信息已被他人修改，请刷新页面后再操作。")
        }
        return req.redirect(to: SiteURL.adminPublication(full.record.id!).path(.notice(count > 0 ? .masked : .nothingToMask)))
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let full = try await load(req, staff: staff)
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)),
              let attachment = full.attachments.values.joined().first(where: { $0.id == id })
        else { throw Abort(.notFound, reason: "没有这个附件。") }
        return Downloads.response(try req.storedFiles.read(attachment.sha256), fileName: attachment.fileName,
                                  contentType: attachment.contentType, asciiName: "attachment-\(attachment.position)")
    }
}
