/// What a responsible unit reports about an item (or one domain group of it).
public enum ReportedStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case completed

    public var label: String {
        switch self {
        case .notStarted: "未开始"
        case .inProgress: "进行中"
        case .completed: "已完成"
        }
    }

    public init?(label: String) {
        guard let s = Self.allCases.first(where: { $0.label == label || $0.rawValue == label }) else { return nil }
        self = s
    }
}

/// The guiding unit's word on a completion.
public enum Acceptance: String, Codable, Sendable {
    case pending
    case accepted
    case returned

    public var label: String {
        switch self {
        case .pending: "待验收"
        case .accepted: "已验收"
        case .returned: "已退回"
        }
    }
}

/// The current state of one progress line: one unit's part of one item (or of one domain group of it).
public struct ProgressState: Hashable, Sendable {
    public var reported: ReportedStatus
    public var percent: Int
    public var acceptance: Acceptance
    /// The day the completion was reported (it starts "after completion" deadlines).
    public var completedOn: CivilDate?

    public init(reported: ReportedStatus = .notStarted, percent: Int = 0, acceptance: Acceptance = .pending,
                completedOn: CivilDate? = nil) {
        self.reported = reported
        self.percent = percent
        self.acceptance = acceptance
        self.completedOn = completedOn
    }

    public static let initial = ProgressState()

    /// Done for deadline purposes: reported complete and not sent back.
    public var isDone: Bool { reported == .completed && acceptance != .returned }
}

/// The status shown for a line. 已逾期 is computed from the deadline and today, never chosen.
public enum LineStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case completed
    case overdue

    public var label: String {
        switch self {
        case .notStarted: "未开始"
        case .inProgress: "进行中"
        case .completed: "已完成"
        case .overdue: "已逾期"
        }
    }
}

/// What the supervisor must be told about a line.
public enum ScheduleAlert: String, CaseIterable, Codable, Sendable, Comparable {
    /// Overdue and nothing reported at all: the worst case, listed first.
    case overdueNotStarted = "overdue-not-started"
    case overdue
    /// Due within `ScheduleRules.dueSoonWorkingDays` working days.
    case dueSoon = "due-soon"

    public var label: String {
        switch self {
        case .overdueNotStarted: "逾期未启动"
        case .overdue: "已逾期"
        case .dueSoon: "即将到期"
        }
    }

    public static func < (a: ScheduleAlert, b: ScheduleAlert) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A report a unit makes, checked before it is stored.
public struct ProgressReport: Hashable, Sendable {
    public var status: ReportedStatus
    public var percent: Int?
    public var note: String
    public var evidenceCount: Int

    public init(status: ReportedStatus, percent: Int?, note: String, evidenceCount: Int = 0) {
        self.status = status
        self.percent = percent
        self.note = note
        self.evidenceCount = evidenceCount
    }
}

/// The rules of the rollout schedule, in one place.
public enum ScheduleRules {
    /// "Due soon" means within this many working days (issue 5).
    public static let dueSoonWorkingDays = 5

    public static func status(_ state: ProgressState, due: CivilDate?, today: CivilDate) -> LineStatus {
        if state.isDone { return .completed }
        if let due, today > due { return .overdue }
        return state.reported == .completed || state.reported == .inProgress ? .inProgress : .notStarted
    }

    public static func alert(_ state: ProgressState, due: CivilDate?, today: CivilDate, calendar: WorkingCalendar) -> ScheduleAlert? {
        alert(state, due: due, today: today, dueSoonUntil: dueSoonUntil(today: today, calendar: calendar))
    }

    /// The last due date that counts as "due soon" today. Computed once for a whole plan.
    public static func dueSoonUntil(today: CivilDate, calendar: WorkingCalendar) -> CivilDate {
        // Outside the calendar's range (never in practice) a week stands in for five working days.
        calendar.addingWorkingDays(dueSoonWorkingDays, to: today) ?? today.adding(days: 7)
    }

    public static func alert(_ state: ProgressState, due: CivilDate?, today: CivilDate, dueSoonUntil: CivilDate) -> ScheduleAlert? {
        guard !state.isDone, let due else { return nil }
        if today > due { return state.reported == .notStarted && state.percent == 0 ? .overdueNotStarted : .overdue }
        return due <= dueSoonUntil ? .dueSoon : nil
    }

