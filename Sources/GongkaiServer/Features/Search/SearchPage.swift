import Foundation
import GongkaiCore
import Plot

/// The portal's search results: total, sort switch, highlighted snippets (escaped piece by piece), paging.
enum SearchPage {
    static func render(_ o: SearchController.Outcome, filters: InformationController.ListFilters, site: PageChrome.SiteInfo,
                       chrome: PageChrome) -> String {
        let slug = site.slug
        func href(page: Int?, sort: SearchIndex.Sort? = nil) -> String {
            SiteURL.search(slug: slug).path([.text(o.query.text), .sort((sort ?? o.sort).rawValue)] + filters.items(page: page))
        }
        return Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: slug).path, current: "搜索")
            El("h1") { T("搜索政府信息") }
            InformationPages.searchBox(slug: slug, query: o.query.text)
            if let suggestion = o.suggestion {
                El("p", ["class": "notice"]) {
                    T("您是不是要找：")
                    A(suggestion, href: SiteURL.search(slug: slug).path(.text(suggestion)))
                }
            }
            if !o.query.isEmpty {
                El("p", ["class": "muted", "role": "status"]) {
                    T(o.totalIsEstimate ? "找到约\(o.total)条结果，最多列出前\(SearchIndex.listLimit)条。排序：" : "找到\(o.total)条结果。排序：")
                    if o.sort == .relevance { El("strong") { T("相关度") } } else { A("相关度", href: href(page: nil, sort: .relevance)) }
                    T(" | ")
                    if o.sort == .date { El("strong") { T("发布时间") } } else { A("发布时间", href: href(page: nil, sort: .date)) }
                }
                if o.windowed && o.sort == .relevance {
                    El("p", ["class": "hint"]) { T("结果较多：最新的\(SearchIndex.window)条按相关度排列，其余按发布时间排列。可加词或筛选以缩小范围。") }
                }
                if o.items.isEmpty {
                    EmptyState(title: "没有找到“\(o.query.text)”", text: "请检查用字，或换一个较短的词再试；文号可以只输入其中的年份和序号。")
                } else {
                    El("ol", ["class": "search-results", "start": String((o.page - 1) * SearchController.pageSize + 1)]) {
                        for item in o.items {
                            El("li") {
                                El("a", ["href": SiteURL.publication(slug: slug, item.record.id!).path, "class": "result-title"]) {
                                    marked(Snippet.make(item.record.title, query: o.query, width: 200))
                                }
                                El("p", ["class": "snippet"]) { marked(item.snippet) }
                                El("p", ["class": "meta"]) {
                                    T(item.record.unit.name + " · ")
                                    if !item.record.documentNumber.isEmpty {
                                        marked(Snippet.make(item.record.documentNumber, query: o.query, width: 60))
                                        T(" · ")
                                    }
                                    T([item.record.publishedOn, "索引号 \(item.record.indexNumber)"].compactMap { $0 }.joined(separator: " · "))
                                }
                            }
                        }
                    }
                    InformationPages.pager(total: min(o.total, SearchIndex.listLimit), page: o.page, pageSize: SearchController.pageSize) { href(page: $0) }
                }
            }
        }
    }

    static func marked(_ snippet: Snippet) -> Component {
        ComponentGroup(members: snippet.pieces.map { piece -> Component in
            piece.marked ? El("mark") { T(piece.text) } : T(piece.text)
        })
    }
}
