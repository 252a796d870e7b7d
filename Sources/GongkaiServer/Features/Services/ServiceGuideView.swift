import Foundation
import GongkaiCore
import Plot

/// A 办事指南 as a reader sees it — the elements as a table (湖北: "以表格化形式展示"), the materials, the flow drawn
/// and listed, 常见问题 — for the portal page, its print, and the reviewer's preview.
struct ServiceGuideView: Component {
    let guide: ServiceGuide

    var body: Component {
        El("div", ["class": "service-guide"]) {
            El("table", ["class": "metadata guide-elements"]) {
                El("tbody") {
                    for (label, value) in guide.displayFields where label != "事项名称" {
                        El("tr") {
                            El("th", ["scope": "row"]) { T(label) }
                            El("td") { T(value) }
                        }
                    }
                    if !guide.onlineURL.isEmpty {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("网上办理") }
                            El("td") { A(guide.onlineURL, href: guide.onlineURL) }
                        }
                    }
                }
            }
            El("h2") { T("申请材料（\(guide.materials.count)项）") }
            DataTable(headers: ["序号", "材料名称", "原件/复印件", "份数", "来源", "是否必需"], class: "stack") {
                for (i, m) in guide.materials.enumerated() {
                    El("tr") {
                        El("td", ["data-label": "序号"]) { T(String(i + 1)) }
                        El("td", ["data-label": "材料名称"]) { T(m.name) }
                        El("td", ["data-label": "原件/复印件"]) { T(m.form.label) }
                        El("td", ["data-label": "份数"]) { T(String(m.copies)) }
                        El("td", ["data-label": "来源"]) { T(m.source) }
                        El("td", ["data-label": "是否必需"]) { T(m.required ? "必需" : "非必需") }
                    }
                }
            }
            El("h2") { T("办理流程") }
            El("div", ["class": "flow"]) {
                RawHTML(ServiceFlowChart.svg(steps: guide.steps, title: "\(guide.name)办理流程图"))
                El("ol", ["class": "flow-steps"]) { for step in guide.steps { El("li") { T(step) } } }
            }
            if !guide.faq.isEmpty {
                El("h2") { T("常见问题") }
                El("dl", ["class": "faq"]) {
                    for item in guide.faq {
                        El("dt") { T("问：" + item.question) }
                        El("dd") { T("答：" + item.answer) }
                    }
                }
            }
        }
    }
}
