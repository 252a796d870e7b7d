import Foundation
import GongkaiCore
import Plot

/// The back office's information pages: the list with status and timeliness, and a record's page with its review
/// actions, the content check, attachments, versions and review history.
enum PublicationPages {
    /// A badge as text and kind (`ok`, `danger`, `warn`, `info`).
    struct Mark: Sendable, Equatable {
        let text: String
        let kind: String
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let isInterpretation: Bool
        let unitName: String
        let indexNumber: String
        let status: String
        let publishedOn: String
        let timeliness: Mark?
    }

    /// The list: what waits for this reviewer, then every record the actor sees (built by `PublicationQuery.index`).
    struct IndexModel: Sendable {
        let portalHref: String
        /// Submitted or approved records, shown to reviewers and the office; nil for editors.
        let toReview: [Row]?
        /// "全部信息" for the office, "本单位信息" for a unit.
        let heading: String
        /// One page of the list.
        let rows: [Row]
        /// How many records match the filters.
        let total: Int
        let filters: Filters
        let newerHref: String?
        let olderHref: String?
        let firstHref: String?
    }

    struct Filters: Sendable {
        let text: String
        let state: String
        let unit: String
        /// The units the office may narrow to (empty for a unit's staff).
        let units: [(value: String, label: String)]
        let isFiltered: Bool
        let clearHref: String
    }

    static let states: [(String, String)] = [("", "全部状态"), ("unpublished", "未发布（草稿、待审核）"), ("live", "已发布"), ("withdrawn", "已撤回")]

    static func filterForm(_ f: Filters) -> Component {
        El("form", ["method": "get", "action": SiteURL.adminPublications.path, "class": "filters", "role": "search", "aria-label": "筛选信息"]) {
            El("div", ["class": "filter-field"]) {
                El("label", ["for": "q"]) { T("标题、索引号或文号") }
                VoidEl("input", ["type": "search", "id": "q", "name": "q", "value": f.text])
            }
            El("div", ["class": "filter-field"]) {
                El("label", ["for": "state"]) { T("状态") }
                El("select", ["id": "state", "name": "state"]) {
                    for (value, label) in states {
                        El("option", value == f.state ? ["value": value, "selected": "selected"] : ["value": value]) { T(label) }
                    }
                }
            }
            if !f.units.isEmpty {
                El("div", ["class": "filter-field"]) {
                    El("label", ["for": "unit"]) { T("发布机构") }
                    El("select", ["id": "unit", "name": "unit"]) {
                        El("option", ["value": ""]) { T("全部单位") }
                        for (value, label) in f.units {
                            El("option", value == f.unit ? ["value": value, "selected": "selected"] : ["value": value]) { T(label) }
                        }
                    }
                }
            }
            El("div", ["class": "filter-field filter-actions"]) {
                El("button", ["type": "submit", "class": "button secondary"]) { T("筛选") }
                if f.isFiltered { A("清除筛选", href: f.clearHref) }
            }
        }
    }

    /// Records a page of the list shows.
    static let pageSize = 50

    static func pager(_ m: IndexModel) -> Component {
        KeysetPager(first: m.firstHref, newer: m.newerHref, older: m.olderHref)
    }

