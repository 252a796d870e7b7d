/// The life of a 清单 version: a draft, submitted, checked by the unit's own reviewer, then by the office
/// (公开办), which publishes it. A published version is never changed; the next published one supersedes it.
public enum DutyListStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case unitApproved = "unit_approved"
    case returned
    case published
    case superseded

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "待本单位审核"
        case .unitApproved: "待公开办审核"
        case .returned: "已退回修改"
        case .published: "已发布"
        case .superseded: "已被新版本取代"
        }
    }

    public var isEditable: Bool { self == .draft || self == .returned }
    /// Still being worked on (not yet published, not history).
    public var isOpen: Bool { self != .published && self != .superseded }
}

public enum DutyListWorkflow {
    public enum Step: Equatable, Sendable {
        case submit
        /// The unit's reviewer checked it.
        case approveUnit
        /// The office checked it and publishes it.
        case publish
        case returnForChanges(comment: String)
    }

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func apply(_ step: Step, to status: DutyListStatus, rowCount: Int) throws(Refusal) -> DutyListStatus {
        switch step {
        case .submit:
            guard status.isEditable else { throw Refusal(message: "只有草稿或退回修改的版本可以提交审核（当前：\(status.label)）。") }
            guard rowCount > 0 else { throw Refusal(message: "清单还没有任何事项，不能提交审核。") }
            return .submitted
        case .approveUnit:
            guard status == .submitted else { throw Refusal(message: "只有待本单位审核的版本可以进行本单位审核（当前：\(status.label)）。") }
            return .unitApproved
        case .publish:
            guard status == .unitApproved else {
                throw Refusal(message: status == .submitted ? "须先经本单位审核，再由公开办审核发布。" : "只有待公开办审核的版本可以发布（当前：\(status.label)）。")
            }
            return .published
        case .returnForChanges(let comment):
            guard status == .submitted || status == .unitApproved else {
                throw Refusal(message: "只有待审核的版本可以退回（当前：\(status.label)）。")
            }
            guard !comment.trimmingSpaces.isEmpty else { throw Refusal(message: "退回时请写明需要修改的地方。") }
            return .returned
        }
    }
}
