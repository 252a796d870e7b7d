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

    /// Whether this attempt may have its password checked, decided before the check.
    enum LoginAttempt: Sendable {
        /// Counted as the n-th consecutive failure until it proves right.
        case counted(Int)
        case refused(LoginThrottlePolicy.Verdict)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: SiteURL.admin.path) }
        var model = LoginPage.Model(name: "", next: req.query[String.self, at: "next"], message: nil)
        model.demoExposed = try await demoExposed(req.application, on: req.db)
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

        // The attempt is counted before its password is checked, in one serialized transaction (WriteSerializing):
        // parallel guesses each take the next count, so no more than the policy allows are ever checked.
        let reservation = try await req.db.transaction { tx -> LoginAttempt in
            let row = try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == key).first()
                ?? LoginThrottleRecord(loginName: key)
            let verdict = policy.verdict(failures: row.failures, lastFailure: row.lastFailureAt, now: now)
            guard verdict == .allowed else { return .refused(verdict) }
            row.failures = policy.failuresAfterFailure(previous: row.failures, lastFailure: row.lastFailureAt, now: now)
            row.lastFailureAt = now
            try await row.save(on: tx)
            return .counted(row.failures)
        }
        let failures: Int
        switch reservation {
        case .counted(let count):
            failures = count
        case .refused(.wait(let until)):
            let seconds = Int(until.timeIntervalSince(now).rounded(.up))
            let response = page("登录失败次数较多，请在\(seconds)秒后再试。", status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        case .refused(let verdict):
            let until = if case .locked(let until) = verdict { until } else { now.addingTimeInterval(policy.lockDuration) }
            let response = page(
                "该账号连续\(policy.lockAfter)次密码错误，已临时锁定，请在\(ChineseTime.clock(until))后再试，或联系公开办管理员解除锁定。",
                status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(until.timeIntervalSince(now).rounded(.up))))
            return response
        }

        let user = try await UserRecord.query(on: req.db).filter(\.$name == name).first()
        let valid: Bool
        do {
            valid = try await PasswordHashing.verify(password, hash: user?.passwordHash, on: req.application)
        } catch is PasswordHashing.Busy {
            // Shed, not queued: the check was never made, so the attempt is not held against the name.
            try await LoginThrottleRecord.query(on: req.db).filter(\.$loginName == key).filter(\.$failures == failures)
                .set(\.$failures, to: failures - 1).update()
            let response = page("登录请求过多，请稍候几秒再试。", status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return response
        }
        let address = req.clientAddress

        guard let user, valid, user.isActive else {
            try await req.db.transaction { tx in
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
            try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == key)
                .set(\.$failures, to: 0).set(\.$lastFailureAt, to: nil).update()
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
