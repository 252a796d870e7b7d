import Foundation
import GongkaiCore
import GongkaiInterchange
import Logging

/// Every setting Gongkai reads from the environment, with its default. This is the only place that reads the
/// environment; a bad value is reported together with every other bad value, then start-up stops.
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var dataDirectory: String = "./gongkai-data"
    public var database: Database = .sqlite(path: "./gongkai-data/gongkai.sqlite")
    public var baseURL: String?
    /// Name of the site `gongkai setup` creates when none is given.
    public var siteName: String?
    public var logLevel: Logger.Level = .info
    /// `text` for people at a terminal, `json` for log collectors.
    public var logFormat: LogFormat = .text
    /// Load the demo counties into an empty database on `serve` (GONGKAI_DEMO=0 turns it off).
    public var demoEnabled = true
    /// bcrypt cost; tests lower it so that hashing does not dominate the suite.
    public var passwordCost = 12

    /// Reverse proxies whose `X-Forwarded-For` is believed (GONGKAI_TRUSTED_PROXIES, addresses or ranges).
    /// Without one, the client is the peer of the connection, whatever the request says.
    public var trustedProxies: [AddressRange] = []
    /// `/metrics` answers loopback peers, and others only with `Authorization: Bearer` this token
    /// (GONGKAI_METRICS_TOKEN).
    public var metricsToken: String?

    public enum LogFormat: String, Sendable { case text, json }

    /// The relay that e-mail subscriptions go through (GONGKAI_SMTP_HOST …); without it, only webhooks and feeds.
    public var smtp: SMTPSettings?

    public struct SMTPSettings: Sendable, Equatable {
        public var host: String
        public var port: Int = 25
        /// The sender address, e.g. gongkai@hukou.gov.cn.
        public var from: String
        /// Shown as the sender's name.
        public var fromName: String = "政府信息公开平台"
        public var username: String?
        public var password: String?
        /// The name this server gives in EHLO.
        public var heloName: String = "localhost"

        public init(host: String, port: Int = 25, from: String) {
            self.host = host
            self.port = port
            self.from = from
        }
    }

    public init() {}

    public var filesDirectory: String { dataDirectory + "/files" }

    public struct Problems: Error, CustomStringConvertible {
        public let messages: [String]
        public var description: String {
            "配置有误，无法启动：\n" + messages.map { "  - " + $0 }.joined(separator: "\n")
        }
    }

    /// Reads the settings from an environment dictionary (normally `ProcessInfo.processInfo.environment`).
    public static func load(from env: [String: String]) throws(Problems) -> AppConfig {
        var config = AppConfig()
        var problems: [String] = []

        if let host = env["GONGKAI_HOST"], !host.isEmpty { config.host = host }
        if let port = env["GONGKAI_PORT"], !port.isEmpty {
            if let value = Int(port), (1...65535).contains(value) {
                config.port = value
            } else {
                problems.append("GONGKAI_PORT=\(port)：端口应为1到65535之间的整数。")
            }
        }
        if let dir = env["GONGKAI_DATA_DIR"] {
            if dir.isEmpty {
                problems.append("GONGKAI_DATA_DIR 为空：请给出数据目录，或者删去这个变量以使用 ./gongkai-data。")
            } else {
                config.dataDirectory = dir
            }
        }
        config.database = .sqlite(path: config.dataDirectory + "/gongkai.sqlite")
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if let parsed = URL(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
                parsed.host?.isEmpty == false
            {
                config.database = .postgres(url: url)
            } else {
                // Never echo the URL: it may hold a password.
                problems.append("DATABASE_URL 格式不正确：应为 postgres://用户名:密码@主机:端口/数据库名。")
            }
        }
        if let base = env["GONGKAI_BASE_URL"], !base.isEmpty {
            if let parsed = URL(string: base), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
            } else {
                problems.append("GONGKAI_BASE_URL=\(base)：应为以 http:// 或 https:// 开头的网址，例如 https://gk.example.gov.cn。")
            }
        }
        if let name = env["GONGKAI_SITE_NAME"], !name.isEmpty { config.siteName = name }
        if let level = env["LOG_LEVEL"], !level.isEmpty {
            if let value = Logger.Level(rawValue: level.lowercased()) {
                config.logLevel = value
            } else {
                problems.append("LOG_LEVEL=\(level)：应为 trace、debug、info、notice、warning、error 或 critical。")
            }
        }
        if let format = env["GONGKAI_LOG_FORMAT"], !format.isEmpty {
            if let value = LogFormat(rawValue: format.lowercased()) {
                config.logFormat = value
            } else {
                problems.append("GONGKAI_LOG_FORMAT=\(format)：应为 text 或 json。")
            }
        }
        if let demo = env["GONGKAI_DEMO"], !demo.isEmpty {
            switch demo.lowercased() {
            case "0", "false", "no", "off": config.demoEnabled = false
            case "1", "true", "yes", "on": config.demoEnabled = true
            default: problems.append("GONGKAI_DEMO=\(demo)：应为 1（加载示例数据）或 0（不加载）。")
            }
        }
        if let host = env["GONGKAI_SMTP_HOST"], !host.isEmpty {
            let from = env["GONGKAI_SMTP_FROM"] ?? ""
            var smtp = SMTPSettings(host: host, from: from)
            if !MailMessage.isPlausibleAddress(from) {
                problems.append("GONGKAI_SMTP_FROM=\(from)：配置了邮件服务器时须给出发件地址，例如 gongkai@example.gov.cn。")
            }
            if let port = env["GONGKAI_SMTP_PORT"], !port.isEmpty {
                if let value = Int(port), (1...65535).contains(value) { smtp.port = value } else {
                    problems.append("GONGKAI_SMTP_PORT=\(port)：端口应为1到65535之间的整数。")
                }
            }
            if let name = env["GONGKAI_SMTP_FROM_NAME"], !name.isEmpty { smtp.fromName = name }
            if let user = env["GONGKAI_SMTP_USER"], !user.isEmpty {
                smtp.username = user
                smtp.password = env["GONGKAI_SMTP_PASSWORD"] ?? ""
            }
            if let helo = env["GONGKAI_SMTP_HELO"], !helo.isEmpty { smtp.heloName = helo }
            config.smtp = smtp
        }
        if let proxies = env["GONGKAI_TRUSTED_PROXIES"], !proxies.isEmpty {
            for item in proxies.split(whereSeparator: { $0 == "," || $0 == " " }) {
                if let range = AddressRange(String(item)) {
                    config.trustedProxies.append(range)
                } else {
                    problems.append("GONGKAI_TRUSTED_PROXIES 中的“\(item)”不是IP地址或网段（如 10.0.0.5 或 10.0.0.0/24）。")
                }
            }
        }
        if let token = env["GONGKAI_METRICS_TOKEN"], !token.isEmpty {
            if token.count >= 16 { config.metricsToken = token } else {
                problems.append("GONGKAI_METRICS_TOKEN 太短：至少16个字符。")
            }
        }
        guard problems.isEmpty else { throw Problems(messages: problems) }
        return config
    }
}
