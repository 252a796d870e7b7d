import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/services`: writing, reviewing and publishing 办事指南. Reads through `ServiceGuideQuery`, writes through
/// `ServiceGuideActions`.
enum ServiceGuideController {
    static func guideID(_ req: Request) -> UUID? { req.parameters.get("id").flatMap(UUID.init(uuidString:)) }

    @Sendable static func index(req: Request) async throws -> Response {
        let model = try await ServiceGuideQuery.index(by: try req.requireStaff().acting(req, via: .web), on: req.db)
        return Response.html(ServiceGuidePages.index(model, chrome: PageChrome(req: req, title: "办事指南", area: .backOffice)))
    }

    static func formPage(_ req: Request, form: ServiceGuideForm, id: UUID?, lockVersion: Int?, errors: ValidationErrors?, problem: String? = nil,
                         status: HTTPResponseStatus) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let units = id == nil ? try await ServiceGuideQuery.editableUnits(by: acting, on: req.db) : []
        let model = ServiceGuidePages.FormModel(
            heading: id == nil ? "新建办事指南" : "修改办事指南", action: id.map { SiteURL.adminServiceEdit($0).path } ?? SiteURL.adminServiceNew.path,
            cancel: id.map { SiteURL.adminService($0).path } ?? SiteURL.adminServices.path, form: form, units: units, lockVersion: lockVersion,
            errors: errors, problem: problem)
        return Response.html(ServiceGuidePages.form(model, chrome: PageChrome(req: req, title: model.heading, area: .backOffice)), status: status)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let units = try await ServiceGuideQuery.editableUnits(by: acting, on: req.db)
        return try await formPage(req, form: ServiceGuideForm(unit: units.count == 1 ? units[0].0 : ""), id: nil, lockVersion: nil, errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = ServiceGuideForm(req)
        do {
            let id = try await ServiceGuideActions.create(form.guide, unitID: form.unit, by: acting, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminService(id).path(.notice(.saved)))
        } catch ActionError.invalid(let errors, _) {
            return try await formPage(req, form: form, id: nil, lockVersion: nil, errors: errors, status: .badRequest)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await showPage(req, problem: nil, status: .ok)
    }

    static func showPage(_ req: Request, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .web)
        let loaded = try await ServiceGuideActions.find(guideID(req), by: acting, on: req.db)
        let model = try ServiceGuideQuery.show(loaded, problem: problem, siteSlug: staff.siteSlug, by: acting)
        return Response.html(ServiceGuidePages.show(model, chrome: PageChrome(req: req, title: model.guide.name, area: .backOffice)), status: status)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let loaded = try await ServiceGuideActions.find(guideID(req), by: acting, on: req.db)
        guard let v = ServiceGuideQuery.current(loaded) else { throw Abort(.notFound) }
        return try await formPage(req, form: ServiceGuideForm(guide: v.serviceGuide), id: loaded.guide.id, lockVersion: v.lockVersion, errors: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = ServiceGuideForm(req)
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        do {
            try await ServiceGuideActions.save(form.guide, on: guideID(req), lockVersion: expected, by: acting, at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return try await formPage(req, form: form, id: guideID(req), lockVersion: expected, errors: errors, status: .badRequest)
        } catch ActionError.conflict(let message, _, _) {
            // What was typed stays in the form.
            let loaded = try await ServiceGuideActions.find(guideID(req), by: acting, on: req.db)
            return try await formPage(req, form: form, id: guideID(req), lockVersion: ServiceGuideQuery.current(loaded)?.lockVersion, errors: nil,
                                      problem: message, status: .conflict)
        }
        return req.redirect(to: SiteURL.adminService(guideID(req)!).path(.notice(.saved)))
    }

    @Sendable static func action(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(WorkflowStepForm.self)
        guard let step = ServiceGuideEditing.Step(rawValue: form.action) else { throw Abort(.badRequest, reason: "未知的操作。") }
        do {
            try await ServiceGuideActions.perform(step, on: guideID(req), lockVersion: form.lock_version, comment: form.comment ?? "", by: acting,
                                                  at: req.now, on: req.db)
        } catch ActionError.conflict(let message, _, _) {
            return try await showPage(req, problem: message, status: .conflict)
        }
        return req.redirect(to: SiteURL.adminService(guideID(req)!).path(.notice(step == .publish ? .servicePublished : .saved)))
    }
}
