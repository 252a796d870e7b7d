import Fluent

/// The county office's list of 错敏词 (wrong or sensitive wording) checked before anything is published. A word
/// taken off the list keeps its row (removed_at), so the list's history can be read back with the audit trail.
struct M0012CreateSensitiveWords: AsyncMigration {
    var name: String { "0012_create_sensitive_words" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sensitive_words")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("word", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .field("removed_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sensitive_words").delete()
    }
}
