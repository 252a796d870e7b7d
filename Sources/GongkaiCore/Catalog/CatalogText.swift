/// Splitting the free-text cells of a catalog into lists, without losing the text itself.
public enum CatalogText {
    /// A reference in 公开依据: a title in 《》 with the document number that follows it, or a bare number.
    public struct Reference: Equatable, Sendable {
        public var title: String?
        public var documentNumber: String?
    }

    /// "办理事项、办理条件、最低生活保障标准、申请材料…等" → the elements, without a trailing 等 or 。.
    public static func elements(_ text: String) -> [String] {
        text.split(whereSeparator: { "、，,；;\n".contains($0) }).compactMap { piece in
            var item = String(piece).trimmingSpaces.trimmingCharacters(of: "。.")
            for prefix in ["●", "•", "·", "-"] where item.hasPrefix(prefix) { item.removeFirst(prefix.count) }
            item = item.trimmingSpaces
            if item.hasSuffix("等") && item.count > 2 { item.removeLast() }
            return item.isEmpty ? nil : item
        }
    }

    /// 《国务院关于进一步加强和改进最低生活保障工作的意见》(国发〔2012〕45号) → title + number; bare numbers such as
    /// 财办发〔2019〕77号 too. Tags like 【法律】 and list marks (●, 1.) are ignored.
    public static func references(_ text: String) -> [Reference] {
        var result: [Reference] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "《", let close = chars[i...].firstIndex(of: "》") {
                let title = String(chars[(i + 1)..<close])
                var j = close + 1
                while j < chars.count, " （(".contains(chars[j]) { j += 1 }
                if let (number, end) = documentNumber(chars, at: j) {
                    result.append(Reference(title: title, documentNumber: number))
                    i = end
                } else {
                    result.append(Reference(title: title, documentNumber: nil))
                    i = close + 1
                }
                continue
            }
            if chars[i] == "〔" || chars[i] == "[" || chars[i] == "［" {
                // A bare number: walk back to the start of its issuer (Chinese characters before the bracket).
                var start = i
                while start > 0, isIssuerCharacter(chars[start - 1]) { start -= 1 }
                if start < i, let (number, end) = documentNumber(chars, at: start) {
                    result.append(Reference(title: nil, documentNumber: number))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return result
    }

    /// "县级政府民政部门、各乡（镇）场" → ["县级政府民政部门", "各乡（镇）场"]; separators inside （） are kept.
    public static func bodies(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "（" || c == "(" { depth += 1 }
            if c == "）" || c == ")" { depth = max(0, depth - 1) }
            if depth == 0, "、，,；;\n".contains(c) {
                let item = current.trimmingSpaces
                if !item.isEmpty { parts.append(item) }
                current = ""
            } else {
                current.append(c)
            }
        }
        let item = current.trimmingSpaces
        if !item.isEmpty { parts.append(item) }
        return parts
    }

    private static func isIssuerCharacter(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first else { return false }
        return (0x4E00...0x9FFF).contains(scalar.value)
    }

    /// `国发〔2012〕45号` starting at `index`: issuer characters, a bracketed year, digits, 号.
    static func documentNumber(_ chars: [Character], at index: Int) -> (String, Int)? {
        var j = index
        while j < chars.count, isIssuerCharacter(chars[j]) { j += 1 }
        guard j > index, j < chars.count, "〔[［(（".contains(chars[j]) else { return nil }
        let issuer = String(chars[index..<j])
        j += 1
        var year = ""
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { year.append(chars[j]); j += 1 }
        guard year.count == 4, j < chars.count, "〕]］)）".contains(chars[j]) else { return nil }
        j += 1
        var serial = ""
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { serial.append(chars[j]); j += 1 }
        guard !serial.isEmpty, j < chars.count, chars[j] == "号" else { return nil }
        return ("\(issuer)〔\(year)〕\(serial)号", j + 1)
    }
}
