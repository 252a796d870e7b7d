/// The life of a catalog version: edited as a draft, submitted, reviewed by the unit's reviewer and — for a
/// township or village catalog — by the domain's guiding unit, then published. A published version is never
/// changed; publishing the next one supersedes it.
public enum CatalogStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case returned
    case approved
    case published
    case superseded

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "待审核"
        case .returned: "已退回修改"
        case .approved: "审核通过，待发布"
        case .published: "已发布"
        case .superseded: "已被新版本取代"
        }
    }

    /// Only a draft or a returned version may be edited.
    public var isEditable: Bool { self == .draft || self == .returned }
}

/// Who must approve a version before it can be published.
public enum CatalogReviewer: String, CaseIterable, Sendable, Codable {
    /// The unit's own reviewer (审核).
    case unit
    /// The domain's guiding unit (指导单位), for township and village catalogs.
    case guide

    public var label: String { self == .unit ? "本单位审核" : "领域指导单位审核" }
}

public enum CatalogWorkflow {
    public enum Step: Equatable, Sendable {
        case submit
        case approve(CatalogReviewer)
        case returnForChanges(CatalogReviewer, comment: String)
        case publish
    }

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The reviews a catalog of this level needs, in order.
    public static func requiredReviews(for level: CatalogLevel) -> [CatalogReviewer] {
        level == .county ? [.unit] : [.unit, .guide]
    }

    /// The status after `step`, given the reviews already recorded for this submission; a refusal says why not.
    public static func apply(_ step: Step, to status: CatalogStatus, level: CatalogLevel,
                             approvals: [CatalogReviewer], entryCount: Int) throws(Refusal) -> CatalogStatus {
        switch step {
        case .submit:
            guard status.isEditable else { throw Refusal(message: "只有草稿或退回修改的版本可以提交审核（当前：\(status.label)）。") }
            guard entryCount > 0 else { throw Refusal(message: "目录还没有任何事项，不能提交审核。") }
            return .submitted
        case .approve(let reviewer):
            guard status == .submitted else { throw Refusal(message: "只有待审核的版本可以审核（当前：\(status.label)）。") }
            let required = requiredReviews(for: level)
            guard required.contains(reviewer) else { throw Refusal(message: "县级目录不需要\(reviewer.label)。") }
            guard !approvals.contains(reviewer) else { throw Refusal(message: "\(reviewer.label)已经通过，无需重复审核。") }
            if reviewer == .guide, !approvals.contains(.unit) {
                throw Refusal(message: "请先由本单位审核，再由领域指导单位审核。")
            }
            return Set(approvals + [reviewer]).isSuperset(of: required) ? .approved : .submitted
        case .returnForChanges(let reviewer, let comment):
            guard status == .submitted else { throw Refusal(message: "只有待审核的版本可以退回（当前：\(status.label)）。") }
            guard requiredReviews(for: level).contains(reviewer) else { throw Refusal(message: "县级目录不需要\(reviewer.label)。") }
            guard !comment.trimmingSpaces.isEmpty else { throw Refusal(message: "退回时请写明需要修改的地方。") }
            return .returned
        case .publish:
            guard status == .approved else {
                throw Refusal(message: status == .submitted ? "审核尚未全部通过，不能发布。" : "只有审核通过的版本可以发布（当前：\(status.label)）。")
            }
            return .published
        }
    }
}

extension CatalogWorkflow {
    /// The reviews an actor may give on a catalog: the unit's own (its reviewer, or the office's admin) and, for
    /// township and village catalogs, the guiding unit's (a guide of the catalog's domain, or the admin). Never
    /// across sites.
    public static func reviews<ID>(by actor: AccessActor<ID>, of catalog: AccessTarget<ID>, level: CatalogLevel) -> [CatalogReviewer] {
        guard actor.siteID == catalog.siteID else { return [] }
        let isAdmin = actor.roles.contains(.admin)
        var reviews: [CatalogReviewer] = []
        if isAdmin || (catalog.unitID == actor.unitID && actor.roles.contains(.reviewer)) { reviews.append(.unit) }
        let guides = actor.roles.contains(.guide) && catalog.domain.map(actor.guidedDomains.contains) == true
        if requiredReviews(for: level).contains(.guide), isAdmin || guides { reviews.append(.guide) }
        return reviews
    }
}
