import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The organisation tree in the back office. Editors and reviewers keep their own unit's contact details up to
/// date (the 信息公开指南 is generated from them); the admin adds, renames and archives units.
enum UnitsController {
    struct UnitForm: Content {
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
        var parent: String?
        var version: Int?

        func draft(fallback: OrgUnitDraft?) -> OrgUnitDraft {
            OrgUnitDraft(
                name: name ?? fallback?.name ?? "", shortName: shortName ?? fallback?.shortName ?? "",
                kind: kind.flatMap(OrgUnitKind.init(rawValue:)) ?? fallback?.kind ?? .department,
                aliases: (aliases ?? fallback?.aliases.joined(separator: "、") ?? "")
                    .split(whereSeparator: { "、,，".contains($0) }).map(String.init),
                contact: OrgUnitContact(
                    address: address ?? "", officeHours: officeHours ?? "", phone: phone ?? "", fax: fax ?? "",
                    email: email ?? "", postcode: postcode ?? ""))
        }
    }

    struct ArchiveForm: Content {
        var reason: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let units = try await UnitQueries.forSite(staff.siteID, on: req.db)
        let rows = UnitQueries.ordered(units).map { entry in
            UnitsIndex.Row(
                id: entry.unit.id!, name: entry.unit.name, kind: entry.unit.unitKind.label, depth: entry.depth,
                isExample: entry.unit.isExample, isArchived: entry.unit.archivedAt != nil,
                canEdit: staff.can(.editUnit, AccessTarget(siteID: staff.siteID, unitID: entry.unit.id)),
                isOwn: entry.unit.id == staff.unitID)
        }
        let model = UnitsIndex.Model(rows: rows, canManage: staff.can(.manageUnits, AccessTarget(siteID: staff.siteID)))
        return PortalController.html(UnitsIndex.render(model, chrome: PageChrome(req: req, title: "单位", area: .backOffice)))
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let unit = try await load(req, staff: staff)
        try staff.require(.viewUnit, AccessTarget(siteID: staff.siteID, unitID: unit.id))
        return try await formPage(req, staff: staff, unit: unit, draft: unit.draft, version: unit.version, errors: nil,
                                  message: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let unit = try await load(req, staff: staff)
        try staff.require(.editUnit, AccessTarget(siteID: staff.siteID, unitID: unit.id))
        let form = try req.content.decode(UnitForm.self)
        var draft = form.draft(fallback: unit.draft)
        // Only the admin changes what a unit is; its own staff change how to reach it.
        if !staff.can(.manageUnits, AccessTarget(siteID: staff.siteID)) {
            draft.name = unit.name
            draft.shortName = unit.shortName
            draft.kind = unit.unitKind
            draft.aliases = unit.aliasList
        }
        let version = form.version ?? 0
        let clean: OrgUnitDraft
        switch draft.validated() {
        case .failure(let errors):
            return try await formPage(req, staff: staff, unit: unit, draft: draft, version: version, errors: errors,
                                      message: nil, status: .badRequest)
        case .success(let value):
            clean = value
        }
        if clean.name != unit.name, try await nameTaken(clean.name, siteID: staff.siteID, except: unit.id, on: req.db) {
            return try await formPage(req, staff: staff, unit: unit, draft: draft, version: version,
                                      errors: ValidationErrors(field: "name", message: "本站点已有名为“\(clean.name)”的单位。"),
                                      message: nil, status: .badRequest)
        }
        let before = unit.auditFields
        let unitID = try unit.requireID()
        do {
            try await req.db.transaction { tx in
                try await OptimisticLock.bump(table: OrgUnitRecord.schema, id: unitID, expected: version, on: tx)
                guard let fresh = try await OrgUnitRecord.find(unitID, on: tx) else { throw Abort(.notFound) }
                fresh.apply(clean)
                try await fresh.save(on: tx)
                try await AuditLog.record(on: tx, actor: staff.auditActor(req), siteID: staff.siteID, action: "unit.update",
                                          target: .init(type: "unit", id: unitID.uuidString, label: fresh.name),
                                          before: before, after: fresh.auditFields, at: req.now)
            }
        } catch let conflict as OptimisticLock.Conflict {
            let current = try await UnitQueries.find(unitID, on: req.db)
            return try await formPage(
                req, staff: staff, unit: current, draft: draft, version: current.version, errors: nil,
                message: "保存失败：在您编辑期间，这个单位的信息已被他人修改（现为第\(conflict.currentVersion ?? current.version)版）。下方保留了您填写的内容，请对照最新信息后再次保存。",
                status: .conflict)
        }
        return req.redirect(to: SiteURL.adminUnitEdit(unitID).path + "?notice=saved")
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUnits, AccessTarget(siteID: staff.siteID))
        let parent = req.query[String.self, at: "parent"].flatMap(UUID.init(uuidString:))
        let draft = OrgUnitDraft(name: "", shortName: "", kind: .department, contact: OrgUnitContact())
        return try await newPage(req, staff: staff, draft: draft, parent: parent, errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUnits, AccessTarget(siteID: staff.siteID))
        let form = try req.content.decode(UnitForm.self)
        let draft = form.draft(fallback: nil)
        let parentID = form.parent.flatMap(UUID.init(uuidString:))
        var errors = ValidationErrors()
        var clean = draft
        switch draft.validated() {
        case .failure(let problems): errors = problems
        case .success(let value): clean = value
        }
        let parent = try await parentID.asyncMap { try await OrgUnitRecord.find($0, on: req.db) } ?? nil
        if parent == nil || parent?.$site.id != staff.siteID {
            errors.add("parent", "请选择上级单位。")
        } else if let parent, !parent.unitKind.canContain(clean.kind) {
            errors.add("kind", "“\(parent.unitKind.label)”下不能设立“\(clean.kind.label)”，请检查上级单位或单位类型。")
        }
        if errors.isEmpty, try await nameTaken(clean.name, siteID: staff.siteID, except: nil, on: req.db) {
            errors.add("name", "本站点已有名为“\(clean.name)”的单位。")
        }
        guard errors.isEmpty, let parent else {
            return try await newPage(req, staff: staff, draft: draft, parent: parentID, errors: errors, status: .badRequest)
        }
        let unit = OrgUnitRecord(siteID: staff.siteID, parentID: parent.id, draft: clean, isExample: false, sortOrder: 1000)
        try await req.db.transaction { tx in
            try await unit.create(on: tx)
            try await AuditLog.record(on: tx, actor: staff.auditActor(req), siteID: staff.siteID, action: "unit.create",
                                      target: .init(type: "unit", id: unit.id?.uuidString, label: unit.name),
                                      after: unit.auditFields + [("上级单位", parent.name)], at: req.now)
        }
        return req.redirect(to: SiteURL.adminUnitEdit(try unit.requireID()).path + "?notice=created")
    }