    static func index(_ m: IndexModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("信息发布") }
            El("p", ["class": "lead"]) {
                T("起草→提交审核→审核通过→发布。发布前自动检查个人信息和错敏词；对应标准目录事项的信息按公开时限计算是否按时。")
            }
            El("p") {
                A("新建政府信息", href: SiteURL.adminPublicationNew.path, class: "button")
                T(" ")
                A("查看门户信息公开", href: m.portalHref, class: "button secondary")
            }
            if let toReview = m.toReview, !toReview.isEmpty {
                El("h2") { T("待审核、待发布（\(toReview.count)）") }
                table(toReview)
            }
            El("h2") { T("\(m.heading)（\(m.total)）") }
            filterForm(m.filters)
            if m.rows.isEmpty {
                if m.filters.isFiltered {
                    EmptyState(title: "没有符合条件的信息", text: "换个词或状态再试，或清除筛选。")
                } else {
                    EmptyState(title: "还没有信息", text: "点“新建政府信息”开始录入。")
                }
            } else {
                table(m.rows)
                if m.total > m.rows.count { El("p", ["class": "muted"]) { T("共\(m.total)条，每页\(pageSize)条，按录入时间从新到旧排列。") } }
                pager(m)
            }
        }
    }

    static func badge(_ mark: Mark?) -> Component {
        mark.map { Badge(text: $0.text, kind: $0.kind) } ?? EmptyComponent()
    }

    static func table(_ rows: [Row]) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "list stack"]) {
                El("thead") {
                    El("tr") {
                        for h in ["标题", "发布机构", "索引号", "状态", "发布日期", "时效"] { El("th", ["scope": "col"]) { T(h) } }
                    }
                }
                El("tbody") {
                    for row in rows {
                        El("tr") {
                            El("td") {
                                A(row.title, href: row.href)
                                if row.isInterpretation { T(" "); Badge(text: "政策解读") }
                            }
                            El("td", ["data-label": "发布机构"]) { T(row.unitName) }
                            El("td", ["class": "nowrap", "data-label": "索引号"]) { T(row.indexNumber) }
                            El("td", ["data-label": "状态"]) { T(row.status) }
                            El("td", ["class": "nowrap", "data-label": "发布日期"]) { T(row.publishedOn) }
                            El("td", ["data-label": "时效"]) { badge(row.timeliness) }
                        }
                    }
                }
            }
        }
    }

    /// One record's page in the back office, as display values (built by `PublicationQuery.show`).
    struct ShowModel: Sendable {
        /// A step the actor may take, in the order shown.
        enum Step: Sendable {
            case link(title: String, href: String)
            /// A workflow form (`submit`, `approve`, `return`, `withdraw`); `comment` labels a required comment box.
            case form(action: String, title: String, comment: String?)
            /// 发布, with a box for the reason when the check found something.
            case publish(needsReason: Bool)
        }

        /// What the check before publishing found, and what may be done about it.
        struct Safety: Sendable {
            let blocked: Bool
            let findings: [String]
            /// 一键屏蔽, offered when something can be masked and the actor may fix it.
            let maskAction: String?
            let hasUnmaskable: Bool
            let overrideHint: Bool
        }

        struct Attachment: Sendable {
            let name: String
            let href: String
            let note: String
            let removeAction: String?
        }

        let id: UUID
        let title: String
        let status: String
        let timeliness: Mark?
        let portalHref: String?
        let actionError: String?
        let withdrawn: String?
        let safety: Safety?
        let lockVersion: Int
        let steps: [Step]
        /// "第2版 · 草稿".
        let versionHeading: String
        let metadata: PublicationMetadata.Fields
        let disclosure: String
        /// "事项（时限）：" , the result in bold, and what follows it.
        let timelinessLines: [(lead: String, result: String, tail: String)]
        let bodyHTML: String
        let attachments: [Attachment]
        /// The upload form's action, when the actor may add files to this version.
        let uploadAction: String?
        let versions: [String]
        let reviews: [String]
    }

    static func show(_ m: ShowModel, chrome: PageChrome) -> String {
        let csrf = chrome.csrfToken
        let lock = String(m.lockVersion)
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("信息发布", href: SiteURL.adminPublications.path) }
            El("h1") { T(m.title) }
            El("p") {
                Badge(text: m.status)
                T(" ")
                badge(m.timeliness)
                if let href = m.portalHref {
                    T(" ")
                    A("在门户查看", href: href)
                }
            }
            if let error = m.actionError { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(error) } } }
            if let withdrawn = m.withdrawn { El("p", ["class": "notice"]) { T(withdrawn) } }
            if let safety = m.safety { self.safety(safety, lock: lock, csrf: csrf) }
            El("section", ["class": "card actions-card"]) {
                El("h2") { T("办理") }
                for step in m.steps { self.step(step, id: m.id, lock: lock, csrf: csrf) }
            }
            El("h2") { T(m.versionHeading) }
            PublicationMetadata(m.metadata)
            El("section", ["class": "card"]) {
                El("h3") { T("公开属性") }
                El("p") { T(m.disclosure) }
            }
            if !m.timelinessLines.isEmpty {
                El("section", ["class": "card"]) {
                    El("h3") { T("是否按时公开") }
                    El("ul") {
                        for line in m.timelinessLines {
                            El("li") {
                                T(line.lead)
                                El("strong") { T(line.result) }
                                T(line.tail)
                            }
                        }
                    }
                }
            }
            El("section", ["class": "body-text"]) { RawHTML(m.bodyHTML) }
            attachments(m, lock: lock, csrf: csrf)
            history(m)
        }
    }

    @ComponentBuilder
    static func safety(_ s: ShowModel.Safety, lock: String, csrf: String) -> Component {
        El("section", ["class": s.blocked ? "error-summary" : "card warning", "id": "safety", "role": s.blocked ? "alert" : "note"]) {
            El("h2") { T(s.blocked ? "发布前检查未通过，未发布" : "发布前检查发现\(s.findings.count)处问题") }
            El("ul") {
                for f in s.findings { El("li") { T(f) } }
            }
            if let mask = s.maskAction {
                PostForm(action: mask, csrfToken: csrf, class: "inline") {
                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                    El("button", ["type": "submit", "class": "button"]) { T("一键屏蔽标题和正文中的个人信息") }
                }
            }
            if s.hasUnmaskable {
                El("p", ["class": "hint"]) { T("附件中的个人信息无法在线屏蔽，请处理后重新上传附件；错敏词请修改正文。") }
            }
            if s.overrideHint {
                El("p", ["class": "hint"]) { T("确需原样公开的（例如法律规定应公开的公示名单），审核人员可写明理由后发布，理由将记入操作日志。") }
            }
        }
    }

    static func step(_ step: ShowModel.Step, id: UUID, lock: String, csrf: String) -> Component {
        switch step {
        case .link(let title, let href):
            return A(title, href: href, class: "button secondary")
        case .form(let action, let title, let comment):
            return actionForm(id, action, title, lock: lock, csrf: csrf, comment: comment)
        case .publish(let needsReason):
            return PostForm(action: SiteURL.adminPublicationAction(id).path, csrfToken: csrf) {
                VoidEl("input", ["type": "hidden", "name": "action", "value": "publish"])
                VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                if needsReason {
                    TextAreaRow(label: "仍要发布的理由（审核人员填写，记入操作日志）", name: "overrideReason", value: "", rows: 2)
                }
                El("button", ["type": "submit", "class": "button"]) { T(needsReason ? "说明理由并发布" : "发布") }
            }
        }
    }

    static func actionForm(_ id: UUID, _ action: String, _ title: String, lock: String, csrf: String, comment: String? = nil) -> Component {
        PostForm(action: SiteURL.adminPublicationAction(id).path, csrfToken: csrf, class: comment == nil ? "inline" : "form") {
            VoidEl("input", ["type": "hidden", "name": "action", "value": action])
            VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
            if let comment { TextAreaRow(label: comment, name: "comment", value: "", rows: 2) }
            El("button", ["type": "submit", "class": action == "withdraw" || action == "return" ? "button secondary" : "button"]) { T(title) }
        }
    }

    @ComponentBuilder
    static func attachments(_ m: ShowModel, lock: String, csrf: String) -> Component {
        El("section", ["class": "card", "id": "attachments"]) {
            El("h2") { T("附件（\(m.attachments.count)）") }
            if !m.attachments.isEmpty {
                El("ul") {
                    for file in m.attachments {
                        El("li") {
                            A(file.name, href: file.href)
                            El("span", ["class": "muted"]) { T(file.note) }
                            if let remove = file.removeAction {
                                PostForm(action: remove, csrfToken: csrf, class: "inline") {
                                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                                    El("button", ["type": "submit", "class": "link-button dark"]) { T("删除") }
                                }
                            }
                        }
                    }
                }
            }
            if let upload = m.uploadAction {
                El("form", ["method": "post", "action": upload, "enctype": "multipart/form-data", "class": "form", "accept-charset": "UTF-8"]) {
                    VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrf])
                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                    El("label", ["for": "file"]) { T("上传附件") }
                    El("p", ["class": "hint"]) { T("可上传\(StoredFiles.acceptedDescription)，单个文件不超过20MB；文件类型按内容识别。") }
                    VoidEl("input", ["type": "file", "id": "file", "name": "file", "required": "required"])
                    El("button", ["type": "submit", "class": "button secondary"]) { T("上传") }
                }
            }
        }
    }

    @ComponentBuilder
    static func history(_ m: ShowModel) -> Component {
        El("section", ["class": "card"]) {
            El("h2") { T("版本") }
            El("ol") {
                for v in m.versions { El("li") { T(v) } }
            }
            El("h2") { T("办理记录") }
            if m.reviews.isEmpty {
                El("p", ["class": "muted"]) { T("尚无办理记录。") }
            } else {
                El("ol") {
                    for r in m.reviews { El("li") { T(r) } }
                }
            }
        }
    }

    static func reviewLabel(_ action: String) -> String {
        if action == "override" { return "发布前检查提示后仍发布" }
        return PublicationAction(rawValue: action)?.label ?? action
    }

    static func byteSize(_ size: Int) -> String {
        size >= 1024 * 1024 ? String(format: "%.1fMB", Double(size) / 1048576) : "\(max(1, size / 1024))KB"
    }
}

