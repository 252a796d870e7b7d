import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// The dashboard's publishing part: what waits for review or publishing, and each unit's records that are late
/// or soon due against their catalog entries' 公开时限 (drafts included: the clock runs from 形成日期).
enum PublicationDashboard {
    struct Line {
        let title: String
        let unitName: String
        let label: String
        let late: Bool
        let href: String
    }

    struct Model {
        let waiting: Int
        let lines: [Line]
    }

    static func model(_ req: Request, staff: Staff) async throws -> Model {
        let acting = staff.acting(req, via: .web)
        var query = PublicationRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$withdrawnAt == nil).with(\.$unit)
        if !staff.roles.contains(.admin) { query = query.filter(\.$unit.$id == staff.unitID) }
        let records = try await query.all()
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return Model(waiting: 0, lines: []) }
        let versions = try await PublicationVersionRecord.query(on: req.db).filter(\.$publication.$id ~~ ids).all()
        let entries = try await PublicationEntryRecord.query(on: req.db).filter(\.$version.$id ~~ versions.compactMap(\.id)).all()
        let byVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        let latest = Dictionary(grouping: versions, by: { $0.$publication.id }).mapValues { $0.max { $0.number < $1.number }! }
        let calendar = try await req.calendarService.calendar(on: req.db)
        let today = ChineseTime.today(req.now)
        var waiting = 0
        var lines: [Line] = []
        for record in records {
            guard let version = latest[record.id!] else { continue }
            let target = AccessTarget(siteID: staff.siteID, unitID: record.$unit.id)
            let may = PublicationActions.abilities(target, by: acting)
            if (version.publicationStatus == .submitted && may.review) || (version.publicationStatus == .approved && may.publish) { waiting += 1 }
            let shown = versions.first { $0.id == record.liveVersionID } ?? version
            let timed = PublicationTimeliness.assess(version: shown, entries: byVersion[shown.id!] ?? [], today: today, calendar: calendar)
            guard let headline = timed.headline else { continue }
            switch headline {
            case .late(_, let due) where today.dayNumber - due.dayNumber <= 90, .overdue(_, let due):
                _ = due
                lines.append(Line(title: shown.title, unitName: record.unit.name, label: headline.label, late: true, href: SiteURL.adminPublication(record.id!).path))
            case .pending(let left, _) where left <= 5:
                lines.append(Line(title: shown.title, unitName: record.unit.name, label: headline.label, late: false, href: SiteURL.adminPublication(record.id!).path))
            default: break
            }
        }
        return Model(waiting: waiting, lines: lines.sorted { ($0.late ? 0 : 1, $0.unitName) < ($1.late ? 0 : 1, $1.unitName) })
    }

    static func todos(_ m: Model) -> [(String, String)] {
        m.waiting > 0 ? [("有\(m.waiting)条政府信息等待您审核或发布。", SiteURL.adminPublications.path)] : []
    }

    @ComponentBuilder
    static func render(_ m: Model) -> Component {
        El("h2") { T("信息公开时效") }
        if m.lines.isEmpty {
            El("p", ["class": "muted"]) { T("没有逾期或5个工作日内到期的信息（按标准目录的公开时限、自形成或变更之日起计算）。") }
        } else {
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "list"]) {
                    El("thead") { El("tr") { for h in ["信息", "单位", "时效"] { El("th", ["scope": "col"]) { T(h) } } } }
                    El("tbody") {
                        for line in m.lines.prefix(50) {
                            El("tr") {
                                El("td") { A(line.title, href: line.href) }
                                El("td") { T(line.unitName) }
                                El("td") { Badge(text: line.label, kind: line.late ? "danger" : "warn") }
                            }
                        }
                    }
                }
            }
        }
    }
}
