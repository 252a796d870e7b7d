import Fluent
import Foundation
import GongkaiCore

/// A unit's 办事指南 for one service item. Its content lives in versions.
final class ServiceGuideRecord: Model, @unchecked Sendable {
    static let schema = "service_guides"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(siteID: UUID, unitID: UUID, at now: Date) {
        self.$site.id = siteID
        self.$unit.id = unitID
        self.createdAt = now
    }
}

/// One version of a guide: the whole `ServiceGuide` as JSON, where it is in review.
final class ServiceGuideVersionRecord: Model, @unchecked Sendable {
    static let schema = "service_guide_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "guide_id") var guide: ServiceGuideRecord
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "name") var name: String
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "return_comment") var returnComment: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by_label") var publishedByLabel: String?

    init() {}

    init(guideID: UUID, number: Int, guide: ServiceGuide, by label: String, at now: Date) throws {
        self.$guide.id = guideID
        self.number = number
        self.status = DutyListStatus.draft.rawValue
        self.lockVersion = 1
        self.createdAt = now
        self.createdByLabel = label
        self.name = ""
        self.content = ""
        try set(guide)
    }

    func set(_ guide: ServiceGuide) throws {
        name = guide.name
        content = String(decoding: try JSONEncoder().encode(guide), as: UTF8.self)
    }

    var guideStatus: DutyListStatus { DutyListStatus(rawValue: status) ?? .draft }

    var serviceGuide: ServiceGuide {
        (try? JSONDecoder().decode(ServiceGuide.self, from: Data(content.utf8))) ?? ServiceGuide(name: name)
    }
}
