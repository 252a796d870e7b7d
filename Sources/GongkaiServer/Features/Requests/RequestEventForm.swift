import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The back office's "记录办理事项" form: one event of a case, checked field by field (messages next to the fields,
/// what was typed kept), with what may come with it — the released files and the published record of a reply,
/// the unit of a 转办, the fee worked out from the tiers — then appended by `RequestStore.append`.
enum RequestEventForm {
    struct Input: Content {
        var kind: String?
        var on: String?
        var days: Int?
        var until: String?
        var outcome: String?
        var text: String?
        var lockVersion: Int?
        /// 已主动公开: the 索引号 of the published record.
        var publication: String?
        var transferTo: String?
        var feeMethod: String?
        var feeCount: Int?
        var files: [File]?
        /// "预览告知书": show the letter this event would issue, record nothing.
        var preview: String?
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        let form = try req.content.decode(Input.self)
        let uploads = (form.files ?? []).filter { $0.data.readableBytes > 0 }
        let draft = RequestEventCheck.Draft(kind: form.kind, on: form.on, days: form.days, until: form.until, outcome: form.outcome, text: form.text,
                                            feeMethod: form.feeMethod, feeCount: form.feeCount, publication: form.publication,
                                            transferTo: form.transferTo.flatMap(UUID.init(uuidString:)), files: uploads.count)
        var (event, extras): (RequestEvent, RequestStore.Extras)
        switch try await RequestEventCheck.prepare(draft, record: record, staff: staff, req: req) {
        case .failure(let errors):
            return try await RequestAdmin.page(req, staff: staff, record: record, errors: errors, status: .unprocessableEntity, form: form)
        case .success(let prepared):
            (event, extras) = prepared
        }
        if form.preview == "1" {
            let existing = try await RequestStore.events(of: record, on: req.db).compactMap(\.event)
            let calendar = try await req.calendarService.calendar(on: req.db)
            guard let timeline = try? RequestTimeline.evaluate(existing + [event], calendar: calendar) else {
                return try await RequestAdmin.page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: "与办理经过不符，无法预览。"),
                                                   status: .unprocessableEntity, form: form)
            }
            let composed = try await RequestLetters.compose(for: event, record: record, timeline: timeline, files: uploads.map { PublicationActions.cleanFileName($0.filename) },
                                                            publicationID: extras.publicationID, baseURL: extras.baseURL, on: req.db)
            return try await RequestAdmin.page(req, staff: staff, record: record, errors: nil, status: .ok, form: form, preview: composed?.letter,
                                               previewNote: composed == nil ? "“\(RequestTimeline.label(event.kind))”不生成告知书。" : nil)
        }
        for upload in uploads {
            let name = PublicationActions.cleanFileName(upload.filename)
            do {
                extras.files.append(.init(file: try req.storedFiles.store(Data(buffer: upload.data), fileName: name), fileName: name))
            } catch let abort as AbortError {
                return try await RequestAdmin.page(req, staff: staff, record: record, errors: ValidationErrors(field: "files", message: abort.reason),
                                                   status: abort.status, form: form)
            }
        }
        do {
            try await RequestStore.append(event, to: record, expectedLock: form.lockVersion ?? record.lockVersion, actor: staff.auditActor(req), now: req.now,
                                          calendar: try await req.calendarService.calendar(on: req.db), extras: extras, on: req.db)
        } catch let abort as Abort where abort.status == .unprocessableEntity {
            return try await RequestAdmin.page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: abort.reason),
                                               status: .unprocessableEntity, form: form)
        } catch is OptimisticLock.Conflict {
            return try await RequestAdmin.page(req, staff: staff, record: record,
                                               errors: ValidationErrors(field: "kind", message: "这份申请刚被他人办理过，请看最新的办理经过后再记录。"), status: .conflict, form: form)
        }
        // After a 转办 the case may be out of this account's reach: back to the queue then.
        if event.kind == .transferred, !staff.can(.handleRequest, AccessTarget(siteID: staff.siteID, unitID: extras.transferTo)) {
            return req.redirect(to: SiteURL.adminRequests(query: "notice=request-transferred").path)
        }
        return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path + "?notice=request-event")
    }
}

/// One event as typed — in the back office's form or through the API — checked against the law and the case, with
/// what comes with it worked out: the fee from the tiers (never an amount as typed), the published record by its
/// 索引号, the unit of a 转办. The permissions of 延期 and 收费 are checked here too, so both front ends agree.
enum RequestEventCheck {
    struct Draft: Sendable {
        var kind: String?
        var on: String?
        var days: Int?
        var until: String?
        var outcome: String?
        var text: String?
        var feeMethod: String?
        var feeCount: Int?
        var publication: String?
        var transferTo: UUID?
        /// How many files come with it.
        var files = 0
    }