/// Sanitised HTML (RichText) put on the page as it is.
struct RawHTML: Component {
    let html: String
    init(_ html: String) { self.html = html }
    var body: Component { Node<Any>.raw(html) }
}

extension PublicationMetadata.Fields {
    /// A 县民政局 notice under one catalog entry, with an interpretation.
    static var mock: Self {
        Self(indexNumber: "11360429MB1234567X/2026-00012", theme: "民政、扶贫、救灾", unitName: "湖口县民政局", writtenOn: "2026-11-02",
             title: "湖口县2026年城乡最低生活保障标准调整的通知", documentNumber: "湖民字〔2026〕12号", publishedOn: "2026-11-05",
             validity: "有效", isValid: true, formedOn: "2026-11-02",
             entries: [("社会救助 › 最低生活保障 › 低保标准", "/sites/hukou/shixiang/k")], channels: "政府网站、政务公开栏",
             interprets: nil, interpretations: [("《湖口县2026年城乡最低生活保障标准调整的通知》政策解读", "/sites/hukou/xinxi/2")])
    }
}

extension PublicationPages.IndexModel {
    /// A reviewer's list: one record waiting, one published late.
    static var mock: Self {
        let waiting = PublicationPages.Row(title: "双钟镇2026年临时救助对象公示", href: "/admin/publications/1", isInterpretation: false,
                                           unitName: "湖口县双钟镇人民政府", indexNumber: "11360429MB1234567X/2026-00031", status: "待审核",
                                           publishedOn: "—", timeliness: .init(text: "待公开", kind: "warn"))
        let late = PublicationPages.Row(title: "《双钟镇低保管理办法》政策解读", href: "/admin/publications/2", isInterpretation: true,
                                        unitName: "湖口县双钟镇人民政府", indexNumber: "11360429MB1234567X/2026-00017", status: "已发布",
                                        publishedOn: "2026-10-20", timeliness: .init(text: "逾期公开", kind: "danger"))
        return Self(portalHref: "/sites/hukou/xinxi", toReview: [waiting], heading: "本单位信息", rows: [waiting, late], total: 120,
                    filters: .init(text: "救助", state: "", unit: "", units: [], isFiltered: true, clearHref: "/admin/publications"),
                    newerHref: nil, olderHref: "/admin/publications?q=救助&after=1_x", firstHref: nil)
    }
}

