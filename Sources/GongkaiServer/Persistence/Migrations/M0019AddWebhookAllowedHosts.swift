import Fluent
import SQLKit

/// The hosts on an internal network that a site lets webhooks reach (issue 16: by default only public addresses).
struct M0019AddWebhookAllowedHosts: AsyncMigration {
    var name: String { "0019_add_webhook_allowed_hosts" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase)
            .raw("ALTER TABLE sites ADD COLUMN webhook_allowed_hosts TEXT NOT NULL DEFAULT ''").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").deleteField("webhook_allowed_hosts").update()
    }
}