    static func prepare(_ d: Draft, record: DisclosureRequestRecord, staff: Staff, req: Request) async throws
        -> Result<(RequestEvent, RequestStore.Extras), ValidationErrors> {
        let target = AccessTarget(siteID: staff.siteID, unitID: record.$unit.id)
        var errors = ValidationErrors()
        let kind = RequestEvent.Kind(rawValue: d.kind ?? "")
        let on = CivilDate(d.on ?? "")
        if kind == nil { errors.add("kind", "请选择办理事项（读到：“\(d.kind ?? "")”）。") }
        if on == nil { errors.add("on", "请填写日期，如 2026-11-23（读到：“\(d.on ?? "")”）。") }
        if let on, on > req.today { errors.add("on", "日期不能晚于今天（\(req.today)）。") }
        let until = (d.until ?? "").isEmpty ? nil : CivilDate(d.until ?? "")
        if !(d.until ?? "").isEmpty && until == nil { errors.add("until", "日期格式应为 2026-11-23（读到：“\(d.until ?? "")”）。") }
        let outcome = RequestOutcome(rawValue: d.outcome ?? "")
        var text = (d.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var amount: Int?
        var extras = RequestStore.Extras(baseURL: req.application.gongkai.config.publicBaseURL)
        switch kind {
        case .correctionRequested?:
            if text.isEmpty { errors.add("text", "请一次性写明需要补正的事项（条例第三十条）。") }
            if until == nil { errors.add("until", "请给出合理的补正期限。") } else if let until, let on, until <= on { errors.add("until", "补正期限应晚于告知日期。") }
        case .extended?:
            try staff.require(.extendRequest, target)
            if text.isEmpty { errors.add("text", "请写明延长的理由和同意的负责人。") }
            if d.days == nil { errors.add("days", "请填写延长的工作日数（最长20个）。") }
        case .replyDelayed?:
            if until == nil { errors.add("until", "请填写确定的延迟答复日期。") }
        case .feeNoticed?:
            try staff.require(.chargeFee, target)
            let method = ProcessingFee.Method(rawValue: d.feeMethod ?? "")
            let count = d.feeCount ?? 0
            if method == nil { errors.add("feeMethod", "请选择按件计收或按量计收（只能选一种，条例第三条）。") }
            if count <= 0 { errors.add("feeCount", "请填写本申请的件数或页数。") }
            if let method, count > 0 {
                let fee = try await RequestFees.compute(method: method, count: count, for: record, on: req.db)
                if fee.amount == 0 {
                    errors.add("feeCount", "按\(method == .byPiece ? "件" : "量")计算不需收费（\(fee.lines.joined(separator: "；"))），不发收费通知。")
                }
                amount = fee.amount
                text = "\(method.label)：" + fee.lines.joined(separator: "；") + "；合计\(fee.amount)元"
            }
        case .replied?:
            if outcome == nil { errors.add("outcome", "请选择办理结果（与年度报告表三的分类一致）。") }
            let index = (d.publication ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !index.isEmpty {
                if let found = try await RequestFees.publishedRecord(indexNumber: index, siteID: staff.siteID, on: req.db) {
                    extras.publicationID = found
                } else {
                    errors.add("publication", "没有已发布的、索引号为“\(index)”的信息。")
                }
            }
            if let outcome, !outcome.releasesInformation, d.files > 0 { errors.add("files", "“\(outcome.shortName)”不向申请人提供信息，不能附文件。") }
        case .transferred?:
            let units = try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)
            if let id = d.transferTo, let unit = units.first(where: { $0.id == id }), id != record.$unit.id {
                extras.transferTo = id
                text = unit.name + (text.isEmpty ? "" : "；" + text)
            } else {
                errors.add("transferTo", "请选择本站点内、负责该信息的另一个单位。")
            }
        case .delivered?:
            if text.isEmpty { text = RequestLetters.provision(record) }
        case .note?:
            if text.isEmpty { errors.add("text", "请填写备注内容。") }
        default: break
        }
        if kind != .replied && d.files > 0 { errors.add("files", "只有答复时可以附上提供给申请人的文件。") }
        if d.files > 20 { errors.add("files", "每次最多20个文件。") }
        guard errors.isEmpty, let kind, let on else { return .failure(errors) }
        let event = RequestEvent(kind, on: on, days: kind == .extended ? d.days : nil, until: until, outcome: kind == .replied ? outcome : nil,
                                 amount: amount, text: text)
        return .success((event, extras))
    }
}

/// 信息处理费 worked out for one application, and the lookups the event form needs.
enum RequestFees {
    struct Fee {
        let amount: Int
        let lines: [String]
    }

    /// 按件: the pieces the same applicant (same identity document) filed with the same unit earlier in the same
    /// natural month count first (第四条) — earlier by 受理编号, one piece each; 按量: this application's pages (第五条).
    static func compute(method: ProcessingFee.Method, count: Int, for record: DisclosureRequestRecord, on db: any Database) async throws -> Fee {
        switch method {
        case .byVolume:
            return Fee(amount: ProcessingFee.byPages(count), lines: ProcessingFee.explanation(method: .byVolume, from: 1, through: count))
        case .byPiece:
            let earlier = try await earlierPieces(record, on: db)
            return Fee(amount: ProcessingFee.pieceFee(earlierThisMonth: earlier, pieces: count),
                       lines: ["本月此前已申请\(earlier)件"] + ProcessingFee.explanation(method: .byPiece, from: earlier + 1, through: earlier + count))
        }
    }

    static func earlierPieces(_ record: DisclosureRequestRecord, on db: any Database) async throws -> Int {
        guard let received = record.receivedOn, received.count >= 7 else { return 0 }
        let month = String(received.prefix(7))
        return try await DisclosureRequestRecord.query(on: db).filter(\.$site.$id == record.$site.id).filter(\.$unit.$id == record.$unit.id)
            .filter(\.$idNumber == record.idNumber).filter(\.$receivedOn >= month + "-01").filter(\.$receivedOn <= month + "-31")
            .filter(\.$year == record.year).filter(\.$sequence < record.sequence).count()
    }

    static func publishedRecord(indexNumber: String, siteID: UUID, on db: any Database) async throws -> UUID? {
        try await PublicationRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$indexNumber == indexNumber)
            .filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil).first()?.id
    }
}
