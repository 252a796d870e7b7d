import Fluent

/// 依申请公开: applications and their append-only event history. Applications are never public; the applicant's
/// identity and contacts are read only by the handling unit and the office (AccessAction.handleRequest).
struct M0016CreateDisclosureRequests: AsyncMigration {
    var name: String { "0016_create_disclosure_requests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("disclosure_requests")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("org_units", "id"))
            // 受理编号 per site and year (2026-0001), and the query code the applicant follows the case with.
            .field("year", .int, .required)
            .field("sequence", .int, .required)
            .field("code", .string, .required)
            .field("channel", .string, .required)
            .field("arrived_on", .string, .required)
            .field("received_on", .string)
            .field("applicant_type", .string, .required)
            .field("name", .string, .required)
            .field("id_kind", .string, .required)
            .field("id_number", .string, .required)
            .field("contact_person", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("information", .string, .required)
            .field("provision_form", .string, .required)
            .field("delivery", .string, .required)
            .field("needs_help", .bool, .required)
            .field("fingerprint", .string, .required)
            .field("repeat_of", .uuid)
            // Derived from the events (kept for lists and the annual report; recomputed with every event).
            .field("stage", .string, .required)
            .field("due_on", .string)
            .field("outcome", .string)
            .field("replied_on", .string)
            .field("lock_version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .unique(on: "code")
            .unique(on: "site_id", "year", "sequence")
            .create()
        try await database.schema("disclosure_request_events")
            .id()
            .field("request_id", .uuid, .required, .references("disclosure_requests", "id"))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("days", .int)
            .field("until_date", .string)
            .field("outcome", .string)
            .field("amount", .int)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_label", .string, .required)
            .unique(on: "request_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disclosure_request_events").delete()
        try await database.schema("disclosure_requests").delete()
    }
}
