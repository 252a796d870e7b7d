import Fluent
import Foundation
import GongkaiCore

/// What the account pages show, read as the actor may see it (office only).
enum UsersQuery {
    static func index(by acting: Acting, at now: Date, on db: any Database) async throws -> [UsersPages.Row] {
        try acting.authorize(.manageUsers, acting.site)
        let users = try await UserRecord.query(on: db).filter(\.$site.$id == acting.siteID).sort(\.$name).all()
        let units = Dictionary(uniqueKeysWithValues: try await UnitQueries.forSite(acting.siteID, on: db).map { ($0.id!, $0.name) })
        let locks = try await lockedNames(users.map { $0.name.lowercased() }, at: now, on: db)
        return users.map { user in
            UsersPages.Row(id: user.id!, name: user.name, displayName: user.displayName,
                           unit: units[user.$unit.id] ?? "", roles: user.roleSet.sorted().map(\.label).joined(separator: "、"),
                           active: user.isActive, locked: locks.contains(user.name.lowercased()), isDemo: user.isDemo)
        }
    }

    static func detail(_ userID: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws -> UsersPages.Detail {
        let user = try await UsersActions.find(userID, by: acting, on: db)
        let unit = try await UnitQueries.find(user.$unit.id, on: db)
        let locked = try await lockedNames([user.name.lowercased()], at: now, on: db).isEmpty == false
        return UsersPages.Detail(
            id: user.id!, name: user.name, displayName: user.displayName, unit: unit.name, roles: user.roleSet,
            active: user.isActive, deactivation: user.deactivatedAt.map { (ChineseTime.date($0), user.deactivationReason) },
            locked: locked, isSelf: user.id == acting.audit.userID)
    }

    /// The site's units in tree order, indented, for the "所属单位" choice.
    static func unitOptions(by acting: Acting, on db: any Database) async throws -> [(value: String, label: String)] {
        try acting.authorize(.manageUsers, acting.site)
        let units = try await UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)
        return UnitQueries.ordered(units).map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) }
    }

    private static func lockedNames(_ names: [String], at now: Date, on db: any Database) async throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        let rows = try await LoginThrottleRecord.query(on: db).filter(\.$loginName ~~ names).all()
        return Set(rows.filter {
            if case .allowed = LoginThrottlePolicy.standard.verdict(failures: $0.failures, lastFailure: $0.lastFailureAt, now: now) {
                return false
            }
            return true
        }.map(\.loginName))
    }
}
