import Fluent
import SQLKit

/// 权责清单 and 公共服务清单 (issue 19): one list per unit and kind; numbered versions reviewed by the unit and the
/// office; rows of their own (a published version's rows are never updated).
struct M0023CreateDutyLists: AsyncMigration {
    var name: String { "0023_create_duty_lists" }

    func prepare(on database: any Database) async throws {
        try await database.schema("duty_lists")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "unit_id", "kind")
            .create()
        try await database.schema("duty_list_versions")
            .id()
            .field("list_id", .uuid, .required, .references("duty_lists", "id"))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("lock_version", .int, .required)
            .field("source_name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .field("submitted_at", .datetime)
            .field("unit_approved_by_label", .string)
            .field("return_comment", .string)
            .field("published_at", .datetime)
            .field("published_by_label", .string)
            .field("superseded_at", .datetime)
            .unique(on: "list_id", "number")
            .create()
        try await database.schema("duty_list_rows")
            .id()
            .field("version_id", .uuid, .required, .references("duty_list_versions", "id"))
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("power_type", .string, .required)
            .field("name", .string, .required)
            .field("sub_item", .string, .required)
            .field("basis", .string, .required)
            .field("subject", .string, .required)
            .field("duties", .string, .required)
            .field("accountability", .string, .required)
            .field("audience", .string, .required)
            .field("content", .string, .required)
            .field("time_limit", .string, .required)
            .field("fee", .string, .required)
            .field("phone", .string, .required)
            .field("level", .string, .required)
            .field("note", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX duty_list_rows_version_idx ON duty_list_rows (version_id, position)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("duty_list_rows").delete()
        try await database.schema("duty_list_versions").delete()
        try await database.schema("duty_lists").delete()
    }
}
