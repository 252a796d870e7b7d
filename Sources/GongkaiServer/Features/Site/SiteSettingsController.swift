import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/site`: reads through `SiteSettingsActions.current`, writes through `SiteSettingsActions.save`.
enum SiteSettingsController {
    struct Form: Content {
        var sponsor: String?
        var siteCode: String?
        var icpNumber: String?
        var policeRecord: String?
        var partyMarkURL: String?
        var errorReportURL: String?
        var indexPattern: String?
        var contactNote: String?
        var hotline: String?
        var serviceURL: String?
        var basedOn: String?

        var identity: SiteIdentity {
            SiteIdentity(sponsor: sponsor ?? "", siteCode: siteCode ?? "", icpNumber: icpNumber ?? "", policeRecord: policeRecord ?? "",
                         partyMarkURL: partyMarkURL ?? "", errorReportURL: errorReportURL ?? "", indexPattern: indexPattern ?? "",
                         contactNote: contactNote ?? "", hotline: hotline ?? "", serviceURL: serviceURL ?? "")
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let site = try await SiteSettingsActions.current(by: acting, on: req.db)
        return try await page(req, site: site, shown: site.identity, errors: nil, status: .ok)
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(Form.self)
        do {
            try await SiteSettingsActions.save(form.identity, basedOn: form.basedOn ?? "", by: acting, at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            let site = try await SiteSettingsActions.current(by: acting, on: req.db)
            return try await page(req, site: site, shown: form.identity, errors: errors, status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminSite.path(.notice(.siteSaved)))
    }

    static func page(_ req: Request, site: SiteRecord, shown: SiteIdentity, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let siteID = try site.requireID()
        let units = UnitQueries.ordered(try await UnitQueries.forSite(siteID, includeArchived: false, on: req.db)).map(\.unit)
        let sample = units.first { !$0.creditCode.isEmpty && $0.unitKind != .countyGovernment } ?? units.first
        let pattern = (try? IndexNumberPattern.parse(shown.indexPattern).get()) ?? IndexNumberPattern(stored: site.indexPattern)
        let example = pattern.render(IndexNumber(unitCode: sample.map(PublicationStore.unitCode) ?? "11360429MB1201X",
                                                 year: ChineseTime.today(req.now).year, sequence: 1))
        let model = SiteSettingsPage.Model(
            siteName: site.name, identity: shown, basedOn: SiteSettingsActions.fingerprint(site.identity),
            indexExample: sample.map { "\(example)（\($0.name)）" } ?? example,
            unitsWithoutCode: units.filter { $0.creditCode.isEmpty }.map(\.name), portalHref: SiteURL.site(slug: site.slug).path)
        return Response.html(SiteSettingsPage.render(model, errors: errors, chrome: PageChrome(req: req, title: "站点设置", area: .backOffice)),
                             status: status)
    }
}
