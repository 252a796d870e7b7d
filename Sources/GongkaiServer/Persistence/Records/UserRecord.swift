import Fluent
import Foundation
import GongkaiCore

/// A staff account. The public never has one.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// The login name, unique across the deployment.
    @Field(key: "name") var name: String
    @Field(key: "display_name") var displayName: String
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "password_hash") var passwordHash: String
    /// Roles as a sorted, comma-separated list of `Role` raw values.
    @Field(key: "roles") var roles: String
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    @Field(key: "deactivation_reason") var deactivationReason: String
    @Field(key: "is_demo") var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, displayName: String, unitID: UUID, siteID: UUID, passwordHash: String,
         roles: Set<Role>, isDemo: Bool) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.$unit.id = unitID
        self.$site.id = siteID
        self.passwordHash = passwordHash
        self.roles = Self.encode(roles)
        self.deactivationReason = ""
        self.isDemo = isDemo
    }

    var roleSet: Set<Role> {
        Set(roles.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }

    var isActive: Bool { deactivatedAt == nil }
}
