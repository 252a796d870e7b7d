import Fluent
import SQLKit

/// Letters e-mailed to applicants who asked to get the information by e-mail (第二十九条: 获取信息的方式、途径): a
/// queue of its own beside the subscriptions' outbox, delivered by the same worker with the same retries.
struct M0018CreateApplicantMails: AsyncMigration {
    var name: String { "0018_create_applicant_mails" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applicant_mails")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("request_id", .uuid, .required, .references("disclosure_requests", "id"))
            .field("event_position", .int, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("abandoned_at", .datetime)
            .field("last_error", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX applicant_mails_due ON applicant_mails (next_attempt_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applicant_mails").delete()
    }
}
