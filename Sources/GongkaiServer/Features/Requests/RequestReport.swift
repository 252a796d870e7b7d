import Fluent
import SQLKit
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/requests/report`: table 三 of the annual report for a year, counted from the applications (the office:
/// the whole county or one unit; a unit: its own), with the format's check; and the same as .xlsx.
package enum RequestReport {
    static func table(_ req: Request, staff: Staff) async throws -> (TableThree, unitName: String?, year: Int, units: [UUID]) {
        let year = req.query[Int.self, at: "year"] ?? req.today.year
        let visible = try await RequestQuery.handledUnits(by: staff.acting(req, via: .web), on: req.db)
        var units = visible
        var unitName: String?
        if let chosen = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)), visible.contains(chosen) {
            units = [chosen]
            unitName = try await OrgUnitRecord.find(chosen, on: req.db)?.name
        } else if visible.count == 1, let only = visible.first {
            unitName = try await OrgUnitRecord.find(only, on: req.db)?.name
        }
        let tallies = try await tallies(siteID: staff.siteID, units: units, year: year, on: req.db)
        return (TableThree(year: year, tallies: tallies), unitName, year, units)
    }

    /// What table 三 needs of every application received by the year's end, read as plain columns.
    static func cases(siteID: UUID, units: [UUID], year: Int, on db: any Database) async throws -> [TableThree.Case] {
        let last = CivilDate.lastDay(ofYear: year, month: 12).description
        let first = CivilDate.firstDay(ofYear: year).description
        let rows = try await DisclosureRequestRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$unit.$id ~~ units)
            .filter(\.$receivedOn != nil).filter(\.$receivedOn <= last)
            .group(.or) { $0.filter(\.$repliedOn == nil).filter(\.$repliedOn >= first) }
            .field(\.$applicantType).field(\.$receivedOn).field(\.$repliedOn).field(\.$outcome).all()
        return rows.compactMap { r -> TableThree.Case? in
            guard let received = r.receivedOn.flatMap(CivilDate.init) else { return nil }
            return TableThree.Case(applicant: r.applicant, received: received, replied: r.repliedOn.flatMap(CivilDate.init),
                                   outcome: r.outcome.flatMap(RequestOutcome.init(rawValue:)))
        }
    }

    /// The same as `TableThree.cell` over `cases`, counted in the database: one row per cell, so a year of a large
    /// county's applications is never read into memory.
    package static func tallies(siteID: UUID, units: [UUID], year: Int, on db: any Database) async throws -> [TableThree.Tally] {
        guard !units.isEmpty else { return [] }
        let first = CivilDate.firstDay(ofYear: year).description, last = CivilDate.lastDay(ofYear: year, month: 12).description
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT applicant_type,
              CASE WHEN received_on < \(bind: first) THEN 1 ELSE 0 END AS carried_in,
              CASE WHEN replied_on IS NOT NULL AND replied_on <= \(bind: last) THEN outcome ELSE NULL END AS result,
              COUNT(*) AS n
            FROM disclosure_requests
            WHERE site_id = \(bind: siteID) AND unit_id IN (\(binds: units)) AND received_on IS NOT NULL AND received_on <= \(bind: last)
              AND (replied_on IS NULL OR replied_on >= \(bind: first))
            GROUP BY 1, 2, 3
            """).all()
        return try rows.map { row in
            TableThree.Tally(applicant: ApplicantType(rawValue: try row.decode(column: "applicant_type", as: String.self)) ?? .naturalPerson,
                             carriedIn: try row.decode(column: "carried_in", as: Int.self) == 1,
                             outcome: try row.decode(column: "result", as: String?.self).flatMap(RequestOutcome.init(rawValue:)),
                             count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// Table 四: the 行政复议 and 行政诉讼 brought in the year against the units' handling of applications.
    static func tableFour(siteID: UUID, units: [UUID], year: Int, on db: any Database) async throws -> TableFour {
        let appeals = try await DisclosureRequestAppealRecord.query(on: db).join(DisclosureRequestRecord.self, on: \DisclosureRequestAppealRecord.$request.$id == \DisclosureRequestRecord.$id)
            .filter(DisclosureRequestRecord.self, \.$site.$id == siteID).filter(DisclosureRequestRecord.self, \.$unit.$id ~~ units)
            .filter(\.$filedOn >= "\(year)-01-01").filter(\.$filedOn <= "\(year)-12-31").all()
        return TableFour(year: year, cases: appeals.compactMap(\.tableCase))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (table, unitName, year, chosen) = try await table(req, staff: staff)
        let four = try await tableFour(siteID: staff.siteID, units: chosen, year: year, on: req.db)
        let visible = try await RequestQuery.handledUnits(by: staff.acting(req, via: .web), on: req.db)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: true, on: req.db)).filter { visible.contains($0.unit.id!) }
        let query: [QueryItem] = [.year(year)] + (chosen.count == 1 && units.count > 1 ? [.unit(chosen[0])] : [])
        let model = RequestReportPage.Model(
            year: year, scope: unitName ?? staff.siteName + "全部受理单位",
            units: units.count > 1 ? units.map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) } : [],
            chosenUnit: chosen.count == 1 && units.count > 1 ? chosen[0].uuidString : "",
            fileHref: SiteURL.adminRequestReportFile.path(query), table: table, four: four)
        return Response.html(RequestReportPage.render(model, chrome: PageChrome(req: req, title: "年度报告表三", area: .backOffice)))
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (table, unitName, year, chosen) = try await table(req, staff: staff)
        let four = try await tableFour(siteID: staff.siteID, units: chosen, year: year, on: req.db)
        let title = "\(unitName ?? staff.siteName)\(year)年收到和处理政府信息公开申请情况"
        let data = try TableThreeWorkbook.write(table, tableFour: four, title: title)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let name = "\(title).xlsx"
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"table3.xlsx\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "table3.xlsx")")
        return response
    }
}
