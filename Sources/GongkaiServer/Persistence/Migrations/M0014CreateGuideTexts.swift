import Fluent

/// The editable text of each site's 政府信息公开指南. The guide is published, so every save is a new numbered
/// version and none is overwritten (条例 第十二条 wants it kept up to date; the history shows when it was).
struct M0014CreateGuideTexts: AsyncMigration {
    var name: String { "0014_create_guide_texts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("guide_texts")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("number", .int, .required)
            .field("body_html", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .unique(on: "site_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("guide_texts").delete()
    }
}

/// 文号 became one search token in any brackets (SearchTokenizer.documentNumberToken): rebuild the index once so
/// information published before finds its 文号 too.
struct M0015RebuildSearchIndex: AsyncMigration {
    var name: String { "0015_rebuild_search_index" }

    func prepare(on database: any Database) async throws {
        try await SearchIndex.rebuild(on: database, audited: false)
    }

    func revert(on database: any Database) async throws {}
}