extension PublicationPages.ShowModel {
    /// An approved version the check stopped: a phone number that can be masked, a sensitive word that cannot.
    static var mock: Self {
        let id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12))
        return Self(
            id: id, title: "湖口县2026年城乡最低生活保障标准调整的通知", status: "审核通过", timeliness: .init(text: "待公开", kind: "warn"),
            portalHref: nil, actionError: nil, withdrawn: nil,
            safety: .init(blocked: true, findings: ["正文：手机号码“138****0000”，上下文：联系人张三，电话138****0000"],
                          maskAction: SiteURL.adminPublicationMask(id).path, hasUnmaskable: false, overrideHint: true),
            lockVersion: 4,
            steps: [.form(action: "return", title: "退回修改", comment: "退回意见（必填）"), .publish(needsReason: true)],
            versionHeading: "第1版 · 审核通过", metadata: .mock, disclosure: "主动公开",
            timelinessLines: [("社会救助 › 最低生活保障 › 低保标准（信息形成或变更之日起20个工作日内）：", "待公开", "，应于2026-11-30前公开")],
            bodyHTML: "<p>各乡镇人民政府：经县人民政府同意，现将2026年城乡最低生活保障标准调整如下。</p>",
            attachments: [.init(name: "低保标准表.xlsx", href: SiteURL.adminPublicationFile(id, attachment: id).path, note: "　12KB（已检查文字）",
                                removeAction: nil)],
            uploadAction: nil,
            versions: ["第1版 · 审核通过 · 民政局编辑 2026年11月2日 10:00"],
            reviews: ["2026年11月3日 09:00 民政局审核：第1版 审核通过"])
    }
}
