import Foundation
import GongkaiCore
import Plot

/// `/admin/requests/report`: tables 三 and 四 of the annual report for a year and a scope, with the format's check.
enum RequestReportPage {
    struct Model: Sendable {
        let year: Int
        /// "湖口县民政局" or "湖口县全部受理单位".
        let scope: String
        /// The units the person may choose from (empty when only one).
        let units: [(value: String, label: String)]
        let chosenUnit: String
        let fileHref: String
        let table: TableThree
        let four: TableFour
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        return Layout.render(chrome) {
            El("h1") { T("\(m.year)年 收到和处理政府信息公开申请情况") }
            El("p", ["class": "lead"]) { T("年度报告第三部分（国办公开办函〔2021〕30号格式），由本平台登记的申请和答复统计，\(m.scope)。") }
            El("form", ["method": "get", "action": SiteURL.adminRequestReport.path, "class": "filters"]) {
                El("label") { T("年份 "); VoidEl("input", ["type": "number", "name": "year", "value": String(m.year), "min": "2019", "max": "2100"]) }
                if !m.units.isEmpty {
                    El("label") {
                        T("受理单位 ")
                        El("select", ["name": "unit"]) {
                            El("option", ["value": ""]) { T("全部") }
                            for u in m.units {
                                El("option", optional: ["value": u.value, "selected": u.value == m.chosenUnit ? "selected" : nil]) { T(u.label) }
                            }
                        }
                    }
                }
                El("button", ["type": "submit", "class": "button"]) { T("统计") }
            }
            let unbalanced = m.table.unbalancedColumns()
            El("p", ["class": unbalanced.isEmpty ? "notice" : "error"]) {
                T(unbalanced.isEmpty ? "勾稽关系核对无误：各列第一项加第二项之和，等于第三项加第四项之和。"
                  : "勾稽关系不符的列：\(unbalanced.map { $0?.label ?? "总计" }.joined(separator: "、"))。")
            }
            El("p") { A("下载 Excel（.xlsx）", href: m.fileHref, class: "button secondary") }
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
                        for line in m.table.rows {
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
                    El("tbody") { El("tr") { for value in m.four.figures { El("td", ["class": "number"]) { T(String(value)) } } } }
                }
            }
        }
    }
}
