import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on a 权责清单 or 公共服务清单: import (as a draft, or published at once by the office), submit, the
/// unit's review, the office's review and publication, return, revise, discard. Pages, the API and the command
/// line call these; each asks the permission rules, then changes through `DutyListEditing` in one transaction
/// with its audit event.
enum DutyListActions {
    enum Step: String, Sendable, CaseIterable {
        case submit, revise, discard, publish
        case approveUnit = "approve-unit", returnForChanges = "return"

        var notice: Notice {
            switch self {
            case .submit: .listSubmitted
            case .revise: .listRevision
            case .discard: .listDiscarded
            case .publish: .listPublished
            case .approveUnit: .listApproved
            case .returnForChanges: .listReturned
            }
        }
    }

    static func target(_ loaded: DutyListEditing.Loaded) -> AccessTarget<UUID> {
        AccessTarget(siteID: loaded.list.$site.id, unitID: loaded.list.$unit.id)
    }

    /// A list the actor may see: 404 when there is none (or it is another site's), 403 otherwise.
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> DutyListEditing.Loaded {
        guard let id, let loaded = try await DutyListEditing.load(id, on: db), loaded.list.$site.id == acting.siteID else {
            throw ActionError.notFound("没有这份清单。")
        }
        try acting.authorize(.viewUnit, target(loaded))
        return loaded
    }

    /// The unit and kind of the import form, with messages beside the fields; the actor must be able to edit
    /// the unit's content.
    static func resolve(unit: String, kind: String, by acting: Acting, on db: any Database) async throws -> (OrgUnitRecord, DutyListKind) {
        var errors = ValidationErrors()
        if unit.isEmpty { errors.add("unit", "请选择单位。") }
        if DutyListKind(rawValue: kind) == nil { errors.add("kind", "请选择清单类别（权责清单或公共服务清单）。") }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        guard let unitID = UUID(uuidString: unit), let record = try await OrgUnitRecord.find(unitID, on: db), record.$site.id == acting.siteID,
              let kind = DutyListKind(rawValue: kind)
        else { throw ActionError.invalid(field: "unit", "所选单位不存在，请重新选择。") }
        try acting.authorize(.editContent, AccessTarget(siteID: acting.siteID, unitID: unitID))
        return (record, kind)
    }

