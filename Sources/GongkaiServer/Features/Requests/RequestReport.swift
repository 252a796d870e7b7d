import Fluent
import SQLKit
import Foundation
import GongkaiCore
import GongkaiInterchange
import Plot
import Vapor

/// `/admin/requests/report`: table 三 of the annual report for a year, counted from the applications (the office:
/// the whole county or one unit; a unit: its own), with the format's check; and the same as .xlsx.
package enum RequestReport {
    static func table(_ req: Request, staff: Staff) async throws -> (TableThree, unitName: String?, year: Int, units: [UUID]) {
        let year = req.query[Int.self, at: "year"] ?? req.today.year
        let visible = try await RequestQuery.handledUnits(access: staff.actor, on: req.db)
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
        let visible = try await RequestQuery.handledUnits(access: staff.actor, on: req.db)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: true, on: req.db)).filter { visible.contains($0.unit.id!) }
        let chrome = PageChrome(req: req, title: "年度报告表三", area: .backOffice)
        let query: [QueryItem] = [.year(year)] + (chosen.count == 1 && units.count > 1 ? [.unit(chosen[0])] : [])
        let html = Layout.render(chrome) {
            El("h1") { T("\(year)年 收到和处理政府信息公开申请情况") }
            El("p", ["class": "lead"]) { T("年度报告第三部分（国办公开办函〔2021〕30号格式），由本平台登记的申请和答复统计，\(unitName ?? staff.siteName + "全部受理单位")。") }
            El("form", ["method": "get", "action": SiteURL.adminRequestReport.path, "class": "filters"]) {
                El("label") { T("年份 "); VoidEl("input", ["type": "number", "name": "year", "value": String(year), "min": "2019", "max": "2100"]) }
                if units.count > 1 {
                    El("label") {
                        T("受理单位 ")
                        El("select", ["name": "unit"]) {
                            El("option", ["value": ""]) { T("全部") }
                            for u in units { El("option", ["value": u.unit.id!.uuidString]) { T(String(repeating: "　", count: u.depth) + u.unit.name) } }
                        }
                    }
                }
                El("button", ["type": "submit", "class": "button"]) { T("统计") }
            }
            let unbalanced = table.unbalancedColumns()
            El("p", ["class": unbalanced.isEmpty ? "notice" : "error"]) {
                T(unbalanced.isEmpty ? "勾稽关系核对无误：各列第一项加第二项之和，等于第三项加第四项之和。"
                  : "勾稽关系不符的列：\(unbalanced.map { $0?.label ?? "总计" }.joined(separator: "、"))。")
            }
            El("p") { A("下载 Excel（.xlsx）", href: SiteURL.adminRequestReportFile.path(query), class: "button secondary") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "report"]) {
                    El("thead") {
                        El("tr") {
                            El("th", ["rowspan": "3", "scope": "col"]) { T("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") }
                            El("th", ["colspan": "7", "scope": "colgroup"]) { T("申请人情况") }
                        }
                        El("tr") {
                            El("th", ["rowspan": "2", "scope": "col"]) { T("自然人") }
                            El("th", ["colspan": "5", "scope": "colgroup"]) { T("法人或其他组织") }
                            El("th", ["rowspan": "2", "scope": "col"]) { T("总计") }
                        }
                        El("tr") { for type in ApplicantType.allCases.dropFirst() { El("th", ["scope": "col"]) { T(type.label) } } }
                    }
                    El("tbody") {
                        for line in table.rows {
                            El("tr") {
                                El("th", ["scope": "row"]) { T(line.label) }
                                if let figures = line.figures {
                                    for value in figures { El("td", ["class": "number"]) { T(String(value)) } }
                                } else {
                                    El("td", ["colspan": "7"]) { T("") }
                                }
                            }
                        }
                    }
                }
            }
            El("h2") { T("政府信息公开行政复议、行政诉讼情况") }
            El("p", ["class": "hint"]) { T("年度报告第四部分：本年提出的、针对申请办理的行政复议和行政诉讼，在各申请页面记录；年底未审结的计为“尚未审结”。") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "report"]) {
                    El("thead") {
                        El("tr") {
                            El("th", ["colspan": "5", "scope": "colgroup"]) { T("行政复议") }
                            El("th", ["colspan": "10", "scope": "colgroup"]) { T("行政诉讼") }
                        }
                        El("tr") {
                            for result in TableFour.Result.allCases { El("th", ["rowspan": "2", "scope": "col"]) { T(result.label) } }
                            El("th", ["rowspan": "2", "scope": "col"]) { T("总计") }
                            El("th", ["colspan": "5", "scope": "colgroup"]) { T("未经复议直接起诉") }
                            El("th", ["colspan": "5", "scope": "colgroup"]) { T("复议后起诉") }
                        }
                        El("tr") {
                            for _ in 0..<2 {
                                for result in TableFour.Result.allCases { El("th", ["scope": "col"]) { T(result.label) } }
                                El("th", ["scope": "col"]) { T("总计") }
                            }
                        }
                    }
                    El("tbody") { El("tr") { for value in four.figures { El("td", ["class": "number"]) { T(String(value)) } } } }
                }
            }
        }
        return Response.html(html)
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
