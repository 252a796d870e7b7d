import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/catalogs`: compiling the 政务公开事项标准目录 — create (or start a township's from the county's), edit
/// entries, import the xlsx template, submit, review by the unit and the domain's guiding unit, publish, and
/// download. Pages read through `CatalogQuery` and write through `CatalogActions`.
enum CatalogController {
    static func catalogID(_ req: Request) -> UUID? {
        req.parameters.get("id").flatMap(UUID.init(uuidString:))
    }

    // MARK: - List, create, import

    @Sendable static func index(req: Request) async throws -> Response {
        try await indexPage(req, form: .init(), errors: nil, importResult: nil, status: .ok)
    }

    static func indexPage(_ req: Request, form: CatalogPages.NewForm, errors: ValidationErrors?,
                          importResult: CatalogPages.ImportOutcome?, status: HTTPResponseStatus) async throws -> Response {
        let model = try await CatalogQuery.index(form: form, errors: errors, importResult: importResult,
                                                 by: try req.requireStaff().acting(req, via: .web), on: req.db)
        return Response.html(CatalogPages.index(model, chrome: PageChrome(req: req, title: "标准目录", area: .backOffice)), status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(CatalogPages.NewForm.self)
        do {
            let id = try await CatalogActions.create(.init(unit: form.unit, domain: form.domain, level: form.level),
                                                     base: UUID(uuidString: form.base ?? ""), by: acting, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminCatalog(id).path(.notice(.catalogCreated)))
        } catch let refusal as ActionError {
            switch refusal {
            case .invalid(let errors, _):
                return try await indexPage(req, form: form, errors: errors, importResult: nil, status: .badRequest)
            case .conflict(let message, _, let field):
                return try await indexPage(req, form: form, errors: ValidationErrors(field: field ?? "base", message: message),
                                           importResult: nil, status: .conflict)
            default:
                throw refusal
            }
        }
    }

    /// The xlsx upload: checked and shown (仅检查), or imported as a draft; any problem imports nothing.
    @Sendable static func importFile(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let upload = try req.content.decode(CatalogPages.ImportForm.self)
        let form = CatalogPages.NewForm(unit: upload.unit ?? "", domain: upload.domain ?? "", level: upload.level ?? "", base: nil)
        let choice = CatalogActions.Choice(unit: form.unit, domain: form.domain, level: form.level)
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else {
                // The other fields are checked too, so that every problem shows at once.
                var errors = ValidationErrors(field: "file", message: "请选择要导入的 .xlsx 文件。")
                do { _ = try await CatalogActions.resolve(choice, by: acting, on: req.db) } catch ActionError.invalid(let more, _) {
                    more.problems.forEach { errors.add($0.field, $0.message) }
                }
                throw ActionError.invalid(errors)
            }
            let (_, _, level) = try await CatalogActions.resolve(choice, by: acting, on: req.db)
            let result: CatalogImport
            do {
                result = try CatalogWorkbook.read(Data(buffer: file.data), defaultLevels: [level])
            } catch {
                return try await indexPage(req, form: form, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: error.problems.map(\.description), preview: nil),
                                           status: .unprocessableEntity)
            }
            if upload.dryRun != nil {
                return try await indexPage(req, form: form, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: [], preview: result), status: .ok)
            }
            do {
                let version = try await CatalogActions.importEntries(result.entries, fileName: file.filename, layout: result.layout, into: choice, publish: false,
                                                                     by: acting, at: req.now, on: req.db)
                return req.redirect(to: SiteURL.adminCatalog(version.$catalog.id).path(.notice(.catalogImported)))
            } catch ActionError.conflict(let message, _, _) {
                return try await indexPage(req, form: form, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: [message], preview: nil), status: .conflict)
            }
        } catch ActionError.invalid(let errors, _) {
            return try await indexPage(req, form: form, errors: errors, importResult: nil, status: .badRequest)
        }
    }

    // MARK: - One catalog

    @Sendable static func show(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        return try await showPage(req, loaded: CatalogActions.find(catalogID(req), by: acting, on: req.db), problem: nil, status: .ok)
    }

    static func showPage(_ req: Request, loaded: CatalogEditing.Loaded, problem: String?,
                         status: HTTPResponseStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let page = CatalogQuery.EntryPage(search: String((req.query[String.self, at: "q"] ?? "").prefix(100)),
                                          after: req.query[Int.self, at: "after"], before: req.query[Int.self, at: "before"])
        let model = try await CatalogQuery.show(loaded, number: req.query[Int.self, at: "version"], compare: req.query[Int.self, at: "compare"], page: page,
                                                problem: problem, siteSlug: staff.siteSlug, by: staff.acting(req, via: .web), on: req.db)
        return Response.html(CatalogPages.show(model, chrome: PageChrome(req: req, title: loaded.label, area: .backOffice)), status: status)
    }

    /// The page again after a refused step: the catalog as it is now, with the reason.
    static func refusedPage(_ req: Request, _ message: String) async throws -> Response {
        let loaded = try await CatalogActions.find(catalogID(req), by: try req.requireStaff().acting(req, via: .web), on: req.db)
        return try await showPage(req, loaded: loaded, problem: message, status: .conflict)
    }

    /// Submit, approve, return, publish, start a revision, or discard a draft.
    @Sendable static func action(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(WorkflowStepForm.self)
        guard let step = CatalogActions.Step(rawValue: form.action) else { throw Abort(.badRequest, reason: "未知的操作。") }
        let id = catalogID(req)
        do {
            try await CatalogActions.perform(step, on: id, version: form.version, lockVersion: form.lock_version, comment: form.comment ?? "",
                                             confirmed: form.confirm == "yes", by: acting, at: req.now, on: req.db)
        } catch ActionError.conflict(let message, _, _) {
            return try await refusedPage(req, message)
        }
        return req.redirect(to: SiteURL.adminCatalog(id!).path(.notice(step.notice)))
    }

    // MARK: - Entries

    @Sendable static func entryForm(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let entryID = req.parameters.get("entry").flatMap(UUID.init(uuidString:))
        let (loaded, version, record) = try await CatalogQuery.entry(entryID, in: catalogID(req), by: acting, on: req.db)
        var form = CatalogEntryForm()
        if let record {
            form = CatalogEntryForm(record.entry)
        } else {
            form.levels = [loaded.catalog.catalogLevel.rawValue]
            form.everyone = true
            form.proactive = true
            form.channels = [DisclosureChannel.governmentWebsite.rawValue]
            // Offered from the unit's 清单 on the catalog page ("添加为二级事项").
            form.level2 = String((req.query[String.self, at: "level2"] ?? "").prefix(200))
        }
        return entryPage(req, loaded: loaded, version: version, form: form, entryID: entryID, errors: nil,
                         lockVersion: version.lockVersion, status: .ok)
    }

    static func entryPage(_ req: Request, loaded: CatalogEditing.Loaded, version: CatalogVersionRecord,
                          form: CatalogEntryForm, entryID: UUID?, errors: ValidationErrors?, lockVersion: Int,
                          status: HTTPResponseStatus, problem: String? = nil) -> Response {
        let id = loaded.catalog.id!
        let action = entryID.map { SiteURL.adminCatalogEntry(id, entry: $0).path } ?? SiteURL.adminCatalogEntryNew(id).path
        let title = entryID == nil ? "添加事项" : "修改事项"
        let model = CatalogEntryPage.Model(
            catalogLabel: loaded.label, catalogHref: SiteURL.adminCatalog(id).path, heading: "\(title)（第\(version.number)版\(version.catalogStatus.label)）",
            problem: problem, form: form, action: action, lockVersion: lockVersion, isNew: entryID == nil)
        return Response.html(CatalogEntryPage.render(model, errors: errors, chrome: PageChrome(req: req, title: title, area: .backOffice)), status: status)
    }

    @Sendable static func saveEntry(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try CatalogEntryForm(req)
        let entryID = req.parameters.get("entry").flatMap(UUID.init(uuidString:))
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        do {
            try await CatalogActions.saveEntry(form.entry, entryID: entryID, in: catalogID(req), lockVersion: expected, by: acting,
                                               at: req.now, on: req.db)
        } catch let refusal as ActionError {
            let loaded = try await CatalogActions.find(catalogID(req), by: acting, on: req.db)
            switch refusal {
            case .invalid(let errors, _):
                let version = try CatalogActions.editableVersion(loaded)
                return entryPage(req, loaded: loaded, version: version, form: form, entryID: entryID, errors: errors,
                                 lockVersion: expected, status: .badRequest)
            case .conflict(let message, "stale", _):
                // The typed text stays in the form; the user compares with the current version and saves again.
                let version = try CatalogActions.editableVersion(loaded)
                return entryPage(req, loaded: loaded, version: version, form: form, entryID: entryID, errors: nil,
                                 lockVersion: version.lockVersion, status: .conflict, problem: message)
            default:
                throw refusal
            }
        }
        return req.redirect(to: SiteURL.adminCatalog(catalogID(req)!).path(.notice(.saved)))
    }

    /// `…/entries/:entry/up`, `…/down`, `…/delete`.
    @Sendable static func entryAction(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        guard let entryID = req.parameters.get("entry").flatMap(UUID.init(uuidString:)),
              let change = req.parameters.get("action").flatMap(CatalogActions.EntryChange.init(rawValue:))
        else { throw Abort(.notFound) }
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        do {
            try await CatalogActions.changeEntry(change, entryID: entryID, in: catalogID(req), lockVersion: expected, by: acting,
                                                 at: req.now, on: req.db)
        } catch ActionError.conflict(let message, let code, _) where code != "not_editable" {
            return try await refusedPage(req, message)
        }
        return req.redirect(to: SiteURL.adminCatalog(catalogID(req)!).path(.notice(change == .delete ? .entryRemoved : .saved), fragment: "entries"))
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
        let loaded = try await CatalogActions.find(catalogID(req), by: try req.requireStaff().acting(req, via: .web), on: req.db)
        let version = try CatalogQuery.version(loaded, number: req.parameters.get("number").flatMap(Int.init))
        let format = try format(req)
        let item = try await CatalogExport.item(loaded, version: version, on: req.db)
        let suffix = version.catalogStatus == .published ? "" : "（第\(version.number)版\(version.catalogStatus.label)）"
        return CatalogExport.response(try CatalogExport.data([item], format: format), fileName: item.title + suffix + "." + format.rawValue, format: format)
    }

    /// `/sites/:slug/mulu/:file` — a published catalog for the public.
    @Sendable static func publicDownload(req: Request) async throws -> Response {
        let format = try format(req)
        let id = (req.parameters.get("file") ?? "").split(separator: ".").first.flatMap({ UUID(uuidString: String($0)) })
        guard let (loaded, published) = try await CatalogQuery.published(id, siteSlug: req.parameters.get("slug") ?? "", on: req.db)
        else { throw Abort(.notFound, reason: "没有这份已发布的目录。") }
        let item = try await CatalogExport.item(loaded, version: published, on: req.db)
        return CatalogExport.response(try CatalogExport.data([item], format: format), fileName: item.title + "." + format.rawValue, format: format)
    }
}
