import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on a 办事指南: create, save (a draft, or the next version of a published guide), submit, publish and
/// return. Editors of the unit write and submit; its reviewer (or the office) publishes or returns — "审核后发布".
enum ServiceGuideActions {
    static func target(_ loaded: ServiceGuideEditing.Loaded) -> AccessTarget<UUID> {
        AccessTarget(siteID: loaded.guide.$site.id, unitID: loaded.guide.$unit.id)
    }

    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> ServiceGuideEditing.Loaded {
        guard let id, let loaded = try await ServiceGuideEditing.load(id, on: db), loaded.guide.$site.id == acting.siteID else {
            throw ActionError.notFound("没有这份办事指南。")
        }
        try acting.authorize(.viewUnit, target(loaded))
        return loaded
    }

    static func checked(_ guide: ServiceGuide) throws -> ServiceGuide {
        let errors = guide.validate()
        guard errors.isEmpty else { throw ActionError.invalid(errors) }
        return guide.normalised
    }

    static func create(_ guide: ServiceGuide, unitID: String, by acting: Acting, at now: Date, on db: any Database) async throws -> UUID {
        guard let id = UUID(uuidString: unitID), let unit = try await OrgUnitRecord.find(id, on: db), unit.$site.id == acting.siteID,
              unit.archivedAt == nil
        else {
            var errors = (try? checked(guide)).map { _ in ValidationErrors() } ?? guide.validate()
            errors.add("unit", "请选择办理单位。")
            throw ActionError.invalid(errors)
        }
        try acting.authorize(.editContent, AccessTarget(siteID: acting.siteID, unitID: id))
        let clean = try checked(guide)
        return try await ServiceGuideEditing.create(clean, unit: unit, actor: acting.audit, now: now, on: db)
    }

    static func save(_ guide: ServiceGuide, on guideID: UUID?, lockVersion: Int?, by acting: Acting, at now: Date, on db: any Database) async throws {
        let loaded = try await find(guideID, by: acting, on: db)
        try acting.authorize(.editContent, target(loaded))
        let clean = try checked(guide)
        do {
            try await ServiceGuideEditing.save(clean, in: loaded, expected: lockVersion ?? -1, actor: acting.audit, now: now, on: db)
        } catch let refusal as ServiceGuideEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: refusal.stale ? "stale" : "refused")
        }
    }

    static func mayTake(_ step: ServiceGuideEditing.Step, on loaded: ServiceGuideEditing.Loaded, by acting: Acting) -> Bool {
        step == .submit ? acting.may(.editContent, target(loaded)) : acting.may(.reviewContent, target(loaded))
    }

    static func perform(_ step: ServiceGuideEditing.Step, on guideID: UUID?, lockVersion: Int?, comment: String, by acting: Acting,
                        at now: Date, on db: any Database) async throws {
        let loaded = try await find(guideID, by: acting, on: db)
        guard mayTake(step, on: loaded, by: acting) else {
            throw ActionError.forbidden(step == .submit ? "只能提交本单位的办事指南。" : "只有本单位的审核人员可以审核发布办事指南。")
        }
        do {
            try await ServiceGuideEditing.apply(step, comment: comment, in: loaded, expected: lockVersion ?? -1, actor: acting.audit, now: now, on: db)
        } catch let refusal as ServiceGuideEditing.Refusal {
            throw ActionError.conflict(refusal.message, code: refusal.stale ? "stale" : "refused")
        }
    }
}
