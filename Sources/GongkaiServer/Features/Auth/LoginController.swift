import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Sign-in and sign-out of the back office, with the growing delay and temporary lock of
/// `LoginThrottlePolicy` per login name.
enum LoginController {
    struct LoginForm: Content {
        var name: String?
        var password: String?
        var next: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: SiteURL.admin.path) }
        let model = LoginPage.Model(name: "", next: req.query[String.self, at: "next"], message: nil)
        return PortalController.html(LoginPage.render(model, chrome: PageChrome(req: req, title: "工作人员登录", area: .backOffice)))
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.password ?? ""
        let key = name.lowercased()
        let now = req.now
        let policy = LoginThrottlePolicy.standard

        func page(_ message: String, status: HTTPResponseStatus) -> Response {
            let model = LoginPage.Model(name: name, next: form.next, message: message)
            return PortalController.html(
                LoginPage.render(model, chrome: PageChrome(req: req, title: "工作人员登录", area: .backOffice)), status: status)
        }

        guard !name.isEmpty, !password.isEmpty else {
            return page("请填写登录名和密码。", status: .badRequest)
        }

        let throttle = try await LoginThrottleRecord.query(on: req.db).filter(\.$loginName == key).first()
        switch policy.verdict(failures: throttle?.failures ?? 0, lastFailure: throttle?.lastFailureAt, now: now) {
        case .allowed:
            break
        case .wait(let until):
            let seconds = Int(until.timeIntervalSince(now).rounded(.up))
            let response = page("登录失败次数较多，请在\(seconds)秒后再试。", status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        case .locked(let until):
            let response = page(
                "该账号连续\(policy.lockAfter)次密码错误，已临时锁定，请在\(ChineseTime.clock(until))后再试，或联系公开办管理员解除锁定。",
                status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(until.timeIntervalSince(now).rounded(.up))))
            return response
        }

        let user = try await UserRecord.query(on: req.db).filter(\.$name == name).first()
        let valid = try await PasswordHashing.verify(password, hash: user?.passwordHash ?? PasswordHashing.decoyHash,
                                                     on: req.application)
        let address = req.remoteAddress?.ipAddress ?? ""

        guard let user, valid, user.isActive else {
            let failures = policy.failuresAfterFailure(previous: throttle?.failures ?? 0,
                                                       lastFailure: throttle?.lastFailureAt, now: now)
            try await req.db.transaction { tx in
                let row = throttle ?? LoginThrottleRecord(loginName: key)
                row.failures = failures
                row.lastFailureAt = now
                try await row.save(on: tx)
                let actor = AuditActor(userID: nil, label: "登录名“\(name)”", siteID: user?.$site.id, clientAddress: address)
                let target = AuditLog.Target(type: "user", id: user?.id?.uuidString, label: name)
                try await AuditLog.record(on: tx, actor: actor, siteID: user?.$site.id, action: "auth.login_failed",
                                          target: target, summary: "第\(failures)次连续登录失败", at: now)
                if failures == policy.lockAfter {
                    try await AuditLog.record(on: tx, actor: actor, siteID: user?.$site.id, action: "auth.locked",
                                              target: target, summary: "连续\(failures)次登录失败，临时锁定\(Int(policy.lockDuration / 60))分钟",
                                              at: now)
                }
            }
            if user != nil && valid && user?.isActive == false {
                return page("该账号已停用，请联系公开办管理员。", status: .unauthorized)
            }
            let left = policy.lockAfter - failures
            let hint = left > 0 && failures > policy.freeFailures ? "再错\(left)次，账号将被临时锁定。" : ""
            return page("登录名或密码不正确。" + hint, status: .unauthorized)
        }

        let token = Secrets.randomToken()
        let userID = try user.requireID()
        try await req.db.transaction { tx in
            if let throttle, throttle.failures > 0 {
                throttle.failures = 0
                throttle.lastFailureAt = nil
                try await throttle.save(on: tx)
            }
            let session = UserSessionRecord(tokenHash: Secrets.sha256Hex(token), userID: userID,
                                            csrfToken: Secrets.randomToken(), now: now,
                                            expiresAt: now.addingTimeInterval(GongkaiCookie.idleTimeout))
            try await session.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: AuditActor(userID: userID, label: "\(user.displayName)（\(user.name)）",
                                          siteID: user.$site.id, clientAddress: address),
                siteID: user.$site.id, action: "auth.login",
                target: .init(type: "user", id: userID.uuidString, label: user.name), summary: "登录成功", at: now)
        }
        let destination = SiteURL.safeBackPath(form.next, fallback: SiteURL.admin.path)
        let response = req.redirect(to: destination.hasPrefix("/admin/login") ? SiteURL.admin.path : destination)
        response.cookies[GongkaiCookie.session] = GongkaiCookie.make(token, req: req, maxAge: nil)
        return response
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        if let staff = req.staff, let sessionID = staff.sessionID {
            let now = req.now
            try await req.db.transaction { tx in
                if let session = try await UserSessionRecord.find(sessionID, on: tx) {
                    session.endedAt = now
                    try await session.save(on: tx)
                }
                try await AuditLog.record(on: tx, actor: staff.auditActor(req), siteID: staff.siteID, action: "auth.logout",
                                          target: .init(type: "user", id: staff.userID.uuidString, label: staff.name),
                                          summary: "退出登录", at: now)
            }
        }
        let response = req.redirect(to: SiteURL.adminLogin(next: nil).path + "?notice=logged-out")
        response.cookies[GongkaiCookie.session] = GongkaiCookie.expired(req: req)
        return response
    }
}
