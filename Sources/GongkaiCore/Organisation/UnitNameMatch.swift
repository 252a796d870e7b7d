/// Finding a unit by the name a person or a document uses: its full name (湖口县民政局), its short name
/// within a site (县民政局) or one of its aliases (县政务服务局 for 县政务服务管理局).
public enum UnitNameMatch {
    public struct Candidate<ID: Hashable & Sendable>: Sendable {
        public let id: ID
        public let name: String
        public let shortName: String
        public let aliases: [String]
        public let siteName: String

        public init(id: ID, name: String, shortName: String, aliases: [String], siteName: String) {
            self.id = id
            self.name = name
            self.shortName = shortName
            self.aliases = aliases
            self.siteName = siteName
        }
    }

    public enum Outcome<ID: Hashable & Sendable>: Sendable {
        case found(Candidate<ID>)
        case notFound(suggestions: [Candidate<ID>])
        case ambiguous([Candidate<ID>])
    }

    /// An exact full name wins; otherwise short names and aliases are tried. Suggestions for a miss are the
    /// units whose names contain the text or are contained in it.
    public static func find<ID>(_ text: String, in candidates: [Candidate<ID>]) -> Outcome<ID> {
        let name = text.trimmingCharacters(in: .whitespaces)
        let exact = candidates.filter { $0.name == name }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let short = candidates.filter { $0.shortName == name || $0.aliases.contains(name) }
        if short.count == 1 { return .found(short[0]) }
        if short.count > 1 { return .ambiguous(short) }
        let near = candidates.filter { !name.isEmpty && ($0.name.contains(name) || name.contains($0.shortName)) }
        return .notFound(suggestions: Array(near.prefix(8)))
    }
}

import Foundation
