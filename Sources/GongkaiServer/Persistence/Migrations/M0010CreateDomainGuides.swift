import Fluent

/// The guiding unit (指导单位) of each domain in a site: its guide accounts review township catalogs of that
/// domain. One unit per domain; a unit may guide several domains.
struct M0010CreateDomainGuides: AsyncMigration {
    var name: String { "0010_create_domain_guides" }

    func prepare(on database: any Database) async throws {
        try await database.schema("catalog_domain_guides")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("domain_code", .string, .required)
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "site_id", "domain_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("catalog_domain_guides").delete()
    }
}
