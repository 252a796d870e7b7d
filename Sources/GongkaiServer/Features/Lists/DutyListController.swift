import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/lists`: 权责清单 and 公共服务清单 — import the xlsx, review by the unit and the office, publish, download.
/// Pages read through `DutyListQuery` and write through `DutyListActions`.
enum DutyListController {
    static func listID(_ req: Request) -> UUID? { req.parameters.get("id").flatMap(UUID.init(uuidString:)) }

    @Sendable static func index(req: Request) async throws -> Response {
        try await indexPage(req, unit: "", kind: "", errors: nil, importResult: nil, status: .ok)
    }

    static func indexPage(_ req: Request, unit: String, kind: String, errors: ValidationErrors?, importResult: DutyListPages.ImportOutcome?,
                          status: HTTPResponseStatus) async throws -> Response {
        let model = try await DutyListQuery.index(unit: unit, kind: kind, errors: errors, importResult: importResult,
                                                  by: try req.requireStaff().acting(req, via: .web), on: req.db)
        return Response.html(DutyListPages.index(model, chrome: PageChrome(req: req, title: "权责清单和公共服务清单", area: .backOffice)), status: status)
    }

    /// The xlsx upload: checked and shown (仅检查), or imported as the unit's draft; any problem imports nothing.
    @Sendable static func importFile(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let upload = try req.content.decode(DutyListPages.ImportForm.self)
        let unitText = upload.unit ?? "", kindText = upload.kind ?? ""
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else {
                var errors = ValidationErrors(field: "file", message: "请选择要导入的 .xlsx 文件。")
                do { _ = try await DutyListActions.resolve(unit: unitText, kind: kindText, by: acting, on: req.db) } catch ActionError.invalid(let more, _) {
                    more.problems.forEach { errors.add($0.field, $0.message) }
                }
                throw ActionError.invalid(errors)
            }
            let (unit, kind) = try await DutyListActions.resolve(unit: unitText, kind: kindText, by: acting, on: req.db)
            let result: DutyListImport
            do {
                result = try DutyListWorkbook.read(Data(buffer: file.data), expected: kind, defaultLevel: unit.unitKind.listLevel)
            } catch {
                return try await indexPage(req, unit: unitText, kind: kindText, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: error.problems.map(\.description), preview: nil),
                                           status: .unprocessableEntity)
            }
            if upload.dryRun != nil {
                return try await indexPage(req, unit: unitText, kind: kindText, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: [], preview: result), status: .ok)
            }
            do {
                let version = try await DutyListActions.importRows(result.dutyRows, kind: kind, unit: unit, sourceName: file.filename, publish: false,
                                                                   by: acting, at: req.now, on: req.db)
                return req.redirect(to: SiteURL.adminList(version.$list.id).path(.notice(.listImported)))
            } catch ActionError.conflict(let message, _, _) {
                return try await indexPage(req, unit: unitText, kind: kindText, errors: nil,
                                           importResult: .init(fileName: file.filename, problems: [message], preview: nil), status: .conflict)
            }
        } catch ActionError.invalid(let errors, _) {
            return try await indexPage(req, unit: unitText, kind: kindText, errors: errors, importResult: nil, status: .badRequest)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        return try await showPage(req, loaded: DutyListActions.find(listID(req), by: acting, on: req.db), problem: nil, status: .ok)
    }

    static func showPage(_ req: Request, loaded: DutyListEditing.Loaded, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let model = try await DutyListQuery.show(loaded, number: req.query[Int.self, at: "version"], compare: req.query[Int.self, at: "compare"],
                                                 problem: problem, siteSlug: staff.siteSlug, by: staff.acting(req, via: .web), on: req.db)
        return Response.html(DutyListPages.show(model, chrome: PageChrome(req: req, title: loaded.label, area: .backOffice)), status: status)
    }

    @Sendable static func action(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(WorkflowStepForm.self)
        guard let step = DutyListActions.Step(rawValue: form.action) else { throw Abort(.badRequest, reason: "未知的操作。") }
        let id = listID(req)
        do {
            try await DutyListActions.perform(step, on: id, version: form.version, lockVersion: form.lock_version, comment: form.comment ?? "",
                                              confirmed: form.confirm == "yes", by: acting, at: req.now, on: req.db)
        } catch ActionError.conflict(let message, _, _) {
            let loaded = try await DutyListActions.find(id, by: acting, on: req.db)
            return try await showPage(req, loaded: loaded, problem: message, status: .conflict)
        }
        return req.redirect(to: SiteURL.adminList(id!).path(.notice(step.notice)))
    }

    // MARK: - Rows of the draft

    static func position(_ req: Request) -> Int? { req.parameters.get("position").flatMap(Int.init) }

    static func rowPage(_ req: Request, loaded: DutyListEditing.Loaded, version: DutyListVersionRecord, row: DutyListRow, position: Int?,
                        errors: ValidationErrors?, lockVersion: Int, status: HTTPResponseStatus, problem: String? = nil) -> Response {
        let id = loaded.list.id!
        let title = position.map { "修改第\($0)项" } ?? "添加事项"
        let model = DutyListRowPage.Model(
            listLabel: loaded.label, listHref: SiteURL.adminList(id).path, kind: loaded.kind,
            heading: "\(title)（第\(version.number)版\(version.listStatus.label)）",
            action: position.map { SiteURL.adminListRow(id, position: $0).path } ?? SiteURL.adminListRowNew(id).path,
            lockVersion: lockVersion, row: row, problem: problem)
        return Response.html(DutyListRowPage.render(model, errors: errors, chrome: PageChrome(req: req, title: title, area: .backOffice)), status: status)
    }

    @Sendable static func rowForm(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let (loaded, version, row) = try await DutyListQuery.row(position(req), in: listID(req), by: acting, on: req.db)
        var blank = DutyListRow()
        if loaded.kind == .service { blank.level = loaded.unit.unitKind.listLevel }
        return rowPage(req, loaded: loaded, version: version, row: row ?? blank, position: position(req), errors: nil,
                       lockVersion: version.lockVersion, status: .ok)
    }

    @Sendable static func saveRow(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let form = try req.content.decode(DutyListRowPage.Form.self)
        let expected = form.lock_version ?? -1
        do {
            try await DutyListActions.saveRow(form.row, position: position(req), in: listID(req), lockVersion: expected, by: acting,
                                              at: req.now, on: req.db)
        } catch let refusal as ActionError {
            let (loaded, version, _) = try await DutyListQuery.row(nil, in: listID(req), by: acting, on: req.db)
            switch refusal {
            case .invalid(let errors, _):
                return rowPage(req, loaded: loaded, version: version, row: form.row, position: position(req), errors: errors,
                               lockVersion: expected, status: .badRequest)
            case .conflict(let message, "stale", _):
                // What was typed stays in the form; the editor compares with the current draft and saves again.
                return rowPage(req, loaded: loaded, version: version, row: form.row, position: position(req), errors: nil,
                               lockVersion: version.lockVersion, status: .conflict, problem: message)
            default:
                throw refusal
            }
        }
        return req.redirect(to: SiteURL.adminList(listID(req)!).path(.notice(.saved), fragment: "rows"))
    }

    @Sendable static func removeRow(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        guard let position = position(req) else { throw Abort(.notFound) }
        let expected = (try? req.content.get(Int.self, at: "lock_version")) ?? -1
        do {
            try await DutyListActions.removeRow(at: position, in: listID(req), lockVersion: expected, by: acting, at: req.now, on: req.db)
        } catch ActionError.conflict(let message, _, _) {
            let loaded = try await DutyListActions.find(listID(req), by: acting, on: req.db)
            return try await showPage(req, loaded: loaded, problem: message, status: .conflict)
        }
        return req.redirect(to: SiteURL.adminList(listID(req)!).path(.notice(.entryRemoved), fragment: "rows"))
    }

    /// Any version the person can see, in any of the three formats.
    @Sendable static func download(req: Request) async throws -> Response {
        let loaded = try await DutyListActions.find(listID(req), by: try req.requireStaff().acting(req, via: .web), on: req.db)
        let version = try DutyListQuery.version(loaded, number: req.parameters.get("number").flatMap(Int.init))
        let format = try DutyListExport.format(req.parameters.get("file"))
        let rows = try await DutyListEditing.rows(of: version.requireID(), on: req.db)
        let data = try DutyListExport.data(unit: loaded.unit.name, kind: loaded.kind, version: version.number, status: version.listStatus,
                                           publishedAt: version.publishedAt, rows: rows, format: format)
        let suffix = version.listStatus == .published ? "" : "（第\(version.number)版\(version.listStatus.label)）"
        return DutyListExport.response(data, fileName: loaded.label + suffix + "." + format.rawValue, format: format)
    }
}

extension OrgUnitKind {
    /// The level a unit's 公共服务 rows have when the file does not say: a township's are 乡镇级, a village's 村（社区）级.
    var listLevel: CatalogLevel {
        switch self {
        case .township: .township
        case .village: .village
        default: .county
        }
    }
}
