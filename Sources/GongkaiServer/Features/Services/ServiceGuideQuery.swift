import Fluent
import Foundation
import GongkaiCore

/// What the 办事指南 pages show: guides of units the actor may view, and the steps the actor may take; for the
/// portal, published versions only.
enum ServiceGuideQuery {
    static func index(by acting: Acting, on db: any Database) async throws -> ServiceGuidePages.IndexModel {
        let guides = try await ServiceGuideRecord.query(on: db).filter(\.$site.$id == acting.siteID).with(\.$unit).all()
        let versions = try await ServiceGuideVersionRecord.query(on: db).filter(\.$guide.$id ~~ guides.compactMap(\.id)).all()
        var rows: [(Int, ServiceGuidePages.Row)] = []
        for guide in guides where acting.may(.viewUnit, AccessTarget(siteID: acting.siteID, unitID: guide.$unit.id)) {
            let mine = versions.filter { $0.$guide.id == guide.id }.sorted { $0.number > $1.number }
            guard let current = mine.first(where: { $0.guideStatus.isOpen }) ?? mine.first(where: { $0.guideStatus == .published }) else { continue }
            rows.append((guide.unit.sortOrder, .init(id: guide.id!, unit: guide.unit.name, name: current.name, status: current.guideStatus,
                                                    number: current.number, published: mine.contains { $0.guideStatus == .published })))
        }
        let units = try await editableUnits(by: acting, on: db)
        return .init(rows: rows.sorted { ($0.0, $0.1.name) < ($1.0, $1.1.name) }.map(\.1), canCreate: !units.isEmpty)
    }

    static func editableUnits(by acting: Acting, on db: any Database) async throws -> [(String, String)] {
        try await UnitQueries.forSite(acting.siteID, on: db).filter { $0.archivedAt == nil }
            .filter { acting.may(.editContent, AccessTarget(siteID: acting.siteID, unitID: $0.id)) }
            .map { ($0.id!.uuidString, $0.name) }
    }

    /// The version a page shows and edits: the one being worked on, else the published one.
    static func current(_ loaded: ServiceGuideEditing.Loaded) -> ServiceGuideVersionRecord? { loaded.open ?? loaded.published }

    static func show(_ loaded: ServiceGuideEditing.Loaded, problem: String?, siteSlug: String, by acting: Acting) throws -> ServiceGuidePages.ShowModel {
        try acting.authorize(.viewUnit, ServiceGuideActions.target(loaded))
        guard let v = current(loaded) else { throw ActionError.notFound("这份办事指南没有版本。") }
        let status = v.guideStatus
        let candidates: [ServiceGuideEditing.Step] = status.isEditable ? [.submit] : status == .submitted ? [.publish, .returnForChanges] : []
        return .init(
            id: loaded.guide.id!, unit: loaded.unit.name, number: v.number, status: status, lockVersion: v.lockVersion, returnComment: v.returnComment,
            guide: v.serviceGuide, canEdit: (status.isEditable || status == .published) && acting.may(.editContent, ServiceGuideActions.target(loaded)),
            steps: candidates.filter { ServiceGuideActions.mayTake($0, on: loaded, by: acting) },
            publicHref: loaded.published == nil ? nil : SiteURL.publicService(slug: siteSlug, loaded.guide.id!).path, problem: problem)
    }

    struct Published: Sendable {
        let id: UUID
        let unitID: UUID
        let unitName: String
        let unitSort: Int
        let guide: ServiceGuide
        let publishedAt: Date
    }

    static func published(siteID: UUID, guideID: UUID? = nil, on db: any Database) async throws -> [Published] {
        var query = ServiceGuideRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit)
        if let guideID { query = query.filter(\.$id == guideID) }
        let guides = try await query.all()
        guard !guides.isEmpty else { return [] }
        let versions = try await ServiceGuideVersionRecord.query(on: db).filter(\.$guide.$id ~~ guides.compactMap(\.id))
            .filter(\.$status == DutyListStatus.published.rawValue).all()
        return versions.compactMap { v -> Published? in
            guard let g = guides.first(where: { $0.id == v.$guide.id }) else { return nil }
            return Published(id: g.id!, unitID: g.$unit.id, unitName: g.unit.name, unitSort: g.unit.sortOrder, guide: v.serviceGuide,
                             publishedAt: v.publishedAt ?? v.createdAt)
        }.sorted { ($0.unitSort, $0.guide.name) < ($1.unitSort, $1.guide.name) }
    }
}
