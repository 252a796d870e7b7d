import Foundation
import GongkaiCore
import Plot

/// The back office's information pages: the list with status and timeliness, and a record's page with its review
/// actions, the content check, attachments, versions and review history.
enum PublicationPages {
    struct Row {
        let record: PublicationRecord
        let unitName: String
        let latest: PublicationVersionRecord
        let timeliness: PublicationTimeliness
    }

    static func statusLabel(_ record: PublicationRecord, latest: PublicationVersionRecord) -> String {
        if record.withdrawnAt != nil && latest.publicationStatus == .withdrawn { return "已撤回" }
        if record.isLive && latest.id != record.liveVersionID { return "已发布（第\(latest.number)版\(latest.publicationStatus.label)）" }
        return latest.publicationStatus.label
    }

    static func timelinessBadge(_ t: PublicationTimeliness) -> Component {
        guard let headline = t.headline else { return EmptyComponent() }
        let kind: String
        switch headline {
        case .onTime: kind = "ok"
        case .late, .overdue: kind = "danger"
        case .pending: kind = "warn"
        case .notComputable: kind = "info"
        }
        return Badge(text: headline.label, kind: kind)
    }

    static func index(_ rows: [Row], staff: Staff, chrome: PageChrome) -> String {
        let toReview = rows.filter { [.submitted, .approved].contains($0.latest.publicationStatus) }
        return Layout.render(chrome) {
            El("h1") { T("信息发布") }
            El("p", ["class": "lead"]) {
                T("起草→提交审核→审核通过→发布。发布前自动检查个人信息和错敏词；对应标准目录事项的信息按公开时限计算是否按时。")
            }
            El("p") {
                A("新建政府信息", href: SiteURL.adminPublicationNew.path, class: "button")
                T(" ")
                A("查看门户信息公开", href: SiteURL.publications(slug: staff.siteSlug).path, class: "button secondary")
            }
            if !toReview.isEmpty && (staff.roles.contains(.reviewer) || staff.roles.contains(.admin)) {
                El("h2") { T("待审核、待发布（\(toReview.count)）") }
                table(toReview)
            }
            El("h2") { T(staff.roles.contains(.admin) ? "全部信息（\(rows.count)）" : "本单位信息（\(rows.count)）") }
            if rows.isEmpty {
                EmptyState(title: "还没有信息", text: "点“新建政府信息”开始录入。")
            } else {
                table(rows)
            }
        }
    }

