import Fluent
import Foundation
import GongkaiCore

final class SensitiveWordRecord: Model, @unchecked Sendable {
    static let schema = "sensitive_words"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "word") var word: String
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}

    /// The site's list in force, as a matcher.
    static func matcher(siteID: UUID, on db: any Database) async throws -> SensitiveWords {
        SensitiveWords(try await query(on: db).filter(\.$site.$id == siteID).filter(\.$removedAt == nil).all().map(\.word))
    }
}
