import Foundation
import GongkaiCore
import Plot

/// Portal pages for government information: readable on a phone, every list with its feed and paging links.
enum InformationPages {
    struct ListModel {
        let site: PageChrome.SiteInfo
        let records: [PublicationRecord]
        let total: Int
        let filters: InformationController.ListFilters
        let units: [(UUID, String)]
        let domains: [(String, String)]
    }

    static func list(_ m: ListModel, chrome: PageChrome) -> String {
        let slug = m.site.slug
        return Layout.render(chrome) {
            El("h1") { T("政府信息") }
            searchBox(slug: slug, query: "")
            El("form", ["method": "get", "action": SiteURL.publications(slug: slug).path, "class": "filters"]) {
                filterSelect("发布机构", "unit", [("", "全部")] + m.units.map { ($0.0.uuidString, $0.1) }, m.filters.unit?.uuidString ?? "")
                filterSelect("领域", "domain", [("", "全部")] + m.domains, m.filters.domain ?? "")
                filterSelect("主题分类", "theme", [("", "全部")] + ThemeCategory.all.map { ($0, $0) }, m.filters.theme ?? "")
                filterSelect("年份", "year", [("", "全部")] + (2018...2030).reversed().map { (String($0), "\($0)年") }, m.filters.year.map(String.init) ?? "")
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
            recordList(m.records, slug: slug)
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

    static func recordList(_ records: [PublicationRecord], slug: String) -> Component {
        if records.isEmpty {
            return EmptyState(title: "没有符合条件的信息", text: "可以减少筛选条件，或使用搜索。")
        }
        return El("ul", ["class": "info-list"]) {
            for record in records {
                El("li") {
                    A(record.title, href: SiteURL.publication(slug: slug, record.id!).path)
                    if record.validity != "valid" { T(" "); Badge(text: record.validity == "expired" ? "已失效" : "已废止", kind: "warn") }
                    if record.publicationKind == .interpretation { T(" "); Badge(text: "解读") }
                    El("span", ["class": "meta"]) {
                        T([record.$unit.value.map(\.name) ?? nil, record.documentNumber.isEmpty ? nil : record.documentNumber, record.publishedOn]
                            .compactMap { $0 }.joined(separator: " · "))
                    }
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

    struct ShowModel {
        let site: PageChrome.SiteInfo
        let full: PublicationStore.Full
        let shown: PublicationVersionRecord
        let interprets: PublicationRecord?
        let interpretations: [PublicationRecord]
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        let record = m.full.record
        let slug = m.site.slug
        let isCurrent = m.shown.id == record.liveVersionID
        let published = m.full.versions.filter { [.published, .superseded].contains($0.publicationStatus) }
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) {
                A("政府信息", href: SiteURL.publications(slug: slug).path)
                T(" › ")
                A(m.full.unit.name, href: SiteURL.unitPage(slug: slug, record.$unit.id).path)
            }
            if !isCurrent {
                El("p", ["class": "notice", "role": "note"]) {
                    T("您正在查看第\(m.shown.number)版（历史版本），")
                    A("查看现行版本", href: SiteURL.publication(slug: slug, record.id!).path)
                }
            }
            if m.shown.validity != "valid" {
                El("p", ["class": "notice invalid", "role": "note"]) { T("本文件\(m.shown.validityValue.statement)。") }
            }
            PublicationMetadata(record: record, version: m.shown, unitName: m.full.unit.name, entries: m.full.entries[m.shown.id!] ?? [],
                                interprets: m.interprets, interpretations: m.interpretations, siteSlug: slug)
            El("article", ["class": "document"]) {
                El("h1", ["class": "document-title"]) { T(m.shown.title) }
                if !m.shown.documentNumber.isEmpty { El("p", ["class": "document-number"]) { T(m.shown.documentNumber) } }
                El("div", ["class": "body-text"]) { RawHTML(m.shown.bodyHTML) }
            }
            let files = m.full.attachments[m.shown.id!] ?? []
            if !files.isEmpty {
                El("section", ["class": "attachments"]) {
                    El("h2") { T("附件") }
                    El("ul") {
                        for file in files {
                            El("li") {
                                A(file.fileName, href: SiteURL.publicationFile(slug: slug, record.id!, attachment: file.id!).path)
                                El("span", ["class": "muted"]) { T("　" + PublicationPages.byteSize(file.size)) }
                            }
                        }
                    }
                }
            }
            if published.count > 1 {
                El("section", ["class": "versions"]) {
                    El("h2") { T("历史版本") }
                    El("ul") {
                        for v in published.reversed() {
                            El("li") {
                                A("第\(v.number)版（\(v.publishedOn ?? "")发布）", href: SiteURL.publication(slug: slug, record.id!, version: v.number).path)
                                if !v.changeNote.isEmpty { T("：\(v.changeNote)") }
                                if v.id == record.liveVersionID { T("（现行）") }
                            }
                        }
                    }
                }
            }
            El("p", ["class": "no-print"]) {
                A("订阅\(m.full.unit.name)的新信息", href: SiteURL.subscribe(slug: slug).path(.subscribeTo(.unit(record.$unit.id))))
            }
        }
    }

    static func withdrawn(_ record: PublicationRecord, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("该信息已撤回") }
            El("p") {
                T("“\(record.title)”（索引号 \(record.indexNumber)）已于\(record.withdrawnAt.map(ChineseTime.date) ?? "")撤回。")
            }
            El("p") { T("撤回理由：\(record.withdrawnReason ?? "")") }
        }
    }

    static func unit(_ unit: OrgUnitRecord, records: [PublicationRecord], total: Int, filters: InformationController.ListFilters,
                     entries: [PublicationStore.EntryOption], site: PageChrome.SiteInfo, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T(unit.name) }
            El("dl", ["class": "contact"]) {
                for (label, value) in [("办公地址", unit.address), ("办公时间", unit.officeHours), ("联系电话", unit.phone), ("传真", unit.fax),
                                       ("电子邮箱", unit.email), ("邮政编码", unit.postcode)] where !value.isEmpty {
                    El("dt") { T(label) }
                    El("dd") { T(value) }
                }
            }
            El("p") {
                A("订阅（Atom）", href: SiteURL.feed(slug: site.slug, scope: .unit(unit.id!)).path)
                T("　")
                A("邮件/系统推送订阅", href: SiteURL.subscribe(slug: site.slug).path(.subscribeTo(.unit(unit.id!))))
            }
            if !entries.isEmpty {
                El("h2") { T("标准目录事项") }
                El("ul") {
                    for entry in entries {
                        El("li") { A("\(entry.domainName)：\(entry.label)", href: SiteURL.entryPage(slug: site.slug, key: entry.key).path) }
                    }
                }
            }
            El("h2") { T("发布的信息（\(total)条）") }
            recordList(records, slug: site.slug)
            pager(total: total, page: filters.page) { SiteURL.unitPage(slug: site.slug, unit.id!).path(.page($0)) }
        }
    }

    static func entry(_ option: PublicationStore.EntryOption, entry: CatalogEntry, records: [PublicationRecord], site: PageChrome.SiteInfo,
                      chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) {
                A("法定主动公开内容", href: SiteURL.section(slug: site.slug, .statutory).path)
                T(" › \(option.unitName) › \(option.domainName)")
            }
            El("h1") { T(option.label) }
            El("dl", ["class": "contact"]) {
                for (label, value) in [("公开内容（要素）", entry.content), ("公开依据", entry.basis), ("公开时限", option.timeLimit),
                                       ("公开主体", entry.body), ("公开渠道和载体", (entry.channels.required.map(\.label) + entry.channels.others).joined(separator: "、"))]
                    where !value.isEmpty {
                    El("dt") { T(label) }
                    El("dd") { T(value) }
                }
            }
            El("p") { A("订阅此事项（Atom）", href: SiteURL.feed(slug: site.slug, scope: .entry(option.key)).path) }
            El("h2") { T("已公开的信息（\(records.count)条）") }
            recordList(records, slug: site.slug)
        }
    }
}
