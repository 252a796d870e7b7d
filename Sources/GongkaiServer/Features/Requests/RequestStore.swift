import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// Applications for disclosure: creation (受理编号, 查询码, the repeat check), the append-only history, and the
/// listing fields derived from it. Every change is one transaction with its audit event; audit summaries never
/// carry the applicant's identity or contacts.
enum RequestStore {
    struct Loaded: Sendable {
        let record: DisclosureRequestRecord
        let events: [DisclosureRequestEventRecord]
        let timeline: RequestTimeline
    }

    /// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
    static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// 查询码: 12 characters in three groups (K7QM-3XHD-9PRT), about 60 bits — not guessable, easy to read out.
    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<12).map { _ in codeAlphabet[Int(generator.next(upperBound: UInt32(codeAlphabet.count)))] }
        return [chars[0..<4], chars[4..<8], chars[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// What the applicant typed, normalised to the stored form (upper case, hyphens in place).
    static func normaliseCode(_ text: String) -> String {
        let chars = text.uppercased().filter { codeAlphabet.contains($0) }
        guard chars.count == 12 else { return "" }
        let array = Array(chars)
        return [array[0..<4], array[4..<8], array[8..<12]].map { String($0) }.joined(separator: "-")
    }

    struct Intake: Sendable {
        var application: RequestApplication
        var unitID: UUID
        var channel: ReceiptChannel
        var arrivedOn: CivilDate
        /// For letters, online and fax: the day both sides confirmed (nil: not yet).
        var confirmedOn: CivilDate?
    }

    static func create(_ intake: Intake, siteID: UUID, actor: AuditActor, now: Date, calendar: WorkingCalendar, on db: any Database) async throws -> DisclosureRequestRecord {
        let a = intake.application
        let year = intake.arrivedOn.year
        return try await db.transaction { tx in
            let last = try await DisclosureRequestRecord.query(on: tx).filter(\.$site.$id == siteID).filter(\.$year == year)
                .sort(\.$sequence, .descending).first()
            let record = DisclosureRequestRecord()
            record.$site.id = siteID
            record.$unit.id = intake.unitID
            record.year = year
            record.sequence = (last?.sequence ?? 0) + 1
            record.code = newCode()
            record.channel = intake.channel.rawValue
            record.arrivedOn = intake.arrivedOn.description
            record.applicantType = a.applicant.rawValue
            record.name = a.name.trimmingCharacters(in: .whitespacesAndNewlines)
            record.idKind = a.applicant.isOrganisation ? "统一社会信用代码" : a.idKind
            record.idNumber = a.idNumber.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            record.contactPerson = a.contactPerson.trimmingCharacters(in: .whitespacesAndNewlines)
            record.phone = a.phone.trimmingCharacters(in: .whitespacesAndNewlines)
            record.email = a.email.trimmingCharacters(in: .whitespacesAndNewlines)
            record.address = a.address.trimmingCharacters(in: .whitespacesAndNewlines)
            record.information = a.information.trimmingCharacters(in: .whitespacesAndNewlines)
            record.provisionForm = a.form?.rawValue ?? RequestApplication.ProvisionForm.paper.rawValue
            record.delivery = a.delivery?.rawValue ?? RequestApplication.Delivery.pickup.rawValue
            record.needsHelp = a.needsHelp
            record.fingerprint = a.fingerprint
            // 第三十六条第六项: the same applicant asking for the same information again is flagged for the handler.
            record.repeatOf = try await DisclosureRequestRecord.query(on: tx).filter(\.$site.$id == siteID)
                .filter(\.$fingerprint == a.fingerprint).sort(\.$createdAt).first()?.id
            record.stage = RequestTimeline.Stage.awaitingReceipt.rawValue
            record.lockVersion = 1
            record.createdAt = now
            record.createdByLabel = actor.label
            try await record.create(on: tx)
            if let received = intake.channel.dateOfReceipt(arrived: intake.arrivedOn, confirmed: intake.confirmedOn) {
                let text = intake.channel.needsConfirmation ? "双方确认，\(intake.channel.rule)" : intake.channel.rule
                try await insert(RequestEvent(.received, on: received, text: text), position: 1, into: record, actor: actor, now: now, on: tx)
            }
            try await refresh(record, calendar: calendar, on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: siteID, action: "request.create",
                                      target: .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)"),
                                      summary: "\(intake.channel.label)，\(record.repeatOf == nil ? "" : "与此前申请相同，")\(record.receivedOn.map { "收到申请之日 \($0)" } ?? "待确认收到")",
                                      at: now)
            return record
        }
    }

    static func insert(_ event: RequestEvent, position: Int, into record: DisclosureRequestRecord, actor: AuditActor, now: Date,
                       publicationID: UUID? = nil, on db: any Database) async throws {
        let row = DisclosureRequestEventRecord()
        row.$request.id = try record.requireID()
        row.position = position
        row.kind = event.kind.rawValue
        row.onDate = event.on.description
        row.days = event.days
        row.untilDate = event.until?.description
        row.outcome = event.outcome?.rawValue
        row.amount = event.amount
        row.text = event.text
        row.publicationID = publicationID
        row.createdAt = now
        row.createdByLabel = actor.label
        try await row.create(on: db)
    }

    static func events(of record: DisclosureRequestRecord, on db: any Database) async throws -> [DisclosureRequestEventRecord] {
        try await DisclosureRequestEventRecord.query(on: db).filter(\.$request.$id == record.requireID()).sort(\.$position).all()
    }

    static func load(_ record: DisclosureRequestRecord, calendar: WorkingCalendar, on db: any Database) async throws -> Loaded {
        let rows = try await events(of: record, on: db)
        let timeline = try RequestTimeline.evaluate(rows.compactMap(\.event), calendar: calendar)
        return Loaded(record: record, events: rows, timeline: timeline)
    }

    /// Recomputes the listing fields from the history (stage, due date, outcome).
    static func refresh(_ record: DisclosureRequestRecord, calendar: WorkingCalendar, on db: any Database) async throws {
        let timeline = try RequestTimeline.evaluate(try await events(of: record, on: db).compactMap(\.event), calendar: calendar)
        record.receivedOn = timeline.received?.description
        record.stage = timeline.stage.rawValue
        record.dueOn = timeline.due?.description
        record.outcome = timeline.outcome?.rawValue
        record.repliedOn = timeline.repliedOn?.description
        try await record.save(on: db)
    }

    /// A file released with a reply, already stored by its content.
    struct Release: Sendable {
        let file: StoredFiles.Accepted
        let fileName: String
    }

    /// What may come with an event besides itself.
    struct Extras: Sendable {
        /// Files released to the applicant (with a reply).
        var files: [Release] = []
        /// The published record a reply points to (已主动公开).
        var publicationID: UUID?
        /// The unit a 转办 hands the case to.
        var transferTo: UUID?
        /// The portal's address, for links in letters.
        var baseURL = ""
    }

    /// Appends one event after checking the whole history with it (a refused event changes nothing), under the
    /// optimistic lock of the form it came from; the letter the event calls for is issued in the same transaction.
    static func append(_ event: RequestEvent, to record: DisclosureRequestRecord, expectedLock: Int, actor: AuditActor, now: Date,
                       calendar: WorkingCalendar, extras: Extras = Extras(), on db: any Database) async throws {
        let existing = try await events(of: record, on: db)
        let timeline: RequestTimeline
        do {
            timeline = try RequestTimeline.evaluate(existing.compactMap(\.event) + [event], calendar: calendar)
        } catch {
            throw Abort(.unprocessableEntity, reason: error.description)
        }
        let position = (existing.last?.position ?? 0) + 1
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: DisclosureRequestRecord.schema, id: record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            record.lockVersion = expectedLock + 1
            if event.kind == .transferred, let unit = extras.transferTo { record.$unit.id = unit }
            try await insert(event, position: position, into: record, actor: actor, now: now, publicationID: extras.publicationID, on: tx)
            for release in extras.files {
                let row = DisclosureRequestFileRecord()
                row.$request.id = try record.requireID()
                row.eventPosition = position
                row.sha256 = release.file.sha256
                row.fileName = release.fileName
                row.contentType = release.file.contentType
                row.size = release.file.size
                row.createdAt = now
                row.createdByLabel = actor.label
                try await row.create(on: tx)
            }
            try await refresh(record, calendar: calendar, on: tx)
            try await RequestLetters.issue(for: event, position: position, record: record, timeline: timeline, files: extras.files.map(\.fileName),
                                           publicationID: extras.publicationID, baseURL: extras.baseURL, actor: actor, now: now, on: tx)
            let files = extras.files.isEmpty ? "" : "，提供文件\(extras.files.count)个"
            try await AuditLog.record(on: tx, actor: actor, siteID: record.$site.id, action: "request.event",
                                      target: .init(type: "request", id: record.id?.uuidString, label: "申请 \(record.number)"),
                                      summary: "\(RequestTimeline.label(event.kind))（\(event.on)）" + (event.outcome.map { "：\($0.shortName)" } ?? "")
                                          + (event.kind == .transferred ? "：" + RequestPages.transferText(event.text) : "") + files, at: now)
        }
    }

    /// Records a 行政复议 or 行政诉讼 (pending) with its audit event. Checks nothing: called by
    /// `RequestCaseActions.fileAppeal` and the demo loader.
    static func fileAppeal(_ kind: TableFour.Kind, filedOn filed: CivilDate, note: String, against record: DisclosureRequestRecord, actor: AuditActor, now: Date,
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
}
