/// Table 四 of the annual report, 政府信息公开行政复议、行政诉讼情况 (国办公开办函〔2021〕30号, DOMAIN.md §3.1): the
/// cases brought against the agency's disclosure work in the year, by kind and result — 15 figures in one row.
public struct TableFour: Sendable, Equatable {
    /// 行政复议; 行政诉讼 未经复议直接起诉 / 复议后起诉.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case review
        case litigationDirect = "litigation-direct"
        case litigationAfterReview = "litigation-after-review"

        public var label: String {
            switch self {
            case .review: "行政复议"
            case .litigationDirect: "行政诉讼（未经复议直接起诉）"
            case .litigationAfterReview: "行政诉讼（复议后起诉）"
            }
        }
    }

    public enum Result: String, CaseIterable, Codable, Sendable {
        case upheld, corrected, other, pending

        public var label: String {
            switch self {
            case .upheld: "结果维持"
            case .corrected: "结果纠正"
            case .other: "其他结果"
            case .pending: "尚未审结"
            }
        }
    }

    public struct Case: Sendable, Equatable {
        public var kind: Kind
        public var filed: CivilDate
        public var result: Result
        /// When the result was decided (nil while pending).
        public var decided: CivilDate?

        public init(kind: Kind, filed: CivilDate, result: Result, decided: CivilDate? = nil) {
            self.kind = kind
            self.filed = filed
            self.result = result
            self.decided = decided
        }
    }

    public let year: Int
    public private(set) var counts: [Kind: [Result: Int]] = [:]

    /// Cases filed in the year; one decided after the year's end is 尚未审结 in that year's table.
    public init(year: Int, cases: [Case]) {
        self.year = year
        let last = CivilDate.lastDay(ofYear: year, month: 12)
        for c in cases where c.filed.year == year {
            let result = c.result != .pending && (c.decided.map { $0 <= last } ?? false) ? c.result : .pending
            counts[c.kind, default: [:]][result, default: 0] += 1
        }
    }

    public func count(_ kind: Kind, _ result: Result?) -> Int {
        let row = counts[kind] ?? [:]
        return result.map { row[$0] ?? 0 } ?? row.values.reduce(0, +)
    }

    /// The 15 figures in the table's order: for each kind 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    public var figures: [Int] {
        Kind.allCases.flatMap { kind in Result.allCases.map { count(kind, $0) } + [count(kind, nil)] }
    }
}
