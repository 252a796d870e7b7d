import Foundation

/// The check run before anything is published (DOMAIN.md §8): personal data and the site's 错敏词 in the title,
/// the body and the text of docx/xlsx attachments. Findings block publishing unless a reviewer overrides them with
/// a written reason (recorded in the audit trail).
public struct ContentSafetyFinding: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case personal(PersonalDataScanner.Kind)
        case sensitiveWord
        /// An attachment whose text cannot be read here (PDF, OFD, images, .doc/.xls/.wps, archives): nobody has
        /// checked it, so it takes a reviewer's recorded decision like any other finding.
        case unreadable
    }

    public let kind: Kind
    /// Where: 标题, 正文, or 附件“…”.
    public let place: String
    public let text: String
    /// What is shown instead of the text itself (personal data is never echoed whole).
    public let shown: String
    /// A few characters either side, masked.
    public let context: String

    public var label: String {
        switch kind {
        case .personal(let k): k.label
        case .sensitiveWord: "错敏词"
        case .unreadable: "无法自动检查的附件"
        }
    }

    /// Masking can fix it in place (title and body); an attachment must be replaced.
    public var maskable: Bool {
        if case .personal = kind, place == ContentSafety.titlePlace || place == ContentSafety.bodyPlace { return true }
        return false
    }
}

public enum ContentSafety {
    public static let titlePlace = "标题"
    public static let bodyPlace = "正文"

    public static func attachmentPlace(_ name: String) -> String { "附件“\(name)”" }

    /// The finding for an attachment whose text could not be read.
    public static func unreadable(fileName: String) -> ContentSafetyFinding {
        ContentSafetyFinding(kind: .unreadable, place: attachmentPlace(fileName), text: fileName,
                             shown: "无法读取其中的文字，未能检查个人信息",
                             context: "请打开附件逐页核对没有身份证号码、手机号码、银行卡号等个人信息，再由审核人员写明核对情况后发布")
    }

    /// Checks each (place, text) in order.
    public static func check(_ parts: [(place: String, text: String)], words: SensitiveWords) -> [ContentSafetyFinding] {
        var findings: [ContentSafetyFinding] = []
        for part in parts {
            let chars = Array(part.text)
            func context(_ start: Int, _ length: Int) -> String {
                let from = max(0, start - 8), to = min(chars.count, start + length + 8)
                let snippet = String(chars[from..<to]).replacingOccurrences(of: "\n", with: " ")
                return (from > 0 ? "…" : "") + PersonalDataScanner.masked(snippet) + (to < chars.count ? "…" : "")
            }
            for finding in PersonalDataScanner.scan(part.text) {
                findings.append(ContentSafetyFinding(kind: .personal(finding.kind), place: part.place, text: finding.text,
                                                     shown: finding.masked, context: context(finding.start, finding.length)))
            }
            for match in words.matches(in: part.text) {
                findings.append(ContentSafetyFinding(kind: .sensitiveWord, place: part.place, text: match.word, shown: match.word,
                                                     context: context(match.start, match.word.count)))
            }
        }
        return findings
    }

    /// A one-line summary for the audit trail ("正文：居民身份证号码 1处；标题：错敏词 1处").
    public static func summary(_ findings: [ContentSafetyFinding]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for f in findings {
            let key = "\(f.place)：\(f.label)"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        return order.map { "\($0) \(counts[$0]!)处" }.joined(separator: "；")
    }
}
