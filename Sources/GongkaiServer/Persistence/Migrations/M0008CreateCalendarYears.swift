import Fluent
import SQLKit

/// Holiday notices the admin adds or corrects. Rows are never updated except to mark them superseded, so every
/// version of a year stays readable (what the calendar said when a deadline was computed).
struct M0008CreateCalendarYears: AsyncMigration {
    var name: String { "0008_create_calendar_years" }

    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_years")
            .id()
            .field("year", .int, .required)
            .field("notice_number", .string, .required)
            .field("definition_csv", .string, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_user_id", .uuid, .references("users", "id"))
            .field("created_by_label", .string, .required)
            .field("superseded_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // One current version per year, even when two admins save at the same moment.
        try await sql.raw("CREATE UNIQUE INDEX calendar_years_current_idx ON calendar_years (year) WHERE superseded_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_years").delete()
    }
}
