/// 本年度办理结果: the result rows of table 三 (国办公开办函〔2021〕30号, DOMAIN.md §3.1), one per decision, so the
/// annual report is counted from the records and never re-keyed. Each carries the article it rests on.
public enum RequestOutcome: String, CaseIterable, Codable, Sendable {
    case disclosed
    case partlyDisclosed = "partly-disclosed"
    case withheldStateSecret = "withheld-state-secret"
    case withheldProhibitedByLaw = "withheld-prohibited-by-law"
    case withheldThreeSecurities = "withheld-three-securities"
    case withheldThirdParty = "withheld-third-party"
    case withheldInternalAffairs = "withheld-internal-affairs"
    case withheldProcessInformation = "withheld-process-information"
    case withheldEnforcementFile = "withheld-enforcement-file"
    case withheldAdministrativeQuery = "withheld-administrative-query"
    case unavailableNotHeld = "unavailable-not-held"
    case unavailableNeedsCreation = "unavailable-needs-creation"
    case unavailableUnclearAfterCorrection = "unavailable-unclear-after-correction"
    case notProcessedPetition = "not-processed-petition"
    case notProcessedRepeat = "not-processed-repeat"
    case notProcessedPublication = "not-processed-publication"
    case notProcessedExcessive = "not-processed-excessive"
    case notProcessedConfirmation = "not-processed-confirmation"
    case otherNotCorrected = "other-not-corrected"
    case otherFeeUnpaid = "other-fee-unpaid"
    case other

    /// The rows' groups: （一）…（六）.
    public enum Group: String, CaseIterable, Sendable {
        case disclosed, partlyDisclosed, withheld, unavailable, notProcessed, other

        public var label: String {
            switch self {
            case .disclosed: "（一）予以公开"
            case .partlyDisclosed: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
            case .withheld: "（三）不予公开"
            case .unavailable: "（四）无法提供"
            case .notProcessed: "（五）不予处理"
            case .other: "（六）其他处理"
            }
        }
    }

    public var group: Group {
        switch self {
        case .disclosed: .disclosed
        case .partlyDisclosed: .partlyDisclosed
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurities, .withheldThirdParty, .withheldInternalAffairs,
             .withheldProcessInformation, .withheldEnforcementFile, .withheldAdministrativeQuery: .withheld
        case .unavailableNotHeld, .unavailableNeedsCreation, .unavailableUnclearAfterCorrection: .unavailable
        case .notProcessedPetition, .notProcessedRepeat, .notProcessedPublication, .notProcessedExcessive, .notProcessedConfirmation: .notProcessed
        case .otherNotCorrected, .otherFeeUnpaid, .other: .other
        }
    }

    /// The row's own label as the table prints it (sub-rows numbered within their group).
    public var label: String {
        switch self {
        case .disclosed: "予以公开"
        case .partlyDisclosed: "部分公开"
        case .withheldStateSecret: "1.属于国家秘密"
        case .withheldProhibitedByLaw: "2.其他法律行政法规禁止公开"
        case .withheldThreeSecurities: "3.危及“三安全一稳定”"
        case .withheldThirdParty: "4.保护第三方合法权益"
        case .withheldInternalAffairs: "5.属于三类内部事务信息"
        case .withheldProcessInformation: "6.属于四类过程性信息"
        case .withheldEnforcementFile: "7.属于行政执法案卷"
        case .withheldAdministrativeQuery: "8.属于行政查询事项"
        case .unavailableNotHeld: "1.本机关不掌握相关政府信息"
        case .unavailableNeedsCreation: "2.没有现成信息需要另行制作"
        case .unavailableUnclearAfterCorrection: "3.补正后申请内容仍不明确"
        case .notProcessedPetition: "1.信访举报投诉类申请"
        case .notProcessedRepeat: "2.重复申请"
        case .notProcessedPublication: "3.要求提供公开出版物"
        case .notProcessedExcessive: "4.无正当理由大量反复申请"
        case .notProcessedConfirmation: "5.要求行政机关确认或重新出具已获取信息"
        case .otherNotCorrected: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .otherFeeUnpaid: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .other: "3.其他"
        }
    }

    /// A short name for lists and letters ("不予公开：属于国家秘密").
    public var shortName: String {
        switch group {
        case .disclosed, .partlyDisclosed: label
        default: String(group.label.dropFirst(3)) + "：" + String(label.drop { $0 != "." }.dropFirst())
        }
    }

    /// The legal basis quoted in the reply letter.
    public var article: String {
        let law = "《中华人民共和国政府信息公开条例》"
        return switch self {
        case .disclosed: law + "第三十六条第一项、第二项"
        case .partlyDisclosed: law + "第三十七条"
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurities: law + "第十四条、第三十六条第三项"
        case .withheldThirdParty: law + "第十五条、第三十二条、第三十六条第三项"
        case .withheldInternalAffairs: law + "第十六条第一款、第三十六条第三项"
        case .withheldProcessInformation, .withheldEnforcementFile: law + "第十六条第二款、第三十六条第三项"
        case .withheldAdministrativeQuery: law + "第三十六条第三项"
        case .unavailableNotHeld: law + "第三十六条第四项、第五项"
        case .unavailableNeedsCreation: law + "第三十八条"
        case .unavailableUnclearAfterCorrection: law + "第三十条"
        case .notProcessedPetition: law + "第三十九条第一款"
        case .notProcessedRepeat: law + "第三十六条第六项"
        case .notProcessedPublication: law + "第三十九条第二款"
        case .notProcessedExcessive: law + "第三十五条"
        case .notProcessedConfirmation: law + "第三十六条"
        case .otherNotCorrected: law + "第三十条"
        case .otherFeeUnpaid: "《政府信息公开信息处理费管理办法》"
        case .other: law + "第三十六条第七项"
        }
    }

    /// Whether information is handed over (the letter attaches files and names the form of delivery).
    public var releasesInformation: Bool { self == .disclosed || self == .partlyDisclosed }

    /// The 不予公开 row for a ground decided at the source (so a record's determination and a reply agree).
    public init(withholding reason: WithholdingReason) {
        self = switch reason {
        case .stateSecret: .withheldStateSecret
        case .prohibitedByLaw: .withheldProhibitedByLaw
        case .threeSecurities: .withheldThreeSecurities
        case .thirdParty: .withheldThirdParty
        case .internalAffairs: .withheldInternalAffairs
        case .processInformation: .withheldProcessInformation
        case .enforcementFile: .withheldEnforcementFile
        }
    }
}
