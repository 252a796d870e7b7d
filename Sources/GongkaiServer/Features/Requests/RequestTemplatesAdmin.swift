import Fluent
import Foundation
import GongkaiCore
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
        let rows = RequestLetter.Kind.all.map { kind in
            let latest = saved.filter { $0.kind == kind.key }.max { $0.number < $1.number }
            return RequestTemplatesPage.Row(label: kind.label, href: SiteURL.adminRequestTemplate(key: kind.key).path,
                                            version: latest.map { "第\($0.number)版" } ?? "默认",
                                            changed: latest.map { "\($0.createdByLabel) \(ChineseTime.dateTime($0.createdAt))" } ?? "—")
        }
        return Response.html(RequestTemplatesPage.index(rows, chrome: PageChrome(req: req, title: "告知书模板", area: .backOffice)))
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
        let model = RequestTemplatesPage.EditModel(
            kind: kind, current: current.number, body: body ?? current.body, note: note, sample: sample,
            history: history.map { ("第\($0.number)版", "　\($0.createdByLabel) \(ChineseTime.dateTime($0.createdAt))" + ($0.note.isEmpty ? "" : "：\($0.note)")) })
        return Response.html(RequestTemplatesPage.edit(model, errors: errors, chrome: PageChrome(req: req, title: kind.label, area: .backOffice)),
                             status: status)
    }
}
