import Fluent

/// 办事指南 (issue 19, item 3): a guide per service item of a unit; numbered versions holding the whole guide as
/// JSON (`ServiceGuide`), reviewed before publication; a published version is never changed.
struct M0025CreateServiceGuides: AsyncMigration {
    var name: String { "0025_create_service_guides" }

    func prepare(on database: any Database) async throws {
        try await database.schema("service_guides")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("service_guide_versions")
            .id()
            .field("guide_id", .uuid, .required, .references("service_guides", "id"))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("lock_version", .int, .required)
            .field("name", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .field("return_comment", .string)
            .field("published_at", .datetime)
            .field("published_by_label", .string)
            .unique(on: "guide_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_guide_versions").delete()
        try await database.schema("service_guides").delete()
    }
}
