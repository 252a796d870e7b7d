import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/catalogs/domains`: the 26 pilot domains and the site's 其他领域, each with its guiding unit (指导单位),
/// whose guide accounts review township catalogs of the domain. Everyone may look; the admin changes them.
enum CatalogDomainsController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await page(req, errors: nil, newName: "", status: .ok)
    }

    static func page(_ req: Request, errors: ValidationErrors?, newName: String, status: HTTPResponseStatus) async throws -> Response {
        let m = try await CatalogDomainsActions.model(by: try req.requireStaff().acting(req, via: .web), on: req.db)
        let chrome = PageChrome(req: req, title: "领域与指导单位", area: .backOffice)
        return Response.html(CatalogDomainsPage.render(m, errors: errors, newName: newName, chrome: chrome), status: status)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let guides = (try? req.content.get([String: String].self, at: "guide")) ?? [:]
        let newName = (try? req.content.get(String.self, at: "newDomain")) ?? ""
        do {
            try await CatalogDomainsActions.save(guides: guides, newDomain: newName, by: acting, at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, errors: errors, newName: newName, status: .badRequest)
        }
        return req.redirect(to: SiteURL.adminCatalogDomains.path(.notice(.domainsSaved)))
    }
}
