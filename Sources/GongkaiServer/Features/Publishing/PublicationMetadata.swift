import Foundation
import GongkaiCore
import Plot

/// The metadata table that heads a government information page on Chinese government sites (索引号, 主题分类,
/// 发布机构, 成文日期, 标题, 文号, 发布日期, 有效性), with the catalog entries it fulfils, its channels and the links
/// between a policy and its interpretations. 失效/废止 is stated in words, not colour alone.
struct PublicationMetadata: Component {
    let record: PublicationRecord
    let version: PublicationVersionRecord
    let unitName: String
    let entries: [PublicationEntryRecord]
    let interprets: PublicationRecord?
    let interpretations: [PublicationRecord]
    let siteSlug: String
    var admin = false

    func link(_ other: PublicationRecord) -> String {
        admin ? SiteURL.adminPublication(other.id!).path : SiteURL.publication(slug: siteSlug, other.id!).path
    }

    var body: Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "metadata"]) {
                El("tbody") {
                    El("tr") {
                        El("th", ["scope": "row"]) { T("索引号") }
                        El("td") { T(record.indexNumber) }
                        El("th", ["scope": "row"]) { T("主题分类") }
                        El("td") { T(version.theme) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("发布机构") }
                        El("td") { T(unitName) }
                        El("th", ["scope": "row"]) { T("成文日期") }
                        El("td") { T(version.writtenOn ?? "—") }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("标题") }
                        El("td", ["colspan": "3"]) { T(version.title) }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("文号") }
                        El("td") { T(version.documentNumber.isEmpty ? "—" : version.documentNumber) }
                        El("th", ["scope": "row"]) { T("发布日期") }
                        El("td") { T(version.publishedOn ?? "尚未发布") }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("有效性") }
                        El("td", ["class": version.validity == "valid" ? "" : "invalid"]) { T(version.validityValue.statement) }
                        El("th", ["scope": "row"]) { T("形成或变更日期") }
                        El("td") { T(version.formedOn ?? "—") }
                    }
                    if !entries.isEmpty {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("对应目录事项") }
                            El("td", ["colspan": "3"]) {
                                for (i, entry) in entries.enumerated() {
                                    if i > 0 { T("；") }
                                    if admin { T(entry.label) } else { A(entry.label, href: SiteURL.entryPage(slug: siteSlug, key: entry.entryKey).path) }
                                }
                            }
                        }
                    }
                    El("tr") {
                        El("th", ["scope": "row"]) { T("公开渠道") }
                        El("td", ["colspan": "3"]) {
                            T((version.channelList.map(\.label) + (version.channelsOther.isEmpty ? [] : [version.channelsOther])).joined(separator: "、"))
                        }
                    }
                    if let policy = interprets {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("解读的文件") }
                            El("td", ["colspan": "3"]) { A(policy.title, href: link(policy)) }
                        }
                    }
                    if !interpretations.isEmpty {
                        El("tr") {
                            El("th", ["scope": "row"]) { T("政策解读") }
                            El("td", ["colspan": "3"]) {
                                for (i, item) in interpretations.enumerated() {
                                    if i > 0 { T("；") }
                                    A(item.title, href: link(item))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
