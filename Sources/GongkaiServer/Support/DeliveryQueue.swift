import Fluent
import Foundation
import SQLKit

/// A message in a delivery queue: what the queue needs to claim, retry and give up on it.
protocol QueuedMessage: Model where IDValue == UUID {
    var attempts: Int { get set }
    var nextAttemptAt: Date { get set }
    var deliveredAt: Date? { get set }
    var abandonedAt: Date? { get set }
    var lastError: String { get set }
}

extension OutboxRecord: QueuedMessage {}
extension ApplicantMailRecord: QueuedMessage {}

/// The one delivery loop behind the subscription outbox (`Outbox`) and the letters mailed to applicants
/// (`RequestMail`): messages are written in the transaction that makes them, then delivered by a worker that
/// retries failures with growing pauses and gives up after the last one (kept with its error, for the office).
enum DeliveryQueue {
    /// Pauses after the 1st, 2nd … failure; after the last one the message is abandoned.
    static let retryPauses: [TimeInterval] = [60, 300, 1800, 7200, 21600, 43200, 86400]

    struct RunSummary: Sendable, Equatable {
        var delivered = 0
        var failed = 0
        var abandoned = 0
    }

    struct Failure: Error, Sendable {
        /// What went wrong, in words for the admin.
        let message: String
        /// Retrying will not help (the relay refused the address for good): abandon at once.
        var permanent = false
    }

    /// What an attempt leaves on a message: delivered; or a later attempt after the next pause; or, after the last
    /// pause or a permanent refusal, given up (kept with its error).
    struct Settlement: Equatable {
        var deliveredAt: Date?
        var abandonedAt: Date?
        var nextAttemptAt: Date?
        var lastError = ""

        init(_ failure: Failure?, attempts: Int, now: Date) {
            guard let failure else {
                deliveredAt = now
                return
            }
            lastError = failure.message
            if attempts > retryPauses.count || failure.permanent { abandonedAt = now } else { nextAttemptAt = now.addingTimeInterval(retryPauses[attempts - 1]) }
        }
    }

    /// Delivers each of `due` once. Safe to run from several places: a message is claimed by moving its next
    /// attempt forward in a conditional update before it is sent, so another worker that read the same row skips
    /// it. The attempt is settled in a transaction with `settle` (what else a delivery changes); `delivered` runs
    /// after that transaction for a message that got through.
    static func run<M: QueuedMessage>(_ due: [M], now: @escaping @Sendable () -> Date, on db: any Database,
                                      send: (M) async -> Failure?,
                                      settle: @escaping @Sendable (M, Failure?, any Database) async throws -> Void = { _, _, _ in },
                                      delivered: (M) async throws -> Void = { _ in }) async throws -> RunSummary {
        var summary = RunSummary()
        for row in due {
            let started = now()
            // Compared with <=, never =: a date read back from the database may differ in its last bit.
            let claimed = try await (db as! any SQLDatabase).raw("""
                UPDATE \(ident: M.schema) SET next_attempt_at = \(bind: started.addingTimeInterval(600)) WHERE id = \(bind: row.requireID())
                AND next_attempt_at <= \(bind: started) AND delivered_at IS NULL AND abandoned_at IS NULL RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            let failure = await send(row)
            let box = Box(row)
            try await db.transaction { tx in
                let row = box.row
                row.attempts += 1
                let settled = Settlement(failure, attempts: row.attempts, now: now())
                row.lastError = settled.lastError
                row.abandonedAt = settled.abandonedAt
                row.deliveredAt = settled.deliveredAt
                if let next = settled.nextAttemptAt { row.nextAttemptAt = next }
                try await settle(row, failure, tx)
                try await row.save(on: tx)
            }
            if failure == nil {
                summary.delivered += 1
                try await delivered(row)
            } else if row.abandonedAt != nil { summary.abandoned += 1 } else { summary.failed += 1 }
        }
        return summary
    }

    /// Carries a record into the settling transaction (records are classes Fluent does not mark Sendable).
    private final class Box<M>: @unchecked Sendable {
        let row: M
        init(_ row: M) { self.row = row }
    }
}
