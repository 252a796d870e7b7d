/// The kinds of body a county's disclosure work involves. A county-level 人民政府 is the root of a site;
/// everything else hangs below it in a tree of any depth.
public enum OrgUnitKind: String, CaseIterable, Codable, Sendable {
    /// 县级人民政府: the root of a site.
    case countyGovernment = "county-government"
    /// 县政府办公室, 县电政办 and other offices of the government itself.
    case governmentOffice = "government-office"
    /// 政府工作部门 such as 县民政局.
    case department
    /// 派出机构, e.g. 州生态环境局武定分局: a higher-level body's branch that answers for the county.
    case dispatchedAgency = "dispatched-agency"
    /// 乡、镇、场、街道.
    case township
    /// 村民委员会 / 居民委员会 (村/居委会).
    case village
    /// 公共企事业单位 (条例 第五十五条).
    case publicInstitution = "public-institution"

    public var label: String {
        switch self {
        case .countyGovernment: "县级人民政府"
        case .governmentOffice: "政府办公机构"
        case .department: "政府工作部门"
        case .dispatchedAgency: "派出机构"
        case .township: "乡（镇、场、街道）"
        case .village: "村（居）民委员会"
        case .publicInstitution: "公共企事业单位"
        }
    }

    /// Whether the public applies to this body for disclosure (依申请公开). The 条例 binds 行政机关 and the bodies
    /// that answer in their own name (第十条, 第五十四条); a 村（居）民委员会 is not an administrative organ (村务公开
    /// follows the 村民委员会组织法), and 公共企事业单位 disclose under their 主管部门's rules (第五十五条).
    public var takesApplications: Bool {
        switch self {
        case .countyGovernment, .governmentOffice, .department, .dispatchedAgency, .township: true
        case .village, .publicInstitution: false
        }
    }

    /// Which kinds may sit directly below this one. Kept loose on purpose: counties organise themselves
    /// differently, and the only hard rule is that a site has exactly one root government.
    public func canContain(_ child: OrgUnitKind) -> Bool {
        switch (self, child) {
        case (_, .countyGovernment): false
        case (.village, _): false
        case (.countyGovernment, _): true
        case (.township, .village), (.township, .publicInstitution), (.township, .governmentOffice): true
        case (.department, .dispatchedAgency), (.department, .publicInstitution), (.department, .governmentOffice): true
        case (.governmentOffice, .governmentOffice): true
        case (.dispatchedAgency, .publicInstitution): true
        default: false
        }
    }
}
