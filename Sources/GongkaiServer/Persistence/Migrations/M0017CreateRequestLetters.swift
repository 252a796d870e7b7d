import Fluent
import SQLKit

/// 依申请公开, the written side: the site's letter templates (every save a new numbered version), the letters issued
/// with the events (kept as issued), the files released with a reply, the published record a reply points to
/// (第三十六条第一项), and the 行政复议 / 行政诉讼 cases brought against a reply (table 四 of the annual report).
struct M0017CreateRequestLetters: AsyncMigration {
    var name: String { "0017_create_request_letters" }

    func prepare(on database: any Database) async throws {
        try await database.schema("request_letter_templates")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("kind", .string, .required)
            .field("number", .int, .required)
            .field("body", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .unique(on: "site_id", "kind", "number")
            .create()
        try await database.schema("disclosure_request_letters")
            .id()
            .field("request_id", .uuid, .required, .references("disclosure_requests", "id"))
            .field("event_position", .int, .required)
            .field("kind", .string, .required)
            .field("template_number", .int, .required)
            .field("title", .string, .required)
            .field("reference", .string, .required)
            .field("salutation", .string, .required)
            .field("paragraphs", .string, .required)
            .field("signature", .string, .required)
            .field("date_text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .unique(on: "request_id", "event_position")
            .create()
        try await database.schema("disclosure_request_files")
            .id()
            .field("request_id", .uuid, .required, .references("disclosure_requests", "id"))
            .field("event_position", .int, .required)
            .field("sha256", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .create()
        try await database.schema("disclosure_request_events")
            .field("publication_id", .uuid)
            .update()
        try await database.schema("disclosure_request_appeals")
            .id()
            .field("request_id", .uuid, .required, .references("disclosure_requests", "id"))
            .field("kind", .string, .required)
            .field("filed_on", .string, .required)
            .field("result", .string, .required)
            .field("decided_on", .string)
            .field("note", .string, .required)
            .field("lock_version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .create()
        // Table 三 and the office's overview count a year of a site's applications from this index alone (it holds
        // every column they read); the queues find the open cases by stage; the case page reads files and appeals.
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE INDEX disclosure_requests_report ON disclosure_requests
              (site_id, unit_id, received_on, replied_on, due_on, applicant_type, outcome)
            """).run()
        try await sql.raw("CREATE INDEX disclosure_requests_stage ON disclosure_requests (site_id, stage)").run()
        try await sql.raw("CREATE INDEX disclosure_request_files_request ON disclosure_request_files (request_id)").run()
        try await sql.raw("CREATE INDEX disclosure_request_appeals_request ON disclosure_request_appeals (request_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX disclosure_requests_report").run()
        try await (database as! any SQLDatabase).raw("DROP INDEX disclosure_requests_stage").run()
        try await database.schema("disclosure_request_appeals").delete()
        try await database.schema("disclosure_request_events").deleteField("publication_id").update()
        try await database.schema("disclosure_request_files").delete()
        try await database.schema("disclosure_request_letters").delete()
        try await database.schema("request_letter_templates").delete()
    }
}
