/// How a site writes its 索引号. Provinces prescribe different shapes (DOMAIN.md leaves the national format
/// unconfirmed), so the county office sets the pattern once; every number keeps the shape it was issued in.
/// The three placeholders are required together: with the unit's code, the year and the sequence, no two
/// records can ever share a number.
public struct IndexNumberPattern: Equatable, Sendable {
    public static let code = "{机构代码}"
    public static let year = "{年份}"
    public static let sequence = "{序号}"
    /// `11360429MB1234567X/2026-00002`: the shape most county platforms use.
    public static let standard = IndexNumberPattern(unchecked: "\(code)/\(year)-\(sequence)")

    public let text: String

    init(unchecked text: String) { self.text = text }

    /// The pattern as typed, or every problem with it; an empty text means the standard pattern.
    public static func parse(_ typed: String) -> Result<IndexNumberPattern, ValidationErrors> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .success(standard) }
        var errors = ValidationErrors()
        for placeholder in [code, year, sequence] {
            let count = text.components(separatedBy: placeholder).count - 1
            if count != 1 {
                errors.add("indexPattern", count == 0
                    ? "索引号格式缺少“\(placeholder)”：机构代码、年份和序号三者都要有，索引号才不会重复。"
                    : "索引号格式中“\(placeholder)”出现了\(count)次，只能出现一次。")
            }
        }
        let rest = [code, year, sequence].reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        if let bad = rest.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "/-_.".contains($0))) }) {
            errors.add("indexPattern", "索引号格式中的“\(bad)”不宜使用：占位符以外只用字母、数字和 / - _ . 分隔。")
        }
        if text.count > 40 { errors.add("indexPattern", "索引号格式不能超过40个字符。") }
        return errors.isEmpty ? .success(IndexNumberPattern(unchecked: text)) : .failure(errors)
    }

    /// The stored pattern of a site ("" for the standard one); a pattern that no longer parses falls back to the standard.
    public init(stored: String) {
        self = (try? Self.parse(stored).get()) ?? Self.standard
    }

    public func render(_ number: IndexNumber) -> String {
        let digits = String(number.sequence)
        return text.replacingOccurrences(of: Self.code, with: number.unitCode)
            .replacingOccurrences(of: Self.year, with: String(number.year))
            .replacingOccurrences(of: Self.sequence, with: String(repeating: "0", count: max(0, 5 - digits.count)) + digits)
    }
}
