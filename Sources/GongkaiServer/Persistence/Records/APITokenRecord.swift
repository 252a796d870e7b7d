import Fluent
import Foundation

/// A personal token for the JSON API (`Authorization: Bearer …`). Stored as a SHA-256 hash; the token
/// itself is shown once, when it is created.
final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserRecord
    @Field(key: "label") var label: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so a person can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, label: String, tokenHash: String, prefix: String, now: Date) {
        self.$user.id = userID
        self.label = label
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = now
    }
}
