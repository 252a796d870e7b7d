import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `/admin/plans`: the rollout schedule. Every staff member of a site sees its plans and everyone's progress
/// (the plan is issued to all units and its progress is reported back to all of them); reporting and accepting
/// are limited by the permission rules. Handlers are thin: rules in `ScheduleRules`, changes in `PlanProgress`.
enum PlanController {
    // MARK: - Loading

    static func today(_ req: Request) -> CivilDate { ChineseTime.today(req.now) }

    static func snapshot(_ req: Request, staff: Staff) async throws -> PlanSnapshot {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let plan = try await WorkPlanRecord.find(id, on: req.db), plan.$site.id == staff.siteID
        else { throw Abort(.notFound, reason: "没有这个工作方案。") }
        let calendar = try await req.calendarService.calendar(on: req.db)
        guard let s = try await PlanSnapshot.load(id, today: today(req), calendar: calendar, on: req.db) else {
            throw Abort(.notFound, reason: "没有这个工作方案。")
        }
        return s
    }

    /// The site's plans in force (withdrawn ones are left out).
    static func snapshots(siteID: UUID, withNotes: Bool = true, _ req: Request) async throws -> [PlanSnapshot] {
        let calendar = try await req.calendarService.calendar(on: req.db)
        var result: [PlanSnapshot] = []
        for plan in try await WorkPlanRecord.query(on: req.db).filter(\.$site.$id == siteID).filter(\.$archivedAt == nil)
            .sort(\.$createdAt).all() {
            if let s = try await PlanSnapshot.load(plan.requireID(), today: today(req), calendar: calendar, withNotes: withNotes, on: req.db) {
                result.append(s)
            }
        }
        return result
    }

