import Fluent
import SQLKit

struct M0002CreateOrgUnits: AsyncMigration {
    var name: String { "0002_create_org_units" }

    func prepare(on database: any Database) async throws {
        try await database.schema("org_units")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("parent_id", .uuid, .references("org_units", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("aliases", .string, .required)
            .field("address", .string, .required)
            .field("office_hours", .string, .required)
            .field("phone", .string, .required)
            .field("fax", .string, .required)
            .field("email", .string, .required)
            .field("postcode", .string, .required)
            .field("is_example", .bool, .required)
            .field("sort_order", .int, .required)
            .field("archived_at", .datetime)
            .field("archive_reason", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // A full name is unique within a site; the same department name recurs across counties only
            // with the county's name in front, but short names (县民政局) recur everywhere.
            .unique(on: "site_id", "name")
            .create()
        try await (database as! any SQLDatabase).raw(
            "CREATE INDEX org_units_parent_idx ON org_units (parent_id)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("org_units").delete()
    }
}
