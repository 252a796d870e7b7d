import Fluent
import SQLKit

/// What a Chinese government site shows of itself (issue 18): the 主办单位 and registration numbers in the footer,
/// the 索引号 pattern, and each unit's 统一社会信用代码 the 索引号 starts with.
struct M0020AddSiteIdentity: AsyncMigration {
    var name: String { "0020_add_site_identity" }

    static let siteColumns = ["sponsor", "site_code", "icp_number", "police_record", "party_mark_url", "error_report_url",
                              "index_pattern", "contact_note"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.siteColumns {
            try await sql.raw("ALTER TABLE sites ADD COLUMN \(unsafeRaw: column) TEXT NOT NULL DEFAULT ''").run()
        }
        try await sql.raw("ALTER TABLE org_units ADD COLUMN credit_code TEXT NOT NULL DEFAULT ''").run()
    }

    func revert(on database: any Database) async throws {
        for column in Self.siteColumns { try await database.schema("sites").deleteField(.string(column)).update() }
        try await database.schema("org_units").deleteField("credit_code").update()
    }
}
