import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on the organisation tree. A unit's editors and reviewers keep its contact details (the
/// 信息公开指南 is generated from them); only the office changes what a unit is, adds one or archives one.
enum UnitsActions {
    /// The unit form as typed; a field left out keeps the unit's current value.
    struct Input: Content {
        var name: String?
        var shortName: String?
        var kind: String?
        var aliases: String?
        var address: String?
        var officeHours: String?
        var phone: String?
        var fax: String?
        var email: String?
        var postcode: String?
        var creditCode: String?

        func draft(fallback: OrgUnitDraft?) -> OrgUnitDraft {
            OrgUnitDraft(
                name: name ?? fallback?.name ?? "", shortName: shortName ?? fallback?.shortName ?? "",
                kind: kind.flatMap(OrgUnitKind.init(rawValue:)) ?? fallback?.kind ?? .department,
                aliases: (aliases ?? fallback?.aliases.joined(separator: "、") ?? "")
                    .split(whereSeparator: { "、,，".contains($0) }).map(String.init),
                contact: OrgUnitContact(
                    address: address ?? "", officeHours: officeHours ?? "", phone: phone ?? "", fax: fax ?? "",
                    email: email ?? "", postcode: postcode ?? ""),
                creditCode: creditCode ?? fallback?.creditCode ?? "")
        }
    }

    /// A unit of the actor's site. Another county's unit is "not found", not "forbidden": its existence is none
    /// of this site's business.
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> OrgUnitRecord {
        guard let id, let unit = try await OrgUnitRecord.find(id, on: db), unit.$site.id == acting.siteID else {
            throw ActionError.notFound("没有找到这个单位。")
        }
        return unit
    }

