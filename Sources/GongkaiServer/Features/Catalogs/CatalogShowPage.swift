import Foundation
import GongkaiCore
import Plot

extension CatalogPages {
    /// One catalog version's page, as display values only (no records): built by `CatalogQuery.show`.
    struct ShowModel {
        /// Entries a page shows: a 5,000-entry catalog stays a page a phone or an old PC can open.
        static let pageSize = 100
        struct Version {
            let number: Int
            let status: String
            let statusLabel: String
            let createdAt: String
            let createdBy: String
            let publishedAt: String?
            let publishedBy: String
            let supersededAt: String?
            /// The previous version, offered for comparison.
            let previous: Int?
        }

        struct Entry {
            let id: UUID
            /// Its place in the version (1…), for the move buttons across pages.
            var position = 0
            let number: String
            let key: String
            /// "湖口县人民政府办公室第2版" when copied from another catalog.
            let source: String?
            let content: String
            let basis: String
            let timeLimit: String
            let timeLimitNote: String
            let body: String
            let channels: String
            let audience: String
        }

        /// A workflow button: a small POST form carrying the version and its lock version.
        struct Step {
            enum Extra { case none, returnComment, confirmDiscard }
            let action: String
            let title: String
            var secondary = false
            var extra = Extra.none
        }

        let catalogID: UUID
        let label: String
        let siteSlug: String
        let problem: String?
        let shown: Version
        let lockVersion: Int
        /// "审核进度：本单位审核已通过，指导单位审核待审核" while submitted.
        let reviewProgress: String?
        let steps: [Step]
        /// Discarding the open draft, behind a disclosure.
        let discard: Step?
        let editable: Bool
        /// One page of entries (100), narrowed by the search box.
        let entries: [Entry]
        var paging = Paging()
        let diff: (from: Int, changes: [CatalogDiff.Change])?
        let versions: [Version]
        /// "2026年3月2日 10:00 第2版 本单位审核 张三：退回修改" and the comment.
        let reviews: [(line: String, comment: String)]
        /// The unit's published 清单 rows that no entry of the draft names yet (offered as 二级事项).
        var listSources = ListSources()
    }

    /// What the unit's published 权责清单 and 公共服务清单 offer the draft (武定 (1): "结合权责清单和公共服务事项清单…编制").
    struct ListSources: Sendable {
        /// Different row names in the unit's published lists (a 职权 with 子项 counts once).
        var total = 0
        /// "行政许可：食品经营许可" and the name to put in 二级事项, for each row not yet in the catalog.
        var uncovered: [(label: String, name: String)] = []
    }

    /// Where the entries page is: how many in the version, how many match, and the links around this page.
    struct Paging: Sendable {
        var count = 0
        var matching = 0
        var search = ""
        var searchAction = ""
        var newerHref: String?
        var olderHref: String?
        var firstHref: String?
    }

