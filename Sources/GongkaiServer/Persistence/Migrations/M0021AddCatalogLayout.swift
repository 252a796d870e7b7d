import Fluent
import SQLKit

/// A catalog keeps the template it came in (江西's or the one with 公开层级), and an entry the county's own names
/// for standard channels (issue 18, item 15): an export gives back what the county wrote.
struct M0021AddCatalogLayout: AsyncMigration {
    var name: String { "0021_add_catalog_layout" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE catalogs ADD COLUMN layout TEXT NOT NULL DEFAULT ''").run()
        try await sql.raw("ALTER TABLE catalog_entries ADD COLUMN channel_names TEXT NOT NULL DEFAULT ''").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("catalogs").deleteField("layout").update()
        try await database.schema("catalog_entries").deleteField("channel_names").update()
    }
}
