import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The public side of 依申请公开: the application form (no account), and following a case by its 查询码.
/// Applications are never listed in public; the tracking page shows the stage, the dates and the letters, and of
/// the applicant only a masked name.
enum RequestPortal {
    struct Form: Content {
        var unit: String?
        var applicantType: String?
        var name: String?
        var idKind: String?
        var idNumber: String?
        var contactPerson: String?
        var phone: String?
        var email: String?
        var address: String?
        var information: String?
        var form: String?
        var delivery: String?
        var needsHelp: String?
        /// The arithmetic question's answer and its signed question (`RequestChallenge`).
        var answer: String?
        var challenge: String?

        var application: RequestApplication {
            RequestApplication(applicant: ApplicantType(rawValue: applicantType ?? "") ?? .naturalPerson, name: name ?? "", idKind: idKind ?? "居民身份证",
                               idNumber: idNumber ?? "", contactPerson: contactPerson ?? "", phone: phone ?? "", email: email ?? "", address: address ?? "",
                               information: information ?? "", form: RequestApplication.ProvisionForm(rawValue: form ?? ""),
                               delivery: RequestApplication.Delivery(rawValue: delivery ?? ""), needsHelp: needsHelp == "1")
        }
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let form = Form(unit: req.query[String.self, at: "unit"], applicantType: ApplicantType.naturalPerson.rawValue, idKind: "居民身份证")
        return try await page(req, site: site, form: form, errors: nil, status: .ok)
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let form = try req.content.decode(Form.self)
        let siteID = try site.requireID()
        var errors = try await RequestIntakeActions.problems(form.application, unit: form.unit, siteID: siteID, on: req.db)
        if !RequestChallenge.check(answer: form.answer ?? "", token: form.challenge ?? "", secret: req.application.gongkai.formSecret, now: req.now) {
            errors.add("answer", "验证题答案不对或已过期，请重新计算下面的新题目。")
        }
        guard errors.isEmpty else { return try await page(req, site: site, form: form, errors: errors, status: .unprocessableEntity) }
        guard req.gongkai.limits.requestForm.allow(req.clientAddress, now: req.now) else {
            throw Abort(.tooManyRequests, reason: "提交过于频繁，请一小时后再试；也可以到受理机构当面提交或邮寄申请。")
        }
        let calendar = try await req.calendarService.calendar(on: req.db)
        let record: DisclosureRequestRecord
        do {
            record = try await RequestIntakeActions.apply(form.application, unit: form.unit, siteID: siteID,
                                                          by: .applicant(siteID: siteID, label: "申请人（在线）", clientAddress: req.clientAddress, via: .web),
                                                          at: req.now, calendar: calendar, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, site: site, form: form, errors: errors, status: refusal.status)
        }
        return req.redirect(to: SiteURL.requestTrack(slug: site.slug, code: record.code).path(.justSubmitted))
    }

    static func page(_ req: Request, site: SiteRecord, form: Form, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let units = UnitQueries.ordered(try await UnitQueries.forSite(try site.requireID(), includeArchived: false, on: req.db))
        let info = PageChrome.SiteInfo(site)
        let chrome = PageChrome(req: req, title: "申请政府信息公开", area: .portal, site: info)
        let challenge = RequestChallenge.make(secret: req.application.gongkai.formSecret, now: req.now)
        let model = ApplyModel(
            slug: site.slug,
            units: units.filter { $0.unit.unitKind.takesApplications }
                .map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) },
            publicInstitutions: units.filter { $0.unit.unitKind == .publicInstitution }.map { row in
                let parent = row.unit.$parent.id.flatMap { id in units.first { $0.unit.id == id }?.unit.name }
                return (row.unit.name, parent ?? "", row.unit.phone)
            },
            form: form, errors: errors, challenge: (challenge.token, challenge.question))
        return Response.html(applyView(model, chrome: chrome), status: status)
    }

    /// Following a case: by its code, no account. The applicant's identity is never shown here.
    @Sendable static func track(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let typed = req.query[String.self, at: "code"] ?? ""
        let code = RequestStore.normaliseCode(typed)
        let info = PageChrome.SiteInfo(site)
        let chrome = PageChrome(req: req, title: "查询申请办理进度", area: .portal, site: info)
        var found: RequestPages.PublicCase?
        if !code.isEmpty {
            // Codes are not guessable (about 60 bits); the limit makes trying pointless all the same.
            guard req.gongkai.limits.requestTracking.allow(req.clientAddress, now: req.now) else {
                throw Abort(.tooManyRequests, reason: "查询过于频繁，请稍后再试。")
            }
            if let record = try await DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == site.requireID()).filter(\.$code == code)
                .with(\.$unit).first() {
                found = try await RequestQuery.publicCase(record, slug: site.slug, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
            }
        }
        let model = TrackModel(slug: site.slug, typed: typed, justSubmitted: req.query[String.self, at: "new"] == "1", found: found)
        return Response.html(trackView(model, chrome: chrome))
    }
}
