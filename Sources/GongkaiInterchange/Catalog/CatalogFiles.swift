import Foundation
import GongkaiCore

/// One catalog entry as JSON (export files and the API): every field as written, the lists split from it, and
/// the parsed 公开时限 rule.
public struct CatalogEntryJSON: Codable, Sendable, Equatable {
    public struct Reference: Codable, Sendable, Equatable {
        public var title: String?
        public var documentNumber: String?
    }

    /// Set in API answers that list entries of several catalogs.
    public var catalogID: UUID?
    public var number: String
    public var level1: String
    public var level2: String
    public var level3: String
    public var content: String
    public var elements: [String]
    public var basis: String
    public var references: [Reference]
    public var timeLimit: String
    public var timeLimitRule: TimeLimitRule
    public var body: String
    public var bodies: [String]
    public var channelsRequired: [String]
    public var channelsOptional: [String]
    public var channelsOther: [String]
    public var audienceEveryone: Bool
    public var audienceGroup: String?
    public var proactive: Bool
    public var onRequest: Bool
    public var levels: [String]

    public init(_ e: CatalogEntry, catalogID: UUID? = nil) {
        self.catalogID = catalogID
        number = e.number
        level1 = e.level1
        level2 = e.level2
        level3 = e.level3
        content = e.content
        elements = e.elements
        basis = e.basis
        references = e.references.map { Reference(title: $0.title, documentNumber: $0.documentNumber) }
        timeLimit = e.timeLimit.text
        timeLimitRule = e.timeLimit
        body = e.body
        bodies = e.bodies
        channelsRequired = e.channels.required.map(e.channels.name)
        channelsOptional = e.channels.optional.map(e.channels.name)
        channelsOther = e.channels.others
        audienceEveryone = e.audience.everyone
        audienceGroup = e.audience.specificGroup
        proactive = e.methods.proactive
        onRequest = e.methods.onRequest
        levels = e.levels.sorted().map(\.label)
    }

    /// The entry back from its JSON (labels → channels and levels).
    public var entry: CatalogEntry {
        var written: [DisclosureChannel: String] = [:]
        func channels(_ labels: [String]) -> [DisclosureChannel] {
            labels.compactMap { label in
                let channel = DisclosureChannel(name: label)
                if let channel, label != channel.label { written[channel] = label }
                return channel
            }
        }
        let required = channels(channelsRequired), optional = channels(channelsOptional)
        return CatalogEntry(
            number: number, level1: level1, level2: level2, level3: level3, content: content, basis: basis,
            timeLimit: timeLimit, body: body,
            channels: ChannelSelection(required: required, optional: optional, others: channelsOther, writtenNames: written),
            audience: Audience(everyone: audienceEveryone, specificGroup: audienceGroup),
            methods: DisclosureMethods(proactive: proactive, onRequest: onRequest),
            levels: Set(levels.compactMap { CatalogLevel.parse($0) }.flatMap { $0 }))
    }
}

/// A whole catalog as an export file (JSON): who, which domain and level, which version, and every entry.
public struct CatalogFileJSON: Codable, Sendable {
    public var title: String
    public var unit: String
    public var domain: String
    public var level: String
    public var version: Int?
    public var status: String
    public var publishedAt: Date?
    public var entries: [CatalogEntryJSON]

    public init(title: String, unit: String, domain: String, level: CatalogLevel, version: Int?, status: String,
                publishedAt: Date?, entries: [CatalogEntry]) {
        self.title = title
        self.unit = unit
        self.domain = domain
        self.level = level.label
        self.version = version
        self.status = status
        self.publishedAt = publishedAt
        self.entries = entries.map { CatalogEntryJSON($0) }
    }

    public static func encode(_ files: [CatalogFileJSON]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(files.count == 1 ? AnyEncodable(files[0]) : AnyEncodable(files))
    }

    private struct AnyEncodable: Encodable {
        let value: any Encodable
        init(_ value: any Encodable) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }
}

/// A catalog as CSV: one line per entry, for people who sort and filter in a spreadsheet.
public enum CatalogCSV {
    public static let header = [
        "单位", "领域", "序号", "一级事项", "二级事项", "三级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
        "公开渠道和载体（必选）", "公开渠道和载体（可选）", "其他渠道", "公开对象", "公开方式", "公开层级",
    ]

    public static func text(_ catalogs: [(unit: String, domain: String, entries: [CatalogEntry])]) -> String {
        var csv = CSVWriter(excelFriendly: true)
        csv.append(header)
        for catalog in catalogs {
            for e in catalog.entries {
                csv.append([
                    catalog.unit, catalog.domain, e.number, e.level1, e.level2, e.level3, e.content, e.basis, e.timeLimit.text, e.body,
                    e.channels.required.map(e.channels.name).joined(separator: "、"), e.channels.optional.map(e.channels.name).joined(separator: "、"),
                    e.channels.others.joined(separator: "、"), e.audience.label, e.methods.label,
                    e.levels.sorted().map(\.label).joined(separator: "、"),
                ])
            }
        }
        return csv.text
    }
}
