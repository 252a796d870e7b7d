/// The reply clock of an application for disclosure (依申请公开), with every segment kept.
///
/// - 第三十三条: reply within 20 working days of receipt; an extension of at most 20 more needs the head of the
///   disclosure office's consent and notice to the applicant; time spent consulting a third party or another
///   agency (第三十二条、第三十四条) is not counted — a pause.
/// - 第三十条: after a 补正 notice the period runs anew from the day the corrected application is received — a
///   restart; the segments before it are kept, marked as no longer counting.
public struct ReplyClock: Sendable, Equatable {
    public enum Event: Sendable, Equatable {
        /// Days from `from` through `to` are not counted (`to == nil`: still waiting, due date unknown).
        case pause(from: CivilDate, to: CivilDate?, reason: String)
        /// The clock starts again the day after `on` (补正 received).
        case restart(on: CivilDate, reason: String)
        /// More working days granted on `on` (延期答复).
        case extend(workingDays: Int, on: CivilDate, reason: String)

        var date: CivilDate {
            switch self {
            case .pause(let from, _, _): from
            case .restart(let on, _): on
            case .extend(_, let on, _): on
            }
        }
    }

    public struct Segment: Sendable, Equatable {
        public enum Kind: String, Sendable { case counting, paused, superseded }
        public var kind: Kind
        /// The first and last day of the segment (a counting segment starts the day after its clock start).
        public var from: CivilDate
        public var through: CivilDate
        public var workingDays: Int
        public var note: String
    }

    public struct Outcome: Sendable, Equatable {
        public var segments: [Segment]
        /// `nil` while paused with no end date.
        public var due: CivilDate?
        public var limit: Int
        public var unconfirmedYears: [Int]
        public var isPaused: Bool { due == nil }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case extensionTooLong(total: Int)
        case pauseEndsBeforeStart(CivilDate)
        case beforeReceipt(CivilDate)
        case outOfRange

        public var description: String {
            switch self {
            case .extensionTooLong(let total):
                "延长答复期限最长不得超过20个工作日（条例第三十三条），现累计延长\(total)个工作日。"
            case .pauseEndsBeforeStart(let date): "不计算期间的结束日期早于开始日期（\(date)）。"
            case .beforeReceipt(let date): "\(date) 早于收到申请之日。"
            case .outOfRange: "日期超出可计算的范围。"
            }
        }
    }

    public static let statutoryLimit = 20
    public static let maximumExtension = 20

    public var received: CivilDate
    public var limit: Int
    public var events: [Event]

    public init(received: CivilDate, limit: Int = ReplyClock.statutoryLimit, events: [Event] = []) {
        self.received = received
        self.limit = limit
        self.events = events
    }

    public func evaluate(in calendar: WorkingCalendar) throws(Failure) -> Outcome {
        let extension_ = events.reduce(0) { total, event in
            if case .extend(let days, _, _) = event { return total + days }
            return total
        }
        guard extension_ <= Self.maximumExtension else { throw .extensionTooLong(total: extension_) }
        for event in events where event.date < received { throw .beforeReceipt(event.date) }

        // The last restart decides where counting begins; everything before it is kept as superseded.
        var clockStart = received
        var segments: [Segment] = []
        let restarts = events.compactMap { event -> (CivilDate, String)? in
            if case .restart(let on, let reason) = event { return (on, reason) }
            return nil
        }.sorted { $0.0 < $1.0 }
        for (on, reason) in restarts {
            let used = calendar.workingDays(after: clockStart, through: on) ?? 0
            segments.append(Segment(kind: .superseded, from: clockStart.adding(days: 1), through: on, workingDays: used,
                                    note: "\(reason)（重新起算，此前\(used)个工作日不再计入）"))
            clockStart = on
        }

        var remaining = limit + extension_
        var cursor = clockStart
        let pauses = events.compactMap { event -> (CivilDate, CivilDate?, String)? in
            if case .pause(let from, let to, let reason) = event, from > clockStart { return (from, to, reason) }
            return nil
        }.sorted { $0.0 < $1.0 }
        for (from, to, reason) in pauses {
            if let to, to < from { throw .pauseEndsBeforeStart(to) }
            let beforePause = from.adding(days: -1)
            guard let available = calendar.workingDays(after: cursor, through: beforePause) else { throw .outOfRange }
            if available >= remaining { break }  // the period ran out before this pause began
            if beforePause > cursor {
                segments.append(Segment(kind: .counting, from: cursor.adding(days: 1), through: beforePause,
                                        workingDays: available, note: "计入答复期限"))
            }
            remaining -= available
            guard let to else {
                segments.append(Segment(kind: .paused, from: from, through: from, workingDays: 0,
                                        note: "\(reason)（不计入答复期限，尚未结束）"))
                return Outcome(segments: segments, due: nil, limit: limit + extension_,
                               unconfirmedYears: calendar.unconfirmedYears(from: received, to: from))
            }
            let paused = calendar.workingDays(after: beforePause, through: to) ?? 0
            segments.append(Segment(kind: .paused, from: from, through: to, workingDays: paused,
                                    note: "\(reason)（不计入答复期限）"))
            cursor = to
        }
        guard let due = calendar.addingWorkingDays(remaining, to: cursor) else { throw .outOfRange }
        segments.append(Segment(kind: .counting, from: cursor.adding(days: 1), through: due, workingDays: remaining,
                                note: "计入答复期限"))
        return Outcome(segments: segments, due: due, limit: limit + extension_,
                       unconfirmedYears: calendar.unconfirmedYears(from: received, to: due))
    }
}
