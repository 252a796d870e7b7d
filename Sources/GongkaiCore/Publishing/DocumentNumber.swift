/// 发文字号 (文号) as GB/T 9704-2012 writes it: 发文机关代字, the year in 六角括号 〔〕, the sequence and 号 —
/// 湖府办发〔2020〕12号, 国发〔2012〕45号. People type the year in other brackets ([2020], (2020), （2020）, 【2020】);
/// those are read, and the standard form offered ("您是不是要找").
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible {
    public let issuer: String
    public let year: Int
    public let sequence: Int

    public init(issuer: String, year: Int, sequence: Int) {
        self.issuer = issuer
        self.year = year
        self.sequence = sequence
    }

    /// 湖府办发〔2020〕12号
    public var description: String { "\(issuer)〔\(year)〕\(sequence)号" }

    public static let openers: Set<Character> = ["〔", "[", "(", "（", "【", "［", "{"]
    public static let closers: Set<Character> = ["〕", "]", ")", "）", "】", "］", "}"]

    /// Reads a 文号 in any of the usual brackets; nil when it is not one.
    public static func parse(_ text: String) -> DocumentNumber? {
        let chars = Array(ChineseNumerals.halfWidthDigits(PlanText.compact(text)))
        guard let open = chars.firstIndex(where: { openers.contains($0) }), open > 0,
              let close = chars[open...].firstIndex(where: { closers.contains($0) }), close == open + 5,
              let year = Int(String(chars[(open + 1)..<close])), (1949...2100).contains(year)
        else { return nil }
        var rest = chars[(close + 1)...]
        if rest.last == "号" { rest = rest.dropLast() }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let sequence = Int(String(rest)), sequence > 0 else { return nil }
        let issuer = String(chars[..<open])
        guard issuer.allSatisfy({ !$0.isNumber }) else { return nil }
        return DocumentNumber(issuer: issuer, year: year, sequence: sequence)
    }

    /// Checks a 文号 as entered on a record: empty is allowed (many items have none); otherwise it must read,
    /// and it is stored in the standard form.
    public static func validate(_ text: String) -> Result<DocumentNumber?, ValidationErrors> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .success(nil) }
        guard let number = parse(trimmed) else {
            return .failure(ValidationErrors(field: "documentNumber",
                                             message: "文号应写成“发文机关代字〔年份〕序号号”，如“湖府办发〔2020〕12号”（读到：“\(trimmed)”）。"))
        }
        return .success(number)
    }

    /// For search: the standard form when the typed text is a 文号 written differently, else nil.
    public static func suggestion(for query: String) -> String? {
        guard let number = parse(query) else { return nil }
        return number.description == PlanText.compact(query) ? nil : number.description
    }
}

import Foundation
