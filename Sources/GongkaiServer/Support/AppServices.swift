import Foundation
import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// The services a running Gongkai keeps beside Vapor's: its settings, its clock and its metrics.
/// The clock is a value so that tests can move time (login locks, session expiry) without sleeping.
final class AppServices: @unchecked Sendable {
    let config: AppConfig
    let metrics: PrometheusCollectorRegistry
    /// Signs the public forms' arithmetic questions (RequestChallenge); new at every start, so a question is only
    /// good for the running process — a form left open across a restart is shown again with a new question.
    let formSecret: [UInt8] = (0..<32).map { _ in UInt8.random(in: 0...255) }
    /// The public forms' rate limits (per process: several instances each count their own).
    let limits = PublicFormLimits()
    private let lock = NIOLock()
    private var clock: @Sendable () -> Date = { Date() }

    init(config: AppConfig) {
        self.config = config
        self.metrics = PrometheusCollectorRegistry()
    }

    var now: Date { lock.withLock { clock }() }

    /// For tests: replace the clock.
    func setClock(_ clock: @escaping @Sendable () -> Date) {
        lock.withLock { self.clock = clock }
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = AppServices
    }

    var gongkai: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else {
                fatalError("configure(_:config:) has not been called on this application")
            }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var gongkai: AppServices { application.gongkai }
    var now: Date { application.gongkai.now }
    /// Today in China (the civil date the statutory periods count in).
    var today: CivilDate { ChineseTime.today(now) }
}
