import Foundation
import GongkaiCore
import Vapor

/// The account pages: create, change roles, reset a password, unlock, deactivate, reactivate. Reads go through
/// `UsersQuery`, writes through `UsersActions`; a refusal with field problems comes back to the form.
enum UsersController {
    struct UserForm: Content {
        var name: String?
        var displayName: String?
        var unit: String?
        var roles: [String]?
        var password: String?
    }

    struct UpdateForm: Content {
        var op: String?
        var displayName: String?
        var roles: [String]?
        var password: String?
        var reason: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let rows = try await UsersQuery.index(by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return Response.html(UsersPages.index(rows, chrome: PageChrome(req: req, title: "账号", area: .backOffice)))
    }

    @Sendable static func new(req: Request) async throws -> Response {
        try await newPage(req, form: UserForm(), errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(UserForm.self)
        let draft = StaffAccountDraft(name: form.name ?? "", displayName: form.displayName ?? "",
                                      roles: Set((form.roles ?? []).compactMap(Role.init(rawValue:))), password: form.password ?? "")
        do {
            let user = try await UsersActions.create(draft, unitID: form.unit.flatMap(UUID.init(uuidString:)), by: acting,
                                                     app: req.application, on: req.db)
            return req.redirect(to: SiteURL.adminUser(try user.requireID()).path(.notice(.created)))
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await newPage(req, form: form, errors: errors, status: .badRequest)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await detailPage(req, errors: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let id = req.parameters.get("id").flatMap(UUID.init(uuidString:))
        let form = try req.content.decode(UpdateForm.self)
        let now = req.now
        let notice: Notice
        do {
            switch form.op {
            case "roles":
                try await UsersActions.setRoles(Set((form.roles ?? []).compactMap(Role.init(rawValue:))), displayName: form.displayName ?? "",
                                                of: id, by: acting, at: now, on: req.db)
                notice = .saved
            case "password":
                try await UsersActions.resetPassword(form.password ?? "", of: id, by: acting, at: now, app: req.application, on: req.db)
                notice = .password
            case "deactivate":
                try await UsersActions.deactivate(reason: form.reason ?? "", of: id, by: acting, at: now, on: req.db)
                notice = .deactivated
            case "reactivate":
                try await UsersActions.reactivate(id, by: acting, at: now, on: req.db)
                notice = .reactivated
            case "unlock":
                try await UsersActions.unlock(id, by: acting, at: now, on: req.db)
                notice = .unlocked
            default:
                throw Abort(.badRequest, reason: "未知的操作。")
            }
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await detailPage(req, errors: errors, status: .badRequest)
        }
        return req.redirect(to: SiteURL.adminUser(id!).path(.notice(notice)))
    }

    // MARK: - Pages

    static func newPage(_ req: Request, form: UserForm, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let options = try await UsersQuery.unitOptions(by: try req.requireStaff().acting(req, via: .web), on: req.db)
        let chrome = PageChrome(req: req, title: "新建账号", area: .backOffice)
        return Response.html(UsersPages.new(form: form, units: options, errors: errors, chrome: chrome), status: status)
    }

    static func detailPage(_ req: Request, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let model = try await UsersQuery.detail(req.parameters.get("id").flatMap(UUID.init(uuidString:)),
                                                by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        let chrome = PageChrome(req: req, title: model.displayName, area: .backOffice)
        return Response.html(UsersPages.detail(model, errors: errors, chrome: chrome), status: status)
    }
}
