import Foundation
import NIOConcurrencyHelpers

/// A fixed-window counter per client address for public forms.
final class PublicFormLimiter: Sendable {
    private let counts = NIOLockedValueBox<[String: (start: Date, count: Int)]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, per window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    func allow(_ key: String, now: Date) -> Bool {
        counts.withLockedValue { table in
            if table.count > 10_000 { table = table.filter { now.timeIntervalSince($0.value.start) < window } }
            var entry = table[key] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            table[key] = entry
            return entry.count <= limit
        }
    }
}

/// The public forms' limits, one set per running application (so two apps in one process, as in the tests,
/// never share counts).
struct PublicFormLimits: Sendable {
    /// 依申请公开 applications: 5 an hour from one address.
    let requestForm = PublicFormLimiter(limit: 5, per: 3600)
    /// Tracking by code and letter downloads: 60 an hour from one address.
    let requestTracking = PublicFormLimiter(limit: 60, per: 3600)
    /// Subscriptions: 10 an hour from one address.
    let subscriptionForm = PublicFormLimiter(limit: 10, per: 3600)
}
