import Fluent
import Foundation
import GongkaiCore

/// A unit's catalog for one domain and level. Its content lives in versions.
final class CatalogRecord: Model, @unchecked Sendable {
    static let schema = "catalogs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "domain_code") var domainCode: String
    @Field(key: "level") var level: String
    @Field(key: "created_at") var createdAt: Date
    /// The template the catalog was last imported in (`CatalogLayout`); empty for one made in the back office.
    @Field(key: "layout") var layout: String

    init() {}

    init(siteID: UUID, unitID: UUID, domainCode: String, level: CatalogLevel, at now: Date) {
        self.$site.id = siteID
        self.$unit.id = unitID
        self.domainCode = domainCode
        self.level = level.rawValue
        self.createdAt = now
        self.layout = ""
    }

    var catalogLevel: CatalogLevel { CatalogLevel(rawValue: level) ?? .county }
    /// The layout an export uses: the one it came in; the template with 公开层级 for a catalog made here.
    var catalogLayout: CatalogLayout { CatalogLayout(rawValue: layout) ?? .yunnan }
}

/// One numbered version of a catalog and where it is in review.
package final class CatalogVersionRecord: Model, @unchecked Sendable {
    package static let schema = "catalog_versions"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "catalog_id") var catalog: CatalogRecord
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "based_on_id") var basedOnID: UUID?
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by_label") var publishedByLabel: String?
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    package init() {}

    var catalogStatus: CatalogStatus { CatalogStatus(rawValue: status) ?? .draft }
}

/// One entry of one version. Rows of a published version are never updated.
final class CatalogEntryRecord: Model, @unchecked Sendable {
    static let schema = "catalog_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: CatalogVersionRecord
    @Field(key: "position") var position: Int
    @Field(key: "number") var number: String
    @Field(key: "level1") var level1: String
    @Field(key: "level2") var level2: String
    @Field(key: "level3") var level3: String
    @Field(key: "content") var content: String
    @Field(key: "basis") var basis: String
    @Field(key: "time_limit") var timeLimit: String
    @Field(key: "body") var body: String
    @Field(key: "channels_required") var channelsRequired: String
    @Field(key: "channels_optional") var channelsOptional: String
    @Field(key: "channels_other") var channelsOther: String
    /// The county's own names for standard channels (`ChannelSelection.writtenNamesText`).
    @Field(key: "channel_names") var channelNames: String
    @Field(key: "audience_everyone") var audienceEveryone: Bool
    @OptionalField(key: "audience_group") var audienceGroup: String?
    @Field(key: "proactive") var proactive: Bool
    @Field(key: "on_request") var onRequest: Bool
    @Field(key: "levels") var levels: String
    @OptionalField(key: "copied_from_id") var copiedFromID: UUID?

    init() {}

    init(versionID: UUID, position: Int, entry: CatalogEntry, copiedFrom: UUID? = nil) {
        self.$version.id = versionID
        self.position = position
        self.copiedFromID = copiedFrom
        apply(entry)
    }

    func apply(_ e: CatalogEntry) {
        number = e.number
        level1 = e.level1
        level2 = e.level2
        level3 = e.level3
        content = e.content
        basis = e.basis
        timeLimit = e.timeLimit.text
        body = e.body
        channelsRequired = e.channels.required.map(\.rawValue).joined(separator: ",")
        channelsOptional = e.channels.optional.map(\.rawValue).joined(separator: ",")
        channelsOther = e.channels.others.joined(separator: "\n")
        channelNames = e.channels.writtenNamesText
        audienceEveryone = e.audience.everyone
        audienceGroup = e.audience.specificGroup
        proactive = e.methods.proactive
        onRequest = e.methods.onRequest
        levels = e.levels.sorted().map(\.rawValue).joined(separator: ",")
    }

    var entry: CatalogEntry {
        func channels(_ text: String) -> [DisclosureChannel] {
            text.split(separator: ",").compactMap { DisclosureChannel(rawValue: String($0)) }
        }
        return CatalogEntry(
            number: number, level1: level1, level2: level2, level3: level3, content: content, basis: basis,
            timeLimit: timeLimit, body: body,
            channels: ChannelSelection(required: channels(channelsRequired), optional: channels(channelsOptional),
                                       others: channelsOther.split(separator: "\n").map(String.init),
                                       writtenNames: ChannelSelection.writtenNames(from: channelNames)),
            audience: Audience(everyone: audienceEveryone, specificGroup: audienceGroup),
            methods: DisclosureMethods(proactive: proactive, onRequest: onRequest),
            levels: Set(levels.split(separator: ",").compactMap { CatalogLevel(rawValue: String($0)) }))
    }
}

/// A review decision on a version (approve or return, with the comment).
final class CatalogReviewRecord: Model, @unchecked Sendable {
    static let schema = "catalog_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: CatalogVersionRecord
    @Field(key: "reviewer") var reviewer: String
    @Field(key: "decision") var decision: String
    @Field(key: "comment") var comment: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "user_label") var userLabel: String
    @Field(key: "at") var at: Date

    init() {}
}

/// A domain the admin adds beside the 26 pilot domains (其他领域).
final class CatalogDomainRecord: Model, @unchecked Sendable {
    static let schema = "catalog_domains"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Which unit guides a domain in a site (指导单位).
final class DomainGuideRecord: Model, @unchecked Sendable {
    static let schema = "catalog_domain_guides"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "domain_code") var domainCode: String
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
