import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The sign-in and sign-out pages of the back office (`SessionActions` decides and writes).
enum LoginController {
    struct LoginForm: Content {
        var name: String?
        var password: String?
        var next: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: SiteURL.admin.path) }
        var model = LoginPage.Model(name: "", next: req.query[String.self, at: "next"], message: nil)
        model.demoExposed = try await demoExposed(req.application, on: req.db)
        return Response.html(LoginPage.render(model, chrome: PageChrome(req: req, title: "工作人员登录", area: .backOffice)))
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let outcome = try await SessionActions.signIn(name: form.name ?? "", password: form.password ?? "", from: req.clientAddress, at: req.now,
                                                      app: req.application, on: req.db)
        switch outcome {
        case .refused(let message, let status, let retryAfter):
            let model = LoginPage.Model(name: (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines), next: form.next, message: message)
            let response = Response.html(LoginPage.render(model, chrome: PageChrome(req: req, title: "工作人员登录", area: .backOffice)), status: status)
            if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
            return response
        case .signedIn(let token):
            let destination = SiteURL.safeBackPath(form.next, fallback: SiteURL.admin.path)
            let response = req.redirect(to: destination.hasPrefix("/admin/login") ? SiteURL.admin.path : destination)
            response.cookies[GongkaiCookie.session] = GongkaiCookie.make(token, req: req, maxAge: nil)
            return response
        }
    }

    /// Whether active demo accounts exist while the server listens on an address other machines reach.
    static func demoExposed(_ app: Application, on db: any Database) async throws -> Bool {
        guard !isLoopback(host: app.gongkai.config.host) else { return false }
        return try await UserRecord.query(on: db).filter(\.$isDemo == true).filter(\.$deactivatedAt == nil).first() != nil
    }

    static func isLoopback(host: String) -> Bool {
        if host == "localhost" { return true }
        guard let address = NetworkAddress(host) else { return false }
        return AddressRange("127.0.0.0/8")!.contains(address) || AddressRange("::1")!.contains(address)
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        if let staff = req.staff {
            try await SessionActions.signOut(staff, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        }
        let response = req.redirect(to: SiteURL.adminLogin(next: nil).path(.notice(.loggedOut)))
        response.cookies[GongkaiCookie.session] = GongkaiCookie.expired(req: req)
        return response
    }
}
