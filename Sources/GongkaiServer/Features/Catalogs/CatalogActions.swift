import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on a standard catalog (政务公开事项标准目录): create, import, edit entries, submit, review, publish,
/// start a revision, discard a draft. The pages and the command line call these; each asks the permission rules
/// (and `CatalogWorkflow.reviews` for who reviews), then changes through `CatalogEditing` in one transaction with
/// its audit event. A `CatalogEditing.Refusal` becomes a 409 (`stale` when the version moved on meanwhile).
enum CatalogActions {
    /// Which catalog a create or import is for, as chosen: unit and domain by id/code, the level by name.
    struct Choice: Sendable {
        var unit: String
        var domain: String
        var level: String
    }

    /// What one submitted step is: the page's buttons.
    enum Step: String, Sendable, CaseIterable {
        case submit, publish, revise, discard
        case approveUnit = "approve-unit", approveGuide = "approve-guide", returnUnit = "return-unit", returnGuide = "return-guide"

        var notice: Notice {
            switch self {
            case .submit: .catalogSubmitted
            case .publish: .catalogPublished
            case .revise: .catalogRevision
            case .discard: .catalogDiscarded
            case .approveUnit, .approveGuide: .catalogApproved
            case .returnUnit, .returnGuide: .catalogReturned
            }
        }
    }

    static func target(_ loaded: CatalogEditing.Loaded) -> AccessTarget<UUID> {
        AccessTarget(siteID: loaded.catalog.$site.id, unitID: loaded.catalog.$unit.id, domain: loaded.catalog.domainCode)
    }

    /// A catalog the actor may see (its unit's, or one of a domain the actor guides): 404 when there is none, 403 otherwise.
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> CatalogEditing.Loaded {
        guard let id, let loaded = try await CatalogEditing.load(id, on: db) else {
            throw ActionError.notFound("没有这份目录。")
        }
        try acting.authorize(.viewUnit, target(loaded))
        return loaded
    }

    /// The unit, domain and level of the create and import forms, with messages beside the fields; the actor
    /// must be able to edit the unit's content.
    static func resolve(_ choice: Choice, by acting: Acting, on db: any Database) async throws -> (OrgUnitRecord, CatalogDomain, CatalogLevel) {
        var errors = ValidationErrors()
        if choice.unit.isEmpty { errors.add("unit", "请选择单位。") }
        if choice.domain.isEmpty { errors.add("domain", "请选择领域。") }
        if CatalogLevel(rawValue: choice.level) == nil { errors.add("level", "请选择目录层级。") }
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        let domains = try await CatalogStore.domains(siteID: acting.siteID, on: db)
        guard let unitID = UUID(uuidString: choice.unit), let unit = try await OrgUnitRecord.find(unitID, on: db),
              unit.$site.id == acting.siteID, let domain = domains.first(where: { $0.code == choice.domain }),
              let level = CatalogLevel(rawValue: choice.level)
        else { throw ActionError.invalid(field: "unit", "所选单位、领域或层级不存在，请重新选择。") }
        try acting.authorize(.editContent, AccessTarget(siteID: acting.siteID, unitID: unit.id, domain: domain.code))
        return (unit, domain, level)
    }

