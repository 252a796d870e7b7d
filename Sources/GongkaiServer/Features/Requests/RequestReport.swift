import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Plot
import Vapor

/// `/admin/requests/report`: table 三 of the annual report for a year, counted from the applications (the office:
/// the whole county or one unit; a unit: its own), with the format's check; and the same as .xlsx.
enum RequestReport {
    static func table(_ req: Request, staff: Staff) async throws -> (TableThree, unitName: String?, year: Int, units: [UUID]) {
        let year = req.query[Int.self, at: "year"] ?? req.today.year
        let visible = try await RequestAdmin.visibleUnits(staff, on: req.db)
        var units = visible
        var unitName: String?
        if let chosen = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)), visible.contains(chosen) {
            units = [chosen]
            unitName = try await OrgUnitRecord.find(chosen, on: req.db)?.name
        } else if visible.count == 1, let only = visible.first {
            unitName = try await OrgUnitRecord.find(only, on: req.db)?.name
        }
        let last = CivilDate.lastDay(ofYear: year, month: 12).description
        let records = try await DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$unit.$id ~~ units)
            .filter(\.$receivedOn != nil).filter(\.$receivedOn <= last).all()
        let cases = records.compactMap { r -> TableThree.Case? in
            guard let received = r.receivedOn.flatMap(CivilDate.init) else { return nil }
            return TableThree.Case(applicant: r.applicant, received: received, replied: r.repliedOn.flatMap(CivilDate.init),
                                   outcome: r.outcome.flatMap(RequestOutcome.init(rawValue:)))
        }
        return (TableThree(year: year, cases: cases), unitName, year, visible)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (table, unitName, year, visible) = try await table(req, staff: staff)
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: true, on: req.db)).filter { visible.contains($0.unit.id!) }
        let chrome = PageChrome(req: req, title: "年度报告表三", area: .backOffice)
        let query = req.url.query ?? "year=\(year)"
        let html = Layout.render(chrome) {
            El("h1") { T("\(year)年 收到和处理政府信息公开申请情况") }
            El("p", ["class": "lead"]) { T("年度报告第三部分（国办公开办函〔2021〕30号格式），由本平台登记的申请和答复统计，\(unitName ?? staff.siteName + "全部受理单位")。") }
            El("form", ["method": "get", "action": SiteURL.adminRequestReport(query: nil).path, "class": "filters"]) {
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
            El("p") { A("下载 Excel（.xlsx）", href: SiteURL.adminRequestReportFile(query: query).path, class: "button secondary") }
            El("div", ["class": "table-wrap"]) {
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
        }
        return PortalController.html(html)
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (table, unitName, year, _) = try await table(req, staff: staff)
        let title = "\(unitName ?? staff.siteName)\(year)年收到和处理政府信息公开申请情况"
        let data = try TableThreeWorkbook.write(table, title: title)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let name = "\(title).xlsx"
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"table3.xlsx\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "table3.xlsx")")
        return response
    }
}
