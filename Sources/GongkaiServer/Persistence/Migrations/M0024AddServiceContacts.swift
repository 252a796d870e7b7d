import Fluent
import SQLKit

/// The 12345 hotline and the province's 政务服务网 address, shown on the 办事服务 and 互动交流 pages (issue 19, item 6).
struct M0024AddServiceContacts: AsyncMigration {
    var name: String { "0024_add_service_contacts" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in ["hotline", "service_url"] {
            try await sql.raw("ALTER TABLE sites ADD COLUMN \(unsafeRaw: column) TEXT NOT NULL DEFAULT ''").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").deleteField("hotline").deleteField("service_url").update()
    }
}
