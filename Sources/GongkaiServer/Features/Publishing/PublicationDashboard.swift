import Foundation
import GongkaiCore
import Plot

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

    static func todos(_ m: Model) -> [(String, String)] {
        m.waiting > 0 ? [("有\(m.waiting)条政府信息等待您审核或发布。", SiteURL.adminPublications.path)] : []
    }

    @ComponentBuilder
    static func render(_ m: Model) -> Component {
        El("h2") { T("信息公开时效") }
        if m.lines.isEmpty {
            El("p", ["class": "muted"]) { T("没有逾期或5个工作日内到期的信息（按标准目录的公开时限、自形成或变更之日起计算）。") }
        } else {
            DataTable(headers: ["信息", "单位", "时效"], class: "list") {
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
