import Fluent
import Foundation
import GongkaiCore

/// What the catalog pages show, read as the actor may see it: only catalogs of units the actor may view, with
/// what the actor may do on each.
enum CatalogQuery {
    static func index(form: CatalogPages.NewForm, errors: ValidationErrors?, importResult: CatalogPages.ImportOutcome?,
                      by acting: Acting, on db: any Database) async throws -> CatalogPages.IndexModel {
        let siteID = acting.siteID
        let domains = try await CatalogStore.domains(siteID: siteID, on: db)
        let units = try await UnitQueries.forSite(siteID, on: db).filter { $0.archivedAt == nil }
        let catalogs = try await CatalogRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit).all()
        let versions = try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id ~~ catalogs.compactMap(\.id)).all()
        let counts = try await entryCounts(versions.compactMap(\.id), on: db)
        var rows: [CatalogPages.ListRow] = []
        var waiting: [CatalogPages.ListRow] = []
        for catalog in catalogs {
            let t = AccessTarget(siteID: siteID, unitID: catalog.$unit.id, domain: catalog.domainCode)
            guard acting.may(.viewUnit, t) else { continue }
            let mine = versions.filter { $0.$catalog.id == catalog.id }.sorted { $0.number > $1.number }
            let domain = domains.first { $0.code == catalog.domainCode } ?? CatalogDomain(code: catalog.domainCode, name: catalog.domainCode, isPilot: false)
            let loaded = CatalogEditing.Loaded(catalog: catalog, unit: catalog.unit, domain: domain, versions: mine)
            let open = loaded.open
            let row = CatalogPages.ListRow(
                id: catalog.id!, unit: catalog.unit.name, unitSort: catalog.unit.sortOrder, domain: domain, level: catalog.catalogLevel,
                published: loaded.published.map { ($0.number, $0.publishedAt ?? $0.createdAt, counts[$0.id!] ?? 0) },
                open: open.map { ($0.number, $0.catalogStatus, counts[$0.id!] ?? 0) })
            rows.append(row)
            if try await waitsFor(acting, loaded, on: db) { waiting.append(row) }
        }
        rows.sort { ($0.level, $0.unitSort, $0.domain.code) < ($1.level, $1.unitSort, $1.domain.code) }
        let editableUnits = units.filter { acting.may(.editContent, AccessTarget(siteID: siteID, unitID: $0.id)) }
        let bases = rows.filter { $0.level == .county && $0.published != nil }
        var form = form
        if form.unit.isEmpty, editableUnits.count == 1 {
            // One unit to choose from: choose it, and its level.
            form.unit = editableUnits[0].id!.uuidString
            if form.level.isEmpty { form.level = editableUnits[0].unitKind == .township ? "township" : "county" }
        }
        return CatalogPages.IndexModel(
            rows: rows, waiting: waiting, domains: domains, editableUnits: editableUnits.map { ($0.id!, $0.name, $0.unitKind) },
            bases: bases, form: form, errors: errors, importResult: importResult,
            canManageDomains: acting.may(.manageSite, acting.site))
    }

    /// One catalog at `number` (or the version being worked on), compared with `compare` when given.
    /// Which page of a version's entries to show: after or before a position, narrowed by words.
    struct EntryPage: Sendable {
        var search = ""
        var after: Int?
        var before: Int?
    }

    static func show(_ loaded: CatalogEditing.Loaded, number: Int?, compare: Int?, page: EntryPage = EntryPage(), problem: String?, siteSlug: String,
                     by acting: Acting, on db: any Database) async throws -> CatalogPages.ShowModel {
        try acting.authorize(.viewUnit, CatalogActions.target(loaded))
        let shown = try version(loaded, number: number)
        let shownID = try shown.requireID()
        let size = CatalogPages.ShowModel.pageSize
        var matching = CatalogEntryRecord.query(on: db).filter(\.$version.$id == shownID)
        let words = page.search.trimmingCharacters(in: .whitespaces)
        if !words.isEmpty {
            let pattern = "%" + words.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            matching = matching.group(.or) { or in
                for field in [\CatalogEntryRecord.$level1, \.$level2, \.$level3, \.$content, \.$basis, \.$number] {
                    or.filter(field, .custom("LIKE"), pattern)
                }
            }
        }
        let count = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id == shownID).count()
        let matchingCount = words.isEmpty ? count : try await matching.copy().count()
        // Positions are the entries' order: paging by position is a keyset, fast on any page.
        let entries: [CatalogEntryRecord]
        var hasMoreOlder = false, hasMoreNewer = false
        if let before = page.before {
            let found = try await matching.copy().filter(\.$position < before).sort(\.$position, .descending).limit(size + 1).all()
            hasMoreNewer = found.count > size
            entries = Array(found.prefix(size).reversed())
            hasMoreOlder = true
        } else {
            var q = matching.copy()
            if let after = page.after { q = q.filter(\.$position > after) }
            let found = try await q.sort(\.$position).limit(size + 1).all()
            hasMoreOlder = found.count > size
            entries = Array(found.prefix(size))
            hasMoreNewer = page.after != nil
        }
        var diff: (Int, [CatalogDiff.Change])?
        if let compare, let other = loaded.versions.first(where: { $0.number == compare }) {
            let old = try await CatalogEditing.entries(of: other.requireID(), on: db).map(\.entry)
            let all = try await CatalogEditing.entries(of: shownID, on: db).map(\.entry)
            diff = (compare, CatalogDiff.compare(old, all))
        }
        let reviews = try await CatalogReviewRecord.query(on: db).filter(\.$version.$id ~~ loaded.versions.compactMap(\.id))
            .sort(\.$at, .descending).all()
        let approvals = try await CatalogEditing.currentApprovals(shown, on: db)
        // Where copied entries came from, for the "来自县级目录" note.
        let sourceIDs = entries.compactMap(\.copiedFromID)
        let sources = sourceIDs.isEmpty ? [] : try await CatalogEntryRecord.query(on: db).filter(\.$id ~~ sourceIDs)
            .with(\.$version) { $0.with(\.$catalog) { $0.with(\.$unit) } }.all()
        let sourceLabels = Dictionary(uniqueKeysWithValues: sources.map { ($0.id!, "\($0.version.catalog.unit.name)第\($0.version.number)版") })
        let t = CatalogActions.target(loaded)
        let canEdit = acting.may(.editContent, t), canPublish = acting.may(.publishContent, t)
        let isOpen = shown.id == loaded.open?.id
        let status = shown.catalogStatus

        // The steps this person may take on this version. The guiding unit reviews after the unit's own review.
        var steps: [CatalogPages.ShowModel.Step] = []
        if isOpen && canEdit && status.isEditable { steps.append(.init(action: "submit", title: "提交审核")) }
        if isOpen && status == .submitted {
            let pending = CatalogActions.reviews(by: acting, of: loaded)
                .filter { !approvals.contains($0) && ($0 == .unit || approvals.contains(.unit)) }
            for reviewer in pending {
                steps.append(.init(action: "approve-\(reviewer.rawValue)", title: "\(reviewer.label)通过"))
                steps.append(.init(action: "return-\(reviewer.rawValue)", title: "\(reviewer.label)退回修改", secondary: true, extra: .returnComment))
            }
        }
        if isOpen && status == .approved && canPublish { steps.append(.init(action: "publish", title: "发布第\(shown.number)版")) }
        if loaded.open == nil && canEdit {
            steps.append(.init(action: "revise", title: loaded.published == nil ? "新建草稿" : "新建修订版本（以已发布版本为基础）"))
        }
        let discard: CatalogPages.ShowModel.Step? = isOpen && canEdit && status.isEditable
            ? .init(action: "discard", title: "放弃第\(shown.number)版", secondary: true, extra: .confirmDiscard) : nil

        let progress = status == .submitted
            ? "审核进度：" + CatalogWorkflow.requiredReviews(for: loaded.catalog.catalogLevel)
                .map { "\($0.label)\(approvals.contains($0) ? "已通过" : "待审核")" }.joined(separator: "，")
            : nil
        let versions = loaded.versions.map { version in
            Self.display(version, previous: loaded.versions.first { $0.number < version.number }?.number)
        }
        let editable = canEdit && status.isEditable && isOpen
        let listSources = editable ? try await Self.listSources(loaded, version: shownID, on: db) : .init()
        return CatalogPages.ShowModel(
            catalogID: try loaded.catalog.requireID(), label: loaded.label, siteSlug: siteSlug, problem: problem,
            shown: Self.display(shown, previous: nil), lockVersion: shown.lockVersion, reviewProgress: progress,
            steps: steps, discard: discard, editable: editable,
            entries: try entries.map { record in
                let e = record.entry
                return .init(
                    id: try record.requireID(), position: record.position, number: e.number, key: e.key, source: record.copiedFromID.flatMap { sourceLabels[$0] },
                    content: e.content, basis: e.basis, timeLimit: e.timeLimit.text,
                    timeLimitNote: e.timeLimit.isComputable ? e.timeLimit.summary : "无法自动计算", body: e.body,
                    channels: (e.channels.required.map { "■" + e.channels.name($0) } + e.channels.others).joined(separator: "、"),
                    audience: "\(e.audience.label)；\(e.methods.label)；\(e.levels.sorted().map(\.label).joined(separator: "、"))")
            },
            paging: try {
                let base = SiteURL.adminCatalog(try loaded.catalog.requireID())
                let keep: [QueryItem] = (number.map { [.version($0)] } ?? []) + (words.isEmpty ? [] : [.text(words)])
                return CatalogPages.Paging(
                    count: count, matching: matchingCount, search: words, searchAction: base.path,
                    newerHref: hasMoreNewer ? entries.first.map { base.path(keep + [.before(String($0.position))]) + "#entries" } : nil,
                    olderHref: hasMoreOlder ? entries.last.map { base.path(keep + [.after(String($0.position))]) + "#entries" } : nil,
                    firstHref: (page.after != nil || page.before != nil) ? base.path(keep) + "#entries" : nil)
            }(),
            diff: diff.map { (from: $0.0, changes: $0.1) }, versions: versions,
            reviews: reviews.map { review in
                let number = loaded.versions.first { $0.id == review.$version.id }?.number ?? 0
                let who = CatalogReviewer(rawValue: review.reviewer)?.label ?? review.reviewer
                return (line: "\(ChineseTime.dateTime(review.at)) 第\(number)版 \(who) \(review.userLabel)："
                            + (review.decision == "approve" ? "通过" : "退回修改"),
                        comment: review.comment)
            }, listSources: listSources)
    }

    /// The unit's published 清单 rows against the 事项 of the unit's catalogs (this draft, the others as they stand).
    static func listSources(_ loaded: CatalogEditing.Loaded, version: UUID, on db: any Database) async throws -> CatalogPages.ListSources {
        let lists = try await DutyListQuery.published(siteID: loaded.catalog.$site.id, unitID: loaded.catalog.$unit.id, on: db)
        let rows = lists.flatMap { list in list.rows.map { (list.kind, $0) } }
        guard !rows.isEmpty else { return .init() }
        // Coverage counts every catalog of the unit (a 婚姻登记 row belongs in another domain's catalog): this draft,
        // and the version being worked on or else the published one of each other catalog.
        let catalogs = try await CatalogRecord.query(on: db).filter(\.$unit.$id == loaded.catalog.$unit.id).all().compactMap(\.id)
        let versions = try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id ~~ catalogs).all()
        let current = Dictionary(grouping: versions, by: { $0.$catalog.id }).compactMap { catalogID, versions -> UUID? in
            if catalogID == loaded.catalog.id { return version }
            return (versions.first { ![.published, .superseded].contains($0.catalogStatus) } ?? versions.first { $0.catalogStatus == .published })?.id
        }
        let entries = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id ~~ current)
            .field(\.$level1).field(\.$level2).field(\.$level3).all()
            .map { ListCoverage.Entry(level1: $0.level1, level2: $0.level2, level3: $0.level3) }
        let uncovered = Set(ListCoverage.uncovered(rows.map(\.1), by: entries).map(\.name))
        var offered = Set<String>()
        return .init(total: Set(rows.map(\.1.name)).count, uncovered: rows.compactMap { kind, row in
            guard uncovered.contains(row.name), offered.insert(row.name).inserted else { return nil }
            return (label: (row.powerType?.label ?? kind.title) + "：" + row.name, name: row.name)
        })
    }

    private static func display(_ version: CatalogVersionRecord, previous: Int?) -> CatalogPages.ShowModel.Version {
        .init(number: version.number, status: version.status, statusLabel: version.catalogStatus.label,
              createdAt: ChineseTime.dateTime(version.createdAt), createdBy: version.createdByLabel,
              publishedAt: version.publishedAt.map(ChineseTime.dateTime), publishedBy: version.publishedByLabel ?? "",
              supersededAt: version.supersededAt.map(ChineseTime.dateTime), previous: previous)
    }

    /// The draft and (when `entryID` is given) the entry an editor opens in the entry form.
    static func entry(_ entryID: UUID?, in catalogID: UUID?, by acting: Acting, on db: any Database) async throws
        -> (CatalogEditing.Loaded, CatalogVersionRecord, CatalogEntryRecord?) {
        let loaded = try await CatalogActions.find(catalogID, by: acting, on: db)
        try acting.authorize(.editContent, CatalogActions.target(loaded))
        let version = try CatalogActions.editableVersion(loaded)
        guard let entryID else { return (loaded, version, nil) }
        guard let record = try await CatalogEntryRecord.find(entryID, on: db), record.$version.id == version.id else {
            throw ActionError.notFound("这个事项不在当前草稿中。")
        }
        return (loaded, version, record)
    }

    /// The version a page or download is about: `number` if given, else the one being worked on.
    static func version(_ loaded: CatalogEditing.Loaded, number: Int?) throws -> CatalogVersionRecord {
        if let number {
            guard let v = loaded.versions.first(where: { $0.number == number }) else { throw ActionError.notFound("没有第\(number)版。") }
            return v
        }
        guard let v = loaded.open ?? loaded.published ?? loaded.versions.first else { throw ActionError.notFound("这份目录还没有任何版本。") }
        return v
    }

    /// Whether the catalog's open version waits for this actor: a review they may give (the guiding unit's only
    /// after the unit's), a publication, or a returned draft to fix.
    static func waitsFor(_ acting: Acting, _ loaded: CatalogEditing.Loaded, on db: any Database) async throws -> Bool {
        guard let open = loaded.open else { return false }
        switch open.catalogStatus {
        case .submitted:
            let approvals = try await CatalogEditing.currentApprovals(open, on: db)
            return CatalogActions.reviews(by: acting, of: loaded).contains { !approvals.contains($0) && ($0 == .unit || approvals.contains(.unit)) }
        case .approved: return acting.may(.publishContent, CatalogActions.target(loaded))
        case .returned: return acting.may(.editContent, CatalogActions.target(loaded))
        default: return false
        }
    }

    /// How many catalogs wait for this actor (for the dashboard).
    static func waitingCount(by acting: Acting, on db: any Database) async throws -> Int {
        let open = try await CatalogVersionRecord.query(on: db).join(CatalogRecord.self, on: \CatalogVersionRecord.$catalog.$id == \CatalogRecord.$id)
            .filter(CatalogRecord.self, \.$site.$id == acting.siteID)
            .filter(\.$status ~~ [CatalogStatus.submitted.rawValue, CatalogStatus.approved.rawValue, CatalogStatus.returned.rawValue]).all()
        var count = 0
        for catalogID in Set(open.map(\.$catalog.id)) {
            guard let loaded = try await CatalogEditing.load(catalogID, on: db), acting.may(.viewUnit, CatalogActions.target(loaded)) else { continue }
            if try await waitsFor(acting, loaded, on: db) { count += 1 }
        }
        return count
    }

    static func entryCounts(_ versionIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !versionIDs.isEmpty else { return [:] }
        let entries = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id ~~ versionIDs).field(\.$version.$id).all()
        return entries.reduce(into: [:]) { $0[$1.$version.id, default: 0] += 1 }
    }

    /// A published catalog of a site, for the public download; nil when there is none.
    static func published(_ id: UUID?, siteSlug: String, on db: any Database) async throws -> (CatalogEditing.Loaded, CatalogVersionRecord)? {
        guard let id, let site = try await SiteRecord.query(on: db).filter(\.$slug == siteSlug).first(),
              let loaded = try await CatalogEditing.load(id, on: db), loaded.catalog.$site.id == site.id,
              let published = loaded.published
        else { return nil }
        return (loaded, published)
    }
}
