/// Everything a person can try to do that a rule must allow. Later features add their actions here, and the
/// permission matrix test walks every case, so a new action without a rule is denied and shows up in review.
public enum AccessAction: String, CaseIterable, Sendable {
    /// Open the back office at all.
    case enterBackOffice
    /// Read a unit's back-office data (drafts, progress, users' names).
    case viewUnit
    /// Change a unit's own description and contact details (the 信息公开指南 data).
    case editUnit
    /// Add a unit below another, move or archive one.
    case manageUnits
    /// Create, change, lock or deactivate staff accounts.
    case manageUsers
    /// Browse the audit trail.
    case viewAudit
    /// Draft and edit a unit's content (catalog entries, information, progress reports).
    case editContent
    /// Review a unit's submitted content: approve or return with comments.
    case reviewContent
    /// Publish reviewed content.
    case publishContent
    /// Site-wide settings: the calendar, domains, the rollout schedule.
    case manageSite
    /// Report progress on a work plan item for the unit responsible for it.
    case reportProgress
    /// Accept a reported completion, or return it, as the item's guiding unit.
    case acceptProgress
    /// Read and handle an application for disclosure addressed to the unit (依申请公开): the applicant's identity
    /// and contacts are visible only to the handling unit and the office.
    case handleRequest
    /// Record an extension of the reply period (第三十三条: the head of the disclosure office consents).
    case extendRequest
    /// Charge 信息处理费 on an application (off unless a reviewer applies it: 条例第四十二条 makes it the exception).
    case chargeFee
}

/// Who is acting: the facts a rule needs, nothing else.
public struct AccessActor<ID: Hashable & Sendable>: Sendable {
    public let siteID: ID
    public let unitID: ID
    public let roles: Set<Role>
    /// For 指导单位: the domains (by code) this account guides. Empty means none.
    public let guidedDomains: Set<String>

    public init(siteID: ID, unitID: ID, roles: Set<Role>, guidedDomains: Set<String> = []) {
        self.siteID = siteID
        self.unitID = unitID
        self.roles = roles
        self.guidedDomains = guidedDomains
    }
}

/// What is acted on: the site and unit that own it and, where it has one, its domain.
public struct AccessTarget<ID: Hashable & Sendable>: Sendable {
    public let siteID: ID
    public let unitID: ID?
    public let domain: String?
    /// The units that guide the work (a work plan item's 指导责任单位).
    public let guidedBy: Set<ID>

    public init(siteID: ID, unitID: ID? = nil, domain: String? = nil, guidedBy: Set<ID> = []) {
        self.siteID = siteID
        self.unitID = unitID
        self.domain = domain
        self.guidedBy = guidedBy
    }
}
