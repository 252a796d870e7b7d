import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import NIOConcurrencyHelpers
import Vapor

/// The working-day calendar in use: the bundled 2020–2026 notices, overlaid year by year with what the admin
/// entered. Built once and rebuilt only when `calendar_years` has changed (every change adds a row, so the row
/// count is a revision number that every instance sharing the database sees).
package final class CalendarService: @unchecked Sendable {
    struct YearSource: Sendable {
        enum Origin: Sendable { case bundled, entered(UUID) }
        let origin: Origin
        let label: String
        let enteredAt: Date?
        let enteredBy: String?
    }

    struct Snapshot: Sendable {
        let calendar: WorkingCalendar
        let sources: [Int: YearSource]
    }

    let bundled: [CalendarYearDefinition]
    private let lock = NIOLock()
    private var cached: (revision: Int, snapshot: Snapshot)?

    init(bundled: [CalendarYearDefinition]) {
        self.bundled = bundled
    }

    package func calendar(on db: any Database) async throws -> WorkingCalendar {
        try await snapshot(on: db).calendar
    }

    func snapshot(on db: any Database) async throws -> Snapshot {
        let revision = try await CalendarYearRecord.query(on: db).count()
        if let cached = lock.withLock({ cached }), cached.revision == revision { return cached.snapshot }
        let records = try await CalendarYearRecord.query(on: db).filter(\.$supersededAt == nil).all()
        var definitions: [Int: CalendarYearDefinition] = [:]
        var sources: [Int: YearSource] = [:]
        for definition in bundled {
            definitions[definition.year] = definition
            sources[definition.year] = YearSource(origin: .bundled, label: "随程序提供", enteredAt: nil, enteredBy: nil)
        }
        for record in records {
            guard let definition = try? HolidayNoticeFile.parse(record.definitionCSV).first else { continue }
            definitions[record.year] = definition
            sources[record.year] = YearSource(origin: .entered(try record.requireID()), label: record.sourceLabel,
                                              enteredAt: record.createdAt, enteredBy: record.createdByLabel)
        }
        let snapshot = Snapshot(calendar: WorkingCalendar(definitions: Array(definitions.values)), sources: sources)
        lock.withLock { cached = (revision, snapshot) }
        return snapshot
    }

    /// Saves a year (new or corrected) with its audit event, in one transaction. The previous version stays,
    /// marked superseded. Returns the audit summary.
    @discardableResult
    func save(_ definition: CalendarYearDefinition, source: CalendarYearRecord.Source, actor: AuditActor,
              on db: any Database, now: Date) async throws -> String {
        let previous = try await snapshot(on: db).calendar.definitions[definition.year]
        let summary = Self.changeSummary(from: previous, to: definition)
        let record = CalendarYearRecord()
        record.year = definition.year
        record.noticeNumber = definition.noticeNumbers
        record.definitionCSV = HolidayNoticeFile.serialise([definition])
        record.source = source.rawValue
        record.createdAt = now
        record.createdByUserID = actor.userID
        record.createdByLabel = actor.label
        let year = definition.year
        try await db.transaction { tx in
            for old in try await CalendarYearRecord.query(on: tx).filter(\.$year == year).filter(\.$supersededAt == nil).all() {
                old.supersededAt = now
                try await old.save(on: tx)
            }
            try await record.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, siteID: nil, action: "calendar.year.save",
                target: .init(type: "calendar", id: String(year), label: "\(year)年节假日安排"),
                before: previous.map(Self.auditFields) ?? [], after: Self.auditFields(definition),
                summary: summary, at: now, deploymentWide: true)
        }
        return summary
    }

    static func auditFields(_ definition: CalendarYearDefinition) -> [(String, String)] {
        let days = definition.specialDays
        func list(_ kind: DayKind) -> String {
            days.filter { $0.value == kind }.keys.sorted().map(\.description).joined(separator: " ")
        }
        return [("通知文号", definition.noticeNumbers), ("放假日期", list(.holiday)), ("调休上班日期", list(.makeupWorkday))]
    }

    /// "2027年：新增节假日安排（国办发明电〔2026〕9号），放假12天，调休上班4天" or, for a correction, the dates that changed.
    static func changeSummary(from old: CalendarYearDefinition?, to new: CalendarYearDefinition) -> String {
        let number = new.noticeNumbers.isEmpty ? "" : "（\(new.noticeNumbers)）"
        guard let old else {
            return "\(new.year)年：新增节假日安排\(number)，放假\(new.holidayCount)天，调休上班\(new.makeupWorkdayCount)天"
        }
        let before = old.specialDays, after = new.specialDays
        var changes: [String] = []
        for date in Set(before.keys).union(after.keys).sorted() where before[date] != after[date] {
            let was = before[date]?.label ?? (date.isWeekend ? "休息日" : "工作日")
            let now = after[date]?.label ?? (date.isWeekend ? "休息日" : "工作日")
            changes.append("\(date) \(was)→\(now)")
        }
        let detail = changes.isEmpty ? "日期无变化" : changes.prefix(12).joined(separator: "；")
            + (changes.count > 12 ? "；等\(changes.count)处" : "")
        return "\(new.year)年：更正节假日安排\(number)，\(detail)"
    }
}

extension Application {
    private struct CalendarKey: StorageKey { typealias Value = CalendarService }

    /// Loaded at configure time: a damaged bundled file stops the start, it is never silently empty.
    package var calendarService: CalendarService {
        get {
            guard let service = storage[CalendarKey.self] else { fatalError("configure(_:config:) has not been called") }
            return service
        }
        set { storage[CalendarKey.self] = newValue }
    }
}

extension Request {
    var calendarService: CalendarService { application.calendarService }
}
