import Foundation
import GongkaiCore
import Plot

/// The metadata table that heads a government information page on Chinese government sites (索引号, 主题分类,
/// 发布机构, 成文日期, 标题, 文号, 发布日期, 有效性), with the catalog entries it fulfils, its channels and the links
/// between a policy and its interpretations. 失效/废止 is stated in words, not colour alone.
struct PublicationMetadata: Component {
    /// The table's values as text; built by `PublicationQuery.metadata`.
    struct Fields: Sendable {
        let indexNumber: String
        let theme: String
        let unitName: String
        let writtenOn: String
        let title: String
        let documentNumber: String
        let publishedOn: String
        /// "有效", "已于2026年1月1日失效" …
        let validity: String
        let isValid: Bool
        let formedOn: String
        /// The catalog entries it fulfils, linked on the portal.
        let entries: [(label: String, href: String?)]
        let channels: String
        let interprets: (title: String, href: String)?
        let interpretations: [(title: String, href: String)]
    }

    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    var body: Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "metadata"]) {
                El("tbody") {
                    El("tr") {
                        El("th", ["scope": "row"]) { T("索引号") }
                        El("td") { T(fields.indexNumber) }
                        El("th", ["scope": "row"]) { T("主题分类") }
                        El("td") { T(fields.theme) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("发布机构") }
                        El("td") { T(fields.unitName) }
                        El("th", ["scope": "row"]) { T("成文日期") }
                        El("td") { T(fields.writtenOn) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("标题") }
                        El("td", ["colspan": "3"]) { T(fields.title) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("文号") }
                        El("td") { T(fields.documentNumber) }
                        El("th", ["scope": "row"]) { T("发布日期") }
                        El("td") { T(fields.publishedOn) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("有效性") }
                        El("td", ["class": fields.isValid ? "" : "invalid"]) { T(fields.validity) }
                        El("th", ["scope": "row"]) { T("形成或变更日期") }
                        El("td") { T(fields.formedOn) }
                    }
                    if !fields.entries.isEmpty {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("对应目录事项") }
                            El("td", ["colspan": "3"]) {
                                for (i, entry) in fields.entries.enumerated() {
                                    if i > 0 { T("；") }
                                    if let href = entry.href { A(entry.label, href: href) } else { T(entry.label) }
                                }
                            }
                        }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("公开渠道") }
                        El("td", ["colspan": "3"]) {
                            T(fields.channels)
                        }
                    }
                    if let policy = fields.interprets {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("解读的文件") }
                            El("td", ["colspan": "3"]) { A(policy.title, href: policy.href) }
                        }
                    }
                    if !fields.interpretations.isEmpty {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("政策解读") }
                            El("td", ["colspan": "3"]) {
                                for (i, item) in fields.interpretations.enumerated() {
                                    if i > 0 { T("；") }
                                    A(item.title, href: item.href)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
