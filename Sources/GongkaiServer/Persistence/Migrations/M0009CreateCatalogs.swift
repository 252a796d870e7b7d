import Fluent
import SQLKit

/// Standard catalogs (政务公开事项标准目录): a catalog per unit, domain and level; numbered versions whose entries
/// are rows of their own (a published version's rows are never updated); reviews; the admin's 其他领域.
struct M0009CreateCatalogs: AsyncMigration {
    var name: String { "0009_create_catalogs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("catalog_domains")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "site_id", "code")
            .unique(on: "site_id", "name")
            .create()
        try await database.schema("catalogs")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            .field("domain_code", .string, .required)
            .field("level", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "unit_id", "domain_code", "level")
            .create()
        try await database.schema("catalog_versions")
            .id()
            .field("catalog_id", .uuid, .required, .references("catalogs", "id"))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("based_on_id", .uuid, .references("catalog_versions", "id"))
            .field("lock_version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .field("submitted_at", .datetime)
            .field("published_at", .datetime)
            .field("published_by_label", .string)
            .field("superseded_at", .datetime)
            .unique(on: "catalog_id", "number")
            .create()
        try await database.schema("catalog_entries")
            .id()
            .field("version_id", .uuid, .required, .references("catalog_versions", "id"))
            .field("position", .int, .required)
            .field("number", .string, .required)
            .field("level1", .string, .required)
            .field("level2", .string, .required)
            .field("level3", .string, .required)
            .field("content", .string, .required)
            .field("basis", .string, .required)
            .field("time_limit", .string, .required)
            .field("body", .string, .required)
            .field("channels_required", .string, .required)
            .field("channels_optional", .string, .required)
            .field("channels_other", .string, .required)
            .field("audience_everyone", .bool, .required)
            .field("audience_group", .string)
            .field("proactive", .bool, .required)
            .field("on_request", .bool, .required)
            .field("levels", .string, .required)
            .field("copied_from_id", .uuid, .references("catalog_entries", "id"))
            .create()
        try await database.schema("catalog_reviews")
            .id()
            .field("version_id", .uuid, .required, .references("catalog_versions", "id"))
            .field("reviewer", .string, .required)
            .field("decision", .string, .required)
            .field("comment", .string, .required)
            .field("user_id", .uuid, .references("users", "id"))
            .field("user_label", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX catalog_entries_version_idx ON catalog_entries (version_id, position)").run()
        try await sql.raw("CREATE INDEX catalogs_site_idx ON catalogs (site_id, domain_code)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["catalog_reviews", "catalog_entries", "catalog_versions", "catalogs", "catalog_domains"] {
            try await database.schema(table).delete()
        }
    }
}
