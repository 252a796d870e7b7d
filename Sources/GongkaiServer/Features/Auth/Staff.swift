import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The signed-in staff member of a request, as plain values (no Fluent types past the middleware).
package struct Staff: Sendable {
    let userID: UUID
    let name: String
    let displayName: String
    let siteID: UUID
    let siteName: String
    let siteSlug: String
    let unitID: UUID
    let unitName: String
    let roles: Set<Role>
    /// For guide accounts: the domains their unit guides (DomainGuideRecord).
    var guidedDomains: Set<String> = []
    /// Unread in-app notifications, shown in the navigation.
    var unreadNotifications = 0
    /// The session's CSRF token, or nil for API-token requests (which carry no cookies).
    let csrfToken: String?
    let sessionID: UUID?

    package var actor: AccessActor<UUID> { AccessActor(siteID: siteID, unitID: unitID, roles: roles, guidedDomains: guidedDomains) }

    var rolesLabel: String { roles.sorted().map(\.label).joined(separator: "、") }

    func auditActor(_ req: Request) -> AuditActor {
        AuditActor(userID: userID, label: "\(displayName)（\(name)）", siteID: siteID,
                   clientAddress: req.clientAddress)
    }

    static func load(user: UserRecord, csrfToken: String?, sessionID: UUID?, on db: any Database) async throws -> Staff {
        guard let site = try await SiteRecord.find(user.$site.id, on: db),
              let unit = try await OrgUnitRecord.find(user.$unit.id, on: db)
        else { throw Abort(.internalServerError, reason: "账号所属单位或站点不存在。") }
        let roles = user.roleSet
        let guided = roles.contains(.guide)
            ? try await DomainGuideRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).all().map(\.domainCode) : []
        return Staff(
            userID: try user.requireID(), name: user.name, displayName: user.displayName,
            siteID: try site.requireID(), siteName: site.name, siteSlug: site.slug,
            unitID: try unit.requireID(), unitName: unit.name, roles: roles, guidedDomains: Set(guided),
            unreadNotifications: try await Notifications.unreadCount(user.requireID(), on: db),
            csrfToken: csrfToken, sessionID: sessionID)
    }
}

extension Request {
    private struct StaffKey: StorageKey { typealias Value = Staff }

    var staff: Staff? {
        get { storage[StaffKey.self] }
        set { storage[StaffKey.self] = newValue }
    }

    /// The signed-in staff member, or 401 (the middleware in front turns it into a redirect to the login page).
    func requireStaff() throws -> Staff {
        guard let staff else { throw Abort(.unauthorized, reason: "请先登录。") }
        return staff
    }
}

extension Staff {
    /// For `gongkai-bench`, which builds a signed-in account without a session.
    package init(benchmarkAdmin siteID: UUID, siteName: String, siteSlug: String) {
        self.init(userID: UUID(), name: "bench", displayName: "基准", siteID: siteID, siteName: siteName, siteSlug: siteSlug,
                  unitID: UUID(), unitName: "", roles: [.admin], csrfToken: nil, sessionID: nil)
    }
}
