import Foundation
import GongkaiCore
import Plot

/// Portal pages for government information: readable on a phone, every list with its feed and paging links.
enum InformationPages {
    /// One line of a list of published information.
    struct ListItem: Sendable {
        let title: String
        let href: String
        /// "已失效" or "已废止".
        let invalid: String?
        let isInterpretation: Bool
        /// 发布机构 · 文号 · 发布日期.
        let meta: String
    }

    struct ListModel {
        let site: PageChrome.SiteInfo
        let items: [ListItem]
        let total: Int
        let filters: InformationController.ListFilters
        let units: [(UUID, String)]
        let domains: [(String, String)]
        /// The years with published information, newest first (never a year still to come).
        let years: [Int]
    }

    static func list(_ m: ListModel, chrome: PageChrome) -> String {
        let slug = m.site.slug
        return Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: slug).path, current: "政府信息")
            El("h1") { T("政府信息") }
            searchBox(slug: slug, query: "")
            El("form", ["method": "get", "action": SiteURL.publications(slug: slug).path, "class": "filters"]) {
                filterSelect("发布机构", "unit", [("", "全部")] + m.units.map { ($0.0.uuidString, $0.1) }, m.filters.unit?.uuidString ?? "")
                filterSelect("领域", "domain", [("", "全部")] + m.domains, m.filters.domain ?? "")
                filterSelect("主题分类", "theme", [("", "全部")] + ThemeCategory.all.map { ($0, $0) }, m.filters.theme ?? "")
                filterSelect("年份", "year", [("", "全部")] + m.years.map { (String($0), "\($0)年") }, m.filters.year.map(String.init) ?? "")
                filterSelect("有效性", "validity", [("", "全部"), ("valid", "有效"), ("expired", "失效"), ("repealed", "废止")], m.filters.validity ?? "")
                filterSelect("类别", "kind", [("", "全部")] + PublicationKind.allCases.map { ($0.rawValue, $0.label) }, m.filters.kind ?? "")
                El("button", ["type": "submit", "class": "button secondary"]) { T("筛选") }
            }
            El("p", ["class": "muted"]) {
                T("共\(m.total)条")
                T("　")
                A("订阅（Atom）", href: chrome.feedURL ?? SiteURL.feed(slug: slug, scope: .site).path)
                T("　")
                A("邮件/系统推送订阅", href: SiteURL.subscribe(slug: slug).path)
            }
            itemList(m.items)
            pager(total: m.total, page: m.filters.page) { SiteURL.publications(slug: slug).path(m.filters.items(page: $0)) }
        }
    }

    static func filterSelect(_ label: String, _ name: String, _ options: [(String, String)], _ selected: String) -> Component {
        El("label", ["class": "filter"]) {
            T(label + " ")
            El("select", ["name": name]) {
                for option in options {
                    El("option", optional: ["value": option.0, "selected": option.0 == selected ? "selected" : nil]) { T(option.1) }
                }
            }
        }
    }

    static func searchBox(slug: String, query: String) -> Component {
        El("form", ["method": "get", "action": SiteURL.search(slug: slug).path, "class": "search-box", "role": "search"]) {
            El("label", ["for": "q", "class": "visually-hidden"]) { T("搜索政府信息") }
            VoidEl("input", ["type": "search", "id": "q", "name": "q", "value": query, "placeholder": "输入标题、正文、文号或索引号中的词，如：低保"])
            El("button", ["type": "submit", "class": "button"]) { T("搜索") }
        }
    }

    static func itemList(_ items: [ListItem]) -> Component {
        if items.isEmpty {
            return EmptyState(title: "没有符合条件的信息", text: "可以减少筛选条件，或使用搜索。")
        }
        return El("ul", ["class": "info-list"]) {
            for item in items {
                El("li") {
                    A(item.title, href: item.href)
                    if let invalid = item.invalid { T(" "); Badge(text: invalid, kind: "warn") }
                    if item.isInterpretation { T(" "); Badge(text: "解读") }
                    El("span", ["class": "meta"]) { T(item.meta) }
                }
            }
        }
    }

    static func pager(total: Int, page: Int, pageSize: Int = InformationController.pageSize, href: @escaping (Int) -> String) -> Component {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        guard pages > 1 else { return EmptyComponent() }
        return El("nav", ["class": "pager", "aria-label": "分页"]) {
            if page > 1 { A("上一页", href: href(page - 1)) }
            El("span") { T(" 第\(page)页，共\(pages)页 ") }
            if page < pages { A("下一页", href: href(page + 1)) }
        }
    }

    /// A published record on the portal: the version asked for (the live one unless an older is chosen).
    struct ShowModel {
        let site: PageChrome.SiteInfo
        let unitName: String
        let unitHref: String
        /// Set when an older version is shown: its number and the live version's address.
        let historic: (number: Int, currentHref: String)?
        /// "已于2026年1月1日失效" when the shown version is not in force.
        let notInForce: String?
        let metadata: PublicationMetadata.Fields
        let title: String
        let documentNumber: String
        let bodyHTML: String
        let attachments: [(name: String, href: String, size: String)]
        /// The published versions, newest first (shown when there is more than one).
        let versions: [(label: String, href: String, note: String, isLive: Bool)]
        let subscribeHref: String
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.site.slug).path,
                       trail: [("政府信息", SiteURL.publications(slug: m.site.slug).path), (m.unitName, m.unitHref)], current: "正文")
            if let historic = m.historic {
                El("p", ["class": "notice", "role": "note"]) {
                    T("您正在查看第\(historic.number)版（历史版本），")
                    A("查看现行版本", href: historic.currentHref)
                }
            }
            if let statement = m.notInForce {
                El("p", ["class": "notice invalid", "role": "note"]) { T("本文件\(statement)。") }
            }
            PublicationMetadata(m.metadata)
            El("article", ["class": "document"]) {
                El("h1", ["class": "document-title"]) { T(m.title) }
                if !m.documentNumber.isEmpty { El("p", ["class": "document-number"]) { T(m.documentNumber) } }
                El("div", ["class": "body-text"]) { RawHTML(m.bodyHTML) }
            }
            if !m.attachments.isEmpty {
                El("section", ["class": "attachments"]) {
                    El("h2") { T("附件") }
                    El("ul") {
                        for file in m.attachments {
                            El("li") {
                                A(file.name, href: file.href)
                                El("span", ["class": "muted"]) { T("　" + file.size) }
                            }
                        }
                    }
                }
            }
            if m.versions.count > 1 {
                El("section", ["class": "versions"]) {
                    El("h2") { T("历史版本") }
                    El("ul") {
                        for v in m.versions {
                            El("li") {
                                A(v.label, href: v.href)
                                if !v.note.isEmpty { T("：\(v.note)") }
                                if v.isLive { T("（现行）") }
                            }
                        }
                    }
                }
            }
            El("p", ["class": "no-print"]) {
                A("订阅\(m.unitName)的新信息", href: m.subscribeHref)
            }
        }
    }

    /// What a withdrawn record's address shows: its title and number, when and why it was withdrawn.
    struct WithdrawnModel {
        let title: String
        let indexNumber: String
        let withdrawnOn: String
        let reason: String
    }

    static func withdrawn(_ m: WithdrawnModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("该信息已撤回") }
            El("p") { T("“\(m.title)”（索引号 \(m.indexNumber)）已于\(m.withdrawnOn)撤回。") }
            El("p") { T("撤回理由：\(m.reason)") }
        }
    }

    /// A unit's portal page: its contacts, feeds, catalog entries and what it published.
    struct UnitModel {
        let site: PageChrome.SiteInfo
        let id: UUID
        let name: String
        let contacts: [(label: String, value: String)]
        let entries: [PublicationStore.EntryOption]
        let items: [ListItem]
        let total: Int
        let page: Int
        /// The unit's published 权责清单 and 公共服务清单: kind, list id, rows.
        var lists: [(kind: DutyListKind, id: UUID, count: Int)] = []
    }

    static func unit(_ m: UnitModel, chrome: PageChrome) -> String {
        let slug = m.site.slug
        return Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: slug).path, trail: [("政府信息", SiteURL.publications(slug: slug).path)], current: m.name)
            El("h1") { T(m.name) }
            El("dl", ["class": "contact"]) {
                for (label, value) in m.contacts {
                    El("dt") { T(label) }
                    El("dd") { T(value) }
                }
            }
            El("p") {
                A("订阅（Atom）", href: SiteURL.feed(slug: slug, scope: .unit(m.id)).path)
                T("　")
                A("邮件/系统推送订阅", href: SiteURL.subscribe(slug: slug).path(.subscribeTo(.unit(m.id))))
            }
            if !m.lists.isEmpty {
                El("p") {
                    for list in m.lists {
                        A("\(list.kind.title)（\(list.count)项）", href: SiteURL.publicList(slug: slug, kind: list.kind, list.id).path)
                        T("　")
                    }
                }
            }
            if !m.entries.isEmpty {
                El("h2") { T("标准目录事项") }
                El("ul") {
                    for entry in m.entries {
                        El("li") { A("\(entry.domainName)：\(entry.label)", href: SiteURL.entryPage(slug: slug, key: entry.key).path) }
                    }
                }
            }
            El("h2") { T("发布的信息（\(m.total)条）") }
            itemList(m.items)
            pager(total: m.total, page: m.page) { SiteURL.unitPage(slug: slug, m.id).path(.page($0)) }
        }
    }

    static func entry(_ option: PublicationStore.EntryOption, entry: CatalogEntry, items: [ListItem], site: PageChrome.SiteInfo,
                      chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: site.slug).path,
                       trail: [("法定主动公开内容", SiteURL.section(slug: site.slug, .statutory).path)],
                       current: "\(option.unitName) › \(option.domainName)")
            El("h1") { T(option.label) }
            El("dl", ["class": "contact"]) {
                for (label, value) in [("公开内容（要素）", entry.content), ("公开依据", entry.basis), ("公开时限", option.timeLimit),
                                       ("公开主体", entry.body), ("公开渠道和载体", (entry.channels.required.map(entry.channels.name) + entry.channels.others).joined(separator: "、"))]
                    where !value.isEmpty {
                    El("dt") { T(label) }
                    El("dd") { T(value) }
                }
            }
            El("p") { A("订阅此事项（Atom）", href: SiteURL.feed(slug: site.slug, scope: .entry(option.key)).path) }
            El("h2") { T("已公开的信息（\(items.count)条）") }
            itemList(items)
        }
    }
}