    /// Saves a unit's details; the unit's own staff change only how to reach it. `version` is the one the form
    /// was read at: a change in between is a conflict and nothing is saved.
    static func update(_ id: UUID?, with input: Input, version: Int, by acting: Acting, at now: Date,
                       on db: any Database) async throws -> OrgUnitRecord {
        let unit = try await find(id, by: acting, on: db)
        try acting.authorize(.editUnit, AccessTarget(siteID: acting.siteID, unitID: unit.id))
        var draft = input.draft(fallback: unit.draft)
        if !acting.may(.manageUnits, acting.site) {
            draft.name = unit.name
            draft.shortName = unit.shortName
            draft.kind = unit.unitKind
            draft.aliases = unit.aliasList
            draft.creditCode = unit.creditCode
        }
        let clean: OrgUnitDraft
        switch draft.validated() {
        case .failure(let errors): throw ActionError.invalid(errors)
        case .success(let value): clean = value
        }
        let unitID = try unit.requireID()
        if clean.name != unit.name, try await nameTaken(clean.name, siteID: acting.siteID, except: unitID, on: db) {
            throw ActionError.invalid(field: "name", "本站点已有名为“\(clean.name)”的单位。")
        }
        if clean.creditCode != unit.creditCode, let other = try await codeHolder(clean.creditCode, siteID: acting.siteID, except: unitID, on: db) {
            throw ActionError.invalid(field: "creditCode", "统一社会信用代码“\(clean.creditCode)”已是“\(other)”的代码，两个单位不能共用。")
        }
        let before = unit.auditFields
        do {
            return try await db.transaction { tx in
                try await OptimisticLock.bump(table: OrgUnitRecord.schema, id: unitID, expected: version, on: tx)
                guard let fresh = try await OrgUnitRecord.find(unitID, on: tx) else { throw ActionError.notFound("没有找到这个单位。") }
                fresh.apply(clean)
                try await fresh.save(on: tx)
                try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "unit.update",
                                          target: .init(type: "unit", id: unitID.uuidString, label: fresh.name),
                                          before: before, after: fresh.auditFields, at: now)
                return fresh
            }
        } catch let conflict as OptimisticLock.Conflict {
            let current = conflict.currentVersion ?? unit.version
            throw ActionError.conflict(
                "保存失败：在您编辑期间，这个单位的信息已被他人修改（现为第\(current)版）。下方保留了您填写的内容，请对照最新信息后再次保存。",
                code: "stale")
        }
    }

    /// Adds a unit below another of the site.
    static func create(_ input: Input, parent parentID: UUID?, by acting: Acting, at now: Date,
                       on db: any Database) async throws -> OrgUnitRecord {
        try acting.authorize(.manageUnits, acting.site)
        let draft = input.draft(fallback: nil)
        var errors = ValidationErrors()
        var clean = draft
        switch draft.validated() {
        case .failure(let problems): errors = problems
        case .success(let value): clean = value
        }
        let parent = try await parentID.asyncMap { try await OrgUnitRecord.find($0, on: db) } ?? nil
        if parent == nil || parent?.$site.id != acting.siteID {
            errors.add("parent", "请选择上级单位。")
        } else if let parent, !parent.unitKind.canContain(clean.kind) {
            errors.add("kind", "“\(parent.unitKind.label)”下不能设立“\(clean.kind.label)”，请检查上级单位或单位类型。")
        }
        if errors.isEmpty, try await nameTaken(clean.name, siteID: acting.siteID, except: nil, on: db) {
            errors.add("name", "本站点已有名为“\(clean.name)”的单位。")
        }
        if errors.isEmpty, let other = try await codeHolder(clean.creditCode, siteID: acting.siteID, except: nil, on: db) {
            errors.add("creditCode", "统一社会信用代码“\(clean.creditCode)”已是“\(other)”的代码，两个单位不能共用。")
        }
        guard errors.isEmpty, let parent else { throw ActionError.invalid(errors) }
        let unit = OrgUnitRecord(siteID: acting.siteID, parentID: parent.id, draft: clean, isExample: false, sortOrder: 1000)
        try await db.transaction { tx in
            try await unit.create(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "unit.create",
                                      target: .init(type: "unit", id: unit.id?.uuidString, label: unit.name),
                                      after: unit.auditFields + [("上级单位", parent.name)], at: now)
        }
        return unit
    }

    /// Archives (撤销) a unit: kept with its history, gone from new work. Not the root, not one with units or
    /// accounts still in use below it.
    static func archive(_ id: UUID?, reason: String, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.manageUnits, acting.site)
        let unit = try await find(id, by: acting, on: db)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if unit.$parent.id == nil {
            problem = "县级人民政府是站点的根单位，不能撤销。"
        } else if let archivedAt = unit.archivedAt {
            problem = "这个单位已于\(ChineseTime.date(archivedAt))撤销。"
        } else if reason.isEmpty {
            problem = "请填写撤销原因（例如：机构改革，职能并入县政务服务管理局）。"
        } else if try await OrgUnitRecord.query(on: db).filter(\.$parent.$id == unit.id).filter(\.$archivedAt == nil).count() > 0 {
            problem = "请先撤销或移走这个单位的下级单位。"
        } else if try await UserRecord.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$deactivatedAt == nil).count() > 0 {
            problem = "这个单位还有在用账号，请先停用这些账号。"
        }
        if let problem { throw ActionError.invalid(field: "reason", problem) }
        unit.archivedAt = now
        unit.archiveReason = reason
        unit.version += 1
        try await db.transaction { tx in
            try await unit.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "unit.archive",
                                      target: .init(type: "unit", id: unit.id?.uuidString, label: unit.name),
                                      summary: "撤销原因：\(reason)", at: now)
        }
    }

    static func nameTaken(_ name: String, siteID: UUID, except: UUID?, on db: any Database) async throws -> Bool {
        var query = OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$name == name)
        if let except { query = query.filter(\.$id != except) }
        return try await query.count() > 0
    }

    /// The name of the unit that already holds a code (the 索引号 must tell units apart), if any.
    static func codeHolder(_ code: String, siteID: UUID, except: UUID?, on db: any Database) async throws -> String? {
        guard !code.isEmpty else { return nil }
        var query = OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$creditCode == code)
        if let except { query = query.filter(\.$id != except) }
        return try await query.first()?.name
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
