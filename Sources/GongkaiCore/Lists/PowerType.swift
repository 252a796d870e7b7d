/// 职权类型: the ten kinds of administrative power a 权责清单 lists (中办发〔2015〕21号 and the 2018 opinion of
/// 中央编办 and 国务院法制办: "行政处罚、行政许可、行政给付、行政裁决、行政确认、行政强制、行政征收、行政奖励、
/// 行政检查、其他行政权力").
public enum PowerType: String, CaseIterable, Sendable, Codable {
    case licensing
    case penalty
    case coercion
    case levy
    case benefit
    case inspection
    case confirmation
    case reward
    case adjudication
    case other

    public var label: String {
        switch self {
        case .licensing: "行政许可"
        case .penalty: "行政处罚"
        case .coercion: "行政强制"
        case .levy: "行政征收"
        case .benefit: "行政给付"
        case .inspection: "行政检查"
        case .confirmation: "行政确认"
        case .reward: "行政奖励"
        case .adjudication: "行政裁决"
        case .other: "其他行政权力"
        }
    }

    /// The type as a county wrote it: the ten names, and the older local names some lists still use
    /// (行政审批 for 行政许可, 行政监督 for 行政检查, 其他职权 / 其他权力 for 其他行政权力). `nil` for anything else.
    public init?(written: String) {
        let text = written.filter { !$0.isWhitespace }
        if let exact = Self.allCases.first(where: { $0.label == text }) {
            self = exact
            return
        }
        switch text {
        case "行政审批", "许可": self = .licensing
        case "行政监督", "检查": self = .inspection
        case "处罚": self = .penalty
        case "强制": self = .coercion
        case "征收": self = .levy
        case "给付": self = .benefit
        case "确认": self = .confirmation
        case "奖励": self = .reward
        case "裁决": self = .adjudication
        case "其他", "其他职权", "其他权力", "其他行政职权": self = .other
        default: return nil
        }
    }

    /// The names accepted on import, for the message that says what was expected.
    public static var expected: String { allCases.map(\.label).joined(separator: "、") }
}
