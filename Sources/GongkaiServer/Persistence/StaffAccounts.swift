import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Creating accounts and tokens: one use case each, called by the back office, the command line and the demo
/// loader alike, each change audited in its transaction.
enum StaffAccounts {
    struct Failure: Error {
        let errors: ValidationErrors
    }

    /// - knownHash: the bcrypt hash of `draft.password` when the caller already has one (the demo accounts all
    ///   share the published demo password, so loading the demo hashes it once instead of once per account).
    static func create(_ draft: StaffAccountDraft, unit: OrgUnitRecord, actor: AuditActor, isDemo: Bool = false, knownHash: String? = nil,
                       app: Application, on db: any Database) async throws -> UserRecord {
        let clean: StaffAccountDraft
        switch draft.validated() {
        case .failure(let errors): throw Failure(errors: errors)
        case .success(let value): clean = value
        }
        if try await UserRecord.query(on: db).filter(\.$name == clean.name).count() > 0 {
            throw Failure(errors: ValidationErrors(field: "name", message: "登录名“\(clean.name)”已被使用，请换一个。"))
        }
        guard unit.archivedAt == nil else {
            throw Failure(errors: ValidationErrors(field: "unit", message: "“\(unit.name)”已撤销，不能再添加账号。"))
        }
        let hash: String
        if let knownHash { hash = knownHash } else { hash = try await PasswordHashing.hash(clean.password, on: app) }
        let user = UserRecord(name: clean.name, displayName: clean.displayName, unitID: try unit.requireID(),
                              siteID: unit.$site.id, passwordHash: hash, roles: clean.roles, isDemo: isDemo)
        let now = app.gongkai.now
        try await db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: "user.create",
                                      target: .init(type: "user", id: user.id?.uuidString, label: user.name),
                                      after: auditFields(user, unitName: unit.name), at: now)
        }
        return user
    }

    static func auditFields(_ user: UserRecord, unitName: String) -> [(String, String)] {
        [("登录名", user.name), ("姓名", user.displayName), ("单位", unitName),
         ("角色", user.roleSet.sorted().map(\.label).joined(separator: "、")),
         ("状态", user.isActive ? "在用" : "已停用")]
    }

    /// Creates a personal API token and returns it in clear: the only time it exists outside the client.
    static func createToken(for user: UserRecord, label: String, actor: AuditActor, now: Date,
                            on db: any Database) async throws -> (record: APITokenRecord, token: String) {
        let token = "gk_" + Secrets.randomToken()
        let record = APITokenRecord(userID: try user.requireID(), label: label, tokenHash: Secrets.sha256Hex(token),
                                    prefix: String(token.prefix(10)), now: now)
        try await db.transaction { tx in
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: user.$site.id, action: "token.create",
                                      target: .init(type: "token", id: record.id?.uuidString, label: "\(label)（\(record.prefix)…）"),
                                      summary: "为\(user.name)创建API令牌“\(label)”", at: now)
        }
        return (record, token)
    }
}