    // MARK: - List and import

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try await indexPage(req, staff: staff, importResult: nil, status: .ok)
    }

    static func indexPage(_ req: Request, staff: Staff, importResult: PlanPages.ImportOutcome?, status: HTTPResponseStatus) async throws -> Response {
        let plans = try await snapshots(siteID: staff.siteID, withNotes: false, req)
        let canImport = PlanManagementActions.mayManage(staff.acting(req, via: .web))
        let withdrawn = try await WorkPlanRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$archivedAt != nil)
            .sort(\.$archivedAt, .descending).all()
        return Response.html(PlanPages.index(plans, withdrawn: withdrawn.map { ($0.id!, $0.title, $0.archiveReason) },
                                                     canImport: canImport, importResult: importResult,
                                                     chrome: PageChrome(req: req, title: "工作方案与进度", area: .backOffice)), status: status)
    }

    struct ImportForm: Content {
        var file: File?
        var dryRun: String?
        enum CodingKeys: String, CodingKey { case file, dryRun = "dry_run" }
    }

    @Sendable static func importFile(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .web)
        guard PlanManagementActions.mayManage(acting) else { throw ActionError.forbidden("此操作仅限公开办管理员。") }
        let form = try req.content.decode(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await indexPage(req, staff: staff, importResult: .init(fileName: "", problems: ["请选择要导入的 .docx 或 .xlsx 文件。"], preview: nil),
                                       status: .badRequest)
        }
        let read = WorkPlanFile.read(Data(buffer: file.data), fileName: file.filename)
        switch try await PlanManagementActions.importPlan(read, sourceName: file.filename, dryRun: form.dryRun != nil, by: acting,
                                                          at: req.now, on: req.db) {
        case .failure(let failure):
            return try await indexPage(req, staff: staff, importResult: .init(fileName: file.filename, problems: failure.problems, preview: nil),
                                       status: .unprocessableEntity)
        case .success(.some(let outcome)):
            return req.redirect(to: SiteURL.adminPlan(outcome.planID).path(.notice(.planImported)))
        case .success(.none):
            guard case .success(let (draft, _, _)) = try await PlanImport.check(read, siteID: staff.siteID, on: req.db) else {
                throw Abort(.internalServerError)
            }
            return try await indexPage(req, staff: staff, importResult: .init(fileName: file.filename, problems: [],
                                                                               preview: (draft.tasks.count, draft.items.count, draft.title)),
                                       status: .ok)
        }
    }

    // MARK: - Views of one plan

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let unit = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)).flatMap { s.units[$0] != nil ? $0 : nil }
        return Response.html(PlanPages.show(s, unit: unit, myUnit: staff.unitID,
                                                    canManage: PlanManagementActions.mayManage(staff.acting(req, via: .web)), archiveError: nil,
                                                    chrome: PageChrome(req: req, title: s.title, area: .backOffice)))
    }

    @Sendable static func timeline(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        return Response.html(PlanTimeline.render(s, chrome: PageChrome(req: req, title: "时间轴 - \(s.title)", area: .backOffice)))
    }

    @Sendable static func matrix(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        return Response.html(PlanPages.matrix(s, chrome: PageChrome(req: req, title: "单位进度矩阵 - \(s.title)", area: .backOffice)))
    }

    @Sendable static func events(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        return Response.html(PlanPages.events(s, canManage: PlanManagementActions.mayManage(staff.acting(req, via: .web)), errors: nil,
                                                      chrome: PageChrome(req: req, title: "事件日期 - \(s.title)", area: .backOffice)))
    }

    struct EventForm: Content {
        var event: String
        var date: String
    }

    @Sendable static func recordEvent(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let form = try req.content.decode(EventForm.self)
        do {
            try await PlanManagementActions.recordEvent(form.event, date: form.date, in: s, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return Response.html(PlanPages.events(s, canManage: true, errors: errors,
                                                          chrome: PageChrome(req: req, title: "事件日期 - \(s.title)", area: .backOffice)),
                                         status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminPlanEvents(s.planID).path(.notice(.planEventSaved)))
    }

    struct ArchiveForm: Content {
        var reason: String?
    }

    /// 撤销: a plan imported by mistake or replaced leaves the lists, dashboards and reminders; it stays readable.
    @Sendable static func archive(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let reason = try req.content.decode(ArchiveForm.self).reason ?? ""
        do {
            try await PlanManagementActions.archive(s, reason: reason, by: staff.acting(req, via: .web), at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return Response.html(PlanPages.show(s, unit: nil, myUnit: staff.unitID, canManage: true,
                                                        archiveError: errors.summary,
                                                        chrome: PageChrome(req: req, title: s.title, area: .backOffice)),
                                         status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminPlan(s.planID).path(.notice(.planArchived)))
    }

    // MARK: - One item: reports and acceptance

    static func item(_ s: PlanSnapshot, _ req: Request) throws -> (PlanSnapshot.Task, PlanSnapshot.Item) {
        guard let number = req.parameters.get("number", as: Int.self),
              let task = s.tasks.first(where: { $0.items.contains { $0.number == number } }),
              let item = task.items.first(where: { $0.number == number })
        else { throw Abort(.notFound, reason: "本方案没有这个具体事项。") }
        return (task, item)
    }

    @Sendable static func showItem(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let (task, item) = try item(s, req)
        return try await itemPage(req, staff: staff, s, task, item, errors: nil, errorLine: nil, problem: nil, status: .ok)
    }

    static func itemPage(_ req: Request, staff: Staff, _ s: PlanSnapshot, _ task: PlanSnapshot.Task, _ item: PlanSnapshot.Item,
                         errors: ValidationErrors?, errorLine: String?, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let acting = staff.acting(req, via: .web)
        let reportable = item.lines.filter { PlanActions.mayReport($0, in: s, by: acting) && !($0.state.reported == .completed && $0.state.acceptance == .accepted) }
        // The admin may report for any unit (a village committee without accounts, say), one unit at a time:
        // `?unit=` chooses it, from the links in the lines table.
        let onBehalf = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))
        let ownReportable = staff.managesSite ? reportable.filter { $0.unitID == (onBehalf ?? staff.unitID) } : reportable
        let reviewable = item.lines.filter {
            $0.state.reported == .completed && $0.state.acceptance == .pending && PlanActions.mayAccept($0, in: s, by: acting)
        }
        let model = PlanItemPage.Model(
            snapshot: s, item: item, task: task, reportable: ownReportable, reviewable: reviewable,
            canReportForOthers: staff.managesSite,
            linkOptions: try await PlanActions.evidenceOptions(Set(ownReportable.map(\.unitID)), siteID: s.siteID, on: req.db),
            history: try await history(s, item, on: req.db), errors: errors, errorLine: errorLine, problem: problem)
        return Response.html(PlanItemPage.render(model, chrome: PageChrome(req: req, title: "\(item.label)\(PlanText.shortened(item.text, to: 20))", area: .backOffice)),
                                     status: status)
    }

    static func history(_ s: PlanSnapshot, _ item: PlanSnapshot.Item, on db: any Database) async throws -> [PlanItemPage.HistoryEntry] {
        let rows = try await PlanProgressRecord.query(on: db).filter(\.$item.$id == item.id).all()
        guard !rows.isEmpty else { return [] }
        let reports = try await PlanReportRecord.query(on: db).filter(\.$progress.$id ~~ rows.compactMap(\.id)).sort(\.$at, .descending).range(..<200).all()
        let evidence = reports.isEmpty ? [] : try await PlanEvidenceRecord.query(on: db).filter(\.$report.$id ~~ reports.compactMap(\.id)).all()
        let byReport = Dictionary(grouping: evidence, by: \.$report.id)
        let groupNames = Dictionary(item.groups.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return reports.compactMap { report in
            guard let row = rows.first(where: { $0.id == report.$progress.id }) else { return nil }
            return PlanItemPage.HistoryEntry(
                lineKey: row.lineKey, at: report.at, unit: s.unitName(row.$unit.id), group: row.groupID.flatMap { groupNames[$0] }, kind: report.kind,
                status: report.status, percent: report.percent, note: report.note, who: report.userLabel, via: report.via,
                evidence: (byReport[report.id!] ?? []).map { e in
                    (e.title, e.kind == "file" ? SiteURL.adminPlanEvidence(s.planID, evidence: e.id!).path : e.href ?? "#")
                })
        }
    }

    struct ReportForm: Content {
        var line: String
        var lockVersion: Int?
        var status: String?
        var percent: String?
        var note: String?
        var link: String?
        var file: File?
        enum CodingKeys: String, CodingKey { case line, lockVersion = "lock_version", status, percent, note, link, file }
    }


    @Sendable static func report(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let (task, item) = try item(s, req)
        let form = try req.content.decode(ReportForm.self)
        let input = PlanActions.ReportInput(
            itemNumber: item.number, line: .key(form.line), lockVersion: form.lockVersion ?? -1, status: form.status, percent: form.percent,
            note: form.note ?? "", links: [form.link ?? ""].filter { !$0.isEmpty },
            files: form.file.map { [(name: $0.filename, data: Data(buffer: $0.data))] } ?? [])
        do {
            let done = try await PlanActions.report(input, in: s, by: staff.acting(req, via: .web), at: req.now, files: req.storedFiles, on: req.db)
            let unit: [QueryItem] = done.line.unitID == staff.unitID ? [] : [.unit(done.line.unitID)]
            return req.redirect(to: SiteURL.adminPlanItem(s.planID, number: item.number).path([.notice(.planReported)] + unit))
        } catch let refusal as ActionError {
            return try await itemPage(req, staff: staff, s, task, item, refusal: refusal, line: form.line)
        }
    }

    struct ReviewForm: Content {
        var line: String
        var lockVersion: Int?
        var decision: String?
        var comment: String?
        enum CodingKeys: String, CodingKey { case line, lockVersion = "lock_version", decision, comment }
    }

    @Sendable static func review(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let (task, item) = try item(s, req)
        let form = try req.content.decode(ReviewForm.self)
        let input = PlanActions.ReviewInput(itemNumber: item.number, lineKey: form.line, lockVersion: form.lockVersion ?? -1,
                                            decision: form.decision, comment: form.comment ?? "")
        do {
            _ = try await PlanActions.review(input, in: s, by: staff.acting(req, via: .web), at: req.now, on: req.db)
            return req.redirect(to: SiteURL.adminPlanItem(s.planID, number: item.number)
                .path(.notice(form.decision == "accept" ? .planAccepted : .planReturned)))
        } catch let refusal as ActionError {
            return try await itemPage(req, staff: staff, s, task, item, refusal: refusal, line: form.line)
        }
    }

    /// An action's refusal on the item page: field problems beside the line's form (422), a conflict above it
    /// (409); a refusal by the permission rules or of a line that does not exist is an error page.
    static func itemPage(_ req: Request, staff: Staff, _ s: PlanSnapshot, _ task: PlanSnapshot.Task, _ item: PlanSnapshot.Item,
                         refusal: ActionError, line: String) async throws -> Response {
        switch refusal {
        case .invalid, .fileRefused, .conflictWithFields:
            return try await itemPage(req, staff: staff, s, task, item, errors: refusal.fieldErrors, errorLine: line, problem: nil, status: refusal.status)
        case .conflict(let message, _, _):
            return try await itemPage(req, staff: staff, s, task, item, errors: nil, errorLine: nil, problem: message, status: refusal.status)
        case .forbidden, .notFound:
            throw refusal
        }
    }

    // MARK: - Files

    @Sendable static func evidence(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let planID = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let id = req.parameters.get("evidence").flatMap(UUID.init(uuidString:)),
              let plan = try await WorkPlanRecord.find(planID, on: req.db), plan.$site.id == staff.siteID,
              let evidence = try await PlanEvidenceRecord.find(id, on: req.db), let hash = evidence.fileSHA256,
              let report = try await PlanReportRecord.find(evidence.$report.id, on: req.db),
              let progress = try await PlanProgressRecord.find(report.$progress.id, on: req.db), progress.planID == planID
        else { throw Abort(.notFound, reason: "没有这份佐证材料。") }
        let data = try req.storedFiles.read(hash)
        return Downloads.response(data, fileName: evidence.title, contentType: evidence.contentType ?? "application/octet-stream",
                                  asciiName: "evidence")
    }

    @Sendable static func export(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await snapshot(req, staff: staff)
        let data = try PlanExport.workbook(s)
        return Downloads.response(data, fileName: "\(s.title)（进度 \(s.today.description)）.xlsx",
                                  contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", asciiName: "plan.xlsx")
    }
}

/// The plan with its progress as rows for `WorkPlanWorkbook`.
enum PlanExport {
    static func workbook(_ s: PlanSnapshot) throws -> Data {
        let items = s.tasks.flatMap { task in
            task.items.map { item in
                WorkPlanWorkbook.ItemRow(
                    taskNumber: task.number, taskTitle: task.title, number: item.number, text: item.text,
                    supervising: PlanViews.partyText(item, .supervising), responsible: PlanViews.partyText(item, .responsible),
                    guiding: PlanViews.partyText(item, .guiding),
                    groups: item.groups.map { ($0.name, $0.guides.joined(separator: "、")) },
                    deadlineText: item.deadlineText, due: item.due?.description ?? "未定",
                    summary: PlanViews.summary(item.rollup), percent: item.rollup.percent)
            }
        }
        let lines = s.items.flatMap { item in
            item.lines.map { line in
                WorkPlanWorkbook.LineRow(unit: s.unitName(line.unitID), item: "\(item.label)\(item.text)", group: line.groupName ?? "",
                                         status: line.alert == .overdueNotStarted ? ScheduleAlert.overdueNotStarted.label : line.status.label,
                                         percent: ScheduleRules.percent(line.state),
                                         acceptance: line.state.reported == .completed ? line.state.acceptance.label : "", note: line.note)
            }
        }
        return try WorkPlanWorkbook.write(title: s.title, asOf: s.today.description, items: items, lines: lines)
    }
}
