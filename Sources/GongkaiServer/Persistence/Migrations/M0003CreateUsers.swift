import Fluent

struct M0003CreateUsers: AsyncMigration {
    var name: String { "0003_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("name", .string, .required)
            .field("display_name", .string, .required)
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("deactivated_at", .datetime)
            .field("deactivation_reason", .string, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
