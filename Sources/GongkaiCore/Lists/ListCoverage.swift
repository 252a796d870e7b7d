/// Which 清单 rows a catalog does not yet cover. A unit compiles its 标准目录 "结合权责清单和公共服务事项清单"
/// (武定 附件1 (1)): each 职权 or 服务 it publishes should become a catalog 事项. A row counts as covered when an
/// entry's 一级, 二级 or 三级事项 names it, or is named by it ("食品经营许可" covers the row "食品经营许可办理"; the
/// 一级事项 "最低生活保障" covers "最低生活保障金给付").
public enum ListCoverage {
    public struct Entry: Sendable {
        public var level1: String
        public var level2: String
        public var level3: String
        public init(level1: String = "", level2: String, level3: String) {
            self.level1 = level1
            self.level2 = level2
            self.level3 = level3
        }
    }

    public static func uncovered(_ rows: [DutyListRow], by entries: [Entry]) -> [DutyListRow] {
        let names = Set(entries.flatMap { [compact($0.level1), compact($0.level2), compact($0.level3)] }.filter { $0.count >= 2 })
        var seen = Set<String>()
        return rows.filter { row in
            let name = compact(row.name)
            guard !name.isEmpty, seen.insert(name).inserted else { return false }
            return !names.contains { $0.contains(name) || name.contains($0) }
        }
    }

    static func compact(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}
