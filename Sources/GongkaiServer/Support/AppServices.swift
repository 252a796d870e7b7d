import Foundation
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// The services a running Gongkai keeps beside Vapor's: its settings, its clock and its metrics.
/// The clock is a value so that tests can move time (login locks, session expiry) without sleeping.
final class AppServices: @unchecked Sendable {
    let config: AppConfig
    let metrics: PrometheusCollectorRegistry
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
}
