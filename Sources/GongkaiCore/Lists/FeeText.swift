import Foundation

/// 收费 as a guide or a 清单 must write it: a standard with its basis, or "不收费" written out. Local rules (德州's
/// 办事指南 范本: "不收费：统一按“不收费”填写，不准填“无”，不准空缺") refuse "无" and blanks, because a reader
/// cannot tell "no fee" from "not filled in".
public enum FeeText {
    /// What people write for "no fee" that is accepted and shown as "不收费".
    static let noFee: Set<String> = ["不收费", "免费", "免收费用", "不收取费用", "不收取任何费用"]
    /// What is refused: it does not say whether a fee is charged.
    static let vague: Set<String> = ["无", "没有", "/", "／", "-", "—", "——", "无。", "暂无", "不详", "空"]

    /// The text as stored ("免费" → "不收费"), or the problem in Chinese.
    public static func check(_ written: String) -> Result<String, FeeProblem> {
        let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(FeeProblem(message: "收费不能空缺：不收费的请写“不收费”，收费的请写明标准和依据。")) }
        if vague.contains(text) { return .failure(FeeProblem(message: "收费不能写“\(text)”：不收费的请写“不收费”，收费的请写明标准和依据。")) }
        if noFee.contains(text) { return .success("不收费") }
        return .success(text)
    }

    public struct FeeProblem: Error, Equatable, Sendable {
        public let message: String
    }
}
