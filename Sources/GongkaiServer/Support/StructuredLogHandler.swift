import Foundation
import Logging

/// One line per event with its metadata as key=value pairs (text) or as a JSON object (json), so that logs
/// can be grepped at a terminal or shipped to a collector.
struct StructuredLogHandler: LogHandler {
    let label: String
    let format: AppConfig.LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, format: AppConfig.LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data((line(event) + "\n").utf8))
    }

    /// The event as one line in the configured format.
    func line(_ event: LogEvent) -> String {
        var fields = metadata.merging(event.metadata ?? [:]) { _, new in new }
        fields["logger"] = .string(label)
        let time = ISO8601DateFormatter().string(from: Date())
        switch format {
        case .json:
            var object: [String: Any] = ["ts": time, "level": event.level.rawValue, "msg": event.message.description]
            for (key, value) in fields { object[key] = Self.jsonValue(value) }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .text:
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value.description))" }
            return ([time, event.level.rawValue.uppercased(), Self.quote(event.message.description)] + pairs).joined(separator: " ")
        }
    }

    /// Numbers logged as numbers (`.stringConvertible(200)`) stay numbers in JSON, so a log system can sum and
    /// compare them; everything else is its text.
    static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .stringConvertible(let number as Int): number
        case .stringConvertible(let number as UInt): number
        case .stringConvertible(let number as Double): number.isFinite ? number : value.description
        default: value.description
        }
    }

    static func quote(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : text
    }
}
