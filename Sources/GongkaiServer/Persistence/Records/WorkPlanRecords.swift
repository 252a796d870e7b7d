import Fluent
import Foundation
import GongkaiCore

/// A work plan (方案 附件1) of a site, as issued.
final class WorkPlanRecord: Model, @unchecked Sendable {
    static let schema = "work_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Field(key: "title") var title: String
    @Field(key: "source_name") var sourceName: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    /// A plan imported by mistake, or replaced, is withdrawn (撤销) with a reason, never deleted.
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @Field(key: "archive_reason") var archiveReason: String

    init() {}
}

final class PlanTaskRecord: Model, @unchecked Sendable {
    static let schema = "plan_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: WorkPlanRecord
    @Field(key: "position") var position: Int
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String

    init() {}
}

final class PlanItemRecord: Model, @unchecked Sendable {
    static let schema = "plan_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: WorkPlanRecord
    @Parent(key: "task_id") var task: PlanTaskRecord
    @Field(key: "position") var position: Int
    @Field(key: "number") var number: Int
    @Field(key: "text") var text: String
    @Field(key: "deadline_text") var deadlineText: String
    @Field(key: "deadline_kind") var deadlineKind: String
    @OptionalField(key: "deadline_date") var deadlineDate: String?
    @OptionalField(key: "deadline_condition") var deadlineCondition: String?
    @OptionalField(key: "period_amount") var periodAmount: Int?
    @OptionalField(key: "period_unit") var periodUnit: String?
    /// For "…完成N个月内": the item whose completion starts the period.
    @OptionalField(key: "after_item_id") var afterItemID: UUID?
    @Field(key: "source") var source: String

    init() {}

    var deadline: PlanDeadline {
        let period = periodAmount.flatMap { amount in periodUnit.flatMap(Period.Unit.init(rawValue:)).map { Period(amount, $0) } }
        switch deadlineKind {
        case "date": return deadlineDate.flatMap(CivilDate.init).map(PlanDeadline.date) ?? .none
        case "after-event": return period.map { .afterEvent(event: deadlineCondition ?? "", $0) } ?? .none
        case "after-item": return period.map { .afterItem(condition: deadlineCondition ?? "", $0) } ?? .none
        default: return .none
        }
    }

    func setDeadline(_ deadline: PlanDeadline, text: String) {
        deadlineText = text
        deadlineKind = deadline.kind
        switch deadline {
        case .date(let date): deadlineDate = date.description
        case .afterEvent(let condition, _), .afterItem(let condition, _): deadlineCondition = condition
        case .none: break
        }
        periodAmount = deadline.period?.amount
        periodUnit = deadline.period?.unit.rawValue
    }
}

final class PlanGroupRecord: Model, @unchecked Sendable {
    static let schema = "plan_groups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: PlanItemRecord
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String

    init() {}
}

/// One name in a responsibility cell: a unit, or a scope (各乡镇) expanded to the site's units when read.
final class PlanPartyRecord: Model, @unchecked Sendable {
    static let schema = "plan_parties"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: PlanItemRecord
    @OptionalField(key: "group_id") var groupID: UUID?
    @Field(key: "role") var role: String
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @OptionalField(key: "scope") var scope: String?
    @OptionalField(key: "unit_id") var unitID: UUID?

    init() {}

    var planRole: PlanRole { PlanRole(rawValue: role) ?? .responsible }
    var unitScope: UnitScope? { scope.flatMap(UnitScope.init(rawValue:)) }
}

/// An event a relative deadline waits for (国务院部门其他领域标准指引出台), with its date once recorded.
final class PlanEventRecord: Model, @unchecked Sendable {
    static let schema = "plan_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: WorkPlanRecord
    @Field(key: "name") var name: String
    @OptionalField(key: "occurred_on") var occurredOn: String?
    @OptionalField(key: "recorded_at") var recordedAt: Date?
    @OptionalField(key: "recorded_by_label") var recordedByLabel: String?

    init() {}
}

/// The current state of one line: one unit's part of one item (or of one domain group of it).
final class PlanProgressRecord: Model, @unchecked Sendable {
    static let schema = "plan_progress"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Parent(key: "item_id") var item: PlanItemRecord
    @OptionalField(key: "group_id") var groupID: UUID?
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "line_key") var lineKey: String
    @Field(key: "status") var status: String
    @Field(key: "percent") var percent: Int
    @Field(key: "acceptance") var acceptance: String
    @OptionalField(key: "completed_on") var completedOn: String?
    @Field(key: "note") var note: String
    @Field(key: "review_comment") var reviewComment: String
    @Field(key: "lock_version") var lockVersion: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: ProgressState {
        get {
            ProgressState(reported: ReportedStatus(rawValue: status) ?? .notStarted, percent: percent,
                          acceptance: Acceptance(rawValue: acceptance) ?? .pending, completedOn: completedOn.flatMap(CivilDate.init))
        }
        set {
            status = newValue.reported.rawValue
            percent = newValue.percent
            acceptance = newValue.acceptance.rawValue
            completedOn = newValue.completedOn?.description
        }
    }
}

/// One entry of a line's history: a report, an acceptance or a return.
final class PlanReportRecord: Model, @unchecked Sendable {
    static let schema = "plan_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "progress_id") var progress: PlanProgressRecord
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "percent") var percent: Int
    @Field(key: "note") var note: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "user_label") var userLabel: String
    @Field(key: "via") var via: String
    @Field(key: "at") var at: Date

    init() {}
}

/// Evidence attached to a report: a file (stored by its SHA-256) or a link to something in Gongkai.
final class PlanEvidenceRecord: Model, @unchecked Sendable {
    static let schema = "plan_evidence"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: PlanReportRecord
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @OptionalField(key: "href") var href: String?
    @OptionalField(key: "file_sha256") var fileSHA256: String?
    @OptionalField(key: "content_type") var contentType: String?
    @OptionalField(key: "size") var size: Int?

    init() {}
}

/// A reminder recorded by `gongkai schedule remind`; unique per line, kind and due date, so reruns add nothing.
final class PlanReminderRecord: Model, @unchecked Sendable {
    static let schema = "plan_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    @Field(key: "line_key") var lineKey: String
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An in-app notification for one user.
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "href") var href: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}
