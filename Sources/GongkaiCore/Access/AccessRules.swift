/// The permission rules: one pure function used by the HTML pages, the JSON API and the command line alike.
/// Deny by default: an action is allowed only when a rule below says so.
public enum AccessRules {
    public enum Decision: Equatable, Sendable {
        case allowed
        case denied(String)

        public var isAllowed: Bool { self == .allowed }
    }

    public static func can<ID>(_ actor: AccessActor<ID>, _ action: AccessAction, _ target: AccessTarget<ID>) -> Bool {
        decide(actor, action, target).isAllowed
    }

    public static func decide<ID>(
        _ actor: AccessActor<ID>, _ action: AccessAction, _ target: AccessTarget<ID>
    ) -> Decision {
        // Sites are separate counties: nobody acts across them.
        guard actor.siteID == target.siteID else {
            return .denied("您的账号属于其他县（市、区），无权操作本站点的数据。")
        }
        guard !actor.roles.isEmpty else {
            return .denied("您的账号尚未分配角色，请联系公开办管理员。")
        }
        // Acceptance is the one rule the office's own role does not override (see `acceptance`).
        if action == .acceptProgress {
            return acceptance(actor, target)
        }
        if actor.roles.contains(.admin) {
            return .allowed
        }
        let ownUnit = target.unitID == nil ? false : target.unitID == actor.unitID
        let guidesDomain = actor.roles.contains(.guide) && target.domain.map(actor.guidedDomains.contains) == true

        switch action {
        case .enterBackOffice:
            return .allowed
        case .viewUnit:
            if ownUnit || guidesDomain { return .allowed }
            return .denied("只能查看本单位的数据。")
        case .editUnit, .editContent:
            if ownUnit && (actor.roles.contains(.editor) || actor.roles.contains(.reviewer)) { return .allowed }
            return .denied("只能修改本单位的数据。")
        case .reviewContent:
            if ownUnit && actor.roles.contains(.reviewer) { return .allowed }
            if guidesDomain { return .allowed }
            return .denied("只有本单位的审核人员或该领域的指导单位可以审核。")
        case .publishContent:
            if ownUnit && actor.roles.contains(.reviewer) { return .allowed }
            return .denied("只有本单位的审核人员可以发布。")
        case .reportProgress:
            if ownUnit && (actor.roles.contains(.editor) || actor.roles.contains(.reviewer)) { return .allowed }
            return .denied("只能报告本单位负责事项的进度。")
        case .acceptProgress:
            return acceptance(actor, target)
        case .handleRequest:
            if ownUnit && (actor.roles.contains(.editor) || actor.roles.contains(.reviewer)) { return .allowed }
            return .denied("只有受理单位的工作人员可以查看和办理政府信息公开申请。")
        case .extendRequest:
            if ownUnit && actor.roles.contains(.reviewer) { return .allowed }
            return .denied("延长答复期限须经政府信息公开工作机构负责人同意，由本单位审核人员记录。")
        case .chargeFee:
            if ownUnit && actor.roles.contains(.reviewer) { return .allowed }
            return .denied("收取信息处理费须由本单位审核人员决定（条例第四十二条：依申请提供政府信息，原则上不收费）。")
        case .manageUnits, .manageUsers, .viewAudit, .manageSite:
            return .denied("此操作仅限公开办管理员。")
        }
    }

    /// Who may accept or return a unit's line of a work plan item. Acceptance is a check by someone else, so:
    /// a unit never accepts its own report; where the item names guiding units (指导责任单位) for the line, only
    /// they may accept, through a guide, reviewer or admin account; where it names none other than the unit itself,
    /// the office (公开办) accepts. The office's admin role does not override a named guide.
    static func acceptance<ID>(_ actor: AccessActor<ID>, _ target: AccessTarget<ID>) -> Decision {
        if let unit = target.unitID, unit == actor.unitID {
            return .denied("本单位报告的进度不能由本单位验收，须由该事项的指导责任单位验收。")
        }
        let guides = target.guidedBy.filter { $0 != target.unitID }
        if guides.isEmpty {
            if actor.roles.contains(.admin) { return .allowed }
            return .denied("该事项未列指导责任单位，由公开办验收。")
        }
        // The office's admin accepts as a named guide when the office is one (e.g. 县政府办公室 for the catalogs' system).
        if guides.contains(actor.unitID) && !actor.roles.isDisjoint(with: [.guide, .reviewer, .admin]) {
            return .allowed
        }
        return .denied("只有该事项为这条进度列明的指导责任单位可以验收或退回。")
    }
}
