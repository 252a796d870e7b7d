import Foundation
import GongkaiCore
import Vapor

/// The calendar for departments' own systems: the same answers as the command line, in JSON.
enum CalendarAPI {
    struct DayDTO: Content {
        let date: String
        let kind: String
        let confirmed: Bool
    }

    typealias DaysDTO = APIController.ListDTO<DayDTO>

    struct DeadlineDTO: Content {
        let start: String
        let amount: Int
        let unit: String
        let due: String
        let confirmed: Bool
        let unconfirmedYears: [Int]
        let movedFrom: String?
    }

    static func date(_ req: Request, _ name: String) throws -> CivilDate {
        guard let text = req.query[String.self, at: name] else {
            throw APIError(.badRequest, code: "missing_parameter", message: "缺少参数 \(name)。", field: name)
        }
        guard let date = CivilDate(text) else {
            throw APIError(.badRequest, code: "invalid_date", message: "\(name)“\(text)”不是有效日期，应为 2026-01-31 这样的格式。", field: name)
        }
        return date
    }

    /// `GET /api/v1/calendar/days?from=2026-01-01&to=2026-12-31` (at most 3 years at a time).
    @Sendable static func days(req: Request) async throws -> DaysDTO {
        let from = try date(req, "from"), to = try date(req, "to")
        guard from <= to, to.dayNumber - from.dayNumber <= 1100 else {
            throw APIError(.badRequest, code: "invalid_range", message: "from 应不晚于 to，且一次最多查询约3年。", field: "to")
        }
        let calendar = try await req.calendarService.calendar(on: req.db)
        guard calendar.covers(from), calendar.covers(to) else {
            throw APIError(.badRequest, code: "out_of_range", message: "只能查询\(WorkingCalendar.firstYear)年至\(WorkingCalendar.lastYear)年。", field: "from")
        }
        let items = calendar.days(from: from, through: to).map {
            DayDTO(date: $0.date.description, kind: $0.kind.rawValue, confirmed: calendar.isConfirmed($0.date))
        }
        return DaysDTO(total: items.count, items: items)
    }

    /// `GET /api/v1/deadline?start=2024-09-27&working_days=20` (or `calendar_days`, `months`).
    @Sendable static func deadline(req: Request) async throws -> DeadlineDTO {
        let start = try date(req, "start")
        let given = [("working_days", Period.Unit.workingDays), ("calendar_days", .calendarDays), ("months", .months)]
            .compactMap { name, unit in req.query[String.self, at: name].map { (name, unit, $0) } }
        guard given.count == 1, let (name, unit, text) = given.first else {
            throw APIError(.badRequest, code: "missing_parameter",
                           message: "请给出 working_days、calendar_days、months 三者之一。", field: "working_days")
        }
        guard let amount = Int(text), (0...3650).contains(amount) else {
            throw APIError(.badRequest, code: "invalid_amount", message: "\(name)“\(text)”应为0到3650之间的整数。", field: name)
        }
        let calendar = try await req.calendarService.calendar(on: req.db)
        do {
            let deadline = try PeriodArithmetic.due(after: start, Period(amount, unit), in: calendar)
            return DeadlineDTO(start: start.description, amount: amount, unit: unit.rawValue, due: deadline.due.description,
                               confirmed: deadline.isConfirmed, unconfirmedYears: deadline.unconfirmedYears,
                               movedFrom: deadline.movedFrom?.description)
        } catch {
            throw APIError(.badRequest, code: "out_of_range", message: error.description, field: "start")
        }
    }

    /// `GET /api/v1/timelimit?text=…` — the parsed 公开时限 rule.
    @Sendable static func timeLimit(req: Request) async throws -> Response {
        guard let text = req.query[String.self, at: "text"] else {
            throw APIError(.badRequest, code: "missing_parameter", message: "缺少参数 text（公开时限原文）。", field: "text")
        }
        guard text.count <= 500 else {
            throw APIError(.badRequest, code: "too_long", message: "公开时限原文不应超过500字。", field: "text")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let response = Response(body: .init(data: try encoder.encode(TimeLimitParser.parse(text))))
        response.headers.contentType = .json
        return response
    }
}