    /// Rows read from a workbook become the unit's draft (or, with `publish`, its published version: the office only).
    static func importRows(_ rows: [DutyListRow], kind: DutyListKind, unit: OrgUnitRecord, sourceName: String, publish: Bool,
                           by acting: Acting, at now: Date, on db: any Database) async throws -> DutyListVersionRecord {
        try acting.authorize(.editContent, AccessTarget(siteID: acting.siteID, unitID: unit.id))
        if publish { try acting.authorize(.manageSite, acting.site) }
        for (i, row) in rows.enumerated() {
            let errors = row.validate(for: kind)
            guard errors.isEmpty else {
                throw ActionError.invalid(field: errors.problems[0].field, "第\(i + 1)项“\(row.name)”：" + errors.summary)
            }
        }
        do {
            return try await DutyListEditing.importRows(rows.map(\.normalised), kind: kind, unit: unit, sourceName: sourceName, publish: publish,
                                                        actor: acting.audit, now: now, on: db)
        } catch let refusal as DutyListEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "in_review", field: "file")
        }
    }

    /// Who may take a step: the unit's editors submit, revise and discard; its reviewer (or the office) checks
    /// first; the office (公开办) checks second and publishes. A return is made by whoever's check it is.
    static func mayTake(_ step: Step, on loaded: DutyListEditing.Loaded, status: DutyListStatus?, by acting: Acting) -> Bool {
        let t = target(loaded)
        switch step {
        case .submit, .revise, .discard: return acting.may(.editContent, t)
        case .approveUnit: return acting.may(.reviewContent, t)
        case .publish: return acting.may(.manageSite, acting.site)
        case .returnForChanges:
            return status == .unitApproved ? acting.may(.manageSite, acting.site) : acting.may(.reviewContent, t)
        }
    }

    /// The draft rows may be changed in, or a conflict saying there is none.
    static func editableVersion(_ loaded: DutyListEditing.Loaded) throws -> DutyListVersionRecord {
        guard let open = loaded.open, open.listStatus.isEditable else {
            throw ActionError.conflict("这份清单当前没有可以修改的草稿。请先在清单页面“新建修订版本”，或等待审核完成。", code: "not_editable")
        }
        return open
    }

    /// Adds a row to the draft (`position` nil) or changes the row at `position`; every problem beside its field.
    static func saveRow(_ row: DutyListRow, position: Int?, in listID: UUID?, lockVersion: Int?, by acting: Acting, at now: Date,
                        on db: any Database) async throws {
        let loaded = try await find(listID, by: acting, on: db)
        try acting.authorize(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        let errors = row.validate(for: loaded.kind)
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        do {
            try await DutyListEditing.saveRow(row.normalised, position: position, in: loaded, version: version, expected: lockVersion ?? -1,
                                              actor: acting.audit, now: now, on: db)
        } catch let refusal as DutyListEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "stale")
        }
    }

    static func removeRow(at position: Int, in listID: UUID?, lockVersion: Int?, by acting: Acting, at now: Date, on db: any Database) async throws {
        let loaded = try await find(listID, by: acting, on: db)
        try acting.authorize(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        do {
            try await DutyListEditing.removeRow(at: position, in: loaded, version: version, expected: lockVersion ?? -1,
                                                actor: acting.audit, now: now, on: db)
        } catch let refusal as DutyListEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "stale")
        }
    }

    static func perform(_ step: Step, on listID: UUID?, version number: Int?, lockVersion: Int?, comment: String = "",
                        confirmed: Bool = false, by acting: Acting, at now: Date, on db: any Database) async throws {
        let loaded = try await find(listID, by: acting, on: db)
        do {
            if step == .revise {
                guard mayTake(.revise, on: loaded, status: nil, by: acting) else { throw ActionError.forbidden("只能修改本单位的清单。") }
                try await DutyListEditing.startRevision(loaded, actor: acting.audit, now: now, on: db)
                return
            }
            guard let number, let version = loaded.versions.first(where: { $0.number == number }) else {
                throw ActionError.conflict("没有指定要处理的版本。", code: "refused")
            }
            guard mayTake(step, on: loaded, status: version.listStatus, by: acting) else {
                switch step {
                case .approveUnit: throw ActionError.forbidden("只有本单位的审核人员可以进行本单位审核。")
                case .publish: throw ActionError.forbidden("只有公开办可以审核发布清单。")
                case .returnForChanges:
                    throw ActionError.forbidden(version.listStatus == .unitApproved ? "待公开办审核的版本只能由公开办退回。" : "只有本单位的审核人员可以退回。")
                default: throw ActionError.forbidden("只能修改本单位的清单。")
                }
            }
            let expected = lockVersion ?? -1
            let workflowStep: DutyListWorkflow.Step
            switch step {
            case .submit: workflowStep = .submit
            case .approveUnit: workflowStep = .approveUnit
            case .publish: workflowStep = .publish
            case .returnForChanges: workflowStep = .returnForChanges(comment: comment.trimmingCharacters(in: .whitespacesAndNewlines))
            case .discard:
                guard confirmed else { throw ActionError.conflict("请勾选“确认放弃”后再提交。", code: "refused", field: "confirm") }
                try await DutyListEditing.discard(loaded, version: version, expected: expected, actor: acting.audit, now: now, on: db)
                return
            case .revise: return
            }
            try await DutyListEditing.apply(workflowStep, in: loaded, version: version, expected: expected, actor: acting.audit, now: now, on: db)
        } catch let refusal as DutyListEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: refusal.stale ? "stale" : "refused")
        }
    }
}
