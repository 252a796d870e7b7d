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
    /// The address `serve` actually bound (its `--port`, or the one the system chose for port 0).
    private var bound: (host: String, port: Int)?

    init(config: AppConfig) {
        self.config = config
        self.metrics = PrometheusCollectorRegistry()
    }

    var now: Date { lock.withLock { clock }() }

    /// The address people should open, for start-up messages and every absolute link (feeds, the sitemap,
    /// webhook payloads, mails, the API): `GONGKAI_BASE_URL` when set, else the address the server bound, else
    /// the configured one (commands that do not serve).
    var publicBaseURL: String {
        if let base = config.baseURL { return base }
        let (host, port) = lock.withLock { bound } ?? (config.host, config.port)
        return "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)"
    }

    /// Records the address the server listens on, once it does.
    func didBind(host: String, port: Int) {
        lock.withLock { bound = (host, port) }
    }

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
