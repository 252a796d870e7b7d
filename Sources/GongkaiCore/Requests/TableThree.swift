/// Table 三 of the annual report, 收到和处理政府信息公开申请情况 (国办公开办函〔2021〕30号, DOMAIN.md §3.1), counted
/// from the cases: rows 一 (new this year), 二 (carried over from last year), 三 (this year's results by outcome,
/// with （七）总计) and 四 (carried into next year), in columns by applicant type plus 总计.
public struct TableThree: Sendable, Equatable {
    /// What the table needs of one case.
    public struct Case: Sendable, Equatable {
        public var applicant: ApplicantType
        public var received: CivilDate
        /// nil while not yet replied.
        public var replied: CivilDate?
        public var outcome: RequestOutcome?

        public init(applicant: ApplicantType, received: CivilDate, replied: CivilDate? = nil, outcome: RequestOutcome? = nil) {
            self.applicant = applicant
            self.received = received
            self.replied = replied
            self.outcome = outcome
        }
    }

    public let year: Int
    public var newThisYear: [ApplicantType: Int] = [:]
    public var carriedIn: [ApplicantType: Int] = [:]
    public var results: [RequestOutcome: [ApplicantType: Int]] = [:]
    public var carriedOut: [ApplicantType: Int] = [:]

    /// A number of cases that fall in the same cell: one applicant type, received this year or carried in, and the
    /// result this year (nil: carried into next year).
    public struct Tally: Sendable, Equatable {
        public var applicant: ApplicantType
        public var carriedIn: Bool
        public var outcome: RequestOutcome?
        public var count: Int

        public init(applicant: ApplicantType, carriedIn: Bool, outcome: RequestOutcome?, count: Int) {
            self.applicant = applicant
            self.carriedIn = carriedIn
            self.outcome = outcome
            self.count = count
        }
    }

    /// Where one case falls in the year's table: nil when it is not in it (received after the year, or replied
    /// before it). Received before the year = 上年结转; replied by the year's end = a result, else 结转下年度.
    /// (`RequestReport.tallies` counts the same in SQL; a test checks the two agree.)
    public static func cell(of c: Case, year: Int) -> Tally? {
        let first = CivilDate.firstDay(ofYear: year), last = CivilDate.lastDay(ofYear: year, month: 12)
        guard c.received <= last, !(c.replied.map { $0 < first } ?? false) else { return nil }
        let outcome = c.replied.map { $0 <= last } == true ? c.outcome : nil
        return Tally(applicant: c.applicant, carriedIn: c.received < first, outcome: outcome, count: 1)
    }

    public init(year: Int, cases: [Case]) {
        self.init(year: year, tallies: cases.compactMap { Self.cell(of: $0, year: year) })
    }

    public init(year: Int, tallies: [Tally]) {
        self.year = year
        for t in tallies {
            if t.carriedIn { carriedIn[t.applicant, default: 0] += t.count } else { newThisYear[t.applicant, default: 0] += t.count }
            if let outcome = t.outcome { results[outcome, default: [:]][t.applicant, default: 0] += t.count } else { carriedOut[t.applicant, default: 0] += t.count }
        }
    }

    public func count(_ row: [ApplicantType: Int], _ column: ApplicantType?) -> Int {
        column.map { row[$0] ?? 0 } ?? row.values.reduce(0, +)
    }

    public func result(_ outcome: RequestOutcome, _ column: ApplicantType?) -> Int { count(results[outcome] ?? [:], column) }

    /// （七）总计 for a column (nil: the 总计 column).
    public func resultsTotal(_ column: ApplicantType?) -> Int { RequestOutcome.allCases.reduce(0) { $0 + result($1, column) } }

    /// 第一项加第二项之和，等于第三项加第四项之和 — for every column; the columns that do not add up (none, when
    /// the table was counted from the cases; the check guards hand-edited figures and future changes).
    public func unbalancedColumns() -> [ApplicantType?] {
        ([nil] + ApplicantType.allCases.map { Optional($0) }).filter { column in
            count(newThisYear, column) + count(carriedIn, column) != resultsTotal(column) + count(carriedOut, column)
        }
    }

    /// The rows as the table prints them: label and the seven figures (six columns and 总计); group labels of
    /// （三）（四）（五）（六）have no figures of their own in the 2021 format.
    public var rows: [(label: String, figures: [Int]?)] {
        func figures(_ value: (ApplicantType?) -> Int) -> [Int] { ApplicantType.allCases.map { value($0) } + [value(nil)] }
        var rows: [(String, [Int]?)] = [
            ("一、本年新收政府信息公开申请数量", figures { count(newThisYear, $0) }),
            ("二、上年结转政府信息公开申请数量", figures { count(carriedIn, $0) }),
            ("三、本年度办理结果", nil),
        ]
        for group in RequestOutcome.Group.allCases {
            let members = RequestOutcome.allCases.filter { $0.group == group }
            if members.count == 1, let only = members.first {
                rows.append((group.label, figures { result(only, $0) }))
            } else {
                rows.append((group.label, nil))
                for outcome in members { rows.append((outcome.label, figures { result(outcome, $0) })) }
            }
        }
        rows.append(("（七）总计", figures { resultsTotal($0) }))
        rows.append(("四、结转下年度继续办理", figures { count(carriedOut, $0) }))
        return rows
    }
}
