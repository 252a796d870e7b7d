/// The roles a staff account can hold (DESIGN.md "Who uses it"). One account may hold several.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// 编辑: maintains its own unit's catalog entries and information, drafts, reports progress.
    case editor
    /// 审核: reviews and publishes for its own unit, decides 公开属性, approves extensions.
    case reviewer
    /// 指导单位: reviews townships' work in the domains it guides and sees their progress.
    case guide
    /// 公开办: the county's 政务公开 office; units, users, calendar, schedule, supervision, audit.
    case admin

    public var label: String {
        switch self {
        case .editor: "编辑"
        case .reviewer: "审核"
        case .guide: "指导单位"
        case .admin: "公开办管理员"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Accepts the code name or the Chinese label, so the command line can say `--role 审核`.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if let role = Role(rawValue: text.lowercased()) {
            self = role
        } else if let role = Role.allCases.first(where: { $0.label == text || ($0 == .admin && text == "公开办") }) {
            self = role
        } else {
            return nil
        }
    }
}

import Foundation
