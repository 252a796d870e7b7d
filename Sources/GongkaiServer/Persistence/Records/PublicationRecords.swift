import Fluent
import Foundation
import GongkaiCore

/// A government information record: its 索引号, unit and kind, and a copy of its live version's listing fields.
package final class PublicationRecord: Model, @unchecked Sendable {
    package static let schema = "publications"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "site_id") package var site: SiteRecord
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "kind") var kind: String
    @Field(key: "index_number") var indexNumber: String
    @Field(key: "index_year") var indexYear: Int
    @Field(key: "index_sequence") var indexSequence: Int
    @OptionalField(key: "search_rowid") var searchRowID: Int64?
    @OptionalField(key: "interprets_id") var interpretsID: UUID?
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "live_version_id") package var liveVersionID: UUID?
    @OptionalField(key: "live_number") var liveNumber: Int?
    @Field(key: "title") var title: String
    @Field(key: "document_number") var documentNumber: String
    @Field(key: "theme") var theme: String
    @Field(key: "validity") var validity: String
    @OptionalField(key: "published_on") var publishedOn: String?
    @OptionalField(key: "first_published_at") var firstPublishedAt: Date?
    @OptionalField(key: "last_published_at") package var lastPublishedAt: Date?
    /// ",social-assistance,elderly," — the domains of the live version's catalog entries.
    @Field(key: "domain_codes") var domainCodes: String
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by_label") var withdrawnByLabel: String?

    package init() {}

    var publicationKind: PublicationKind { PublicationKind(rawValue: kind) ?? .document }
    var isLive: Bool { liveVersionID != nil && withdrawnAt == nil }
    var domains: [String] { domainCodes.split(separator: ",").map(String.init) }
}

/// One numbered version. Once published its row changes only to say it was superseded or withdrawn.
final class PublicationVersionRecord: Model, @unchecked Sendable {
    static let schema = "publication_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "publication_id") var publication: PublicationRecord
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @Field(key: "title") var title: String
    @Field(key: "document_number") var documentNumber: String
    @Field(key: "theme") var theme: String
    @OptionalField(key: "written_on") var writtenOn: String?
    @OptionalField(key: "formed_on") var formedOn: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    @Field(key: "validity") var validity: String
    @OptionalField(key: "validity_date") var validityDate: String?
    @Field(key: "repealed_by") var repealedBy: String
    @Field(key: "attribute") var attribute: String
    @OptionalField(key: "withholding_reason") var withholdingReason: String?
    @Field(key: "attribute_explanation") var attributeExplanation: String
    @Field(key: "body_html") var bodyHTML: String
    @Field(key: "body_text") var bodyText: String
    @Field(key: "channels") var channels: String
    @Field(key: "channels_other") var channelsOther: String
    @Field(key: "change_note") var changeNote: String
    @OptionalField(key: "safety_override") var safetyOverride: String?
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by_label") var reviewedByLabel: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by_label") var publishedByLabel: String?
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    init() {}

    var publicationStatus: PublicationStatus { PublicationStatus(rawValue: status) ?? .draft }
    var disclosure: DisclosureAttribute { DisclosureAttribute(rawValue: attribute) ?? .proactive }
    var channelList: [DisclosureChannel] { channels.split(separator: ",").compactMap { DisclosureChannel(rawValue: String($0)) } }

    var validityValue: Validity {
        switch validity {
        case "expired": CivilDate(validityDate ?? "").map { .expired(on: $0) } ?? .valid
        case "repealed": CivilDate(validityDate ?? "").map { .repealed(on: $0, by: repealedBy) } ?? .valid
        default: .valid
        }
    }
}

final class PublicationAttachmentRecord: Model, @unchecked Sendable {
    static let schema = "publication_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: PublicationVersionRecord
    @Field(key: "position") var position: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    /// The text of a docx/xlsx (checked and searched); nil for formats whose text is not read.
    @OptionalField(key: "text") var text: String?

    init() {}
}

/// A catalog entry a version fulfils (政务公开事项标准目录 → the information published under it).
final class PublicationEntryRecord: Model, @unchecked Sendable {
    static let schema = "publication_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: PublicationVersionRecord
    @Field(key: "catalog_id") var catalogID: UUID
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "entry_number") var entryNumber: String
    @Field(key: "domain_code") var domainCode: String
    /// 一级事项 / 二级事项 as shown, kept so history reads the same after the catalog changes.
    @Field(key: "label") var label: String
    @Field(key: "time_limit") var timeLimit: String

    init() {}

    /// Stable across catalog versions: the catalog and the entry's 序号 (feeds and subscriptions use it).
    var entryKey: String { "\(catalogID.uuidString)-\(entryNumber)" }
}

final class PublicationReviewRecord: Model, @unchecked Sendable {
    static let schema = "publication_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "publication_id") var publicationID: UUID
    @Field(key: "version_number") var versionNumber: Int
    /// submit / approve / return / publish / withdraw / override
    @Field(key: "action") var action: String
    @Field(key: "comment") var comment: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "user_label") var userLabel: String
    @Field(key: "at") var at: Date

    init() {}
}

/// Someone who asked to be told about new information of a site, unit, domain or catalog entry.
final class SubscriptionRecord: Model, @unchecked Sendable {
    static let schema = "subscriptions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    /// site / unit / domain / entry
    @Field(key: "scope") var scope: String
    @Field(key: "scope_id") var scopeID: String
    @Field(key: "scope_label") var scopeLabel: String
    /// email / webhook
    @Field(key: "channel") var channel: String
    @Field(key: "address") var address: String
    /// The webhook's HMAC key (shown once to the subscriber).
    @Field(key: "secret") var secret: String
    /// Confirms and cancels the subscription without an account.
    @Field(key: "token") var token: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?

    init() {}
}

/// A message waiting to be delivered; written in the same transaction as the publication it announces.
final class OutboxRecord: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    @Parent(key: "subscription_id") var subscription: SubscriptionRecord
    /// email / webhook
    @Field(key: "kind") var kind: String
    @Field(key: "subject") var subject: String
    @Field(key: "payload") var payload: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "abandoned_at") var abandonedAt: Date?
    @Field(key: "last_error") var lastError: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One version of a site's 政府信息公开指南 text (the highest number is shown).
final class GuideTextRecord: Model, @unchecked Sendable {
    static let schema = "guide_texts"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    @Field(key: "number") var number: Int
    /// Sanitised on input (RichText), so the page can show it as it is.
    @Field(key: "body_html") var bodyHTML: String
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String

    init() {}

    static func versions(siteID: UUID, on db: any Database) async throws -> [GuideTextRecord] {
        try await query(on: db).filter(\.$siteID == siteID).sort(\.$number, .descending).all()
    }
}
