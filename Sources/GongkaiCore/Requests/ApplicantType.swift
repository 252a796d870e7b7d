/// 申请人情况: the columns of table 三 of the annual report (国办公开办函〔2021〕30号), in its order.
public enum ApplicantType: String, CaseIterable, Codable, Sendable {
    case naturalPerson = "natural-person"
    case business
    case research
    case publicInterest = "public-interest"
    case legalService = "legal-service"
    case otherOrganisation = "other-organisation"

    public var label: String {
        switch self {
        case .naturalPerson: "自然人"
        case .business: "商业企业"
        case .research: "科研机构"
        case .publicInterest: "社会公益组织"
        case .legalService: "法律服务机构"
        case .otherOrganisation: "其他"
        }
    }

    /// 法人或其他组织 (the five columns under that heading).
    public var isOrganisation: Bool { self != .naturalPerson }

    /// How the intake form names it ("法人或其他组织（商业企业）").
    public var formLabel: String { isOrganisation ? "法人或其他组织（\(label)）" : label }
}

/// 第三十一条: how the application arrived decides which day is 收到申请之日.
public enum ReceiptChannel: String, CaseIterable, Codable, Sendable {
    /// 当面提交: the day it was handed in.
    case inPerson = "in-person"
    /// 邮寄，需签收 (挂号信、EMS): the day the agency signed for it.
    case signedPost = "signed-post"
    /// 平常信函等无需签收的邮寄方式: the day the office confirmed with the applicant (on the day it arrived).
    case ordinaryLetter = "ordinary-letter"
    /// 互联网渠道: the day both sides confirmed.
    case online
    /// 政府信息公开工作机构的传真: the day both sides confirmed.
    case fax

    public var label: String {
        switch self {
        case .inPerson: "当面提交"
        case .signedPost: "邮寄（需签收）"
        case .ordinaryLetter: "平常信函"
        case .online: "互联网（在线申请）"
        case .fax: "传真"
        }
    }

    /// The 第三十一条 rule in its own words, shown next to the date.
    public var rule: String {
        switch self {
        case .inPerson: "以提交之日为收到申请之日（条例第三十一条第一项）"
        case .signedPost: "以行政机关签收之日为收到申请之日（条例第三十一条第二项）"
        case .ordinaryLetter: "收到申请的当日与申请人确认，确认之日为收到申请之日（条例第三十一条第二项）"
        case .online, .fax: "以双方确认之日为收到申请之日（条例第三十一条第三项）"
        }
    }

    /// Whether the date of receipt waits for a confirmation with the applicant.
    public var needsConfirmation: Bool { self == .ordinaryLetter || self == .online || self == .fax }

    /// 收到申请之日: the arrival (handed in / signed for) or, where the law asks for one, the confirmation;
    /// nil while a needed confirmation is missing (the clock has not started).
    public func dateOfReceipt(arrived: CivilDate, confirmed: CivilDate?) -> CivilDate? {
        needsConfirmation ? confirmed.map { max($0, arrived) } : arrived
    }
}
