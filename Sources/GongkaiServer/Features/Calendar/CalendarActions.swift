import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange

/// The writes on the working-day calendar: a year typed in from the State Council's notice, uploaded as a
/// `date,kind` file, imported at the command line, or an earlier version put back. The calendar is the
/// country's, not a county's: any site's office (公开办) may keep it, and every save is a new version.
enum CalendarActions {
    static func mayManage(_ acting: Acting) -> Bool {
        acting.may(.manageSite, acting.site)
    }

    @discardableResult
    static func save(_ definition: CalendarYearDefinition, source: CalendarYearRecord.Source, by acting: Acting, at now: Date,
                     service: CalendarService, on db: any Database) async throws -> String {
        try acting.authorize(.manageSite, acting.site)
        return try await service.save(definition, source: source, actor: acting.audit, on: db, now: now)
    }

    /// Puts an earlier version (`version` is its id, or `bundled` for the notice shipped with Gongkai) back as a
    /// new version: nothing is overwritten.
    static func restore(year: Int, version: String, by acting: Acting, at now: Date, service: CalendarService,
                        on db: any Database) async throws {
        try acting.authorize(.manageSite, acting.site)
        let definition: CalendarYearDefinition?
        if version == "bundled" {
            definition = service.bundled.first { $0.year == year }
        } else if let id = UUID(uuidString: version), let record = try await CalendarYearRecord.find(id, on: db), record.year == year {
            definition = try? HolidayNoticeFile.parse(record.definitionCSV).first
        } else {
            definition = nil
        }
        guard let definition else { throw ActionError.notFound("没有找到要恢复的版本。") }
        try await service.save(definition, source: .restore, actor: acting.audit, on: db, now: now)
    }
}
