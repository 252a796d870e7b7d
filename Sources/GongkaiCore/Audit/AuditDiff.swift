/// The "before → after" summary an audit event carries. Values are compared as displayed text, so the
/// summary reads the same in the back office and in an export.
public enum AuditDiff {
    public struct Change: Equatable, Sendable {
        public let field: String
        public let before: String?
        public let after: String?
    }

    /// Fields are given in display order as (label, value) pairs; a label missing on one side counts as empty.
    public static func changes(before: [(String, String)], after: [(String, String)]) -> [Change] {
        let old = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after, uniquingKeysWith: { first, _ in first })
        var labels: [String] = []
        for (label, _) in before + after where !labels.contains(label) {
            labels.append(label)
        }
        return labels.compactMap { label in
            let a = old[label], b = new[label]
            return (a ?? "") == (b ?? "") ? nil : Change(field: label, before: a, after: b)
        }
    }

    /// One line: "联系电话：0792-1 → 0792-2；办公地址：（空）→ 双钟镇". Long values are shortened.
    public static func summary(_ changes: [Change], limit: Int = 60) -> String {
        guard !changes.isEmpty else { return "无变化" }
        return changes.map { change in
            "\(change.field)：\(show(change.before, limit)) → \(show(change.after, limit))"
        }.joined(separator: "；")
    }

    private static func show(_ value: String?, _ limit: Int) -> String {
        guard let value, !value.isEmpty else { return "（空）" }
        return value.count > limit ? String(value.prefix(limit)) + "…" : value
    }
}
