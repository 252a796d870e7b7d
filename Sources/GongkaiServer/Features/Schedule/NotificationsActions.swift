import Fluent
import Foundation
import GongkaiCore

/// A person's own in-app notifications (reminders, acceptances, returns).
enum NotificationsActions {
    /// The newest 200 of the actor's own notifications.
    static func list(by acting: Acting, on db: any Database) async throws -> [NotificationRecord] {
        guard let userID = acting.audit.userID else { return [] }
        return try await NotificationRecord.query(on: db).filter(\.$userID == userID).sort(\.$createdAt, .descending).range(..<200).all()
    }

    /// Marks every unread notification of the actor read; nobody else's can be touched.
    static func markAllRead(by acting: Acting, at now: Date, on db: any Database) async throws {
        guard let userID = acting.audit.userID else { throw ActionError.forbidden("只有登录的工作人员有通知。") }
        try await db.transaction { tx in
            let unread = try await NotificationRecord.query(on: tx).filter(\.$userID == userID).filter(\.$readAt == nil).count()
            guard unread > 0 else { return }
            try await NotificationRecord.query(on: tx).filter(\.$userID == userID).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "notification.read",
                                      target: .init(type: "user", id: userID.uuidString, label: acting.audit.label),
                                      summary: "\(unread)条通知标为已读", at: now)
        }
    }
}
