import Fluent
import Foundation
import GongkaiCore
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
        let model = GuidePage.Model(
            portalHref: SiteURL.section(slug: staff.siteSlug, .guide).path,
            shown: shown.map { .init(heading: "第\($0.number)版（\(ChineseTime.dateTime($0.createdAt))，\($0.createdByLabel)）", note: $0.note, bodyHTML: $0.bodyHTML) },
            body: form.body ?? "", note: form.note ?? "", basedOn: form.basedOn ?? 0, current: versions.first?.number,
            versions: versions.map { .init(number: $0.number, time: ChineseTime.dateTime($0.createdAt), by: $0.createdByLabel, note: $0.note) })
        return Response.html(GuidePage.render(model, errors: errors, chrome: PageChrome(req: req, title: "政府信息公开指南", area: .backOffice)),
                             status: status)
    }
}
