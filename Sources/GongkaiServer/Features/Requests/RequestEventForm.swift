import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The back office's "记录办理事项" form: one event of a case, checked field by field (messages next to the fields,
/// what was typed kept), with what may come with it — the released files and the published record of a reply,
/// the unit of a 转办, the fee worked out from the tiers — all by `RequestActions`, which the API calls too.
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
        let draft = RequestEventDraft(kind: form.kind, on: form.on, days: form.days, until: form.until, outcome: form.outcome, text: form.text,
                                      feeMethod: form.feeMethod, feeCount: form.feeCount, publication: form.publication,
                                      transferTo: form.transferTo, files: uploads.count)
        let acting = staff.acting(req, via: .web)
        let setting = try await RequestActions.Setting(req)
        do {
            if form.preview == "1" {
                let (event, extras) = try await RequestActions.prepare(draft, for: record, by: acting, at: req.now, setting: setting, on: req.db)
                return try await preview(req, staff: staff, record: record, form: form, event: event, extras: extras, files: uploads, calendar: setting.calendar)
            }
            let event = try await RequestActions.recordEvent(
                draft, files: uploads.map { (name: $0.filename, data: Data(buffer: $0.data)) }, lockVersion: form.lockVersion,
                for: record, by: acting, at: req.now, setting: setting, on: req.db)
            // After a 转办 the case may be out of this account's reach: back to the queue then.
            if event.kind == .transferred, !RequestActions.handles(unitID: form.transferTo.flatMap(UUID.init(uuidString:)), by: acting) {
                return req.redirect(to: SiteURL.adminRequests.path(.notice(.requestTransferred)))
            }
            return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path(.notice(.requestEvent)))
        } catch let refusal as ActionError {
            switch refusal {
            case .invalid, .fileRefused, .conflictWithFields:
                return try await RequestAdmin.page(req, staff: staff, record: record, errors: refusal.fieldErrors, status: refusal.status, form: form)
            case .conflict(let message, _, _):
                return try await RequestAdmin.page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: message),
                                                   status: .conflict, form: form)
            case .forbidden, .notFound:
                throw refusal
            }
        }
    }

    /// "预览告知书": the letter the event would issue, nothing recorded.
    static func preview(_ req: Request, staff: Staff, record: DisclosureRequestRecord, form: Input, event: RequestEvent, extras: RequestStore.Extras,
                        files: [File], calendar: WorkingCalendar) async throws -> Response {
        let existing = try await RequestStore.events(of: record, on: req.db).compactMap(\.event)
        guard let timeline = try? RequestTimeline.evaluate(existing + [event], calendar: calendar) else {
            return try await RequestAdmin.page(req, staff: staff, record: record, errors: ValidationErrors(field: "kind", message: "与办理经过不符，无法预览。"),
                                               status: .unprocessableEntity, form: form)
        }
        let composed = try await RequestLetters.compose(for: event, record: record, timeline: timeline, files: files.map { PublicationActions.cleanFileName($0.filename) },
                                                        publicationID: extras.publicationID, baseURL: extras.baseURL, on: req.db)
        return try await RequestAdmin.page(req, staff: staff, record: record, errors: nil, status: .ok, form: form, preview: composed?.letter,
                                           previewNote: composed == nil ? "“\(RequestTimeline.label(event.kind))”不生成告知书。" : nil)
    }
}

extension RequestActions.Setting {
    init(_ req: Request) async throws {
        self.init(calendar: try await req.calendarService.calendar(on: req.db), baseURL: req.application.gongkai.publicBaseURL,
                  files: req.storedFiles)
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
