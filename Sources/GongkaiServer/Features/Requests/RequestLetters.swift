import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// Letters to applicants: the site's current template for each kind (its default until the admin saves one), and
/// issuing a letter with the event that calls for it, inside the event's transaction, frozen as issued.
enum RequestLetters {
    struct Template: Sendable {
        let kind: RequestLetter.Kind
        /// 0: the built-in wording, never saved.
        let number: Int
        let body: String
    }

    static func current(_ kind: RequestLetter.Kind, siteID: UUID, on db: any Database) async throws -> Template {
        let saved = try await RequestLetterTemplateRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$kind == kind.key)
            .sort(\.$number, .descending).first()
        return Template(kind: kind, number: saved?.number ?? 0, body: saved?.body ?? RequestLetter.defaultTemplate(kind))
    }

    /// The 行政复议 body for a county's departments and townships: the county government.
    static func reviewBody(siteName: String) -> String { siteName.hasSuffix("人民政府") ? siteName : siteName + "人民政府" }

    /// 获取信息的形式和途径 ("纸质文本，邮寄"; "电子邮件" once when both say so).
    static func provision(_ record: DisclosureRequestRecord) -> String {
        let form = RequestApplication.ProvisionForm(rawValue: record.provisionForm)?.label ?? record.provisionForm
        let delivery = RequestApplication.Delivery(rawValue: record.delivery)?.label ?? record.delivery
        return form == delivery ? form : form + "，" + delivery
    }

    /// The letter an event calls for, filled in from the site's current template (nil for most kinds).
    /// `timeline` is the case with the event.
    static func compose(for event: RequestEvent, record: DisclosureRequestRecord, timeline: RequestTimeline, files: [String], publicationID: UUID?,
                        baseURL: String, on db: any Database) async throws -> (letter: RequestLetter.Letter, kind: RequestLetter.Kind, template: Int, site: SiteRecord)? {
        guard let kind = RequestLetter.Kind(event: event), let received = timeline.received else { return nil }
        guard let site = try await SiteRecord.find(record.$site.id, on: db), let unit = try await OrgUnitRecord.find(record.$unit.id, on: db) else { return nil }
        let template = try await current(kind, siteID: site.requireID(), on: db)
        var published: [String] = []
        if let publicationID, let publication = try await PublicationRecord.find(publicationID, on: db) {
            published.append("《\(publication.title)》（索引号 \(publication.indexNumber)，\(baseURL + SiteURL.publication(slug: site.slug, publicationID).path)）")
        }
        var feeLines: [String] = []
        if kind == .feeNotice, let amount = event.amount {
            feeLines = event.text.isEmpty ? ["\(amount)元"] : [event.text]
        }
        let facts = RequestLetter.Facts(
            applicant: record.name, number: record.number, receivedOn: received, information: record.information, unitName: unit.name,
            issuedOn: event.on, text: kind == .feeNotice ? "" : event.text, until: event.until, days: event.days, amount: event.amount, feeLines: feeLines,
            dueOn: timeline.due, published: published, files: files, provision: provision(record), reviewBody: reviewBody(siteName: site.name))
        return (RequestLetter.render(template.body, kind: kind, facts: facts), kind, template.number, site)
    }

    /// Issues the letter an event calls for, kept as issued, and queues its e-mail where the applicant chose one.
    static func issue(for event: RequestEvent, position: Int, record: DisclosureRequestRecord, timeline: RequestTimeline, files: [String],
                      publicationID: UUID?, baseURL: String, actor: AuditActor, now: Date, on db: any Database) async throws {
        guard let (letter, kind, template, site) = try await compose(for: event, record: record, timeline: timeline, files: files, publicationID: publicationID,
                                                                     baseURL: baseURL, on: db)
        else { return }
        let row = DisclosureRequestLetterRecord()
        row.$request.id = try record.requireID()
        row.eventPosition = position
        row.kind = kind.key
        row.templateNumber = template
        row.title = letter.title
        row.reference = letter.reference
        row.salutation = letter.salutation
        row.paragraphs = letter.paragraphs.joined(separator: "\n")
        row.signature = letter.signature
        row.dateText = letter.date
        row.createdAt = now
        row.createdByLabel = actor.label
        try await row.create(on: db)
        try await RequestMail.enqueue(row, record: record, site: site, baseURL: baseURL, now: now, on: db)
    }

    static func letters(of requestID: UUID, on db: any Database) async throws -> [DisclosureRequestLetterRecord] {
        try await DisclosureRequestLetterRecord.query(on: db).filter(\.$request.$id == requestID).sort(\.$eventPosition).all()
    }

    static func files(of requestID: UUID, on db: any Database) async throws -> [DisclosureRequestFileRecord] {
        try await DisclosureRequestFileRecord.query(on: db).filter(\.$request.$id == requestID).sort(\.$createdAt).all()
    }

    /// The .docx of a letter, downloaded with its Chinese name (答复告知书-2026-0007.docx).
    static func docx(_ row: DisclosureRequestLetterRecord, number: String) throws -> Response {
        let data = try LetterDocument.write(row.letter)
        return Downloads.response(data, fileName: "\(row.title)-\(number).docx",
                                  contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                  asciiName: "letter-\(number)-\(row.eventPosition).docx")
    }
}
