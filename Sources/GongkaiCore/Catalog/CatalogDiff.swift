/// What changed between two versions of a catalog, entry by entry (matched by 一级/二级/三级事项) and field by field.
public enum CatalogDiff {
    public enum Change: Equatable, Sendable {
        case added(CatalogEntry)
        case removed(CatalogEntry)
        case changed(key: String, fields: [FieldChange])
    }

    public struct FieldChange: Equatable, Sendable {
        public let label: String
        public let old: String
        public let new: String

        public init(label: String, old: String, new: String) {
            self.label = label
            self.old = old
            self.new = new
        }
    }

    public static func compare(_ old: [CatalogEntry], _ new: [CatalogEntry]) -> [Change] {
        var oldByKey: [String: CatalogEntry] = [:]
        for entry in old where oldByKey[entry.key] == nil { oldByKey[entry.key] = entry }
        let newKeys = Set(new.map(\.key))
        var changes: [Change] = []
        for entry in new {
            if let before = oldByKey[entry.key] {
                let fields = fieldChanges(before, entry)
                if !fields.isEmpty { changes.append(.changed(key: entry.key, fields: fields)) }
            } else {
                changes.append(.added(entry))
            }
        }
        for entry in old where !newKeys.contains(entry.key) { changes.append(.removed(entry)) }
        return changes
    }

    /// The fields as people read them, in template order.
    public static func displayFields(_ e: CatalogEntry) -> [(String, String)] {
        [
            ("公开内容（要素）", e.content), ("公开依据", e.basis), ("公开时限", e.timeLimit.text), ("公开主体", e.body),
            ("公开渠道和载体", channelText(e.channels)), ("公开对象", e.audience.label), ("公开方式", e.methods.label),
            ("公开层级", e.levels.sorted().map(\.label).joined(separator: "、")),
        ]
    }

    static func channelText(_ c: ChannelSelection) -> String {
        (c.required.map { "■" + c.name($0) } + c.others).joined(separator: "、")
    }

    public static func fieldChanges(_ a: CatalogEntry, _ b: CatalogEntry) -> [FieldChange] {
        zip(displayFields(a), displayFields(b)).compactMap { x, y in
            x.1 == y.1 ? nil : FieldChange(label: x.0, old: x.1, new: y.1)
        }
    }
}
