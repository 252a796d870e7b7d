import NIOConcurrencyHelpers
import Vapor

/// bcrypt hashing on a thread of its own, so that a flood of logins cannot take the threads the database and the
/// portal run on. At most `capacity` checks wait at once; more are refused (`Busy`, answered with 429) rather than
/// queued for minutes. The cost comes from `AppConfig.passwordCost`.
enum PasswordHashing {
    struct Busy: Error {}

    /// One thread: a cost-12 check takes about a quarter of a second of one core; the other core keeps serving.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    static let capacity = 8

    /// Checks under way or waiting in one application.
    struct InFlightKey: StorageKey { typealias Value = NIOLockedValueBox<Int> }

    static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    static func hash(_ password: String, on app: Application) async throws -> String {
        // Setting a password is never shed: it is rare, done by the office or the CLI, and waits its turn.
        let cost = app.gongkai.config.passwordCost
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a stored hash; with no hash (an unknown name) a decoy of the same cost is checked,
    /// so that a wrong name takes as long as a wrong password and names cannot be told apart by timing.
    static func verify(_ password: String, hash: String?, on app: Application) async throws -> Bool {
        let cost = app.gongkai.config.passwordCost
        return try await bounded(app) {
            let stored = hash ?? decoy(cost: cost)
            return (try? Bcrypt.verify(password, created: stored)) ?? false
        }
    }

    private static func bounded<T: Sendable>(_ app: Application, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        // Set once in configure(); read-only afterwards, so reading it from many requests is safe.
        guard let inFlight = app.storage[InFlightKey.self] else { return try await pool.runIfActive(work) }
        let admitted = inFlight.withLockedValue { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    private static let decoys = NIOLockedValueBox([Int: String]())

    /// A hash of a password nobody has, made once per cost (on the hashing thread, when first needed).
    static func decoy(cost: Int) -> String {
        if let known = decoys.withLockedValue({ $0[cost] }) { return known }
        let made = (try? Bcrypt.hash(Secrets.randomToken(), cost: cost)) ?? ""
        decoys.withLockedValue { $0[cost] = made }
        return made
    }
}
