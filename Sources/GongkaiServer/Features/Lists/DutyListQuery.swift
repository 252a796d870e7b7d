import Fluent
import Foundation
import GongkaiCore

/// What the 清单 pages show, read as the actor may see it: lists of units the actor may view, with the steps the
/// actor may take; and, for the portal and the API, published versions only.
enum DutyListQuery {
    static func rowCounts(_ versionIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !versionIDs.isEmpty else { return [:] }
        let rows = try await DutyListRowRecord.query(on: db).filter(\.$version.$id ~~ versionIDs).field(\.$version.$id).all()
        return Dictionary(grouping: rows, by: { $0.$version.id }).mapValues(\.count)
    }

    static func index(unit: String, kind: String, errors: ValidationErrors?, importResult: DutyListPages.ImportOutcome?,
                      by acting: Acting, on db: any Database) async throws -> DutyListPages.IndexModel {
        let siteID = acting.siteID
        let lists = try await DutyListRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit).all()
        let versions = try await DutyListVersionRecord.query(on: db).filter(\.$list.$id ~~ lists.compactMap(\.id)).all()
        let counts = try await rowCounts(versions.compactMap(\.id), on: db)
        var rows: [(Int, DutyListPages.ListRow)] = []
        var waiting: [DutyListPages.ListRow] = []
        for list in lists {
            guard acting.may(.viewUnit, AccessTarget(siteID: siteID, unitID: list.$unit.id)) else { continue }
            let loaded = DutyListEditing.Loaded(list: list, unit: list.unit,
                                                versions: versions.filter { $0.$list.id == list.id }.sorted { $0.number > $1.number })
            let row = DutyListPages.ListRow(
                id: list.id!, unit: list.unit.name, kind: list.listKind,
                published: loaded.published.map { ($0.number, $0.publishedAt ?? $0.createdAt, counts[$0.id!] ?? 0) },
                open: loaded.open.map { ($0.number, $0.listStatus, counts[$0.id!] ?? 0) })
            rows.append((list.unit.sortOrder, row))
            if let open = loaded.open, !nextSteps(loaded, version: open, by: acting).filter({ $0 != .discard }).isEmpty { waiting.append(row) }
        }
        let units = try await UnitQueries.forSite(siteID, on: db).filter { $0.archivedAt == nil }
            .filter { acting.may(.editContent, AccessTarget(siteID: siteID, unitID: $0.id)) }
        return DutyListPages.IndexModel(
            rows: rows.sorted { ($0.0, $0.1.kind.rawValue) < ($1.0, $1.1.kind.rawValue) }.map(\.1), waiting: waiting,
            editableUnits: units.map { ($0.id!, $0.name) }, unit: unit.isEmpty && units.count == 1 ? units[0].id!.uuidString : unit,
            kind: kind, errors: errors, importResult: importResult)
    }

    /// The steps the actor may take on a version as it stands (what the page offers; the action checks again).
    static func nextSteps(_ loaded: DutyListEditing.Loaded, version: DutyListVersionRecord?, by acting: Acting) -> [DutyListActions.Step] {
        guard let version else {
            return loaded.published != nil && DutyListActions.mayTake(.revise, on: loaded, status: nil, by: acting) ? [.revise] : []
        }
        let candidates: [DutyListActions.Step]
        switch version.listStatus {
        case .draft, .returned: candidates = [.submit, .discard]
        case .submitted: candidates = [.approveUnit, .returnForChanges]
        case .unitApproved: candidates = [.publish, .returnForChanges]
        case .published, .superseded: candidates = []
        }
        return candidates.filter { DutyListActions.mayTake($0, on: loaded, status: version.listStatus, by: acting) }
    }

    /// The draft and (when `position` is given) the row an editor opens in the row form.
    static func row(_ position: Int?, in listID: UUID?, by acting: Acting, on db: any Database) async throws
        -> (DutyListEditing.Loaded, DutyListVersionRecord, DutyListRow?) {
        let loaded = try await DutyListActions.find(listID, by: acting, on: db)
        try acting.authorize(.editContent, DutyListActions.target(loaded))
        let version = try DutyListActions.editableVersion(loaded)
        guard let position else { return (loaded, version, nil) }
        let rows = try await DutyListEditing.rows(of: version.requireID(), on: db)
        guard (1...max(rows.count, 1)).contains(position), position <= rows.count else { throw ActionError.notFound("这一项不在当前草稿中。") }
        return (loaded, version, rows[position - 1])
    }

    static func version(_ loaded: DutyListEditing.Loaded, number: Int?) throws -> DutyListVersionRecord {
        if let number {
            guard let v = loaded.versions.first(where: { $0.number == number }) else { throw ActionError.notFound("这份清单没有第\(number)版。") }
            return v
        }
        guard let v = loaded.open ?? loaded.published ?? loaded.versions.first else { throw ActionError.notFound("这份清单还没有版本。") }
        return v
    }

    static func show(_ loaded: DutyListEditing.Loaded, number: Int?, compare: Int?, problem: String?, siteSlug: String,
                     by acting: Acting, on db: any Database) async throws -> DutyListPages.ShowModel {
        try acting.authorize(.viewUnit, DutyListActions.target(loaded))
        let shown = try version(loaded, number: number)
        let rows = try await DutyListEditing.rows(of: shown.requireID(), on: db)
        let counts = try await rowCounts(loaded.versions.compactMap(\.id), on: db)
        // Compared with the version asked for, else a draft or review with the published one, else with its predecessor.
        let base = compare.flatMap { c in loaded.versions.first { $0.number == c } }
            ?? (shown.listStatus.isOpen ? loaded.published : loaded.versions.first { $0.number < shown.number && $0.listStatus != .draft })
        var baseRows: [DutyListRow] = []
        if let base { baseRows = try await DutyListEditing.rows(of: base.requireID(), on: db) }
        func row(_ v: DutyListVersionRecord) -> DutyListPages.VersionRow {
            .init(number: v.number, status: v.listStatus, source: v.sourceName, createdBy: v.createdByLabel, at: v.publishedAt ?? v.createdAt,
                  count: counts[v.id!] ?? 0)
        }
        let steps: [DutyListActions.Step]
        if shown.listStatus.isOpen { steps = nextSteps(loaded, version: shown, by: acting) }
        else if shown.listStatus == .published, loaded.open == nil { steps = nextSteps(loaded, version: nil, by: acting) }
        else { steps = [] }
        return DutyListPages.ShowModel(
            id: loaded.list.id!, label: loaded.label, kind: loaded.kind, versions: loaded.versions.map(row), shown: row(shown),
            lockVersion: shown.lockVersion, returnComment: shown.returnComment, unitApprovedBy: shown.unitApprovedByLabel, rows: rows,
            comparedWith: base?.number, changes: base == nil ? [] : DutyListDiff.compare(baseRows, rows, kind: loaded.kind),
            steps: steps,
            problem: problem,
            publicHref: loaded.published == nil ? nil : SiteURL.publicList(slug: siteSlug, kind: loaded.kind, loaded.list.id!).path,
            editable: shown.listStatus.isEditable && shown.id == loaded.open?.id && acting.may(.editContent, DutyListActions.target(loaded)))
    }

    // MARK: - Published, for the portal and the API

    struct Published: Sendable {
        let listID: UUID
        let unitID: UUID
        let unitName: String
        let unitSort: Int
        let kind: DutyListKind
        let versionNumber: Int
        let publishedAt: Date
        let rows: [DutyListRow]
    }

    /// Every published list of a site (of one kind, of one unit when given), with its rows, in unit order.
    static func published(siteID: UUID, kind: DutyListKind? = nil, unitID: UUID? = nil, listID: UUID? = nil, on db: any Database) async throws -> [Published] {
        var query = DutyListRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit)
        if let kind { query = query.filter(\.$kind == kind.rawValue) }
        if let unitID { query = query.filter(\.$unit.$id == unitID) }
        if let listID { query = query.filter(\.$id == listID) }
        let lists = try await query.all()
        guard !lists.isEmpty else { return [] }
        let versions = try await DutyListVersionRecord.query(on: db).filter(\.$list.$id ~~ lists.compactMap(\.id))
            .filter(\.$status == DutyListStatus.published.rawValue).all()
        let rows = try await DutyListRowRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id)).sort(\.$position).all()
        let byVersion = Dictionary(grouping: rows, by: { $0.$version.id })
        return versions.compactMap { v -> Published? in
            guard let list = lists.first(where: { $0.id == v.$list.id }) else { return nil }
            return Published(listID: list.id!, unitID: list.$unit.id, unitName: list.unit.name, unitSort: list.unit.sortOrder, kind: list.listKind,
                             versionNumber: v.number, publishedAt: v.publishedAt ?? v.createdAt, rows: (byVersion[v.id!] ?? []).map(\.row))
        }.sorted { ($0.unitSort, $0.kind.rawValue) < ($1.unitSort, $1.kind.rawValue) }
    }
}
