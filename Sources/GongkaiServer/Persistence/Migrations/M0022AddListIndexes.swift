import Fluent
import SQLKit

/// The back office's long lists page newest first by (created_at, id) within a site or a unit (issue 18, item 12):
/// these indexes let page 2,000 of a 100,000-record site read 51 rows instead of sorting them all, and the
/// review queue find the few versions waiting without scanning every version.
struct M0022AddListIndexes: AsyncMigration {
    var name: String { "0022_add_list_indexes" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX publications_site_created_idx ON publications (site_id, created_at, id)").run()
        try await sql.raw("CREATE INDEX publications_unit_created_idx ON publications (unit_id, created_at, id)").run()
        try await sql.raw("CREATE INDEX publication_versions_status_idx ON publication_versions (status)").run()
        try await sql.raw("CREATE INDEX disclosure_requests_site_created_idx ON disclosure_requests (site_id, created_at, id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["publications_site_created_idx", "publications_unit_created_idx", "publication_versions_status_idx",
                      "disclosure_requests_site_created_idx"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
        }
    }
}
