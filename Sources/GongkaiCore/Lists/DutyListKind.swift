import Foundation

/// The two 清单 a unit publishes beside its catalogs: the 权责清单 (what power it holds, on what basis, with what
/// duties and what accountability) and the 公共服务清单 (what services it gives, to whom, on what terms).
public enum DutyListKind: String, CaseIterable, Sendable, Codable {
    case power
    case service

    public var title: String { self == .power ? "权责清单" : "公共服务清单" }

    /// The columns of the list in the order counties print them.
    public var fields: [DutyListField] {
        switch self {
        case .power: [.code, .powerType, .name, .subItem, .basis, .subject, .duties, .accountability, .note]
        case .service: [.code, .name, .audience, .content, .basis, .subject, .timeLimit, .fee, .phone, .level, .note]
        }
    }

    /// The fields a row cannot leave empty.
    public var required: Set<DutyListField> {
        switch self {
        case .power: [.powerType, .name, .basis, .subject, .duties, .accountability]
        case .service: [.name, .audience, .content, .basis, .subject, .timeLimit, .fee, .phone, .level]
        }
    }

    /// `power` / `service` as typed at the command line, or the Chinese name.
    public init?(argument: String) {
        switch argument.trimmingCharacters(in: .whitespaces) {
        case "power", "权责清单", "权责": self = .power
        case "service", "公共服务清单", "公共服务": self = .service
        default: return nil
        }
    }
}

/// One column of a 清单 row. The names are the ones local lists print (DOMAIN-SERVICES §18.3).
public enum DutyListField: String, CaseIterable, Sendable, Codable {
    case code, powerType, name, subItem, basis, subject, duties, accountability
    case audience, content, timeLimit, fee, phone, level, note

    public func title(in kind: DutyListKind) -> String {
        switch self {
        case .code: "编码"
        case .powerType: "职权类型"
        case .name: kind == .power ? "职权名称" : "服务名称"
        case .subItem: "子项"
        case .basis: kind == .power ? "实施依据" : "办理依据"
        case .subject: kind == .power ? "实施主体" : "责任单位"
        case .duties: "责任事项"
        case .accountability: "追责情形"
        case .audience: "服务对象"
        case .content: "服务内容"
        case .timeLimit: "办理时限"
        case .fee: "收费"
        case .phone: "咨询电话"
        case .level: "实施层级"
        case .note: "备注"
        }
    }
}