    /// A new catalog with its first draft: empty, or (for a township) from a published county catalog.
    static func create(_ choice: Choice, base: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws -> UUID {
        let (unit, domain, level) = try await resolve(choice, by: acting, on: db)
        do {
            return try await CatalogEditing.create(unit: unit, domain: domain, level: level, copyFrom: base, actor: acting.audit, now: now, on: db)
        } catch let refusal as CatalogEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "refused", field: "base")
        }
    }

    /// Imported entries (read from the template by `CatalogWorkbook`) become the next version: a draft, or with
    /// `publish` published at once (the command line's `--publish`, for whoever may publish the unit's content).
    static func importEntries(_ entries: [CatalogEntry], fileName: String, layout: CatalogLayout? = nil, into choice: Choice, publish: Bool, by acting: Acting,
                              at now: Date, on db: any Database, progress: (@Sendable (Int) -> Void)? = nil) async throws -> CatalogVersionRecord {
        let (unit, domain, level) = try await resolve(choice, by: acting, on: db)
        if publish { try acting.authorize(.publishContent, AccessTarget(siteID: acting.siteID, unitID: unit.id, domain: domain.code)) }
        do {
            return try await CatalogEditing.importVersion(entries, unit: unit, domain: domain, level: level, fileName: fileName, layout: layout,
                                                          publish: publish, actor: acting.audit, now: now, on: db, progress: progress)
        } catch let refusal as CatalogEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "open_version", field: "file")
        }
    }

    /// One step of the workflow on version `number` (ignored for `revise`), read at `lockVersion`.
    static func perform(_ step: Step, on catalogID: UUID?, version number: Int?, lockVersion: Int?, comment: String = "",
                        confirmed: Bool = false, by acting: Acting, at now: Date, on db: any Database) async throws {
        let loaded = try await find(catalogID, by: acting, on: db)
        let t = target(loaded)
        do {
            if step == .revise {
                try acting.authorize(.editContent, t)
                try await CatalogEditing.startRevision(loaded, actor: acting.audit, now: now, on: db)
                return
            }
            guard let number, let v = loaded.versions.first(where: { $0.number == number }) else {
                throw ActionError.conflict("没有指定要处理的版本。", code: "refused")
            }
            let expected = lockVersion ?? -1
            let workflowStep: CatalogWorkflow.Step
            switch step {
            case .submit:
                try acting.authorize(.editContent, t)
                workflowStep = .submit
            case .approveUnit, .approveGuide, .returnUnit, .returnGuide:
                let reviewer: CatalogReviewer = (step == .approveGuide || step == .returnGuide) ? .guide : .unit
                guard reviews(by: acting, of: loaded).contains(reviewer) else {
                    throw ActionError.forbidden(reviewer == .unit ? "只有本单位的审核人员可以进行本单位审核。" : "只有该领域的指导单位可以进行指导单位审核。")
                }
                workflowStep = (step == .approveUnit || step == .approveGuide)
                    ? .approve(reviewer) : .returnForChanges(reviewer, comment: comment.trimmingCharacters(in: .whitespacesAndNewlines))
            case .publish:
                try acting.authorize(.publishContent, t)
                workflowStep = .publish
            case .discard:
                try acting.authorize(.editContent, t)
                guard confirmed else { throw ActionError.conflict("请勾选“确认放弃”后再提交。", code: "refused", field: "confirm") }
                try await CatalogEditing.discard(in: loaded, version: v, expected: expected, actor: acting.audit, now: now, on: db)
                return
            case .revise:
                return
            }
            try await CatalogEditing.apply(workflowStep, in: loaded, version: v, expected: expected, actor: acting.audit, now: now, on: db)
        } catch let refusal as CatalogEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: refusal.stale ? "stale" : "refused")
        }
    }

    /// The reviews this actor may give on a catalog (the rule is `CatalogWorkflow.reviews`).
    static func reviews(by acting: Acting, of loaded: CatalogEditing.Loaded) -> [CatalogReviewer] {
        CatalogWorkflow.reviews(by: acting.access, of: target(loaded), level: loaded.catalog.catalogLevel)
    }

    // MARK: - Entries

    /// The draft that entries may be changed in, or a conflict saying there is none.
    static func editableVersion(_ loaded: CatalogEditing.Loaded) throws -> CatalogVersionRecord {
        guard let open = loaded.open, open.catalogStatus.isEditable else {
            throw ActionError.conflict("这份目录当前没有可以修改的草稿。请先在目录页面“新建修订版本”。", code: "not_editable")
        }
        return open
    }

    /// Adds an entry to the draft (`entryID` nil) or changes one.
    static func saveEntry(_ entry: CatalogEntry, entryID: UUID?, in catalogID: UUID?, lockVersion: Int?, by acting: Acting,
                          at now: Date, on db: any Database) async throws {
        let loaded = try await find(catalogID, by: acting, on: db)
        try acting.authorize(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        let errors = entry.validate()
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        do {
            try await CatalogEditing.saveEntry(entry, entryID: entryID, in: loaded, version: version, expected: lockVersion ?? -1,
                                               actor: acting.audit, now: now, on: db)
        } catch let refusal as CatalogEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: "stale")
        }
    }

    enum EntryChange: String, Sendable { case up, down, delete }

    static func changeEntry(_ change: EntryChange, entryID: UUID, in catalogID: UUID?, lockVersion: Int?, by acting: Acting,
                            at now: Date, on db: any Database) async throws {
        let loaded = try await find(catalogID, by: acting, on: db)
        try acting.authorize(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        let expected = lockVersion ?? -1
        do {
            switch change {
            case .up, .down:
                try await CatalogEditing.moveEntry(entryID, by: change == .up ? -1 : 1, in: loaded, version: version, expected: expected,
                                                   actor: acting.audit, now: now, on: db)
            case .delete:
                try await CatalogEditing.removeEntry(entryID, in: loaded, version: version, expected: expected,
                                                     actor: acting.audit, now: now, on: db)
            }
        } catch let refusal as CatalogEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: refusal.stale ? "stale" : "refused")
        }
    }
}
