import Foundation
import Testing

@testable import GongkaiCore

@Suite("Login throttle")
struct LoginThrottleTests {
    let policy = LoginThrottlePolicy.standard
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("two failures are free, then waits grow, and the fifth locks for 15 minutes")
    func sequence() {
        #expect(policy.verdict(failures: 0, lastFailure: nil, now: t0) == .allowed)
        #expect(policy.verdict(failures: 2, lastFailure: t0, now: t0) == .allowed)
        #expect(policy.verdict(failures: 3, lastFailure: t0, now: t0) == .wait(until: t0 + 5))
        #expect(policy.verdict(failures: 3, lastFailure: t0, now: t0 + 5) == .allowed)
        #expect(policy.verdict(failures: 4, lastFailure: t0, now: t0 + 1) == .wait(until: t0 + 30))
        #expect(policy.verdict(failures: 5, lastFailure: t0, now: t0 + 899) == .locked(until: t0 + 900))
        #expect(policy.verdict(failures: 5, lastFailure: t0, now: t0 + 900) == .allowed)
    }

    @Test("a failure after an expired lock starts the count again")
    func afterLock() {
        #expect(policy.failuresAfterFailure(previous: 2, lastFailure: t0, now: t0) == 3)
        #expect(policy.failuresAfterFailure(previous: 5, lastFailure: t0, now: t0 + 901) == 1)
    }
}
