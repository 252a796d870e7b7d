import Foundation

/// How repeated failed logins for one account name are slowed and then locked.
/// The server keeps the count; this decides what it means. Success resets the count.
public struct LoginThrottlePolicy: Sendable {
    /// Failures allowed before any waiting is imposed.
    public var freeFailures: Int
    /// Waits imposed after the 1st, 2nd … failure past `freeFailures`, in seconds; the last repeats.
    public var delays: [TimeInterval]
    /// Failures that lock the name.
    public var lockAfter: Int
    public var lockDuration: TimeInterval

    public init(freeFailures: Int = 2, delays: [TimeInterval] = [5, 30], lockAfter: Int = 5,
                lockDuration: TimeInterval = 15 * 60) {
        self.freeFailures = freeFailures
        self.delays = delays
        self.lockAfter = lockAfter
        self.lockDuration = lockDuration
    }

    public static let standard = LoginThrottlePolicy()

    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Too soon after the last failure: try again at this time.
        case wait(until: Date)
        case locked(until: Date)
    }

    /// Whether an attempt may be checked now, given the failures recorded so far.
    public func verdict(failures: Int, lastFailure: Date?, now: Date) -> Verdict {
        guard failures > 0, let lastFailure else { return .allowed }
        if failures >= lockAfter {
            let until = lastFailure.addingTimeInterval(lockDuration)
            return now < until ? .locked(until: until) : .allowed
        }
        guard failures > freeFailures, !delays.isEmpty else { return .allowed }
        let index = min(failures - freeFailures - 1, delays.count - 1)
        let until = lastFailure.addingTimeInterval(delays[index])
        return now < until ? .wait(until: until) : .allowed
    }

    /// The failure count to store after a failed attempt. A lock that has run out starts the count afresh.
    public func failuresAfterFailure(previous: Int, lastFailure: Date?, now: Date) -> Int {
        if previous >= lockAfter, let lastFailure, now >= lastFailure.addingTimeInterval(lockDuration) {
            return 1
        }
        return previous + 1
    }
}
