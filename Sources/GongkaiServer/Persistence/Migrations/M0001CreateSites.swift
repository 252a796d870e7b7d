import Fluent

struct M0001CreateSites: AsyncMigration {
    var name: String { "0001_create_sites" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sites")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("parent_region", .string, .required)
            .field("is_demo", .bool, .required)
            .field("sort_order", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").delete()
    }
}
