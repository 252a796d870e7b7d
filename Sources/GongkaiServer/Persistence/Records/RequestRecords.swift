import Fluent
import Foundation
import GongkaiCore

/// One application for disclosure (依申请公开). The listing fields at the end are derived from the events
/// (`RequestStore.refresh`), never edited by hand.
final class DisclosureRequestRecord: Model, @unchecked Sendable {
    static let schema = "disclosure_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "year") var year: Int
    @Field(key: "sequence") var sequence: Int
    @Field(key: "code") var code: String
    @Field(key: "channel") var channel: String
    @Field(key: "arrived_on") var arrivedOn: String
    @OptionalField(key: "received_on") var receivedOn: String?
    @Field(key: "applicant_type") var applicantType: String
    @Field(key: "name") var name: String
    @Field(key: "id_kind") var idKind: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "contact_person") var contactPerson: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "information") var information: String
    @Field(key: "provision_form") var provisionForm: String
    @Field(key: "delivery") var delivery: String
    @Field(key: "needs_help") var needsHelp: Bool
    @Field(key: "fingerprint") var fingerprint: String
    @OptionalField(key: "repeat_of") var repeatOf: UUID?
    @Field(key: "stage") var stage: String
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "replied_on") var repliedOn: String?
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}

    /// 受理编号: 2026-0007.
    var number: String { String(format: "%d-%04d", year, sequence) }
    var channelValue: ReceiptChannel { ReceiptChannel(rawValue: channel) ?? .online }
    var applicant: ApplicantType { ApplicantType(rawValue: applicantType) ?? .naturalPerson }
}

/// One event of an application's history. Append-only: nothing here is ever updated or deleted.
final class DisclosureRequestEventRecord: Model, @unchecked Sendable {
    static let schema = "disclosure_request_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: DisclosureRequestRecord
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "days") var days: Int?
    @OptionalField(key: "until_date") var untilDate: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "amount") var amount: Int?
    @Field(key: "text") var text: String
    /// The published record a reply points the applicant to (第三十六条第一项: 已主动公开).
    @OptionalField(key: "publication_id") var publicationID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}

    /// The core's event (nil for a row this version cannot read — never silently guessed).
    var event: RequestEvent? {
        guard let kind = RequestEvent.Kind(rawValue: kind), let on = CivilDate(onDate) else { return nil }
        return RequestEvent(kind, on: on, days: days, until: untilDate.flatMap(CivilDate.init), outcome: outcome.flatMap(RequestOutcome.init(rawValue:)),
                            amount: amount, text: text)
    }
}

/// One version of a site's template for one kind of letter (`RequestLetter.Kind.key`). Never edited: a change is a
/// new number, and the letters say which number they were made from.
final class RequestLetterTemplateRecord: Model, @unchecked Sendable {
    static let schema = "request_letter_templates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "kind") var kind: String
    @Field(key: "number") var number: Int
    @Field(key: "body") var body: String
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}
}

/// A letter issued with an event of a case, as the applicant received it.
final class DisclosureRequestLetterRecord: Model, @unchecked Sendable {
    static let schema = "disclosure_request_letters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: DisclosureRequestRecord
    @Field(key: "event_position") var eventPosition: Int
    @Field(key: "kind") var kind: String
    @Field(key: "template_number") var templateNumber: Int
    @Field(key: "title") var title: String
    @Field(key: "reference") var reference: String
    @Field(key: "salutation") var salutation: String
    /// Paragraphs separated by line breaks.
    @Field(key: "paragraphs") var paragraphs: String
    @Field(key: "signature") var signature: String
    @Field(key: "date_text") var dateText: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}

    var letter: RequestLetter.Letter {
        RequestLetter.Letter(title: title, reference: reference, salutation: salutation,
                             paragraphs: paragraphs.split(separator: "\n").map(String.init), signature: signature, date: dateText)
    }
}

/// A file released to the applicant with a reply (stored content-addressed in `StoredFiles`).
final class DisclosureRequestFileRecord: Model, @unchecked Sendable {
    static let schema = "disclosure_request_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: DisclosureRequestRecord
    @Field(key: "event_position") var eventPosition: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}
}

/// A 行政复议 or 行政诉讼 brought against the handling of an application (table 四). The result is recorded when
/// known; every change is audited.
final class DisclosureRequestAppealRecord: Model, @unchecked Sendable {
    static let schema = "disclosure_request_appeals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: DisclosureRequestRecord
    @Field(key: "kind") var kind: String
    @Field(key: "filed_on") var filedOn: String
    @Field(key: "result") var result: String
    @OptionalField(key: "decided_on") var decidedOn: String?
    @Field(key: "note") var note: String
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}

    var tableCase: TableFour.Case? {
        guard let kind = TableFour.Kind(rawValue: kind), let filed = CivilDate(filedOn), let result = TableFour.Result(rawValue: result) else { return nil }
        return TableFour.Case(kind: kind, filed: filed, result: result, decided: decidedOn.flatMap(CivilDate.init))
    }
}

/// A letter on its way to an applicant's e-mail address (see `RequestMail`).
final class ApplicantMailRecord: Model, @unchecked Sendable {
    static let schema = "applicant_mails"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    @Parent(key: "request_id") var request: DisclosureRequestRecord
    @Field(key: "event_position") var eventPosition: Int
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "abandoned_at") var abandonedAt: Date?
    @Field(key: "last_error") var lastError: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
