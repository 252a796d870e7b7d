import Fluent
import Foundation
import GongkaiCore

/// What the unit pages show, with what the actor may do on each.
enum UnitsQuery {
    static func index(by acting: Acting, on db: any Database) async throws -> UnitsIndex.Model {
        let units = try await UnitQueries.forSite(acting.siteID, on: db)
        let rows = UnitQueries.ordered(units).map { entry in
            UnitsIndex.Row(
                id: entry.unit.id!, name: entry.unit.name, kind: entry.unit.unitKind.label, depth: entry.depth,
                isExample: entry.unit.isExample, isArchived: entry.unit.archivedAt != nil,
                canEdit: acting.may(.editUnit, AccessTarget(siteID: acting.siteID, unitID: entry.unit.id)),
                isOwn: entry.unit.id == acting.access.unitID)
        }
        return UnitsIndex.Model(rows: rows, canManage: acting.may(.manageUnits, acting.site))
    }

    /// The edit form of a unit the actor may see; `draft` and `version` are what to show in the fields (the
    /// stored ones, or what was typed when a save was refused).
    static func edit(_ unit: OrgUnitRecord, draft: OrgUnitDraft? = nil, version: Int? = nil, errors: ValidationErrors?,
                     message: String?, by acting: Acting, on db: any Database) async throws -> UnitFormPage.Model {
        try acting.authorize(.viewUnit, AccessTarget(siteID: acting.siteID, unitID: unit.id))
        let parent = try await unit.$parent.id.asyncMap { try await OrgUnitRecord.find($0, on: db) } ?? nil
        return UnitFormPage.Model(
            mode: .edit(id: try unit.requireID(), version: version ?? unit.version), draft: draft ?? unit.draft, errors: errors,
            message: message, parentName: parent?.name, parents: [],
            canEditContact: acting.may(.editUnit, AccessTarget(siteID: acting.siteID, unitID: unit.id)),
            canManage: acting.may(.manageUnits, acting.site),
            isExample: unit.isExample,
            archived: unit.archivedAt.map { (ChineseTime.date($0), unit.archiveReason) })
    }

    static func new(draft: OrgUnitDraft, parent: UUID?, errors: ValidationErrors?, by acting: Acting,
                    on db: any Database) async throws -> UnitFormPage.Model {
        try acting.authorize(.manageUnits, acting.site)
        let units = try await UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)
        let parents = UnitQueries.ordered(units).filter { $0.unit.unitKind != .village }.map {
            (value: $0.unit.id!.uuidString, label: String(repeating: "　", count: $0.depth) + $0.unit.name)
        }
        return UnitFormPage.Model(
            mode: .new(parent: parent), draft: draft, errors: errors, message: nil, parentName: nil, parents: parents,
            canEditContact: true, canManage: true, isExample: false, archived: nil)
    }
}