    static func table(_ rows: [Row]) -> Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", ["class": "list"]) {
                El("thead") {
                    El("tr") {
                        for h in ["标题", "发布机构", "索引号", "状态", "发布日期", "时效"] { El("th", ["scope": "col"]) { T(h) } }
                    }
                }
                El("tbody") {
                    for row in rows {
                        El("tr") {
                            El("td") {
                                A(row.latest.title, href: SiteURL.adminPublication(row.record.id!).path)
                                if row.record.publicationKind == .interpretation { T(" "); Badge(text: "政策解读") }
                            }
                            El("td") { T(row.unitName) }
                            El("td", ["class": "nowrap"]) { T(row.record.indexNumber) }
                            El("td") { T(statusLabel(row.record, latest: row.latest)) }
                            El("td", ["class": "nowrap"]) { T(row.record.publishedOn ?? "—") }
                            El("td") { timelinessBadge(row.timeliness) }
                        }
                    }
                }
            }
        }
    }

    struct ShowModel {
        let full: PublicationStore.Full
        let siteSlug: String
        /// What the actor may do on this record (`PublicationActions.abilities`).
        let may: PublicationActions.Abilities
        let findings: [ContentSafetyFinding]
        let blocked: Bool
        let actionError: String?
        let timeliness: PublicationTimeliness
        let interprets: PublicationRecord?
        let interpretations: [PublicationRecord]
        var csrf = ""
    }

    static func show(_ model: ShowModel, chrome: PageChrome) -> String {
        var m = model
        m.csrf = chrome.csrfToken
        let full = m.full
        let record = full.record
        let version = full.working ?? full.latest
        let target = full.target
        let canEdit = m.may.edit
        let canReview = m.may.review
        let canPublish = m.may.publish
        let lock = String(record.lockVersion)
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) { A("信息发布", href: SiteURL.adminPublications.path) }
            El("h1") { T(version.title) }
            El("p") {
                Badge(text: statusLabel(record, latest: full.latest))
                T(" ")
                timelinessBadge(m.timeliness)
                if record.isLive {
                    T(" ")
                    A("在门户查看", href: SiteURL.publication(slug: m.siteSlug, record.id!).path)
                }
            }
            if let error = m.actionError { El("div", ["class": "error-summary", "role": "alert"]) { El("p") { T(error) } } }
            if let withdrawn = record.withdrawnAt {
                El("p", ["class": "notice"]) {
                    T("已于\(ChineseTime.dateTime(withdrawn))撤回（\(record.withdrawnByLabel ?? "")）：\(record.withdrawnReason ?? "")")
                }
            }
            safety(m, version: version, lock: lock, canPublish: canPublish, canFix: canEdit || canReview)
            actions(m, version: version, lock: lock, canEdit: canEdit, canReview: canReview, canPublish: canPublish)
            El("h2") { T("第\(version.number)版 · \(version.publicationStatus.label)") }
            PublicationMetadata(record: record, version: version, unitName: full.unit.name, entries: full.entries[version.id!] ?? [],
                                interprets: m.interprets, interpretations: m.interpretations, siteSlug: m.siteSlug, admin: true)
            El("section", ["class": "card"]) {
                El("h3") { T("公开属性") }
                El("p") {
                    T(version.disclosure.label)
                    if let reason = version.withholdingReason.flatMap(WithholdingReason.init(rawValue:)) { T("：\(reason.label)（\(reason.article)）") }
                    if !version.attributeExplanation.isEmpty { T("。\(version.attributeExplanation)") }
                }
            }
            if !m.timeliness.lines.isEmpty {
                El("section", ["class": "card"]) {
                    El("h3") { T("是否按时公开") }
                    El("ul") {
                        for line in m.timeliness.lines {
                            El("li") {
                                T("\(line.entry)（\(line.timeLimit)）：")
                                El("strong") { T(line.result.label) }
                                switch line.result {
                                case .onTime(let due), .late(_, let due), .pending(_, let due), .overdue(_, let due):
                                    T("，应于\(due.description)前公开")
                                case .notComputable: T(version.formedOn == nil ? "（未填写形成或变更日期）" : "")
                                }
                            }
                        }
                    }
                }
            }
            El("section", ["class": "body-text"]) { RawHTML(version.bodyHTML) }
            attachments(m, version: version, lock: lock, canEdit: canEdit && version.publicationStatus.isEditable)
            history(m)
        }
    }

    @ComponentBuilder
    static func safety(_ m: ShowModel, version: PublicationVersionRecord, lock: String, canPublish: Bool, canFix: Bool) -> Component {
        if !m.findings.isEmpty && version.publicationStatus != .published {
            El("section", ["class": m.blocked ? "error-summary" : "card warning", "id": "safety", "role": m.blocked ? "alert" : "note"]) {
                El("h2") { T(m.blocked ? "发布前检查未通过，未发布" : "发布前检查发现\(m.findings.count)处问题") }
                El("ul") {
                    for f in m.findings {
                        if f.kind == .unreadable {
                            El("li") { T("\(f.place)：\(f.shown)。\(f.context)。") }
                        } else {
                            El("li") { T("\(f.place)：\(f.label)“\(f.shown)”，上下文：\(f.context)") }
                        }
                    }
                }
                if canFix && m.findings.contains(where: \.maskable) {
                    PostForm(action: SiteURL.adminPublicationMask(m.full.record.id!).path, csrfToken: m.csrf, class: "inline") {
                        VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                        El("button", ["type": "submit", "class": "button"]) { T("一键屏蔽标题和正文中的个人信息") }
                    }
                }
                if m.findings.contains(where: { !$0.maskable }) {
                    El("p", ["class": "hint"]) { T("附件中的个人信息无法在线屏蔽，请处理后重新上传附件；错敏词请修改正文。") }
                }
                if canPublish && version.publicationStatus == .approved {
                    El("p", ["class": "hint"]) { T("确需原样公开的（例如法律规定应公开的公示名单），审核人员可写明理由后发布，理由将记入操作日志。") }
                }
            }
        }
    }

    @ComponentBuilder
    static func actions(_ m: ShowModel, version: PublicationVersionRecord, lock: String, canEdit: Bool, canReview: Bool, canPublish: Bool) -> Component {
        let id = m.full.record.id!
        let status = version.publicationStatus
        El("section", ["class": "card actions-card"]) {
            El("h2") { T("办理") }
            if canEdit && (status.isEditable || m.full.working == nil) {
                A(m.full.working == nil ? "修改（建立新版本）" : "编辑草稿", href: SiteURL.adminPublicationEdit(id).path, class: "button secondary")
            }
            if canEdit && status.isEditable {
                actionForm(id, "submit", "提交审核", lock: lock, csrf: m.csrf)
            }
            if canReview && status == .submitted {
                actionForm(id, "approve", "审核通过", lock: lock, csrf: m.csrf)
            }
            if canReview && (status == .submitted || status == .approved) {
                actionForm(id, "return", "退回修改", lock: lock, csrf: m.csrf, comment: "退回意见（必填）")
            }
            if canPublish && status == .approved {
                PostForm(action: SiteURL.adminPublicationAction(id).path, csrfToken: m.csrf) {
                    VoidEl("input", ["type": "hidden", "name": "action", "value": "publish"])
                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                    if !m.findings.isEmpty {
                        TextAreaRow(label: "仍要发布的理由（审核人员填写，记入操作日志）", name: "overrideReason", value: "", rows: 2)
                    }
                    El("button", ["type": "submit", "class": "button"]) { T(m.findings.isEmpty ? "发布" : "说明理由并发布") }
                }
            }
            if canPublish && m.full.record.isLive {
                actionForm(id, "withdraw", "撤回", lock: lock, csrf: m.csrf, comment: "撤回理由（必填，将记录在案）")
            }
            if m.full.record.isLive && m.full.record.publicationKind != .interpretation && canEdit {
                A("为此文件发布政策解读", href: SiteURL.adminPublicationNew.path(.interprets(id)), class: "button secondary")
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
    static func attachments(_ m: ShowModel, version: PublicationVersionRecord, lock: String, canEdit: Bool) -> Component {
        let files = m.full.attachments[version.id!] ?? []
        El("section", ["class": "card", "id": "attachments"]) {
            El("h2") { T("附件（\(files.count)）") }
            if !files.isEmpty {
                El("ul") {
                    for file in files {
                        El("li") {
                            A(file.fileName, href: SiteURL.adminPublicationFile(m.full.record.id!, attachment: file.id!).path)
                            El("span", ["class": "muted"]) {
                                T("　\(byteSize(file.size))" + (file.text == nil ? "（此格式不读取文字，未做个人信息检查）" : "（已检查文字）"))
                            }
                            if canEdit {
                                PostForm(action: SiteURL.adminPublicationAttachmentRemove(m.full.record.id!, attachment: file.id!).path, csrfToken: m.csrf, class: "inline") {
                                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": lock])
                                    El("button", ["type": "submit", "class": "link-button dark"]) { T("删除") }
                                }
                            }
                        }
                    }
                }
            }
            if canEdit {
                El("form", ["method": "post", "action": SiteURL.adminPublicationAttachments(m.full.record.id!).path, "enctype": "multipart/form-data", "class": "form", "accept-charset": "UTF-8"]) {
                    VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": m.csrf])
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
                for v in m.full.versions.reversed() {
                    El("li") {
                        T("第\(v.number)版 · \(v.publicationStatus.label) · \(v.createdByLabel) \(ChineseTime.dateTime(v.createdAt))")
                        if let at = v.publishedAt { T(" · 发布于\(ChineseTime.dateTime(at))（\(v.publishedByLabel ?? "")）") }
                        if !v.changeNote.isEmpty { T(" · 修改说明：\(v.changeNote)") }
                        if let reason = v.safetyOverride { T(" · 检查提示后仍发布，理由：\(reason)") }
                    }
                }
            }
            El("h2") { T("办理记录") }
            if m.full.reviews.isEmpty {
                El("p", ["class": "muted"]) { T("尚无办理记录。") }
            } else {
                El("ol") {
                    for r in m.full.reviews.reversed() {
                        El("li") {
                            T("\(ChineseTime.dateTime(r.at)) \(r.userLabel)：第\(r.versionNumber)版 \(reviewLabel(r.action))")
                            if !r.comment.isEmpty { T("——\(r.comment)") }
                        }
                    }
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
