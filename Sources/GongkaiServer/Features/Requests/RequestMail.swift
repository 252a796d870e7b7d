import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import SQLKit
import Vapor

/// Letters to applicants who chose e-mail as the way to get the information: each letter is queued in the
/// transaction that issues it and delivered by the outbox worker through the SMTP relay, with the outbox's
/// retries. The mail carries the letter's text and the tracking address (the letter as Word and the released files
/// are downloaded there with the 查询码). A reply delivered this way records its own 送达.
enum RequestMail {
    /// Whether letters go by e-mail: the applicant chose it and left a plausible address.
    static func wanted(_ record: DisclosureRequestRecord) -> Bool {
        (record.delivery == RequestApplication.Delivery.email.rawValue || record.provisionForm == RequestApplication.ProvisionForm.email.rawValue)
            && MailMessage.isPlausibleAddress(record.email)
    }

    static func enqueue(_ letter: DisclosureRequestLetterRecord, record: DisclosureRequestRecord, site: SiteRecord, baseURL: String, now: Date,
                        on db: any Database) async throws {
        // Demo applicants have made-up addresses (example.com): nothing is mailed for a demo site.
        guard wanted(record), !site.isDemo else { return }
        let track = baseURL + SiteURL.requestTrack(slug: site.slug, code: record.code).path
        let row = ApplicantMailRecord()
        row.siteID = try site.requireID()
        row.$request.id = try record.requireID()
        row.eventPosition = letter.eventPosition
        row.toAddress = record.email
        row.subject = "【\(site.name)】\(letter.title)（受理编号 \(record.number)）"
        row.body = letter.letter.text + "\n\n查看办理进度，下载告知书（Word 文档）和提供的文件（凭查询码 \(record.code)）：\n\(track)\n\n"
            + "本邮件由系统自动发送，请勿回复。如有疑问，请联系\(letter.signature)。"
        row.attempts = 0
        row.nextAttemptAt = now
        row.lastError = ""
        row.createdAt = now
        try await row.create(on: db)
    }

    /// Delivers every due mail once (`DeliveryQueue`, the outbox's loop); a reply that got through records its 送达.
    @discardableResult
    static func deliverDue(app: Application, limit: Int = 100) async throws -> DeliveryQueue.RunSummary {
        let now = app.gongkai.now
        let due = try await ApplicantMailRecord.query(on: app.db).filter(\.$deliveredAt == nil).filter(\.$abandonedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
        let clock = app.gongkai
        return try await DeliveryQueue.run(due, now: { clock.now }, on: app.db, send: { await send($0, app: app) },
                                           delivered: { try await recordDelivery($0, app: app) })
    }

    static func send(_ row: ApplicantMailRecord, app: Application) async -> DeliveryQueue.Failure? {
        guard let smtp = app.gongkai.config.smtp else { return DeliveryQueue.Failure(message: "未配置邮件服务器（GONGKAI_SMTP_HOST），邮件待发") }
        let host = smtp.from.split(separator: "@").last.map(String.init) ?? "localhost"
        let message = MailMessage(from: smtp.from, fromName: smtp.fromName, to: row.toAddress, subject: row.subject, body: row.body, date: app.gongkai.now,
                                  messageID: "\(row.id?.uuidString.lowercased() ?? UUID().uuidString)@\(host)")
        do {
            try await SMTPClient.send(message, via: smtp)
            return nil
        } catch let failure as SMTPClient.Failure {
            return DeliveryQueue.Failure(message: failure.description, permanent: failure.permanent)
        } catch {
            return DeliveryQueue.Failure(message: "发送邮件失败：\(error)")
        }
    }

    /// A reply's letter reached the relay: that is its 送达 by e-mail (recorded once; a case changed meanwhile is
    /// left for the handler to record by hand).
    static func recordDelivery(_ row: ApplicantMailRecord, app: Application) async throws {
        guard let letter = try await DisclosureRequestLetterRecord.query(on: app.db).filter(\.$request.$id == row.$request.id)
            .filter(\.$eventPosition == row.eventPosition).first(), letter.kind.hasPrefix("reply."),
            let record = try await DisclosureRequestRecord.find(row.$request.id, on: app.db)
        else { return }
        let calendar = try await app.calendarService.calendar(on: app.db)
        let event = RequestEvent(.delivered, on: ChineseTime.today(app.gongkai.now), text: "电子邮件（\(PersonalDataScanner.maskEmail(row.toAddress))）")
        let actor = AuditActor(userID: nil, label: "系统（电子邮件送达）", siteID: row.siteID, clientAddress: "")
        do {
            try await RequestStore.append(event, to: record, expectedLock: record.lockVersion, actor: actor, now: app.gongkai.now, calendar: calendar, on: app.db)
        } catch {
            app.logger.warning("applicant mail \(row.id?.uuidString ?? ""): 送达 not recorded: \(error)")
        }
    }

    /// Mails given up on for the units' applications whose reply has not been delivered some other way: the
    /// handler must deliver the letter by hand (or send it again once the address is corrected).
    static func undelivered(siteID: UUID, units: [UUID], on db: any Database) async throws -> [(ApplicantMailRecord, DisclosureRequestRecord)] {
        let mails = try await ApplicantMailRecord.query(on: db).filter(\.$siteID == siteID).filter(\.$abandonedAt != nil).with(\.$request).all()
            .filter { units.contains($0.request.$unit.id) }
        let ids = Array(Set(mails.map { $0.$request.id }))
        let delivered = ids.isEmpty ? [] : try await DisclosureRequestEventRecord.query(on: db).filter(\.$request.$id ~~ ids).filter(\.$kind == "delivered").all()
        let done = Set(delivered.map { $0.$request.id })
        return mails.filter { !done.contains($0.$request.id) }.map { ($0, $0.request) }
    }
}
