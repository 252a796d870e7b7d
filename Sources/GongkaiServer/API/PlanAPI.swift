import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The rollout schedule for departments' own systems: read a site's plans with live progress, and report
/// progress on an item from the unit's own system. Bearer token required: progress is internal supervision
/// data, and a token acts with its account's permissions (a township reports only for itself).
enum PlanAPI {
    struct PlanSummaryDTO: Content {
        let id: UUID
        let title: String
        let taskCount: Int
        let itemCount: Int
        let progress: ProgressDTO
    }

    struct PlanDTO: Content {
        let id: UUID
        let title: String
        let source: String
        let asOf: String
        let progress: ProgressDTO
        let tasks: [TaskDTO]
        let events: [EventDTO]
    }

    struct EventDTO: Content {
        let name: String
        let occurredOn: String?
    }

    struct TaskDTO: Content {
        let number: Int
        let title: String
        let progress: ProgressDTO
        let items: [ItemDTO]
    }

    struct PartyDTO: Content {
        let supervising: [String]
        let responsible: [String]
        let guiding: [String]
    }

    struct DeadlineDTO: Content {
        /// date, after-event, after-item or none.
        let kind: String
        let text: String
        /// ISO date where it is known.
        let date: String?
        let event: String?
        let afterItem: Int?
        let period: String?
    }

    struct GroupDTO: Content {
        let name: String
        let guiding: [String]
    }

    struct LineDTO: Content {
        let unitID: UUID
        let unit: String
        let group: String?
        let status: String
        let statusLabel: String
        let reported: String
        let percent: Int
        let acceptance: String?
        let alert: String?
        let note: String
        /// What to send back as `lockVersion` when reporting on this line (0 before its first report).
        let lockVersion: Int
    }

    struct ItemDTO: Content {
        let number: Int
        let text: String
        let units: PartyDTO
        let groups: [GroupDTO]
        let deadline: DeadlineDTO
        let progress: ProgressDTO
        let lines: [LineDTO]
    }

    struct ProgressDTO: Content {
        let lines: Int
        let percent: Int
        let completed: Int
        let inProgress: Int
        let notStarted: Int
        let overdue: Int
        let accepted: Int
        let awaitingAcceptance: Int

        init(_ r: ProgressRollup) {
            lines = r.lines
            percent = r.percent
            completed = r.count(.completed)
            inProgress = r.count(.inProgress)
            notStarted = r.count(.notStarted)
            overdue = r.overdue
            accepted = r.accepted
            awaitingAcceptance = r.awaitingAcceptance
        }
    }

