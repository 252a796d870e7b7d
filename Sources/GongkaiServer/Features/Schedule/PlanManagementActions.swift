import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange

/// The office's writes on the rollout schedule (附件1): importing a plan, recording the date of an event a
/// deadline counts from, and withdrawing (撤销) a plan. The page and the command line call these.
enum PlanManagementActions {
    static func mayManage(_ acting: Acting) -> Bool {
        acting.may(.manageSite, acting.site)
    }

    /// Checks (`dryRun`) or imports a read plan file, all or nothing. A failure lists every problem by row and
    /// column; nothing is written then.
    static func importPlan(_ read: Result<WorkPlanDraft, WorkPlanTable.Failure>, sourceName: String, dryRun: Bool, by acting: Acting,
                           at now: Date, on db: any Database) async throws -> Result<PlanImport.Outcome?, PlanImport.Failure> {
        try acting.authorize(.manageSite, acting.site)
        if dryRun {
            return try await PlanImport.check(read, siteID: acting.siteID, on: db).map { _ in nil }
        }
        return try await PlanImport.importPlan(read, siteID: acting.siteID, sourceName: sourceName, actor: acting.audit, now: now, on: db)
            .map { Optional($0) }
    }

    private static func inForce(_ s: PlanSnapshot, by acting: Acting) throws {
        try acting.authorize(.manageSite, acting.site)
        guard s.siteID == acting.siteID else { throw ActionError.notFound("本站点没有这个工作方案。") }
        if let archived = s.archived {
            throw ActionError.conflict("该工作方案已于\(ChineseTime.date(archived.at))撤销（\(archived.reason)），不能再报告或验收。", code: "plan_withdrawn")
        }
    }

    /// The date an event happened (e.g. 印发之日), from which the plan's deadlines count. Not in the future.
    static func recordEvent(_ name: String, date text: String, in s: PlanSnapshot, by acting: Acting, at now: Date,
                            on db: any Database) async throws {
        try inForce(s, by: acting)
        guard let event = try await PlanEventRecord.query(on: db).filter(\.$plan.$id == s.planID).filter(\.$name == name).first()
        else { throw ActionError.notFound("本方案没有事件“\(name)”。") }
        var errors = ValidationErrors()
        let date = CivilDate(text)
        if date == nil { errors.add("date", "请填写日期，格式如 2021-12-31（读到：“\(text)”）。") }
        if let date, date > s.today { errors.add("date", "事件日期不能晚于今天（\(s.today.description)）：请在事件发生后录入。") }
        guard errors.isEmpty, let date else { throw ActionError.invalid(errors) }
        let before = event.occurredOn ?? "未录入"
        let actor = acting.audit
        try await db.transaction { tx in
            event.occurredOn = date.description
            event.recordedAt = now
            event.recordedByLabel = actor.label
            try await event.update(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: s.siteID, action: "plan.event",
                                      target: .init(type: "plan", id: s.planID.uuidString, label: s.title),
                                      before: [("事件日期", before)], after: [("事件日期", date.description)],
                                      summary: "录入事件“\(event.name)”的日期：\(date.description)（原为：\(before)）", at: now)
        }
    }

    /// 撤销: a plan imported by mistake or replaced leaves the lists, dashboards and reminders; it stays readable
    /// with all its progress records.
    static func archive(_ s: PlanSnapshot, reason: String, by acting: Acting, at now: Date, on db: any Database) async throws {
        try inForce(s, by: acting)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ActionError.invalid(field: "reason", "请写明撤销原因（如“导入了错误的文件”“已由新方案代替”）。")
        }
        let actor = acting.audit
        try await db.transaction { tx in
            guard let plan = try await WorkPlanRecord.find(s.planID, on: tx) else { throw ActionError.notFound("本站点没有这个工作方案。") }
            plan.archivedAt = now
            plan.archiveReason = reason
            try await plan.update(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: s.siteID, action: "plan.archive",
                                      target: .init(type: "plan", id: s.planID.uuidString, label: s.title),
                                      summary: "撤销工作方案“\(s.title)”，原因：\(reason)（进度记录全部保留）", at: now)
        }
    }
}
