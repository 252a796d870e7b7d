import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on staff accounts and their API tokens. The back office, the command line and the setup command
/// call these: each asks the permission rules, checks the input, and writes in one transaction with its audit event.
/// Accounts are never deleted: deactivation keeps the account, its history and the reason.
enum UsersActions {
    /// Creates an account in one of the actor's units (office only; the command line acts as the office).
    static func create(_ draft: StaffAccountDraft, unitID: UUID?, by acting: Acting, app: Application,
                       on db: any Database) async throws -> UserRecord {
        try acting.authorize(.manageUsers, acting.site)
        guard let unitID, let unit = try await OrgUnitRecord.find(unitID, on: db), unit.$site.id == acting.siteID else {
            throw ActionError.invalid(field: "unit", "请选择账号所属单位。")
        }
        do {
            return try await StaffAccounts.create(draft, unit: unit, actor: acting.audit, app: app, on: db)
        } catch let failure as StaffAccounts.Failure {
            throw ActionError.invalid(failure.errors)
        }
    }

    /// An account of the actor's site, or 404 (accounts of other sites are not visible).
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> UserRecord {
        try acting.authorize(.manageUsers, acting.site)
        guard let id, let user = try await UserRecord.find(id, on: db), user.$site.id == acting.siteID else {
            throw ActionError.notFound("没有找到这个账号。")
        }
        return user
    }

    static func setRoles(_ roles: Set<Role>, displayName: String, of userID: UUID?, by acting: Acting, at now: Date,
                         on db: any Database) async throws {
        let user = try await find(userID, by: acting, on: db)
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = ValidationErrors()
        if roles.isEmpty { errors.add("roles", "请至少选择一个角色。") }
        if name.isEmpty || name.count > 30 { errors.add("displayName", "请填写姓名（30字以内）。") }
        if user.id == acting.audit.userID && !roles.contains(.admin) {
            errors.add("roles", "不能取消自己的公开办管理员角色，以免本站点无人管理。请由另一位管理员操作。")
        }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        let unit = try await UnitQueries.find(user.$unit.id, on: db)
        let before = StaffAccounts.auditFields(user, unitName: unit.name)
        user.roles = UserRecord.encode(roles)
        user.displayName = name
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "user.update", target: target(user),
                                      before: before, after: StaffAccounts.auditFields(user, unitName: unit.name), at: now)
        }
    }

    /// A new password ends the account's sessions and revokes its tokens: the old password may be known to
    /// someone else, and so may tokens made with it.
    static func resetPassword(_ password: String, of userID: UUID?, by acting: Acting, at now: Date, app: Application,
                              on db: any Database) async throws {
        let user = try await find(userID, by: acting, on: db)
        let problems = PasswordPolicy.problems(password: password, loginName: user.name)
        guard problems.isEmpty else {
            var errors = ValidationErrors()
            problems.forEach { errors.add("password", $0) }
            throw ActionError.invalid(errors)
        }
        user.passwordHash = try await PasswordHashing.hash(password, on: app)
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await endSessionsAndTokens(of: user, at: now, on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "user.password", target: target(user),
                                      summary: "重设密码，并结束该账号的全部登录会话、撤销其API令牌", at: now)
        }
    }

    static func deactivate(reason: String, of userID: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        let user = try await find(userID, by: acting, on: db)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = ValidationErrors()
        if reason.isEmpty { errors.add("reason", "请填写停用原因（例如：调离岗位）。") }
        if user.id == acting.audit.userID { errors.add("reason", "不能停用自己的账号。") }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        guard user.isActive else { throw ActionError.conflict("该账号已停用。", code: "already_deactivated") }
        user.deactivatedAt = now
        user.deactivationReason = reason
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await endSessionsAndTokens(of: user, at: now, on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "user.deactivate", target: target(user),
                                      summary: "停用原因：\(reason)；同时结束登录会话并撤销其API令牌", at: now)
        }
    }

    static func reactivate(_ userID: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        let user = try await find(userID, by: acting, on: db)
        guard !user.isActive else { return }
        user.deactivatedAt = nil
        user.deactivationReason = ""
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "user.reactivate", target: target(user),
                                      summary: "恢复账号", at: now)
        }
    }

    /// Clears the run of failed sign-ins that locked the account.
    static func unlock(_ userID: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        let user = try await find(userID, by: acting, on: db)
        try await db.transaction { tx in
            try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == user.name.lowercased()).delete()
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "user.unlock", target: target(user),
                                      summary: "清除连续登录失败记录", at: now)
        }
    }

    // MARK: - API tokens

    /// A personal API token, returned in clear once. Staff make their own; the office (and the command line)
    /// may make one for another account of the site.
    static func createToken(label: String, for userID: UUID, by acting: Acting, at now: Date,
                            on db: any Database) async throws -> String {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 40 else {
            throw ActionError.invalid(field: "label", "请填写令牌用途（40字以内），例如“民政业务系统推送”。")
        }
        if userID != acting.audit.userID { try acting.authorize(.manageUsers, acting.site) }
        guard let user = try await UserRecord.find(userID, on: db), user.$site.id == acting.siteID else {
            throw ActionError.notFound("没有找到这个账号。")
        }
        guard user.isActive else { throw ActionError.conflict("账号“\(user.name)”已停用，不能创建令牌。", code: "deactivated") }
        return try await StaffAccounts.createToken(for: user, label: label, actor: acting.audit, now: now, on: db).token
    }

    /// Revokes one of the actor's own tokens; revoking twice changes nothing.
    static func revokeToken(_ id: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        guard let id, let token = try await APITokenRecord.find(id, on: db), token.$user.id == acting.audit.userID else {
            throw ActionError.notFound("没有找到这个令牌。")
        }
        guard token.revokedAt == nil else { return }
        token.revokedAt = now
        try await db.transaction { tx in
            try await token.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "token.revoke",
                                      target: .init(type: "token", id: id.uuidString, label: "\(token.label)（\(token.prefix)…）"),
                                      summary: "撤销API令牌“\(token.label)”", at: now)
        }
    }

    // MARK: -

    private static func target(_ user: UserRecord) -> AuditLog.Target {
        AuditLog.Target(type: "user", id: user.id?.uuidString, label: user.name)
    }

    private static func endSessionsAndTokens(of user: UserRecord, at now: Date, on tx: any Database) async throws {
        let id = try user.requireID()
        try await UserSessionRecord.query(on: tx).filter(\.$user.$id == id).filter(\.$endedAt == nil)
            .set(\.$endedAt, to: now).update()
        try await APITokenRecord.query(on: tx).filter(\.$user.$id == id).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }
}