    /// An item is completed when every line of it is done; the date is the last line's completion.
    public static func completion(of lines: [ProgressState]) -> CivilDate? {
        guard !lines.isEmpty, lines.allSatisfy(\.isDone) else { return nil }
        return lines.compactMap(\.completedOn).max()
    }

    /// The percent a line counts for in roll-ups.
    public static func percent(_ state: ProgressState) -> Int {
        state.isDone ? 100 : min(max(state.percent, 0), 99)
    }

    /// Checks a report; on success gives the state it leads to. A completed and accepted line is final.
    public static func apply(_ report: ProgressReport, to state: ProgressState, on day: CivilDate)
        -> Result<ProgressState, ValidationErrors> {
        var errors = ValidationErrors()
        if state.acceptance == .accepted && state.reported == .completed {
            errors.add("status", "该事项已由指导单位验收，不能再修改进度。")
            return .failure(errors)
        }
        let note = report.note.trimmingCharacters(in: .whitespacesAndNewlines)
        var percent = report.percent ?? 0
        switch report.status {
        case .notStarted:
            if let p = report.percent, p != 0 { errors.add("percent", "状态为“未开始”时完成比例应为0%。") }
            percent = 0
        case .inProgress:
            if let p = report.percent, !(0...99).contains(p) { errors.add("percent", "“进行中”的完成比例应在0%到99%之间（读到：\(p)%）。") }
            if report.percent == nil { errors.add("percent", "请填写完成比例（0到99之间的整数）。") }
        case .completed:
            if let p = report.percent, p != 100 { errors.add("percent", "状态为“已完成”时完成比例应为100%。") }
            percent = 100
            if note.isEmpty && report.evidenceCount == 0 {
                errors.add("note", "报告完成时请说明完成情况，或附上佐证材料。")
            }
        }
        if note.count > 2000 { errors.add("note", "说明不能超过2000字（现有\(note.count)字）。") }
        guard errors.isEmpty else { return .failure(errors) }
        var next = state
        next.reported = report.status
        next.percent = percent
        next.acceptance = .pending
        // A repeated "已完成" (adding evidence) keeps the day the work was first reported done.
        next.completedOn = report.status == .completed ? (state.isDone ? state.completedOn ?? day : day) : nil
        return .success(next)
    }

    /// The guiding unit accepts a completion, or returns it with a comment.
    public static func review(accept: Bool, comment: String, state: ProgressState) -> Result<ProgressState, ValidationErrors> {
        var errors = ValidationErrors()
        guard state.reported == .completed, state.acceptance == .pending else {
            errors.add("decision", state.acceptance == .accepted ? "该事项已经验收。"
                       : "只有报告“已完成”且尚未验收的事项可以验收或退回。")
            return .failure(errors)
        }
        if !accept && comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add("comment", "退回时请写明意见，让责任单位知道要补充什么。")
            return .failure(errors)
        }
        var next = state
        next.acceptance = accept ? .accepted : .returned
        return .success(next)
    }
}

/// Progress rolled up over lines (an item, a task, a unit, the plan).
public struct ProgressRollup: Hashable, Sendable {
    public var counts: [LineStatus: Int] = [:]
    public var alerts: [ScheduleAlert: Int] = [:]
    public var accepted = 0
    public var awaitingAcceptance = 0
    public var lines = 0
    private var percentSum = 0

    public init() {}

    public mutating func add(_ state: ProgressState, status: LineStatus, alert: ScheduleAlert?) {
        lines += 1
        counts[status, default: 0] += 1
        if let alert { alerts[alert, default: 0] += 1 }
        if state.isDone && state.acceptance == .accepted { accepted += 1 }
        if state.isDone && state.acceptance == .pending { awaitingAcceptance += 1 }
        percentSum += ScheduleRules.percent(state)
    }

    public mutating func merge(_ other: ProgressRollup) {
        lines += other.lines
        percentSum += other.percentSum
        accepted += other.accepted
        awaitingAcceptance += other.awaitingAcceptance
        for (k, v) in other.counts { counts[k, default: 0] += v }
        for (k, v) in other.alerts { alerts[k, default: 0] += v }
    }

    /// The mean percent over lines, 0 when there are none.
    public var percent: Int { lines == 0 ? 0 : percentSum / lines }

    public func count(_ status: LineStatus) -> Int { counts[status] ?? 0 }

    public var overdue: Int { count(.overdue) }
}

import Foundation
