import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/guide`: the county office keeps the 政府信息公开指南 up to date (条例 第十二条, 第五十三条 names failing
/// to as a fault). The text is safe rich text; every save is a new version with its note; the units' offices and
/// contact details on the page are generated from the unit records and need no editing here.
enum GuideController {
    struct Form: Content {
        var body: String?
        var note: String?
        /// The version the editor started from; a save over a newer one is refused (and the text kept in the form).
        var basedOn: Int?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let versions = try await GuideActions.versions(by: staff.acting(req, via: .web), on: req.db)
        let shown = req.query[Int.self, at: "version"].flatMap { n in versions.first { $0.number == n } }
        let form = Form(body: versions.first?.bodyHTML ?? DefaultGuideText.html, note: "", basedOn: versions.first?.number ?? 0)
        return try await page(req, staff: staff, form: form, versions: versions, shown: shown, errors: nil, status: .ok)
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .web)
        let form = try req.content.decode(Form.self)
        do {
            try await GuideActions.save(body: form.body ?? "", note: form.note ?? "", basedOn: form.basedOn ?? 0, by: acting,
                                        at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            let versions = try await GuideActions.versions(by: acting, on: req.db)
            var kept = form
            kept.basedOn = versions.first?.number ?? 0
            return try await page(req, staff: staff, form: kept, versions: versions, shown: nil, errors: errors,
                                  status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminGuide.path(.notice(.guideSaved)))
    }

    static func page(_ req: Request, staff: Staff, form: Form, versions: [GuideTextRecord], shown: GuideTextRecord?, errors: ValidationErrors?,
                     status: HTTPResponseStatus) async throws -> Response {
        let chrome = PageChrome(req: req, title: "政府信息公开指南", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("政府信息公开指南") }
            El("p", ["class": "lead"]) {
                T("指南应当包括政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式（条例第十二条），并及时更新。各单位的工作机构和联系方式由“单位”中的登记信息自动生成，这里编辑其余文字。")
            }
            El("p") { A("在门户查看指南", href: SiteURL.section(slug: staff.siteSlug, .guide).path) }
            if let shown {
                El("section", ["class": "card"]) {
                    El("h2") { T("第\(shown.number)版（\(ChineseTime.dateTime(shown.createdAt))，\(shown.createdByLabel)）") }
                    El("p", ["class": "muted"]) { T("修改说明：\(shown.note)") }
                    El("div", ["class": "rich-text"]) { RawHTML(shown.bodyHTML) }
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminGuide.path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "basedOn", "value": String(form.basedOn ?? 0)])
                TextAreaRow(label: versions.isEmpty ? "指南正文（当前为系统默认文字）" : "指南正文（第\(versions[0].number)版）", name: "body",
                            value: form.body ?? "", errors: errors?.messages(for: "body") ?? [],
                            hint: "可直接粘贴 Word 中的文字；保存时保留段落、标题、列表、表格和链接，去掉其他格式。", required: true, rows: 18)
                FieldRow(label: "修改说明", name: "note", value: form.note ?? "", errors: errors?.messages(for: "note") ?? [],
                         hint: "写入版本记录和操作日志。", required: true)
                SubmitRow(title: "保存为新版本并发布")
            }
            El("h2") { T("版本记录") }
            if versions.isEmpty {
                EmptyState(title: "还没有修改过", text: "门户目前显示系统默认文字（依据条例编写）。保存后即成为第1版。")
            } else {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["版本", "时间", "修改人", "修改说明", ""] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for version in versions {
                                El("tr") {
                                    El("td") { T("第\(version.number)版") }
                                    El("td") { T(ChineseTime.dateTime(version.createdAt)) }
                                    El("td") { T(version.createdByLabel) }
                                    El("td") { T(version.note) }
                                    El("td") { A("查看", href: SiteURL.adminGuide.path(.version(version.number))) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Response.html(html, status: status)
    }
}
