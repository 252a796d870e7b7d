import Fluent
import Foundation

/// One mutation: who, when, what, and a summary of before → after. Written in the same transaction as the
/// change it describes, never updated, never deleted.
final class AuditEventRecord: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "site_id") var siteID: UUID?
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    /// The actor as shown: a user's name, or 命令行 / 系统 for work without a person.
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "action") var action: String
    @Field(key: "target_type") var targetType: String
    @OptionalField(key: "target_id") var targetID: String?
    @Field(key: "target_label") var targetLabel: String
    @Field(key: "summary") var summary: String
    @Field(key: "before_json") var beforeJSON: String
    @Field(key: "after_json") var afterJSON: String
    @Field(key: "client_address") var clientAddress: String

    init() {}
}
