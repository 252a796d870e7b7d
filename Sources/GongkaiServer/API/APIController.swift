import Fluent
import Foundation
import Vapor

/// `/api/v1`: JSON for departments' own systems. Public reads need no token; anything about the caller does.
enum APIController {
    struct SiteDTO: Content {
        let slug: String
        let name: String
        let parentRegion: String
        let isDemo: Bool
        let portalURL: String
    }

    struct UnitDTO: Content {
        let id: UUID
        let parentID: UUID?
        let kind: String
        let kindLabel: String
        let name: String
        let shortName: String
        let aliases: [String]
        let isExample: Bool
        let creditCode: String
        let takesApplications: Bool
        let contact: ContactDTO
    }

    struct ContactDTO: Content {
        let address: String
        let officeHours: String
        let phone: String
        let fax: String
        let email: String
        let postcode: String
    }

    struct ListDTO<Item: Content>: Content {
        let total: Int
        let items: [Item]
    }

    struct MeDTO: Content {
        let name: String
        let displayName: String
        let site: String
        let unitID: UUID
        let unit: String
        let roles: [String]
    }

    @Sendable static func sites(req: Request) async throws -> ListDTO<SiteDTO> {
        let base = req.gongkai.publicBaseURL
        let items = try await SiteQueries.all(on: req.db).map {
            SiteDTO(slug: $0.slug, name: $0.name, parentRegion: $0.parentRegion, isDemo: $0.isDemo,
                    portalURL: base + SiteURL.site(slug: $0.slug).path)
        }
        return ListDTO(total: items.count, items: items)
    }

    @Sendable static func units(req: Request) async throws -> ListDTO<UnitDTO> {
        guard let site = try await SiteRecord.query(on: req.db).filter(\.$slug == (try req.parameters.require("slug"))).first()
        else { throw APIError(.notFound, code: "site_not_found", message: "没有这个站点。") }
        let units = try await UnitQueries.forSite(try site.requireID(), includeArchived: false, on: req.db)
        let items = UnitQueries.ordered(units).map { entry in
            let unit = entry.unit
            return UnitDTO(
                id: unit.id!, parentID: unit.$parent.id, kind: unit.kind, kindLabel: unit.unitKind.label, name: unit.name,
                shortName: unit.shortName, aliases: unit.aliasList, isExample: unit.isExample,
                creditCode: unit.creditCode, takesApplications: unit.unitKind.takesApplications,
                contact: ContactDTO(address: unit.address, officeHours: unit.officeHours, phone: unit.phone, fax: unit.fax,
                                    email: unit.email, postcode: unit.postcode))
        }
        return ListDTO(total: items.count, items: items)
    }

    @Sendable static func me(req: Request) async throws -> MeDTO {
        let staff = try req.requireStaff()
        return MeDTO(name: staff.name, displayName: staff.displayName, site: staff.siteName, unitID: staff.unitID,
                     unit: staff.unitName, roles: staff.roles.sorted().map(\.rawValue))
    }

    @Sendable static func openAPI(req: Request) async throws -> Response {
        let response = Response(body: .init(string: OpenAPIDocument.json))
        response.headers.contentType = .json
        return response
    }
}
