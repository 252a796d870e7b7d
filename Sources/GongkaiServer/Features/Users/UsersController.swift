import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Staff accounts of the admin's site: create, change roles, reset a password, unlock, deactivate, reactivate.
/// Accounts are never deleted: deactivation keeps the account, its history and the reason.
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
        let staff = try req.requireStaff()
        try staff.require(.manageUsers, AccessTarget(siteID: staff.siteID))
        let users = try await UserRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).sort(\.$name).all()
        let units = Dictionary(uniqueKeysWithValues: try await UnitQueries.forSite(staff.siteID, on: req.db).map { ($0.id!, $0.name) })
        let locks = try await lockedNames(users.map { $0.name.lowercased() }, req: req)
        let rows = users.map { user in
            UsersPages.Row(id: user.id!, name: user.name, displayName: user.displayName,
                           unit: units[user.$unit.id] ?? "", roles: user.roleSet.sorted().map(\.label).joined(separator: "、"),
                           active: user.isActive, locked: locks.contains(user.name.lowercased()), isDemo: user.isDemo)
        }
        return PortalController.html(UsersPages.index(rows, chrome: PageChrome(req: req, title: "账号", area: .backOffice)))
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUsers, AccessTarget(siteID: staff.siteID))
        return try await newPage(req, staff: staff, form: UserForm(), errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUsers, AccessTarget(siteID: staff.siteID))
        let form = try req.content.decode(UserForm.self)
        let roles = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        guard let unitID = form.unit.flatMap(UUID.init(uuidString:)),
              let unit = try await OrgUnitRecord.find(unitID, on: req.db), unit.$site.id == staff.siteID
        else {
            return try await newPage(req, staff: staff, form: form,
                                     errors: ValidationErrors(field: "unit", message: "请选择账号所属单位。"), status: .badRequest)
        }
        let draft = StaffAccountDraft(name: form.name ?? "", displayName: form.displayName ?? "", roles: roles,
                                      password: form.password ?? "")
        do {
            let user = try await StaffAccounts.create(draft, unit: unit, actor: staff.auditActor(req), app: req.application,
                                                      on: req.db)
            return req.redirect(to: SiteURL.adminUser(try user.requireID()).path + "?notice=created")
        } catch let failure as StaffAccounts.Failure {
            return try await newPage(req, staff: staff, form: form, errors: failure.errors, status: .badRequest)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUsers, AccessTarget(siteID: staff.siteID))
        return try await detailPage(req, staff: staff, user: try await load(req, staff: staff), errors: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUsers, AccessTarget(siteID: staff.siteID))
        let user = try await load(req, staff: staff)
        let form = try req.content.decode(UpdateForm.self)
        let unit = try await UnitQueries.find(user.$unit.id, on: req.db)
        let before = StaffAccounts.auditFields(user, unitName: unit.name)
        let now = req.now
        let actor = staff.auditActor(req)
        let target = AuditLog.Target(type: "user", id: user.id?.uuidString, label: user.name)
        let notice: String

        switch form.op {
        case "roles":
            let roles = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
            let displayName = (form.displayName ?? user.displayName).trimmingCharacters(in: .whitespacesAndNewlines)
            var errors = ValidationErrors()
            if roles.isEmpty { errors.add("roles", "请至少选择一个角色。") }
            if displayName.isEmpty || displayName.count > 30 { errors.add("displayName", "请填写姓名（30字以内）。") }
            if user.id == staff.userID && !roles.contains(.admin) {
                errors.add("roles", "不能取消自己的公开办管理员角色，以免本站点无人管理。请由另一位管理员操作。")
            }
            guard errors.isEmpty else { return try await detailPage(req, staff: staff, user: user, errors: errors, status: .badRequest) }
            user.roles = UserRecord.encode(roles)
            user.displayName = displayName
            try await req.db.transaction { tx in
                try await user.save(on: tx)
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "user.update", target: target,
                                          before: before, after: StaffAccounts.auditFields(user, unitName: unit.name), at: now)
            }
            notice = "saved"
        case "password":
            let password = form.password ?? ""
            let problems = PasswordPolicy.problems(password: password, loginName: user.name)
            guard problems.isEmpty else {
                var errors = ValidationErrors()
                problems.forEach { errors.add("password", $0) }
                return try await detailPage(req, staff: staff, user: user, errors: errors, status: .badRequest)
            }
            user.passwordHash = try await PasswordHashing.hash(password, on: req.application)
            try await req.db.transaction { tx in
                try await user.save(on: tx)
                try await endSessions(of: user, now: now, on: tx)
                // A reset means the old password may be known to someone else, and so may tokens made with it.
                try await APITokenRecord.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: now).update()
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "user.password", target: target,
                                          summary: "重设密码，并结束该账号的全部登录会话、撤销其API令牌", at: now)
            }
            notice = "password"
        case "deactivate":
            let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var errors = ValidationErrors()
            if reason.isEmpty { errors.add("reason", "请填写停用原因（例如：调离岗位）。") }
            if user.id == staff.userID { errors.add("reason", "不能停用自己的账号。") }
            guard errors.isEmpty else { return try await detailPage(req, staff: staff, user: user, errors: errors, status: .badRequest) }
            user.deactivatedAt = now
            user.deactivationReason = reason
            try await req.db.transaction { tx in
                try await user.save(on: tx)
                try await endSessions(of: user, now: now, on: tx)
                try await APITokenRecord.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: now).update()
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "user.deactivate", target: target,
                                          summary: "停用原因：\(reason)；同时结束登录会话并撤销其API令牌", at: now)
            }
            notice = "deactivated"
        case "reactivate":
            user.deactivatedAt = nil
            user.deactivationReason = ""
            try await req.db.transaction { tx in
                try await user.save(on: tx)
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "user.reactivate", target: target,
                                          summary: "恢复账号", at: now)
            }
            notice = "reactivated"
        case "unlock":
            try await req.db.transaction { tx in
                try await LoginThrottleRecord.query(on: tx).filter(\.$loginName == user.name.lowercased()).delete()
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "user.unlock", target: target,
                                          summary: "清除连续登录失败记录", at: now)
            }
            notice = "unlocked"
        default:
            throw Abort(.badRequest, reason: "未知的操作。")
        }
        return req.redirect(to: SiteURL.adminUser(try user.requireID()).path + "?notice=\(notice)")
    }

    // MARK: - Helpers

    static func endSessions(of user: UserRecord, now: Date, on db: any Database) async throws {
        try await UserSessionRecord.query(on: db).filter(\.$user.$id == user.id!).filter(\.$endedAt == nil)
            .set(\.$endedAt, to: now).update()
    }

    static func load(_ req: Request, staff: Staff) async throws -> UserRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let user = try await UserRecord.find(id, on: req.db), user.$site.id == staff.siteID
        else { throw Abort(.notFound, reason: "没有找到这个账号。") }
        return user
    }

    static func lockedNames(_ names: [String], req: Request) async throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        let rows = try await LoginThrottleRecord.query(on: req.db).filter(\.$loginName ~~ names).all()
        let now = req.now
        return Set(rows.filter {
            if case .allowed = LoginThrottlePolicy.standard.verdict(failures: $0.failures, lastFailure: $0.lastFailureAt, now: now) {
                return false
            }
            return true
        }.map(\.loginName))
    }

    static func unitOptions(_ req: Request, staff: Staff) async throws -> [(value: String, label: String)] {
        let units = try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)
        return UnitQueries.ordered(units).map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) }
    }

    static func newPage(_ req: Request, staff: Staff, form: UserForm, errors: ValidationErrors?,
                        status: HTTPResponseStatus) async throws -> Response {
        let options = try await unitOptions(req, staff: staff)
        let chrome = PageChrome(req: req, title: "新建账号", area: .backOffice)
        return PortalController.html(UsersPages.new(form: form, units: options, errors: errors, chrome: chrome), status: status)
    }

    static func detailPage(_ req: Request, staff: Staff, user: UserRecord, errors: ValidationErrors?,
                           status: HTTPResponseStatus) async throws -> Response {
        let unit = try await UnitQueries.find(user.$unit.id, on: req.db)
        let locked = try await lockedNames([user.name.lowercased()], req: req).isEmpty == false
        let chrome = PageChrome(req: req, title: user.displayName, area: .backOffice)
        let model = UsersPages.Detail(
            id: user.id!, name: user.name, displayName: user.displayName, unit: unit.name, roles: user.roleSet,
            active: user.isActive, deactivation: user.deactivatedAt.map { (ChineseTime.date($0), user.deactivationReason) },
            locked: locked, isSelf: user.id == staff.userID)
        return PortalController.html(UsersPages.detail(model, errors: errors, chrome: chrome), status: status)
    }
}