    static func load(_ req: Request, staff: Staff) async throws -> PlanSnapshot {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let plan = try await WorkPlanRecord.find(id, on: req.db), plan.$site.id == staff.siteID,
              let s = try await PlanSnapshot.load(id, today: ChineseTime.today(req.now),
                                                  calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        else { throw APIError(.notFound, code: "plan_not_found", message: "本站点没有这个工作方案。") }
        return s
    }

    @Sendable static func list(req: Request) async throws -> APIController.ListDTO<PlanSummaryDTO> {
        let staff = try req.requireStaff()
        let plans = try await PlanController.snapshots(siteID: staff.siteID, req)
        return .init(total: plans.count, items: plans.map {
            PlanSummaryDTO(id: $0.planID, title: $0.title, taskCount: $0.tasks.count, itemCount: $0.items.count, progress: .init($0.rollup))
        })
    }

    @Sendable static func show(req: Request) async throws -> PlanDTO {
        let staff = try req.requireStaff()
        let s = try await load(req, staff: staff)
        // A county's plan can have many thousand lines: `unit` keeps one unit's, `lines=none` leaves them out.
        let unitText = req.query[String.self, at: "unit"]
        let unit = unitText.flatMap(UUID.init(uuidString:))
        if let unitText, unit == nil {
            throw APIError(.badRequest, code: "invalid_parameter", message: "unit 应为单位ID（读到：\(unitText)）。", field: "unit")
        }
        let keep: (PlanSnapshot.Line) -> Bool = req.query[String.self, at: "lines"] == "none" ? { _ in false } : { unit == nil || $0.unitID == unit }
        return PlanDTO(
            id: s.planID, title: s.title, source: s.sourceName, asOf: s.today.description, progress: .init(s.rollup),
            tasks: s.tasks.map { task in
                TaskDTO(number: task.number, title: task.title, progress: .init(task.rollup), items: task.items.map { item(s, $0, keep: keep) })
            },
            events: s.events.map { EventDTO(name: $0.name, occurredOn: $0.occurredOn?.description) })
    }

    static func item(_ s: PlanSnapshot, _ item: PlanSnapshot.Item, keep: (PlanSnapshot.Line) -> Bool) -> ItemDTO {
        let d = item.deadline
        var event: String?
        if case .afterEvent(let e, _) = d { event = e }
        return ItemDTO(
            number: item.number, text: item.text,
            units: PartyDTO(supervising: item.parties[.supervising] ?? [], responsible: item.parties[.responsible] ?? [],
                            guiding: item.parties[.guiding] ?? []),
            groups: item.groups.map { GroupDTO(name: $0.name, guiding: $0.guides) },
            deadline: DeadlineDTO(kind: d.kind, text: item.deadlineText, date: item.due?.description, event: event,
                                  afterItem: item.afterItemNumber, period: d.period?.description),
            progress: .init(item.rollup),
            lines: item.lines.filter(keep).map { line in
                LineDTO(unitID: line.unitID, unit: s.unitName(line.unitID), group: line.groupName, status: line.status.rawValue,
                        statusLabel: line.status.label, reported: line.state.reported.rawValue, percent: ScheduleRules.percent(line.state),
                        acceptance: line.state.reported == .completed ? line.state.acceptance.rawValue : nil,
                        alert: line.alert?.rawValue, note: line.note, lockVersion: line.lockVersion)
            })
    }

    struct ReportInput: Content {
        /// not-started, in-progress or completed (or the Chinese label).
        var status: String
        var percent: Int?
        var note: String?
        /// The unit reported for; defaults to the token's own unit.
        var unitID: UUID?
        /// The domain group, for items with a domain breakdown.
        var group: String?
        /// The line's lock version as last read (0 before the first report); leave out to report regardless.
        var lockVersion: Int?
        /// Evidence: links to the unit's own published catalogs, as the plan item page offers them
        /// (`/admin/catalogs/{id}?version={n}`); anything else is refused with `field: "link"`.
        var links: [String]?
    }

    struct ReportResult: Content {
        let item: Int
        let unit: String
        let group: String?
        let status: String
        let percent: Int
        let lockVersion: Int
    }

    @Sendable static func report(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let s = try await load(req, staff: staff)
        guard let number = req.parameters.get("number", as: Int.self) else {
            throw APIError(.notFound, code: "item_not_found", message: "本方案没有这个具体事项。")
        }
        let input: ReportInput
        do { input = try req.content.decode(ReportInput.self) } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON：{\"status\": \"in-progress\", \"percent\": 40, \"note\": \"…\"}。")
        }
        let done = try await PlanActions.report(
            .init(itemNumber: number, line: .unit(input.unitID ?? staff.unitID, group: input.group), lockVersion: input.lockVersion,
                  status: input.status, percent: input.percent.map(String.init), note: input.note ?? "", links: input.links ?? []),
            in: s, by: staff.acting(req, via: .api), at: req.now, files: req.storedFiles, on: req.db)
        let body = ReportResult(item: done.itemNumber, unit: done.unitName, group: done.line.groupName, status: done.status,
                                percent: done.percent, lockVersion: done.lockVersion)
        let response = Response(status: .created)
        try response.content.encode(body)
        return response
    }
}
