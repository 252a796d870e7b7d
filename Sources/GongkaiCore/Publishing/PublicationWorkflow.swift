import Foundation

/// Where a version of a government information record is in the 信息采集、审核、发布程序 the seeds ask for:
/// an editor drafts and submits, a reviewer approves or returns with comments, a reviewer publishes. A published
/// version is never changed: a change is a new version, and the old one stays in the record's history.
public enum PublicationStatus: String, CaseIterable, Codable, Sendable {
    case draft
    case submitted
    case returned
    case approved
    case published
    /// A published version replaced by a newer one.
    case superseded
    /// The record was withdrawn (撤回) while this version was public.
    case withdrawn

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "待审核"
        case .returned: "已退回"
        case .approved: "已审核待发布"
        case .published: "已发布"
        case .superseded: "已被新版本替代"
        case .withdrawn: "已撤回"
        }
    }

    public var isEditable: Bool { self == .draft || self == .returned }
}

/// What someone does to a version, and who may.
public enum PublicationAction: String, CaseIterable, Sendable {
    case submit
    case approve
    case giveBack = "return"
    case publish
    case withdraw

    public var label: String {
        switch self {
        case .submit: "提交审核"
        case .approve: "审核通过"
        case .giveBack: "退回修改"
        case .publish: "发布"
        case .withdraw: "撤回"
        }
    }

    /// The permission the action needs (AccessRules decides who has it for the record's unit).
    public var permission: AccessAction {
        switch self {
        case .submit: .editContent
        case .approve, .giveBack: .reviewContent
        case .publish, .withdraw: .publishContent
        }
    }
}

public enum PublicationWorkflow {
    public enum Refusal: Error, Equatable, Sendable {
        case wrongState(String)
        case missing(field: String, message: String)

        public var message: String {
            switch self {
            case .wrongState(let m): m
            case .missing(_, let m): m
            }
        }
    }

    /// The status after `action`, or why it cannot happen. A return needs a comment; a withdrawal needs a reason;
    /// only 主动公开 records are published on the portal.
    public static func apply(_ action: PublicationAction, to status: PublicationStatus, attribute: DisclosureAttribute,
                             comment: String) -> Result<PublicationStatus, Refusal> {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        switch (action, status) {
        case (.submit, .draft), (.submit, .returned):
            return .success(.submitted)
        case (.approve, .submitted):
            return .success(.approved)
        case (.giveBack, .submitted), (.giveBack, .approved):
            guard !comment.isEmpty else { return .failure(.missing(field: "comment", message: "退回时请写明需要修改的地方。")) }
            return .success(.returned)
        case (.publish, .approved):
            guard attribute == .proactive else {
                return .failure(.wrongState("这条信息确定为\(attribute.label)，不在网站主动公开；如需公开，请先将公开属性改为主动公开并重新审核。"))
            }
            return .success(.published)
        case (.withdraw, .published):
            guard !comment.isEmpty else { return .failure(.missing(field: "comment", message: "撤回时请写明理由，理由将记录在案。")) }
            return .success(.withdrawn)
        default:
            return .failure(.wrongState("这条信息当前为“\(status.label)”，不能\(action.label)。"))
        }
    }
}

/// 主题分类: the subject classification Chinese government sites put in the information's metadata table
/// (the 国务院公文主题分类 of gov.cn's 政策文件库).
public enum ThemeCategory {
    public static let all: [String] = [
        "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源", "农业、林业、水利", "工业、交通",
        "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育", "文化、广电、新闻出版", "卫生、体育",
        "人口与计划生育、妇女儿童工作", "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾", "民族、宗教", "对外事务",
        "港澳台侨工作", "国防", "其他",
    ]
}

/// The kinds of record the portal distinguishes.
public enum PublicationKind: String, CaseIterable, Codable, Sendable {
    case document
    /// 政策解读: linked to the policy it explains.
    case interpretation
    case news

    public var label: String {
        switch self {
        case .document: "政府信息"
        case .interpretation: "政策解读"
        case .news: "工作动态"
        }
    }
}
