import Foundation
import GongkaiCore
import Plot

extension CatalogPages {
    struct ShowModel {
        let loaded: CatalogEditing.Loaded
        let shown: CatalogVersionRecord
        let entries: [CatalogEntryRecord]
        let reviews: [CatalogReviewRecord]
        let approvals: [CatalogReviewer]
        let diff: (Int, [CatalogDiff.Change])?
        let sourceLabels: [UUID: String]
        let canEdit: Bool
        let reviewerRoles: [CatalogReviewer]
        let canPublish: Bool
        let problem: String?
        let siteSlug: String

        var editable: Bool { canEdit && shown.catalogStatus.isEditable && shown.id == loaded.open?.id }
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        let id = m.loaded.catalog.id!
        let v = m.shown
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("标准目录", href: SiteURL.adminCatalogs.path) }
            El("h1") { T(m.loaded.label) }
            if let problem = m.problem { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(problem) } } }
            El("section", ["class": "card"]) {
                El("h2") {
                    T("第\(v.number)版 ")
                    El("span", ["class": "status status-\(v.status)"]) { T(v.catalogStatus.label) }
                }
                El("p") {
                    T("\(m.entries.count)个事项；\(v.createdByLabel)于\(ChineseTime.dateTime(v.createdAt))创建")
                    if let at = v.publishedAt { T("；\(v.publishedByLabel ?? "")于\(ChineseTime.dateTime(at))发布") }
                    if let at = v.supersededAt { T("；\(ChineseTime.dateTime(at))起由新版本取代") }
                    T("。")
                }
                if v.catalogStatus == .submitted {
                    let required = CatalogWorkflow.requiredReviews(for: m.loaded.catalog.catalogLevel)
                    El("p") {
                        T("审核进度：" + required.map { "\($0.label)\(m.approvals.contains($0) ? "已通过" : "待审核")" }.joined(separator: "，"))
                    }
                }
                El("p", ["class": "actions"]) {
                    for format in CatalogExport.Format.allCases {
                        A("下载\(format.rawValue.uppercased())", href: SiteURL.adminCatalogDownload(id, version: v.number, format: format.rawValue).path,
                          class: "button secondary")
                    }
                    if v.catalogStatus == .published {
                        A("在门户查看", href: SiteURL.section(slug: m.siteSlug, .statutory).path, class: "button secondary")
                    }
                }
                actions(m, csrfToken: chrome.csrfToken)
            }
            if let (number, changes) = m.diff { diffSection(from: number, to: v.number, changes) }
            El("h2", ["id": "entries"]) { T("事项") }
            if m.editable {
                El("p") { A("添加事项", href: SiteURL.adminCatalogEntryNew(id).path, class: "button") }
            }
            if m.entries.isEmpty {
                EmptyState(title: "这一版还没有事项", text: m.editable ? "点“添加事项”逐条录入，或在目录列表页导入 xlsx 文件。" : "")
            } else {
                entriesTable(m, csrfToken: chrome.csrfToken)
            }
            versionsSection(m)
            if !m.reviews.isEmpty { reviewsSection(m) }
        }
    }

    /// The buttons the person may use on this version, each a small POST form carrying the lock version.
    static func actions(_ m: ShowModel, csrfToken: String) -> Component {
        let id = m.loaded.catalog.id!
        let v = m.shown
        let isOpen = v.id == m.loaded.open?.id
        func form(_ action: String, _ title: String, secondary: Bool = false, @ComponentBuilder extra: @escaping () -> Component = { EmptyComponent() }) -> Component {
            PostForm(action: SiteURL.adminCatalogAction(id).path, csrfToken: csrfToken, class: "inline-form") {
                VoidEl("input", ["type": "hidden", "name": "action", "value": action])
                VoidEl("input", ["type": "hidden", "name": "version", "value": String(v.number)])
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(v.lockVersion)])
                extra()
                El("button", ["type": "submit", "class": secondary ? "button secondary" : "button"]) { T(title) }
            }
        }
        // The guiding unit reviews after the unit's own review has passed.
        let pendingReviews = m.reviewerRoles.filter { !m.approvals.contains($0) && ($0 == .unit || m.approvals.contains(.unit)) }
        return El("div", ["class": "workflow"]) {
            if isOpen && m.canEdit && v.catalogStatus.isEditable {
                form("submit", "提交审核")
            }
            if isOpen && v.catalogStatus == .submitted {
                for reviewer in pendingReviews {
                    form("approve-\(reviewer.rawValue)", "\(reviewer.label)通过")
                    form("return-\(reviewer.rawValue)", "\(reviewer.label)退回修改", secondary: true) {
                        TextAreaRow(label: "退回意见（必填）", name: "comment", value: "", hint: "写明需要修改的事项和原因。", rows: 2)
                    }
                }
            }
            if isOpen && v.catalogStatus == .approved && m.canPublish {
                form("publish", "发布第\(v.number)版")
            }
            if m.loaded.open == nil && m.canEdit {
                form("revise", m.loaded.published == nil ? "新建草稿" : "新建修订版本（以已发布版本为基础）")
            }
            if isOpen && m.canEdit && v.catalogStatus.isEditable {
                El("details", ["class": "danger"]) {
                    El("summary") { T("放弃这一版草稿…") }
                    form("discard", "放弃第\(v.number)版", secondary: true) {
                        El("label", ["class": "check"]) {
                            VoidEl("input", ["type": "checkbox", "name": "confirm", "value": "yes"])
                            T(" 确认放弃：这一版的\(m.entries.count)个事项将被删除（已发布的版本不受影响）")
                        }
                    }
                }
            }
        }
    }

    static func entriesTable(_ m: ShowModel, csrfToken: String) -> Component {
        let id = m.loaded.catalog.id!
        return El("div", ["class": "table-wrap", "tabindex": "0"]) {
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
                    for (index, record) in m.entries.enumerated() {
                        let e = record.entry
                        El("tr") {
                            El("td") { T(e.number) }
                            El("td") {
                                T(e.key)
                                if let source = record.copiedFromID.flatMap({ m.sourceLabels[$0] }) {
                                    El("p", ["class": "muted"]) { T("来自\(source)") }
                                }
                            }
                            El("td") { T(e.content) }
                            El("td") { T(e.basis) }
                            El("td") {
                                T(e.timeLimit.text)
                                El("p", ["class": "muted"]) { T(e.timeLimit.isComputable ? e.timeLimit.summary : "无法自动计算") }
                            }
                            El("td") { T(e.body) }
                            El("td") { T((e.channels.required.map { "■" + $0.label } + e.channels.others).joined(separator: "、")) }
                            El("td") { T("\(e.audience.label)；\(e.methods.label)；\(e.levels.sorted().map(\.label).joined(separator: "、"))") }
                            if m.editable {
                                El("td", ["class": "row-actions"]) {
                                    A("修改", href: SiteURL.adminCatalogEntry(id, entry: record.id!).path)
                                    if index > 0 { entryButton(m, record, "up", "上移", csrfToken) }
                                    if index < m.entries.count - 1 { entryButton(m, record, "down", "下移", csrfToken) }
                                    El("details") {
                                        El("summary") { T("删除…") }
                                        entryButton(m, record, "delete", "确认删除这个事项", csrfToken)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func entryButton(_ m: ShowModel, _ record: CatalogEntryRecord, _ action: String, _ title: String, _ csrfToken: String) -> Component {
        PostForm(action: SiteURL.adminCatalogEntryAction(m.loaded.catalog.id!, entry: record.id!, action: action).path,
                 csrfToken: csrfToken, class: "inline-form") {
            VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.shown.lockVersion)])
            El("button", ["type": "submit", "class": "link-button"]) { T(title) }
        }
    }

    static func versionsSection(_ m: ShowModel) -> Component {
        let id = m.loaded.catalog.id!
        return El("section", ["class": "card"]) {
            El("h2") { T("版本记录") }
            El("table") {
                El("thead") { El("tr") { for h in ["版本", "状态", "创建", "发布", "比较"] { El("th", ["scope": "col"]) { T(h) } } } }
                El("tbody") {
                    for version in m.loaded.versions {
                        El("tr") {
                            El("td") { A("第\(version.number)版", href: SiteURL.adminCatalog(id).path(.version(version.number))) }
                            El("td") { T(version.catalogStatus.label) }
                            El("td") { T("\(ChineseTime.dateTime(version.createdAt)) \(version.createdByLabel)") }
                            El("td") { T(version.publishedAt.map { "\(ChineseTime.dateTime($0)) \(version.publishedByLabel ?? "")" } ?? "—") }
                            El("td") {
                                if let previous = m.loaded.versions.first(where: { $0.number < version.number }) {
                                    A("与第\(previous.number)版比较",
                                      href: SiteURL.adminCatalog(id).path(.version(version.number), .compare(previous.number)))
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
                    let number = m.loaded.versions.first { $0.id == review.$version.id }?.number ?? 0
                    El("li") {
                        T("\(ChineseTime.dateTime(review.at)) 第\(number)版 \(CatalogReviewer(rawValue: review.reviewer)?.label ?? review.reviewer) \(review.userLabel)："
                          + (review.decision == "approve" ? "通过" : "退回修改"))
                        if !review.comment.isEmpty { El("blockquote") { T(review.comment) } }
                    }
                }
            }
        }
    }
}
