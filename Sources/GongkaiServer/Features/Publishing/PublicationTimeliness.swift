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

    static func assess(version: PublicationVersionRecord, entries: [PublicationEntryRecord], today: CivilDate,
                       calendar: WorkingCalendar) -> PublicationTimeliness {
        guard let formed = version.formedOn.flatMap(CivilDate.init) else {
            return PublicationTimeliness(lines: entries.map { Line(entry: $0.label, timeLimit: $0.timeLimit, result: .notComputable) })
        }
        let published = [.published, .superseded, .withdrawn].contains(version.publicationStatus) ? version.publishedOn.flatMap(CivilDate.init) : nil
        return PublicationTimeliness(lines: entries.map { entry in
            Line(entry: entry.label, timeLimit: entry.timeLimit,
                 result: Timeliness.assess(formedOn: formed, publishedOn: published, rule: TimeLimitParser.parse(entry.timeLimit),
                                           today: today, calendar: calendar))
        })
    }
}
