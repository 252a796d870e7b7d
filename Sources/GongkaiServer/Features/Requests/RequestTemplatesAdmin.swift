import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests/templates`: the wording of the letters, one template per kind and per result row, edited by the
/// office (manageSite). Every save is a new numbered version; letters already issued keep their text.
enum RequestTemplatesAdmin {
    static func kind(_ req: Request) throws -> RequestLetter.Kind {
        guard let kind = req.parameters.get("kind").flatMap(RequestLetter.Kind.init(key:)) else { throw Abort(.notFound, reason: "没有这种告知书。") }
        return kind
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try RequestQuery.requireOffice(staff.acting(req, via: .web))
        let saved = try await RequestLetterTemplateRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).all()
        let chrome = PageChrome(req: req, title: "告知书模板", area: .backOffice)
        let html = Layout.render(chrome) {
            El("h1") { T("告知书模板") }
            El("p", ["class": "lead"]) { T("依申请公开各类告知书的文字。办理时按当时的模板生成告知书，修改模板不影响已发出的告知书。") }
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") { El("tr") { for h in ["告知书", "版本", "最近修改"] { El("th", ["scope": "col"]) { T(h) } } } }
                    El("tbody") {
                        for kind in RequestLetter.Kind.all {
                            let latest = saved.filter { $0.kind == kind.key }.max { $0.number < $1.number }
                            El("tr") {
                                El("td") { A(kind.label, href: SiteURL.adminRequestTemplate(key: kind.key).path) }
                                El("td") { T(latest.map { "第\($0.number)版" } ?? "默认") }
                                El("td") { T(latest.map { "\($0.createdByLabel) \(ChineseTime.dateTime($0.createdAt))" } ?? "—") }
                            }
                        }
                    }
                }
            }
        }
        return Response.html(html)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try RequestQuery.requireOffice(staff.acting(req, via: .web))
        return try await page(req, staff: staff, kind: try kind(req), body: nil, note: "", errors: nil, status: .ok)
    }

    struct Form: Content {
        var body: String?
        var note: String?
        var number: Int?
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try RequestQuery.requireOffice(staff.acting(req, via: .web))
        let kind = try kind(req)
        let form = try req.content.decode(Form.self)
        let body = (form.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try await RequestTemplatesActions.save(kind, body: body, note: form.note ?? "", over: form.number, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, staff: staff, kind: kind, body: body, note: form.note ?? "", errors: errors, status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminRequestTemplate(key: kind.key).path(.notice(.templateSaved)))
    }

    static func page(_ req: Request, staff: Staff, kind: RequestLetter.Kind, body: String?, note: String, errors: ValidationErrors?,
                     status: HTTPResponseStatus) async throws -> Response {
        let current = try await RequestLetters.current(kind, siteID: staff.siteID, on: req.db)
        let history = try await RequestLetterTemplateRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$kind == kind.key)
            .sort(\.$number, .descending).all()
        let sample = RequestLetter.render(body ?? current.body, kind: kind, facts: RequestLetter.Facts(
            applicant: "张某某", number: "\(req.today.year)-0001", receivedOn: req.today, information: "（申请人所描述的政府信息）", unitName: "（受理机关）",
            issuedOn: req.today, text: "（办理时填写的说明）", until: req.today, days: 20, amount: 1000, feeLines: ["第31—35件：200元/件×5件=1000元"],
            dueOn: req.today, published: [], files: ["（提供的文件）"], provision: "电子邮件", reviewBody: RequestLetters.reviewBody(siteName: staff.siteName)))
        let chrome = PageChrome(req: req, title: kind.label, area: .backOffice)
        let html = Layout.render(chrome) {
            El("p") { A("← 告知书模板", href: SiteURL.adminRequestTemplates.path) }
            El("h1") { T(kind.label) }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminRequestTemplate(key: kind.key).path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "number", "value": String(current.number)])
                TextAreaRow(label: "告知书正文（\(current.number == 0 ? "默认文字" : "第\(current.number)版")）", name: "body", value: body ?? current.body,
                            errors: errors?.messages(for: "body") ?? [], hint: "每行一段。花括号中的占位符在生成时换成本申请的内容。", rows: 12)
                FieldRow(label: "修改说明", name: "note", value: note, errors: [])
                SubmitRow(title: "保存为新版本")
            }
            El("h2") { T("占位符") }
            El("dl", ["class": "kv"]) {
                for p in RequestLetter.placeholders { El("dt") { El("code") { T("{\(p.name)}") } }; El("dd") { T(p.meaning) } }
            }
            El("h2") { T("预览（示例内容）") }
            El("div", ["class": "card"]) { RequestLetterPages.letter(sample) }
            if !history.isEmpty {
                El("h2") { T("历史版本") }
                El("ol", ["class": "history"]) {
                    for row in history {
                        El("li") {
                            El("strong") { T("第\(row.number)版") }
                            T("　\(row.createdByLabel) \(ChineseTime.dateTime(row.createdAt))" + (row.note.isEmpty ? "" : "：\(row.note)"))
                        }
                    }
                }
            }
        }
        return Response.html(html, status: status)
    }
}
