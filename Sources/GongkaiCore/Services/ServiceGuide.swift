import Foundation

/// A 办事指南: every element the two plans and DOMAIN-SERVICES §16 list, as one value that is validated whole and
/// versioned whole. Union of 武定's 食品生产经营许可服务指南 row ("适用范围、审批依据、受理机构、申请条件、申请材料目录、
/// 办理基本流程、办结时限、收费依据及标准、结果送达、监督投诉渠道"), 湖口's 最低生活保障 row ("办理事项、办理条件、…、
/// 办理时间和地点、联系方式"), 武定 (10) ("常见问题、监督举报方式和网上可办理程度") and the local templates (德州, 杭州).
public struct ServiceGuide: Equatable, Sendable, Codable {
    /// 事项类型: one of the ten 职权类型, or 公共服务.
    public enum ItemType: Equatable, Sendable, Codable, Hashable {
        case power(PowerType)
        case publicService

        public var label: String {
            switch self {
            case .power(let type): type.label
            case .publicService: "公共服务"
            }
        }

        public static let all: [ItemType] = PowerType.allCases.map(ItemType.power) + [.publicService]

        public init?(label: String) {
            guard let found = Self.all.first(where: { $0.label == label }) else { return nil }
            self = found
        }
    }

    /// 网上可办程度 (湖北省政府网站管理办法: "标明服务事项网上可办理程度").
    public enum OnlineLevel: String, CaseIterable, Sendable, Codable {
        case none
        case appointment
        case application
        case fullyOnline = "fully-online"

        public var label: String {
            switch self {
            case .none: "不可网上办理"
            case .appointment: "可网上预约"
            case .application: "可网上申报"
            case .fullyOnline: "全程网办"
            }
        }
    }

    /// 受理范围 / 服务对象.
    public enum Audience: String, CaseIterable, Sendable, Codable {
        case person, organisation, both
        public var label: String {
            switch self {
            case .person: "自然人"
            case .organisation: "法人或其他组织"
            case .both: "自然人、法人或其他组织"
            }
        }
    }

    public var name: String
    public var itemType: ItemType?
    /// 设定依据: the law and article.
    public var basis: String
    public var audience: Audience
    /// 受理条件 / 申请条件.
    public var conditions: String
    public var materials: [ServiceMaterial]
    /// 办理流程, one step a line (drawn as a flow on the page).
    public var steps: [String]
    /// 法定办结时限 and 承诺办结时限 as written ("自受理之日起20个工作日", "即办").
    public var statutoryLimit: String
    public var promisedLimit: String
    /// 收费标准 ("不收费" written out) and 收费依据.
    public var fee: String
    public var feeBasis: String
    /// 受理机构 (to the 科室 or window), 办理地点 and 办理时间 (with holidays said).
    public var office: String
    public var place: String
    public var hours: String
    public var phone: String
    public var complaintPhone: String
    public var online: OnlineLevel
    /// Where the item is handled online (the province's 政务服务网); required unless `online` is `.none`.
    public var onlineURL: String
    /// 结果送达.
    public var delivery: String
    public var faq: [FAQ]
    /// Where the service is given: 县 / 乡 / 村（社区）.
    public var level: CatalogLevel
    /// 主题 for the portal (life events of people and of companies).
    public var themes: [LifeEvent]

    public struct FAQ: Equatable, Sendable, Codable {
        public var question: String
        public var answer: String
        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    public init(name: String = "", itemType: ItemType? = nil, basis: String = "", audience: Audience = .person, conditions: String = "",
                materials: [ServiceMaterial] = [], steps: [String] = [], statutoryLimit: String = "", promisedLimit: String = "",
                fee: String = "", feeBasis: String = "", office: String = "", place: String = "", hours: String = "", phone: String = "",
                complaintPhone: String = "", online: OnlineLevel = .none, onlineURL: String = "", delivery: String = "", faq: [FAQ] = [],
                level: CatalogLevel = .county, themes: [LifeEvent] = []) {
        self.name = name
        self.itemType = itemType
        self.basis = basis
        self.audience = audience
        self.conditions = conditions
        self.materials = materials
        self.steps = steps
        self.statutoryLimit = statutoryLimit
        self.promisedLimit = promisedLimit
        self.fee = fee
        self.feeBasis = feeBasis
        self.office = office
        self.place = place
        self.hours = hours
        self.phone = phone
        self.complaintPhone = complaintPhone
        self.online = online
        self.onlineURL = onlineURL
        self.delivery = delivery
        self.faq = faq
        self.level = level
        self.themes = themes
    }
}

/// One 申请材料 with what the local templates ask of it: 原件/复印件, 份数, 来源, whether it is required, and the
/// blank form and filled example (attachments, kept by the server; here their names).
public struct ServiceMaterial: Equatable, Sendable, Codable {
    public enum Form: String, CaseIterable, Sendable, Codable {
        case original, copy, both, electronic
        public var label: String {
            switch self {
            case .original: "原件"
            case .copy: "复印件"
            case .both: "原件和复印件"
            case .electronic: "电子材料"
            }
        }
    }

    public var name: String
    public var form: Form
    public var copies: Int
    /// 来源: 申请人自备, 政府部门核发, 村（居）委会出具 …
    public var source: String
    public var required: Bool
    public var note: String

    public init(name: String, form: Form = .original, copies: Int = 1, source: String = "申请人自备", required: Bool = true, note: String = "") {
        self.name = name
        self.form = form
        self.copies = copies
        self.source = source
        self.required = required
        self.note = note
    }
}

/// 主题: the life events the portal groups guides by (for people, and for companies).
public enum LifeEvent: String, CaseIterable, Sendable, Codable {
    case birth, schooling, employment, marriage, elderly, funeral, housing, socialSecurity = "social-security", medical
    case socialAssistance = "social-assistance"
    case startBusiness = "start-business", runBusiness = "run-business", closeBusiness = "close-business"

    public var label: String {
        switch self {
        case .birth: "出生"
        case .schooling: "入学"
        case .employment: "就业"
        case .marriage: "婚育"
        case .elderly: "养老"
        case .funeral: "殡葬"
        case .housing: "住房"
        case .socialSecurity: "社保"
        case .medical: "医疗"
        case .socialAssistance: "救助"
        case .startBusiness: "开办企业"
        case .runBusiness: "经营"
        case .closeBusiness: "注销"
        }
    }

    public var forCompanies: Bool { [.startBusiness, .runBusiness, .closeBusiness].contains(self) }
}
