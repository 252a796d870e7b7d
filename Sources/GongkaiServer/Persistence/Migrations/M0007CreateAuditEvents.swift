import Fluent
import SQLKit

struct M0007CreateAuditEvents: AsyncMigration {
    var name: String { "0007_create_audit_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("site_id", .uuid, .references("sites", "id"))
            .field("actor_user_id", .uuid, .references("users", "id"))
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("target_type", .string, .required)
            .field("target_id", .string)
            .field("target_label", .string, .required)
            .field("summary", .string, .required)
            .field("before_json", .string, .required)
            .field("after_json", .string, .required)
            .field("client_address", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX audit_events_site_time_idx ON audit_events (site_id, occurred_at)").run()
        try await sql.raw("CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
