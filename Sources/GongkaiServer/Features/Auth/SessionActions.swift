import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Signing in and out of the back office. Sign-in follows `LoginThrottlePolicy` per login name: the attempt is
/// counted before its password is checked, in one serialized transaction (`WriteSerializing`), so parallel guesses
/// each take the next count and no more than the policy allows are ever checked. Failures, locks, sign-in and
/// sign-out are audited.
enum SessionActions {
    enum Outcome: Sendable {
        /// The session's token for the cookie (the session row keeps only its hash).
        case signedIn(token: String)
        /// Refused with the message for the form, its status and, when waiting helps, how many seconds.
        case refused(String, status: HTTPResponseStatus, retryAfter: Int?)
    }

    /// Whether this attempt may have its password checked, decided before the check.
    private enum Reservation: Sendable {
        /// Counted as the n-th consecutive failure until it proves right.
        case counted(Int)
        case refused(LoginThrottlePolicy.Verdict)
    }

    static func signIn(name typed: String, password: String, from address: String, at now: Date, app: Application,
                       on db: any Database) async throws -> Outcome {
        let name = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !password.isEmpty else { return .refused("请填写登录名和密码。", status: .badRequest, retryAfter: nil) }
        let key = name.lowercased()
        let policy = LoginThrottlePolicy.standard
        let reservation = try await db.transaction { tx -> Reservation in
            let row = try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == key).first() ?? LoginThrottleRecord(loginName: key)
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
            return .refused("登录失败次数较多，请在\(seconds)秒后再试。", status: .tooManyRequests, retryAfter: seconds)
        case .refused(let verdict):
            let until = if case .locked(let until) = verdict { until } else { now.addingTimeInterval(policy.lockDuration) }
            return .refused("该账号连续\(policy.lockAfter)次密码错误，已临时锁定，请在\(ChineseTime.clock(until))后再试，或联系公开办管理员解除锁定。",
                            status: .tooManyRequests, retryAfter: Int(until.timeIntervalSince(now).rounded(.up)))
        }

        let user = try await UserRecord.query(on: db).filter(\.$name == name).first()
        let valid: Bool
        do {
            valid = try await PasswordHashing.verify(password, hash: user?.passwordHash, on: app)
        } catch is PasswordHashing.Busy {
            // Shed, not queued: the check was never made, so the attempt is not held against the name.
            try await db.transaction { tx in
                try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == key).filter(\.$failures == failures)
                    .set(\.$failures, to: failures - 1).update()
            }
            return .refused("登录请求过多，请稍候几秒再试。", status: .tooManyRequests, retryAfter: 5)
        }

        guard let user, valid, user.isActive else {
            try await db.transaction { tx in
                let actor = AuditActor(userID: nil, label: "登录名“\(name)”", siteID: user?.$site.id, clientAddress: address)
                let target = AuditLog.Target(type: "user", id: user?.id?.uuidString, label: name)
                try await AuditLog.record(on: tx, actor: actor, siteID: user?.$site.id, action: "auth.login_failed",
                                          target: target, summary: "第\(failures)次连续登录失败", at: now)
                if failures == policy.lockAfter {
                    try await AuditLog.record(on: tx, actor: actor, siteID: user?.$site.id, action: "auth.locked", target: target,
                                              summary: "连续\(failures)次登录失败，临时锁定\(Int(policy.lockDuration / 60))分钟", at: now)
                }
            }
            if user != nil && valid && user?.isActive == false {
                return .refused("该账号已停用，请联系公开办管理员。", status: .unauthorized, retryAfter: nil)
            }
            let left = policy.lockAfter - failures
            let hint = left > 0 && failures > policy.freeFailures ? "再错\(left)次，账号将被临时锁定。" : ""
            return .refused("登录名或密码不正确。" + hint, status: .unauthorized, retryAfter: nil)
        }

        let token = Secrets.randomToken()
        let userID = try user.requireID()
        try await db.transaction { tx in
            try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == key).set(\.$failures, to: 0).set(\.$lastFailureAt, to: nil).update()
            let session = UserSessionRecord(tokenHash: Secrets.sha256Hex(token), userID: userID, csrfToken: Secrets.randomToken(), now: now,
                                            expiresAt: now.addingTimeInterval(GongkaiCookie.idleTimeout))
            try await session.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: AuditActor(userID: userID, label: "\(user.displayName)（\(user.name)）", siteID: user.$site.id, clientAddress: address),
                siteID: user.$site.id, action: "auth.login", target: .init(type: "user", id: userID.uuidString, label: user.name), summary: "登录成功", at: now)
        }
        return .signedIn(token: token)
    }

    /// Ends the session (the cookie is cleared by the page).
    static func signOut(_ staff: Staff, by acting: Acting, at now: Date, on db: any Database) async throws {
        guard let sessionID = staff.sessionID else { return }
        try await db.transaction { tx in
            if let session = try await UserSessionRecord.find(sessionID, on: tx) {
                session.endedAt = now
                try await session.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: staff.siteID, action: "auth.logout",
                                      target: .init(type: "user", id: staff.userID.uuidString, label: staff.name), summary: "退出登录", at: now)
        }
    }
}
