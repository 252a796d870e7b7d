import Foundation
import GongkaiCore
import Vapor

/// The organisation tree in the back office: reads through `UnitsQuery`, writes through `UnitsActions`.
enum UnitsController {
    /// The fields beside the unit's own (`UnitsActions.Input`): where it goes, and the version the form was read at.
    struct PlaceForm: Content {
        var parent: String?
        var version: Int?
    }

    struct ArchiveForm: Content {
        var reason: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let model = try await UnitsQuery.index(by: try req.requireStaff().acting(req, via: .web), on: req.db)
        return Response.html(UnitsIndex.render(model, chrome: PageChrome(req: req, title: "单位", area: .backOffice)))
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let unit = try await UnitsActions.find(unitID(req), by: acting, on: req.db)
        return try await formPage(req, unit: unit, model: UnitsQuery.edit(unit, errors: nil, message: nil, by: acting, on: req.db))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let input = try req.content.decode(UnitsActions.Input.self)
        let form = try req.content.decode(PlaceForm.self)
        do {
            let unit = try await UnitsActions.update(unitID(req), with: input, version: form.version ?? 0, by: acting,
                                                     at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminUnitEdit(try unit.requireID()).path(.notice(.saved)))
        } catch let refusal as ActionError {
            // Refused: the form comes back with what was typed, and after a conflict with the current version.
            let unit = try await UnitsActions.find(unitID(req), by: acting, on: req.db)
            let draft = input.draft(fallback: unit.draft)
            switch refusal {
            case .invalid(let errors, _):
                return try await formPage(req, unit: unit, model: UnitsQuery.edit(
                    unit, draft: draft, version: form.version ?? 0, errors: errors, message: nil, by: acting, on: req.db), status: .badRequest)
            case .conflict(let message, "stale", _):
                return try await formPage(req, unit: unit, model: UnitsQuery.edit(
                    unit, draft: draft, errors: nil, message: message, by: acting, on: req.db), status: .conflict)
            default:
                throw refusal
            }
        }
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let draft = OrgUnitDraft(name: "", shortName: "", kind: .department, contact: OrgUnitContact())
        let parent = req.query[String.self, at: "parent"].flatMap(UUID.init(uuidString:))
        return try await newPage(req, model: UnitsQuery.new(draft: draft, parent: parent, errors: nil, by: acting, on: req.db))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let input = try req.content.decode(UnitsActions.Input.self)
        let form = try req.content.decode(PlaceForm.self)
        let parent = form.parent.flatMap(UUID.init(uuidString:))
        do {
            let unit = try await UnitsActions.create(input, parent: parent, by: acting, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminUnitEdit(try unit.requireID()).path(.notice(.created)))
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await newPage(req, model: UnitsQuery.new(draft: input.draft(fallback: nil), parent: parent, errors: errors,
                                                                by: acting, on: req.db), status: .badRequest)
        }
    }

    @Sendable static func archive(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let reason = try req.content.decode(ArchiveForm.self).reason ?? ""
        do {
            try await UnitsActions.archive(unitID(req), reason: reason, by: acting, at: req.now, on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            let unit = try await UnitsActions.find(unitID(req), by: acting, on: req.db)
            return try await formPage(req, unit: unit, model: UnitsQuery.edit(unit, errors: errors, message: nil, by: acting, on: req.db),
                                      status: .badRequest)
        }
        return req.redirect(to: SiteURL.adminUnitEdit(unitID(req)!).path(.notice(.archived)))
    }

    // MARK: - Pages

    static func unitID(_ req: Request) -> UUID? {
        req.parameters.get("id").flatMap(UUID.init(uuidString:))
    }

    static func formPage(_ req: Request, unit: OrgUnitRecord, model: UnitFormPage.Model, status: HTTPResponseStatus = .ok) -> Response {
        Response.html(UnitFormPage.render(model, chrome: PageChrome(req: req, title: unit.name, area: .backOffice)), status: status)
    }

    static func newPage(_ req: Request, model: UnitFormPage.Model, status: HTTPResponseStatus = .ok) -> Response {
        Response.html(UnitFormPage.render(model, chrome: PageChrome(req: req, title: "新增单位", area: .backOffice)), status: status)
    }
}
