import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The case page's smaller forms, each a thin front end over `RequestCaseActions`: 行政复议 / 行政诉讼 against the
/// handling (table 四), making the information proactive, and sending a given-up mail again.
enum RequestAppeals {
    static func back(_ record: DisclosureRequestRecord) throws -> String { SiteURL.adminRequest(try record.requireID()).path(fragment: "appeals") }

    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let record = try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: acting, on: req.db)
        try await RequestCaseActions.fileAppeal(try req.content.decode(RequestCaseActions.AppealInput.self), against: record, by: acting, at: req.now, on: req.db)
        return req.redirect(to: try back(record))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let record = try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: acting, on: req.db)
        try await RequestCaseActions.decideAppeal(req.parameters.get("appeal").flatMap(UUID.init(uuidString:)), try req.content.decode(RequestCaseActions.AppealInput.self),
                                                  of: record, by: acting, at: req.now, on: req.db)
        return req.redirect(to: try back(record))
    }
}

/// 第四十四条: information several applicants asked for may be made proactive (`RequestCaseActions.makeProactive`).
enum RequestProactive {
    @Sendable static func create(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let record = try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: acting, on: req.db)
        let id = try await RequestCaseActions.makeProactive(record, by: acting, at: req.now, calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        return req.redirect(to: SiteURL.adminPublication(id).path(.notice(.publicationCreated)))
    }
}

extension RequestMail {
    /// `POST /admin/requests/:id/mails/:mail/resend`: a given-up mail back in the queue (`RequestCaseActions.resendMail`).
    @Sendable static func resend(req: Request) async throws -> Response {
        let acting = try req.requireStaff().acting(req, via: .web)
        let record = try await RequestActions.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)), by: acting, on: req.db)
        try await RequestCaseActions.resendMail(req.parameters.get("mail").flatMap(UUID.init(uuidString:)), of: record, by: acting, at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path(.notice(.mailResend)))
    }
}
