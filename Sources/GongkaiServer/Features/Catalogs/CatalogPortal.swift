import Foundation
import GongkaiCore
import Plot

/// The 法定主动公开内容 section: published catalogs by level → unit → domain → 一级事项 → 二级事项, and which domains
/// each level has published. Printable: no controls inside the tables.
enum CatalogPortal {
    static func render(_ catalogs: [CatalogStore.Published], compiling: [CatalogStore.Compiling], slug: String) -> Component {
        Section(catalogs: catalogs, compiling: compiling, slug: slug)
    }

    struct Section: Component {
        let catalogs: [CatalogStore.Published]
        let compiling: [CatalogStore.Compiling]
        let slug: String

        var body: Component {
            El("div", ["class": "catalogs"]) {
                for level in CatalogLevel.allCases {
                    let atLevel = catalogs.filter { $0.level == level }
                    if !atLevel.isEmpty {
                        El("h2") { T("\(level.label)政务公开事项标准目录") }
                        for unitID in orderedUnits(atLevel) {
                            let ofUnit = atLevel.filter { $0.unitID == unitID }
                            El("h3") { T(ofUnit[0].unitName) }
                            for catalog in ofUnit { CatalogTable(catalog: catalog, slug: slug) }
                        }
                    }
                }
                coverage
            }
        }

        func orderedUnits(_ list: [CatalogStore.Published]) -> [UUID] {
            var seen: [UUID] = []
            for item in list where !seen.contains(item.unitID) { seen.append(item.unitID) }
            return seen
        }

        /// Which of the 26 pilot domains have a published catalog at each level — honest about the gaps.
        @ComponentBuilder
        var coverage: Component {
            El("h2") { T("26个试点领域目录发布情况") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table", ["class": "coverage"]) {
                    El("thead") {
                        El("tr") {
                            El("th", ["scope": "col"]) { T("领域") }
                            for level in [CatalogLevel.county, .township] { El("th", ["scope": "col"]) { T("\(level.label)已发布") } }
                        }
                    }
                    El("tbody") {
                        for domain in CatalogDomain.pilot {
                            El("tr") {
                                El("th", ["scope": "row"]) { T(domain.name) }
                                for level in [CatalogLevel.county, .township] {
                                    let units = catalogs.filter { $0.domain.code == domain.code && $0.level == level }.map(\.unitName)
                                    let pending = compiling.filter { $0.domainCode == domain.code && $0.level == level }.map(\.unitName)
                                    El("td", ["class": units.isEmpty ? "gap" : "done"]) {
                                        T(units.isEmpty ? "尚未发布" : units.joined(separator: "、"))
                                        if !pending.isEmpty { El("span", ["class": "muted"]) { T("（编制中：\(pending.joined(separator: "、"))）") } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    struct CatalogTable: Component {
        let catalog: CatalogStore.Published
        let slug: String

        var body: Component {
            El("section", ["class": "catalog"]) {
                El("h4") {
                    T("\(catalog.domain.title)基层政务公开标准目录")
                    El("span", ["class": "muted"]) {
                        T("（第\(catalog.versionNumber)版，\(ChineseTime.date(catalog.publishedAt))发布，\(catalog.entries.count)个事项）")
                    }
                }
                El("p", ["class": "downloads no-print"]) {
                    T("下载：")
                    A("Excel（标准格式）", href: SiteURL.publicCatalogDownload(slug: slug, catalog: catalog.catalogID, format: "xlsx").path)
                    T(" · ")
                    A("CSV", href: SiteURL.publicCatalogDownload(slug: slug, catalog: catalog.catalogID, format: "csv").path)
                    T(" · ")
                    A("JSON", href: SiteURL.publicCatalogDownload(slug: slug, catalog: catalog.catalogID, format: "json").path)
                }
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table", ["class": "catalog-table"]) {
                        El("thead") {
                            El("tr") {
                                for h in ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                                          "公开渠道和载体", "公开对象", "公开方式", "公开层级"] {
                                    El("th", ["scope": "col"]) { T(h) }
                                }
                            }
                        }
                        El("tbody") {
                            for (index, entry) in catalog.entries.enumerated() {
                                let sameAsAbove = index > 0 && catalog.entries[index - 1].level1 == entry.level1
                                El("tr") {
                                    El("td") { T(entry.number.isEmpty ? String(index + 1) : entry.number) }
                                    El("td") { T(sameAsAbove ? "" : entry.level1) }
                                    El("td") {
                                        A(entry.level3.isEmpty ? entry.level2 : "\(entry.level2) › \(entry.level3)",
                                          href: SiteURL.entryPage(slug: slug, key: "\(catalog.catalogID.uuidString)-\(entry.number)").path)
                                    }
                                    El("td") { T(entry.content) }
                                    El("td") { T(entry.basis) }
                                    El("td") {
                                        T(entry.timeLimit.text)
                                        if !entry.timeLimit.isComputable { El("span", ["class": "muted"]) { T("（无法自动计算）") } }
                                    }
                                    El("td") { T(entry.body) }
                                    El("td") {
                                        T((entry.channels.required.map(entry.channels.name) + entry.channels.others).joined(separator: "、"))
                                    }
                                    El("td") { T(entry.audience.label) }
                                    El("td") { T(entry.methods.label) }
                                    El("td") { T(entry.levels.sorted().map(\.label).joined(separator: "、")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
