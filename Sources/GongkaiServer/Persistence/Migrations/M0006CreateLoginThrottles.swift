import Fluent

struct M0006CreateLoginThrottles: AsyncMigration {
    var name: String { "0006_create_login_throttles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_throttles")
            .id()
            .field("login_name", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime)
            .unique(on: "login_name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_throttles").delete()
    }
}
