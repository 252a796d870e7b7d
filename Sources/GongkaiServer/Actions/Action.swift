import Foundation
import GongkaiCore
import Vapor

/// Who performs an action and through which front end. Every write takes one: the HTML form, the JSON API and
/// the command line build it differently, and from here on they are treated the same (decision 0008).
package struct Acting: Sendable {
    package enum Via: String, Sendable { case web, api, cli }

    let access: AccessActor<UUID>
    let audit: AuditActor
    let via: Via

    package init(access: AccessActor<UUID>, audit: AuditActor, via: Via) {
        self.access = access
        self.audit = audit
        self.via = via
    }

    /// Asks the permission rules; the one place an action learns whether it may go on.
    func authorize(_ action: AccessAction, _ target: AccessTarget<UUID>) throws(ActionError) {
        if case .denied(let reason) = AccessRules.decide(access, action, target) {
            throw .forbidden(reason)
        }
    }

    func may(_ action: AccessAction, _ target: AccessTarget<UUID>) -> Bool {
        AccessRules.can(access, action, target)
    }

    /// What the actor may do on its own unit (the back-office home lists it, so people know their rights).
    var allowedOnOwnUnit: [AccessAction] {
        AccessAction.allCases.filter { may($0, AccessTarget(siteID: access.siteID, unitID: access.unitID)) }
    }

    /// The actor's own site, for site-wide actions (accounts, units, the calendar).
    var site: AccessTarget<UUID> { AccessTarget(siteID: access.siteID) }
    var siteID: UUID { access.siteID }

    /// The server's operator at the command line: acts with the office's (公开办) rights on one site and belongs to
    /// no unit, so it never counts as a unit's own staff (it cannot accept progress, for one).
    static func commandLine(siteID: UUID) -> Acting {
        Acting(access: AccessActor(siteID: siteID, unitID: siteID, roles: [.admin]), audit: .commandLine(siteID: siteID), via: .cli)
    }

    /// Someone from the public (an applicant, a subscriber): no account and no rights, so every permission rule
    /// says no; the actions open to the public ask none.
    static func applicant(siteID: UUID, label: String, clientAddress: String, via: Via) -> Acting {
        Acting(access: AccessActor(siteID: siteID, unitID: nobody, roles: []),
               audit: AuditActor(userID: nil, label: label, siteID: siteID, clientAddress: clientAddress), via: via)
    }

    private static let nobody = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The operator at the command line for what belongs to no site (the national working-day calendar).
    static let commandLineOperator = Acting(
        access: AccessActor(siteID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), unitID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), roles: [.admin]),
        audit: .commandLine(), via: .cli)
}

extension Staff {
    /// The signed-in person as the actor of a write made through a page or the API.
    func acting(_ req: Request, via: Acting.Via) -> Acting {
        Acting(access: actor, audit: auditActor(req), via: via)
    }

    /// Whether the person runs the site (公开办): the navigation offers the office's pages only then.
    var managesSite: Bool { AccessRules.can(actor, .manageSite, AccessTarget(siteID: siteID)) }
}

/// Why an action refused. Nothing was written when one is thrown. Each front end maps it once: pages show
/// `invalid` next to the fields and the rest as a page with the status; the API turns it into `APIError`;
/// the command line prints the message.
enum ActionError: Error, Equatable, AbortError {
    /// The permission rules said no (403), with their reason.
    case forbidden(String)
    /// The thing acted on does not exist or is not visible to the actor (404).
    case notFound(String, code: String = "not_found", field: String? = nil)
    /// The thing changed since it was read, or is in a state that forbids the change (409).
    case conflict(String, code: String = "conflict", field: String? = nil)
    /// The thing changed since the form was read (409), said beside the fields so that the form comes back with
    /// what was typed (with any other problems of the input).
    case conflictWithFields(ValidationErrors, code: String = "stale")
    /// The input is wrong; every problem is tied to its field (422).
    case invalid(ValidationErrors, code: String = "invalid_input")
    /// An uploaded file was refused by its content or size (415 or 413), tied to its field.
    case fileRefused(String, field: String, status: HTTPResponseStatus)

    var status: HTTPResponseStatus {
        switch self {
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict, .conflictWithFields: .conflict
        case .invalid: .unprocessableEntity
        case .fileRefused(_, _, let status): status
        }
    }

    var reason: String {
        switch self {
        case .forbidden(let message), .notFound(let message, _, _), .conflict(let message, _, _): message
        case .invalid(let errors, _), .conflictWithFields(let errors, _): errors.summary
        case .fileRefused(let message, _, _): message
        }
    }

    var apiError: APIError {
        switch self {
        case .forbidden(let message): APIError(.forbidden, code: "forbidden", message: message)
        case .notFound(let message, let code, let field): APIError(.notFound, code: code, message: message, field: field)
        case .conflict(let message, let code, let field): APIError(.conflict, code: code, message: message, field: field)
        case .conflictWithFields(let errors, let code): APIError(.conflict, code: code, message: errors.summary,
                                                                 field: errors.problems.first?.field)
        case .invalid(let errors, let code): APIError(.unprocessableEntity, code: code, message: errors.summary,
                                                      field: errors.problems.first?.field)
        case .fileRefused(let message, let field, let status): APIError(status, code: "file_refused", message: message, field: field)
        }
    }

    /// The field problems when the input was wrong, for a form to show beside its fields.
    var fieldErrors: ValidationErrors? {
        switch self {
        case .invalid(let errors, _), .conflictWithFields(let errors, _): return errors
        case .fileRefused(let message, let field, _): return ValidationErrors(field: field, message: message)
        default: return nil
        }
    }

    static func invalid(field: String, _ message: String) -> ActionError {
        .invalid(ValidationErrors(field: field, message: message))
    }
}
