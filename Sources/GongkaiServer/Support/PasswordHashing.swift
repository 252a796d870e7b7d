import Vapor

/// bcrypt hashing, off the event loop. The cost comes from `AppConfig.passwordCost`.
enum PasswordHashing {
    static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    static func hash(_ password: String, on app: Application) async throws -> String {
        let cost = app.gongkai.config.passwordCost
        return try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String, on app: Application) async throws -> Bool {
        try await app.threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    /// Checked when the name is unknown, so that a wrong name takes as long as a wrong password.
    static let decoyHash = try! Bcrypt.hash("gongkai-decoy-password", cost: 4)
}
