import Foundation
import GongkaiCore

/// Whether a record was (or will be) published within the 公开时限 of each catalog entry it fulfils, counted from
/// its 形成或变更日期 on the working-day calendar. Computed from stored dates and today, never stored.
struct PublicationTimeliness: Sendable {
    struct Line: Sendable {
        let entry: String
        let timeLimit: String
        let result: Timeliness
    }

    let lines: [Line]

    /// The line that matters most: late before pending before on time.
    var headline: Timeliness? {
        lines.map(\.result).max { rank($0) < rank($1) }
    }

    var isLate: Bool { lines.contains { $0.result.isLate } }

    private func rank(_ t: Timeliness) -> Int {
        switch t {
        case .overdue: 5
        case .late: 4
        case .pending: 3
        case .onTime: 2
        case .notComputable: 1
        }
    }

    /// 解读材料 are due within 3 working days of the policy's publication (国办发〔2016〕19号, DOMAIN.md).
    static let interpretationRule = TimeLimitRule(text: "文件公开后3个工作日内", kind: .period, period: Period(3, .workingDays))

    /// - policyPublishedOn: for a 解读, the day its policy was published: the 解读 is then measured against it too.
    static func assess(version: PublicationVersionRecord, entries: [PublicationEntryRecord], policyPublishedOn: CivilDate? = nil,
                       today: CivilDate, calendar: WorkingCalendar) -> PublicationTimeliness {
        let published = [.published, .superseded, .withdrawn].contains(version.publicationStatus) ? version.publishedOn.flatMap(CivilDate.init) : nil
        let interpretation = policyPublishedOn.map { policy in
            Line(entry: "政策解读", timeLimit: interpretationRule.text,
                 result: Timeliness.assess(formedOn: policy, publishedOn: published, rule: interpretationRule, today: today, calendar: calendar))
        }
        guard let formed = version.formedOn.flatMap(CivilDate.init) else {
            return PublicationTimeliness(lines: entries.map { Line(entry: $0.label, timeLimit: $0.timeLimit, result: .notComputable) } + [interpretation].compactMap { $0 })
        }
        return PublicationTimeliness(lines: entries.map { entry in
            Line(entry: entry.label, timeLimit: entry.timeLimit,
                 result: Timeliness.assess(formedOn: formed, publishedOn: published, rule: TimeLimitParser.parse(entry.timeLimit),
                                           today: today, calendar: calendar))
        } + [interpretation].compactMap { $0 })
    }
}
