import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/catalogs`: compiling the 政务公开事项标准目录 — create (or start a township's from the county's), edit
/// entries, import the xlsx template, submit, review by the unit and the domain's guiding unit, publish, and
/// download. Handlers are thin: rules live in `CatalogWorkflow` (core) and changes in `CatalogEditing`.
enum CatalogController {
    // MARK: - Access

    static func target(_ loaded: CatalogEditing.Loaded) -> AccessTarget<UUID> {
        AccessTarget(siteID: loaded.catalog.$site.id, unitID: loaded.catalog.$unit.id, domain: loaded.catalog.domainCode)
    }

    /// The reviews this person may give on a catalog (the rule is `CatalogWorkflow.reviews`).
    static func reviewerRoles(_ staff: Staff, _ loaded: CatalogEditing.Loaded) -> [CatalogReviewer] {
        CatalogWorkflow.reviews(by: staff.actor, of: target(loaded), level: loaded.catalog.catalogLevel)
    }

    /// Whether the catalog's open version waits for this person: a review they may give (the guiding unit's
    /// only after the unit's), a publication, or a returned draft to fix.
    static func waitsFor(_ staff: Staff, _ loaded: CatalogEditing.Loaded, on db: any Database) async throws -> Bool {
        guard let open = loaded.open else { return false }
        switch open.catalogStatus {
        case .submitted:
            let approvals = try await CatalogEditing.currentApprovals(open, on: db)
            return reviewerRoles(staff, loaded).contains { !approvals.contains($0) && ($0 == .unit || approvals.contains(.unit)) }
        case .approved: return staff.can(.publishContent, target(loaded))
        case .returned: return staff.can(.editContent, target(loaded))
        default: return false
        }
    }

    /// How many catalogs wait for this person (for the dashboard).
    static func waitingCount(_ staff: Staff, on db: any Database) async throws -> Int {
        let open = try await CatalogVersionRecord.query(on: db).join(CatalogRecord.self, on: \CatalogVersionRecord.$catalog.$id == \CatalogRecord.$id)
            .filter(CatalogRecord.self, \.$site.$id == staff.siteID)
            .filter(\.$status ~~ [CatalogStatus.submitted.rawValue, CatalogStatus.approved.rawValue, CatalogStatus.returned.rawValue]).all()
        var count = 0
        for catalogID in Set(open.map(\.$catalog.id)) {
            guard let loaded = try await CatalogEditing.load(catalogID, on: db), staff.can(.viewUnit, target(loaded)) else { continue }
            if try await waitsFor(staff, loaded, on: db) { count += 1 }
        }
        return count
    }

    static func loadCatalog(_ req: Request, staff: Staff) async throws -> CatalogEditing.Loaded {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let loaded = try await CatalogEditing.load(id, on: req.db)
        else { throw Abort(.notFound, reason: "没有这份目录。") }
        try staff.require(.viewUnit, target(loaded))
        return loaded
    }

    /// The version a page or form is about: `version` (a number) if given, else the one being worked on.
    static func version(_ loaded: CatalogEditing.Loaded, number: Int?) throws -> CatalogVersionRecord {
        if let number {
            guard let v = loaded.versions.first(where: { $0.number == number }) else { throw Abort(.notFound, reason: "没有第\(number)版。") }
            return v
        }
        guard let v = loaded.open ?? loaded.published ?? loaded.versions.first else { throw Abort(.notFound, reason: "这份目录还没有任何版本。") }
        return v
    }

    // MARK: - List, create, import

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try await indexPage(req, staff: staff, form: .init(), errors: nil, importResult: nil, status: .ok)
    }

    static func indexPage(_ req: Request, staff: Staff, form: CatalogPages.NewForm, errors: ValidationErrors?,
                          importResult: CatalogPages.ImportOutcome?, status: HTTPResponseStatus) async throws -> Response {
        let domains = try await CatalogStore.domains(siteID: staff.siteID, on: req.db)
        let units = try await UnitQueries.forSite(staff.siteID, on: req.db).filter { $0.archivedAt == nil }
        let catalogs = try await CatalogRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).with(\.$unit).all()
        let versions = try await CatalogVersionRecord.query(on: req.db).filter(\.$catalog.$id ~~ catalogs.compactMap(\.id)).all()
        let counts = try await entryCounts(versions.compactMap(\.id), on: req.db)
        var rows: [CatalogPages.ListRow] = []
        var waiting: [CatalogPages.ListRow] = []
        for catalog in catalogs {
            let t = AccessTarget(siteID: staff.siteID, unitID: catalog.$unit.id, domain: catalog.domainCode)
            guard staff.can(.viewUnit, t) else { continue }
            let mine = versions.filter { $0.$catalog.id == catalog.id }.sorted { $0.number > $1.number }
            let domain = domains.first { $0.code == catalog.domainCode } ?? CatalogDomain(code: catalog.domainCode, name: catalog.domainCode, isPilot: false)
            let loaded = CatalogEditing.Loaded(catalog: catalog, unit: catalog.unit, domain: domain, versions: mine)
            let open = loaded.open
            let row = CatalogPages.ListRow(
                id: catalog.id!, unit: catalog.unit.name, unitSort: catalog.unit.sortOrder, domain: domain, level: catalog.catalogLevel,
                published: loaded.published.map { ($0.number, $0.publishedAt ?? $0.createdAt, counts[$0.id!] ?? 0) },
                open: open.map { ($0.number, $0.catalogStatus, counts[$0.id!] ?? 0) })
            rows.append(row)
            if try await waitsFor(staff, loaded, on: req.db) { waiting.append(row) }
        }
        rows.sort { ($0.level, $0.unitSort, $0.domain.code) < ($1.level, $1.unitSort, $1.domain.code) }
        let editableUnits = units.filter { staff.can(.editContent, AccessTarget(siteID: staff.siteID, unitID: $0.id)) }
        let bases = rows.filter { $0.level == .county && $0.published != nil }
        var form = form
        if form.unit.isEmpty, editableUnits.count == 1 {
            // One unit to choose from: choose it, and its level.
            form.unit = editableUnits[0].id!.uuidString
            if form.level.isEmpty { form.level = editableUnits[0].unitKind == .township ? "township" : "county" }
        }
        let model = CatalogPages.IndexModel(
            rows: rows, waiting: waiting, domains: domains, editableUnits: editableUnits.map { ($0.id!, $0.name, $0.unitKind) },
            bases: bases, form: form, errors: errors, importResult: importResult,
            canManageDomains: staff.can(.manageSite, AccessTarget(siteID: staff.siteID)))
        return PortalController.html(CatalogPages.index(model, chrome: PageChrome(req: req, title: "标准目录", area: .backOffice)), status: status)
    }

    static func entryCounts(_ versionIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !versionIDs.isEmpty else { return [:] }
        let entries = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id ~~ versionIDs).field(\.$version.$id).all()
        return entries.reduce(into: [:]) { $0[$1.$version.id, default: 0] += 1 }
    }

    /// Resolves the unit, domain and level of the create and import forms, with messages beside the fields.
    static func resolve(_ form: CatalogPages.NewForm, staff: Staff, on db: any Database) async throws
        -> (OrgUnitRecord, CatalogDomain, CatalogLevel)? {
        guard let unitID = UUID(uuidString: form.unit), let unit = try await OrgUnitRecord.find(unitID, on: db),
              unit.$site.id == staff.siteID else { return nil }
        let domains = try await CatalogStore.domains(siteID: staff.siteID, on: db)
        guard let domain = domains.first(where: { $0.code == form.domain }), let level = CatalogLevel(rawValue: form.level) else { return nil }
        return (unit, domain, level)
    }

    static func formErrors(_ form: CatalogPages.NewForm) -> ValidationErrors {
        var errors = ValidationErrors()
        if form.unit.isEmpty { errors.add("unit", "请选择单位。") }
        if form.domain.isEmpty { errors.add("domain", "请选择领域。") }
        if CatalogLevel(rawValue: form.level) == nil { errors.add("level", "请选择目录层级。") }
        return errors
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(CatalogPages.NewForm.self)
        var errors = formErrors(form)
        guard errors.isEmpty, let (unit, domain, level) = try await resolve(form, staff: staff, on: req.db) else {
            if errors.isEmpty { errors.add("unit", "所选单位、领域或层级不存在，请重新选择。") }
            return try await indexPage(req, staff: staff, form: form, errors: errors, importResult: nil, status: .badRequest)
        }
        try staff.require(.editContent, AccessTarget(siteID: staff.siteID, unitID: unit.id, domain: domain.code))
        do {
            let id = try await CatalogEditing.create(unit: unit, domain: domain, level: level, copyFrom: UUID(uuidString: form.base ?? ""),
                                                     actor: staff.auditActor(req), now: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminCatalog(id, query: "notice=catalog-created").path)
        } catch let refusal as CatalogEditing.Refusal {
            errors.add("base", refusal.message)
            return try await indexPage(req, staff: staff, form: form, errors: errors, importResult: nil, status: .conflict)
        }
    }

    /// The xlsx upload: checked and shown (仅检查), or imported as a draft; any problem imports nothing.
    @Sendable static func importFile(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let upload = try req.content.decode(CatalogPages.ImportForm.self)
        let form = CatalogPages.NewForm(unit: upload.unit ?? "", domain: upload.domain ?? "", level: upload.level ?? "", base: nil)
        var errors = formErrors(form)
        let file = upload.file
        if file == nil || file!.data.readableBytes == 0 { errors.add("file", "请选择要导入的 .xlsx 文件。") }
        guard errors.isEmpty, let file, let (unit, domain, level) = try await resolve(form, staff: staff, on: req.db) else {
            if errors.isEmpty { errors.add("unit", "所选单位、领域或层级不存在，请重新选择。") }
            return try await indexPage(req, staff: staff, form: form, errors: errors, importResult: nil, status: .badRequest)
        }
        try staff.require(.editContent, AccessTarget(siteID: staff.siteID, unitID: unit.id, domain: domain.code))
        let result: CatalogImport
        do {
            result = try CatalogWorkbook.read(Data(buffer: file.data), defaultLevels: [level])
        } catch {
            return try await indexPage(req, staff: staff, form: form, errors: nil,
                                       importResult: .init(fileName: file.filename, problems: error.problems.map(\.description), preview: nil),
                                       status: .unprocessableEntity)
        }
        if upload.dryRun != nil {
            return try await indexPage(req, staff: staff, form: form, errors: nil,
                                       importResult: .init(fileName: file.filename, problems: [], preview: result), status: .ok)
        }
        do {
            let version = try await CatalogEditing.importVersion(result.entries, unit: unit, domain: domain, level: level,
                                                                 fileName: file.filename, publish: false, actor: staff.auditActor(req),
                                                                 now: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminCatalog(version.$catalog.id, query: "notice=catalog-imported").path)
        } catch let refusal as CatalogEditing.Refusal {
            return try await indexPage(req, staff: staff, form: form, errors: nil,
                                       importResult: .init(fileName: file.filename, problems: [refusal.message], preview: nil),
                                       status: .conflict)
        }
    }

    // MARK: - One catalog

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        return try await showPage(req, staff: staff, loaded: loaded, problem: nil, status: .ok)
    }

    static func showPage(_ req: Request, staff: Staff, loaded: CatalogEditing.Loaded, problem: String?,
                         status: HTTPResponseStatus) async throws -> Response {
        let shown = try version(loaded, number: req.query[Int.self, at: "version"])
        let entries = try await CatalogEditing.entries(of: shown.requireID(), on: req.db)
        var diff: (Int, [CatalogDiff.Change])?
        if let compare = req.query[Int.self, at: "compare"], let other = loaded.versions.first(where: { $0.number == compare }) {
            let old = try await CatalogEditing.entries(of: other.requireID(), on: req.db).map(\.entry)
            diff = (compare, CatalogDiff.compare(old, entries.map(\.entry)))
        }
        let reviews = try await CatalogReviewRecord.query(on: req.db).filter(\.$version.$id ~~ loaded.versions.compactMap(\.id))
            .sort(\.$at, .descending).all()
        let approvals = try await CatalogEditing.currentApprovals(shown, on: req.db)
        // Where copied entries came from, for the "来自县级目录" note.
        let sourceIDs = entries.compactMap(\.copiedFromID)
        let sources = sourceIDs.isEmpty ? [] : try await CatalogEntryRecord.query(on: req.db).filter(\.$id ~~ sourceIDs).with(\.$version) { $0.with(\.$catalog) { $0.with(\.$unit) } }.all()
        let sourceLabels = Dictionary(uniqueKeysWithValues: sources.map { ($0.id!, "\($0.version.catalog.unit.name)第\($0.version.number)版") })
        let t = target(loaded)
        let model = CatalogPages.ShowModel(
            loaded: loaded, shown: shown, entries: entries, reviews: reviews, approvals: approvals, diff: diff,
            sourceLabels: sourceLabels, canEdit: staff.can(.editContent, t), reviewerRoles: reviewerRoles(staff, loaded),
            canPublish: staff.can(.publishContent, t), problem: problem, siteSlug: staff.siteSlug)
        return PortalController.html(CatalogPages.show(model, chrome: PageChrome(req: req, title: loaded.label, area: .backOffice)), status: status)
    }

    struct ActionForm: Content {
        var action: String
        var comment: String?
        var version: Int?
        var lock_version: Int?
        var confirm: String?
    }

    /// Submit, approve, return, publish, start a revision, or discard a draft.
    @Sendable static func action(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        let form = try req.content.decode(ActionForm.self)
        let t = target(loaded)
        let actor = staff.auditActor(req)
        do {
            if form.action == "revise" {
                try staff.require(.editContent, t)
                try await CatalogEditing.startRevision(loaded, actor: actor, now: req.now, on: req.db)
                return req.redirect(to: SiteURL.adminCatalog(loaded.catalog.id!, query: "notice=catalog-revision").path)
            }
            guard let number = form.version, let v = loaded.versions.first(where: { $0.number == number }) else {
                throw CatalogEditing.Refusal(message: "没有指定要处理的版本。")
            }
            let expected = form.lock_version ?? -1
            let step: CatalogWorkflow.Step
            let notice: String
            switch form.action {
            case "submit":
                try staff.require(.editContent, t)
                step = .submit
                notice = "catalog-submitted"
            case "approve-unit", "approve-guide", "return-unit", "return-guide":
                let reviewer: CatalogReviewer = form.action.hasSuffix("guide") ? .guide : .unit
                guard reviewerRoles(staff, loaded).contains(reviewer) else {
                    throw Abort(.forbidden, reason: reviewer == .unit ? "只有本单位的审核人员可以进行本单位审核。" : "只有该领域的指导单位可以进行指导单位审核。")
                }
                if form.action.hasPrefix("approve") {
                    step = .approve(reviewer)
                    notice = "catalog-approved"
                } else {
                    step = .returnForChanges(reviewer, comment: (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
                    notice = "catalog-returned"
                }
            case "publish":
                try staff.require(.publishContent, t)
                step = .publish
                notice = "catalog-published"
            case "discard":
                try staff.require(.editContent, t)
                guard form.confirm == "yes" else { throw CatalogEditing.Refusal(message: "请勾选“确认放弃”后再提交。") }
                try await CatalogEditing.discard(in: loaded, version: v, expected: expected, actor: actor, now: req.now, on: req.db)
                return req.redirect(to: SiteURL.adminCatalog(loaded.catalog.id!, query: "notice=catalog-discarded").path)
            default:
                throw Abort(.badRequest, reason: "未知的操作。")
            }
            try await CatalogEditing.apply(step, in: loaded, version: v, expected: expected, actor: actor, now: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminCatalog(loaded.catalog.id!, query: "notice=\(notice)").path)
        } catch let refusal as CatalogEditing.Refusal {
            let fresh = try await CatalogEditing.load(loaded.catalog.requireID(), on: req.db) ?? loaded
            return try await showPage(req, staff: staff, loaded: fresh, problem: refusal.message, status: .conflict)
        }
    }

    // MARK: - Entries

    static func editableVersion(_ loaded: CatalogEditing.Loaded) throws -> CatalogVersionRecord {
        guard let open = loaded.open, open.catalogStatus.isEditable else {
            throw Abort(.conflict, reason: "这份目录当前没有可以修改的草稿。请先在目录页面“新建修订版本”。")
        }
        return open
    }

    @Sendable static func entryForm(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        try staff.require(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        var form = CatalogEntryForm()
        var entryID: UUID?
        if let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)) {
            guard let record = try await CatalogEntryRecord.find(id, on: req.db), record.$version.id == version.id else {
                throw Abort(.notFound, reason: "这个事项不在当前草稿中。")
            }
            form = CatalogEntryForm(record.entry)
            entryID = id
        } else {
            form.levels = [loaded.catalog.catalogLevel.rawValue]
            form.everyone = true
            form.proactive = true
            form.channels = [DisclosureChannel.governmentWebsite.rawValue]
        }
        return entryPage(req, staff: staff, loaded: loaded, version: version, form: form, entryID: entryID, errors: nil,
                         lockVersion: version.lockVersion, status: .ok)
    }

    static func entryPage(_ req: Request, staff: Staff, loaded: CatalogEditing.Loaded, version: CatalogVersionRecord,
                          form: CatalogEntryForm, entryID: UUID?, errors: ValidationErrors?, lockVersion: Int,
                          status: HTTPResponseStatus, problem: String? = nil) -> Response {
        let id = loaded.catalog.id!
        let action = entryID.map { SiteURL.adminCatalogEntry(id, entry: $0).path } ?? SiteURL.adminCatalogEntryNew(id).path
        let title = entryID == nil ? "添加事项" : "修改事项"
        let html = Layout.render(PageChrome(req: req, title: title, area: .backOffice)) {
            El("p", ["class": "breadcrumb"]) {
                A("标准目录", href: SiteURL.adminCatalogs.path)
                T(" › ")
                A(loaded.label, href: SiteURL.adminCatalog(id).path)
            }
            El("h1") { T("\(title)（第\(version.number)版\(version.catalogStatus.label)）") }
            if let problem { El("p", ["class": "error-summary", "role": "alert"]) { T(problem) } }
            form.render(action: action, cancel: SiteURL.adminCatalog(id).path, lockVersion: lockVersion,
                        csrfToken: req.csrfToken, errors: errors, isNew: entryID == nil)
        }
        return PortalController.html(html, status: status)
    }

    @Sendable static func saveEntry(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        try staff.require(.editContent, target(loaded))
        let version = try editableVersion(loaded)
        let form = try CatalogEntryForm(req)
        let entryID = req.parameters.get("entry").flatMap(UUID.init(uuidString:))
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        let entry = form.entry
        let errors = entry.validate()
        guard errors.isEmpty else {
            return entryPage(req, staff: staff, loaded: loaded, version: version, form: form, entryID: entryID, errors: errors,
                             lockVersion: expected, status: .badRequest)
        }
        do {
            try await CatalogEditing.saveEntry(entry, entryID: entryID, in: loaded, version: version, expected: expected,
                                               actor: staff.auditActor(req), now: req.now, on: req.db)
        } catch let refusal as CatalogEditing.Refusal {
            // The typed text stays in the form; the user compares with the current version and saves again.
            return entryPage(req, staff: staff, loaded: loaded, version: version, form: form, entryID: entryID, errors: nil,
                             lockVersion: version.lockVersion, status: .conflict, problem: refusal.message)
        }
        return req.redirect(to: SiteURL.adminCatalog(loaded.catalog.id!, query: "notice=saved").path)
    }

    /// `…/entries/:entry/up`, `…/down`, `…/delete`.
    @Sendable static func entryAction(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        try staff.require(.editContent, target(loaded))
        guard let entryID = req.parameters.get("entry").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        do {
            let version = try editableVersion(loaded)
            switch req.parameters.get("action") {
            case "up": try await CatalogEditing.moveEntry(entryID, by: -1, in: loaded, version: version, expected: expected,
                                                           actor: staff.auditActor(req), now: req.now, on: req.db)
            case "down": try await CatalogEditing.moveEntry(entryID, by: 1, in: loaded, version: version, expected: expected,
                                                             actor: staff.auditActor(req), now: req.now, on: req.db)
            case "delete": try await CatalogEditing.removeEntry(entryID, in: loaded, version: version, expected: expected,
                                                                 actor: staff.auditActor(req), now: req.now, on: req.db)
            default: throw Abort(.notFound)
            }
        } catch let refusal as CatalogEditing.Refusal {
            let fresh = try await CatalogEditing.load(loaded.catalog.requireID(), on: req.db) ?? loaded
            return try await showPage(req, staff: staff, loaded: fresh, problem: refusal.message, status: .conflict)
        }
        let notice = req.parameters.get("action") == "delete" ? "entry-removed" : "saved"
        return req.redirect(to: SiteURL.adminCatalog(loaded.catalog.id!, query: "notice=\(notice)").path + "#entries")
    }

    // MARK: - Downloads

    static func format(_ req: Request) throws -> CatalogExport.Format {
        let file = req.parameters.get("file") ?? ""
        guard let ext = file.split(separator: ".").last, let format = CatalogExport.Format(argument: String(ext)) else {
            throw Abort(.notFound)
        }
        return format
    }

    /// Any version the person can see, in any of the three formats.
    @Sendable static func download(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let loaded = try await loadCatalog(req, staff: staff)
        let version = try version(loaded, number: req.parameters.get("number").flatMap(Int.init))
        let format = try format(req)
        let item = try await CatalogExport.item(loaded, version: version, on: req.db)
        let suffix = version.catalogStatus == .published ? "" : "（第\(version.number)版\(version.catalogStatus.label)）"
        return CatalogExport.response(try CatalogExport.data([item], format: format), fileName: item.title + suffix + "." + format.rawValue, format: format)
    }

    /// `/sites/:slug/mulu/:file` — a published catalog for the public.
    @Sendable static func publicDownload(req: Request) async throws -> Response {
        let format = try format(req)
        guard let slug = req.parameters.get("slug"), let site = try await SiteRecord.query(on: req.db).filter(\.$slug == slug).first(),
              let id = (req.parameters.get("file") ?? "").split(separator: ".").first.flatMap({ UUID(uuidString: String($0)) }),
              let loaded = try await CatalogEditing.load(id, on: req.db), loaded.catalog.$site.id == site.id,
              let published = loaded.published
        else { throw Abort(.notFound, reason: "没有这份已发布的目录。") }
        let item = try await CatalogExport.item(loaded, version: published, on: req.db)
        return CatalogExport.response(try CatalogExport.data([item], format: format), fileName: item.title + "." + format.rawValue, format: format)
    }
}
