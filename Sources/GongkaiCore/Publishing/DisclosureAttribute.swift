/// 公开属性源头认定 (国办发〔2016〕80号; DOMAIN.md §8): every record is determined 主动公开, 依申请公开 or 不予公开
/// when it is drafted, and anything not proactively public carries its reason.
public enum DisclosureAttribute: String, CaseIterable, Codable, Sendable {
    case proactive
    case onRequest = "on-request"
    case withheld

    public var label: String {
        switch self {
        case .proactive: "主动公开"
        case .onRequest: "依申请公开"
        case .withheld: "不予公开"
        }
    }
}

/// The legal grounds for not disclosing (条例 第十四条至第十六条), worded as the annual report's reasons 1–7
/// (DOMAIN.md §1.1), so that what is decided at the source can be counted at the end of the year.
public enum WithholdingReason: String, CaseIterable, Codable, Sendable {
    case stateSecret = "state-secret"
    case prohibitedByLaw = "prohibited-by-law"
    case threeSecurities = "three-securities"
    case thirdParty = "third-party"
    case internalAffairs = "internal-affairs"
    case processInformation = "process-information"
    case enforcementFile = "enforcement-file"

    public var label: String {
        switch self {
        case .stateSecret: "属于国家秘密"
        case .prohibitedByLaw: "其他法律行政法规禁止公开"
        case .threeSecurities: "危及“三安全一稳定”"
        case .thirdParty: "保护第三方合法权益"
        case .internalAffairs: "属于三类内部事务信息"
        case .processInformation: "属于四类过程性信息"
        case .enforcementFile: "属于行政执法案卷"
        }
    }

    /// The article it rests on.
    public var article: String {
        switch self {
        case .stateSecret, .prohibitedByLaw, .threeSecurities: "《中华人民共和国政府信息公开条例》第十四条"
        case .thirdParty: "《中华人民共和国政府信息公开条例》第十五条"
        case .internalAffairs: "《中华人民共和国政府信息公开条例》第十六条第一款"
        case .processInformation, .enforcementFile: "《中华人民共和国政府信息公开条例》第十六条第二款"
        }
    }
}

/// The determination made when a record is drafted.
public struct DisclosureDetermination: Hashable, Sendable {
    public var attribute: DisclosureAttribute
    public var reason: WithholdingReason?
    /// Why, in the drafter's words (required for anything not proactively public).
    public var explanation: String

    public init(attribute: DisclosureAttribute, reason: WithholdingReason? = nil, explanation: String = "") {
        self.attribute = attribute
        self.reason = reason
        self.explanation = explanation
    }

    public func validate() -> ValidationErrors {
        var errors = ValidationErrors()
        let explanation = explanation.trimmingCharacters(in: .whitespacesAndNewlines)
        switch attribute {
        case .proactive:
            if reason != nil { errors.add("reason", "主动公开的信息不需要选择不予公开的理由。") }
        case .onRequest:
            if explanation.isEmpty { errors.add("explanation", "确定为依申请公开的，请说明不主动公开的理由（如仅涉及特定对象）。") }
        case .withheld:
            if reason == nil { errors.add("reason", "确定为不予公开的，请选择法定理由（条例第十四条至第十六条）。") }
            if explanation.isEmpty { errors.add("explanation", "确定为不予公开的，请依法依规说明理由。") }
        }
        return errors
    }
}

import Foundation