    static func entriesPager(_ p: Paging) -> Component {
        KeysetPager(label: "事项分页", first: p.firstHref, newer: p.newerHref, older: p.olderHref)
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        let v = m.shown
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("标准目录", href: SiteURL.adminCatalogs.path) }
            El("h1") { T(m.label) }
            if let problem = m.problem { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(problem) } } }
            El("section", ["class": "card"]) {
                El("h2") {
                    T("第\(v.number)版 ")
                    El("span", ["class": "status status-\(v.status)"]) { T(v.statusLabel) }
                }
                El("p") {
                    T("\(m.paging.count)个事项；\(v.createdBy)于\(v.createdAt)创建")
                    if let at = v.publishedAt { T("；\(v.publishedBy)于\(at)发布") }
                    if let at = v.supersededAt { T("；\(at)起由新版本取代") }
                    T("。")
                }
                if let progress = m.reviewProgress { El("p") { T(progress) } }
                El("p", ["class": "actions"]) {
                    for format in CatalogExport.Format.allCases {
                        A("下载\(format.rawValue.uppercased())", href: SiteURL.adminCatalogDownload(m.catalogID, version: v.number, format: format.rawValue).path,
                          class: "button secondary")
                    }
                    if v.status == CatalogStatus.published.rawValue {
                        A("在门户查看", href: SiteURL.section(slug: m.siteSlug, .statutory).path, class: "button secondary")
                    }
                }
                actions(m, csrfToken: chrome.csrfToken)
            }
            if let diff = m.diff { diffSection(from: diff.from, to: v.number, diff.changes) }
            El("h2", ["id": "entries"]) { T("事项") }
            if m.editable {
                El("p") { A("添加事项", href: SiteURL.adminCatalogEntryNew(m.catalogID).path, class: "button") }
                if m.listSources.total > 0 { listSources(m) }
            }
            if m.paging.count > ShowModel.pageSize || !m.paging.search.isEmpty {
                El("form", ["method": "get", "action": m.paging.searchAction, "class": "search-box", "role": "search", "aria-label": "查找事项"]) {
                    El("label", ["for": "entry-q", "class": "visually-hidden"]) { T("查找事项") }
                    VoidEl("input", ["type": "search", "id": "entry-q", "name": "q", "value": m.paging.search, "placeholder": "事项名称、公开内容或依据中的词"])
                    El("button", ["type": "submit", "class": "button"]) { T("查找") }
                }
                El("p", ["class": "muted"]) {
                    T(m.paging.search.isEmpty ? "共\(m.paging.count)个事项，每页\(ShowModel.pageSize)个。" : "“\(m.paging.search)”：\(m.paging.matching)个事项（共\(m.paging.count)个）。")
                }
            }
            if m.entries.isEmpty {
                if m.paging.search.isEmpty {
                    EmptyState(title: "这一版还没有事项", text: m.editable ? "点“添加事项”逐条录入，或在目录列表页导入 xlsx 文件。" : "")
                } else {
                    EmptyState(title: "没有找到", text: "没有含“\(m.paging.search)”的事项。")
                }
            } else {
                entriesTable(m, csrfToken: chrome.csrfToken)
                entriesPager(m.paging)
            }
            versionsSection(m)
            if !m.reviews.isEmpty { reviewsSection(m) }
        }
    }

    /// The buttons the person may use on this version, each a small POST form carrying the lock version.
    static func actions(_ m: ShowModel, csrfToken: String) -> Component {
        func form(_ step: ShowModel.Step) -> Component {
            PostForm(action: SiteURL.adminCatalogAction(m.catalogID).path, csrfToken: csrfToken, class: "inline-form") {
                VoidEl("input", ["type": "hidden", "name": "action", "value": step.action])
                VoidEl("input", ["type": "hidden", "name": "version", "value": String(m.shown.number)])
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
                switch step.extra {
                case .none: EmptyComponent()
                case .returnComment: TextAreaRow(label: "退回意见（必填）", name: "comment", value: "", hint: "写明需要修改的事项和原因。", rows: 2)
                case .confirmDiscard:
                    El("label", ["class": "check"]) {
                        VoidEl("input", ["type": "checkbox", "name": "confirm", "value": "yes"])
                        T(" 确认放弃：这一版的\(m.paging.count)个事项将被删除（已发布的版本不受影响）")
                    }
                }
                El("button", ["type": "submit", "class": step.secondary ? "button secondary" : "button"]) { T(step.title) }
            }
        }
        return El("div", ["class": "workflow"]) {
            for step in m.steps { form(step) }
            if let discard = m.discard {
                El("details", ["class": "danger"]) {
                    El("summary") { T("放弃这一版草稿…") }
                    form(discard)
                }
            }
        }
    }

    static func entriesTable(_ m: ShowModel, csrfToken: String) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "catalog-table"]) {
                El("thead") {
                    El("tr") {
                        for h in ["序号", "事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "对象 / 方式 / 层级"] {
                            El("th", ["scope": "col"]) { T(h) }
                        }
                        if m.editable { El("th", ["scope": "col"]) { T("操作") } }
                    }
                }
                El("tbody") {
                    for e in m.entries {
                        El("tr") {
                            El("td") { T(e.number) }
                            El("td") {
                                T(e.key)
                                if let source = e.source { El("p", ["class": "muted"]) { T("来自\(source)") } }
                            }
                            El("td") { T(e.content) }
                            El("td") { T(e.basis) }
                            El("td") {
                                T(e.timeLimit)
                                El("p", ["class": "muted"]) { T(e.timeLimitNote) }
                            }
                            El("td") { T(e.body) }
                            El("td") { T(e.channels) }
                            El("td") { T(e.audience) }
                            if m.editable {
                                El("td", ["class": "row-actions"]) {
                                    A("修改", href: SiteURL.adminCatalogEntry(m.catalogID, entry: e.id).path)
                                    if e.position > 1 { entryButton(m, e, "up", "上移", csrfToken) }
                                    if e.position < m.paging.count { entryButton(m, e, "down", "下移", csrfToken) }
                                    El("details") {
                                        El("summary") { T("删除…") }
                                        entryButton(m, e, "delete", "确认删除这个事项", csrfToken)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func entryButton(_ m: ShowModel, _ entry: ShowModel.Entry, _ action: String, _ title: String, _ csrfToken: String) -> Component {
        PostForm(action: SiteURL.adminCatalogEntryAction(m.catalogID, entry: entry.id, action: action).path,
                 csrfToken: csrfToken, class: "inline-form") {
            VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
            El("button", ["type": "submit", "class": "link-button"]) { T(title) }
        }
    }

    static func versionsSection(_ m: ShowModel) -> Component {
        El("section", ["class": "card"]) {
            El("h2") { T("版本记录") }
            El("table") {
                El("thead") { El("tr") { for h in ["版本", "状态", "创建", "发布", "比较"] { El("th", ["scope": "col"]) { T(h) } } } }
                El("tbody") {
                    for version in m.versions {
                        El("tr") {
                            El("td") { A("第\(version.number)版", href: SiteURL.adminCatalog(m.catalogID).path(.version(version.number))) }
                            El("td") { T(version.statusLabel) }
                            El("td") { T("\(version.createdAt) \(version.createdBy)") }
                            El("td") { T(version.publishedAt.map { "\($0) \(version.publishedBy)" } ?? "—") }
                            El("td") {
                                if let previous = version.previous {
                                    A("与第\(previous)版比较",
                                      href: SiteURL.adminCatalog(m.catalogID).path(.version(version.number), .compare(previous)))
                                } else {
                                    T("—")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func diffSection(from: Int, to: Int, _ changes: [CatalogDiff.Change]) -> Component {
        El("section", ["class": "card diff"]) {
            El("h2") { T("第\(from)版 → 第\(to)版的变化") }
            if changes.isEmpty {
                El("p") { T("两个版本的事项完全相同。") }
            } else {
                El("ul") {
                    for change in changes {
                        switch change {
                        case .added(let e): El("li", ["class": "added"]) { T("新增：\(e.key)") }
                        case .removed(let e): El("li", ["class": "removed"]) { T("删除：\(e.key)") }
                        case .changed(let key, let fields):
                            El("li") {
                                T("修改：\(key)")
                                El("ul") {
                                    for f in fields {
                                        El("li") {
                                            T("\(f.label)：")
                                            El("del") { T(f.old.isEmpty ? "（空）" : f.old) }
                                            T(" → ")
                                            El("ins") { T(f.new.isEmpty ? "（空）" : f.new) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func reviewsSection(_ m: ShowModel) -> Component {
        El("section", ["class": "card"]) {
            El("h2") { T("审核记录") }
            El("ul") {
                for review in m.reviews {
                    El("li") {
                        T(review.line)
                        if !review.comment.isEmpty { El("blockquote") { T(review.comment) } }
                    }
                }
            }
        }
    }
}

extension CatalogPages {
    /// The unit's 清单 rows not yet in the draft, each one click from a new entry with its 二级事项 filled in.
    static func listSources(_ m: ShowModel) -> Component {
        El("details", optional: ["class": "card", "id": "list-sources", "open": m.listSources.uncovered.isEmpty ? nil : "open"]) {
            El("summary") {
                T(m.listSources.uncovered.isEmpty
                  ? "本单位权责清单和公共服务清单的\(m.listSources.total)项都已编入本单位的目录"
                  : "本单位权责清单和公共服务清单中还有\(m.listSources.uncovered.count)项没有编入本单位的任何目录（共\(m.listSources.total)项）")
            }
            El("p", ["class": "hint"]) { T("标准目录应结合权责清单和公共服务事项清单编制。属于本领域的，点“添加为二级事项”新建事项，二级事项已填好；属于其他领域的，编入该领域的目录。") }
            El("ul", ["class": "plain"]) {
                for row in m.listSources.uncovered {
                    El("li") {
                        T(row.label + "　")
                        A("添加为二级事项", href: SiteURL.adminCatalogEntryNew(m.catalogID).path(.level2(row.name)))
                    }
                }
            }
        }
    }
}

extension CatalogPages.ShowModel {
    /// A township's 政务服务 draft under review: the unit has approved, the guiding unit has not; compared with
    /// the published version; one entry copied from the county's catalog.
    static var mock: Self {
        let id = UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))
        let published = Version(number: 1, status: "superseded", statusLabel: "历史版本", createdAt: "2026年3月2日 09:15",
                                createdBy: "双钟镇编辑", publishedAt: "2026年3月10日 16:40", publishedBy: "县政府办公室",
                                supersededAt: nil, previous: nil)
        let draft = Version(number: 2, status: "submitted", statusLabel: "待审核", createdAt: "2026年11月20日 10:02",
                            createdBy: "双钟镇编辑", publishedAt: nil, publishedBy: "", supersededAt: nil, previous: 1)
        return Self(
            catalogID: id, label: "湖口县双钟镇人民政府 政务服务 乡镇目录", siteSlug: "hukou", problem: nil,
            shown: draft, lockVersion: 4, reviewProgress: "审核进度：本单位审核已通过，指导单位审核待审核",
            steps: [.init(action: "approve-guide", title: "指导单位审核通过"),
                    .init(action: "return-guide", title: "指导单位审核退回修改", secondary: true, extra: .returnComment)],
            discard: nil, editable: false,
            entries: [
                .init(id: UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)), number: "1", key: "办事指南/行政许可",
                      source: "湖口县人民政府办公室第3版", content: "事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程",
                      basis: "《中华人民共和国政府信息公开条例》第二十条", timeLimit: "信息形成或者变更之日起20个工作日内",
                      timeLimitNote: "形成或变更后20个工作日内", body: "湖口县双钟镇人民政府",
                      channels: "■政府网站、■政务服务中心", audience: "全社会；主动；乡级"),
                .init(id: UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3)), number: "2", key: "便民服务/代办事项",
                      source: nil, content: "代办事项清单", basis: "", timeLimit: "按上级要求", timeLimitNote: "无法自动计算",
                      body: "湖口县双钟镇人民政府", channels: "■政府网站、便民服务中心公示栏", audience: "全社会；主动；乡级、村级"),
            ],
            paging: .init(count: 2, matching: 2, searchAction: "/admin/catalogs/\(id.uuidString)"),
            diff: (from: 1, changes: [.changed(key: "办事指南/行政许可", fields: [.init(label: "公开时限", old: "实时公开", new: "信息形成或者变更之日起20个工作日内")])]),
            versions: [draft, published],
            reviews: [(line: "2026年11月21日 14:30 第2版 本单位审核 双钟镇审核员：通过", comment: ""),
                      (line: "2026年11月20日 17:05 第2版 本单位审核 双钟镇审核员：退回修改", comment: "“便民服务”缺少公开依据。")])
    }
}