    @Sendable static func archive(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageUnits, AccessTarget(siteID: staff.siteID))
        let unit = try await load(req, staff: staff)
        let reason = (try req.content.decode(ArchiveForm.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if unit.$parent.id == nil {
            problem = "县级人民政府是站点的根单位，不能撤销。"
        } else if unit.archivedAt != nil {
            problem = "这个单位已于\(ChineseTime.date(unit.archivedAt!))撤销。"
        } else if reason.isEmpty {
            problem = "请填写撤销原因（例如：机构改革，职能并入县政务服务管理局）。"
        } else if try await OrgUnitRecord.query(on: req.db).filter(\.$parent.$id == unit.id).filter(\.$archivedAt == nil).count() > 0 {
            problem = "请先撤销或移走这个单位的下级单位。"
        } else if try await UserRecord.query(on: req.db).filter(\.$unit.$id == unit.id!).filter(\.$deactivatedAt == nil).count() > 0 {
            problem = "这个单位还有在用账号，请先停用这些账号。"
        }
        if let problem {
            return try await formPage(req, staff: staff, unit: unit, draft: unit.draft, version: unit.version,
                                      errors: ValidationErrors(field: "reason", message: problem), message: nil,
                                      status: .badRequest)
        }
        let now = req.now
        try await req.db.transaction { tx in
            unit.archivedAt = now
            unit.archiveReason = reason
            unit.version += 1
            try await unit.save(on: tx)
            try await AuditLog.record(on: tx, actor: staff.auditActor(req), siteID: staff.siteID, action: "unit.archive",
                                      target: .init(type: "unit", id: unit.id?.uuidString, label: unit.name),
                                      summary: "撤销原因：\(reason)", at: now)
        }
        return req.redirect(to: SiteURL.adminUnitEdit(try unit.requireID()).path + "?notice=archived")
    }

    // MARK: - Helpers

    static func load(_ req: Request, staff: Staff) async throws -> OrgUnitRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "没有找到这个单位。")
        }
        let unit = try await UnitQueries.find(id, on: req.db)
        // Another county's unit is "not found", not "forbidden": its existence is none of this site's business.
        guard unit.$site.id == staff.siteID else { throw Abort(.notFound, reason: "没有找到这个单位。") }
        return unit
    }

    static func nameTaken(_ name: String, siteID: UUID, except: UUID?, on db: any Database) async throws -> Bool {
        var query = OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$name == name)
        if let except { query = query.filter(\.$id != except) }
        return try await query.count() > 0
    }

    static func formPage(_ req: Request, staff: Staff, unit: OrgUnitRecord, draft: OrgUnitDraft, version: Int,
                         errors: ValidationErrors?, message: String?, status: HTTPResponseStatus) async throws -> Response {
        let parent = try await unit.$parent.id.asyncMap { try await OrgUnitRecord.find($0, on: req.db) } ?? nil
        let model = UnitFormPage.Model(
            mode: .edit(id: try unit.requireID(), version: version), draft: draft, errors: errors, message: message,
            parentName: parent?.name, parents: [],
            canEditContact: staff.can(.editUnit, AccessTarget(siteID: staff.siteID, unitID: unit.id)),
            canManage: staff.can(.manageUnits, AccessTarget(siteID: staff.siteID)),
            isExample: unit.isExample,
            archived: unit.archivedAt.map { (ChineseTime.date($0), unit.archiveReason) })
        return PortalController.html(
            UnitFormPage.render(model, chrome: PageChrome(req: req, title: unit.name, area: .backOffice)), status: status)
    }

    static func newPage(_ req: Request, staff: Staff, draft: OrgUnitDraft, parent: UUID?, errors: ValidationErrors?,
                        status: HTTPResponseStatus) async throws -> Response {
        let units = try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)
        let parents = UnitQueries.ordered(units).filter { $0.unit.unitKind != .village }.map {
            (value: $0.unit.id!.uuidString, label: String(repeating: "　", count: $0.depth) + $0.unit.name)
        }
        let model = UnitFormPage.Model(
            mode: .new(parent: parent), draft: draft, errors: errors, message: nil, parentName: nil, parents: parents,
            canEditContact: true, canManage: true, isExample: false, archived: nil)
        return PortalController.html(
            UnitFormPage.render(model, chrome: PageChrome(req: req, title: "新增单位", area: .backOffice)), status: status)
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
