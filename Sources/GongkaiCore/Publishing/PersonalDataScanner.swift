/// Finds personal data in text before it is published (DOMAIN.md §8: a list may carry only what its rule allows;
/// never ID numbers, phone numbers or bank accounts): 18-digit 居民身份证号码 whose GB 11643-1999 check digit and birth
/// date are valid (so ordinary long numbers do not trip it), mobile numbers, and bank card numbers with a card
/// issuer's prefix that pass the Luhn check. Digit runs are taken whole: a number inside a longer number is not a finding.
public enum PersonalDataScanner {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case idNumber = "id-number"
        case mobile
        case bankCard = "bank-card"

        public var label: String {
            switch self {
            case .idNumber: "居民身份证号码"
            case .mobile: "手机号码"
            case .bankCard: "银行卡号"
            }
        }
    }

    public struct Finding: Hashable, Sendable {
        public let kind: Kind
        /// Offsets in Characters of the scanned text.
        public let start: Int
        public let length: Int
        public let text: String

        /// 110***********1234, 138****5678, 6222********1234.
        public var masked: String { PersonalDataScanner.mask(text, kind: kind) }
    }

    /// Finds numbers however they are written: full-width or other Unicode digits (１３８…), Chinese numerals
    /// (一三八…), with spaces, hyphens, dots or invisible characters between the digits (138 1234-5678,
    /// 1\u{200B}3\u{200B}8…), behind +86 or 0086, and 15-digit first-generation ID numbers. A run of digits and
    /// separators is tried whole, then group by group, so two numbers written side by side are both found.
    public static func scan(_ text: String) -> [Finding] {
        var findings: [Finding] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard digitValue(chars[i]) != nil else { i += 1; continue }
            // Collect a run: digits, with at most two separators between two digits.
            var digits: [(value: Character, index: Int)] = []
            var groupStarts: [Int] = [0]
            var j = i
            var lastDigitEnd = i
            while j < chars.count {
                if let d = digitValue(chars[j]) {
                    digits.append((d, j))
                    j += 1
                    lastDigitEnd = j
                } else if digits.count == 17, isCheckX(chars[j]) {
                    digits.append(("X", j))
                    j += 1
                    lastDigitEnd = j
                } else {
                    var k = j
                    while k < chars.count, k - j < 3, isSeparator(chars[k]) { k += 1 }
                    guard k > j, k < chars.count, digitValue(chars[k]) != nil || (digits.count == 17 && isCheckX(chars[k]))
                    else { break }
                    if !(k - j == 1 && isInvisible(chars[j])) { groupStarts.append(digits.count) }
                    j = k
                }
            }
            let end = lastDigitEnd
            // A digit run glued to ASCII letters (a product code, a URL) is not personal data.
            let glued = (i > 0 && chars[i - 1].isASCII && chars[i - 1].isLetter)
                || (end < chars.count && chars[end].isASCII && chars[end].isLetter)
            if !glued {
                findings += classifyRun(digits, groupStarts: groupStarts)
            }
            i = max(end, i + 1)
        }
        return findings
    }

    /// The findings in one run of digits: the whole run, else the longest spans of whole groups that classify.
    /// No number is longer than 19 digits (a card; 0086 and a mobile make 15), so spans stop there and a long
    /// table of figures is read in linear time.
    static func classifyRun(_ digits: [(value: Character, index: Int)], groupStarts: [Int]) -> [Finding] {
        let longest = 19
        func finding(_ from: Int, _ to: Int) -> Finding? {
            let number = String(digits[from..<to].map(\.value))
            func made(_ kind: Kind, skipping prefix: Int) -> Finding {
                let first = digits[from + prefix].index
                return Finding(kind: kind, start: first, length: digits[to - 1].index - first + 1,
                               text: String(number.dropFirst(prefix)))
            }
            if let kind = classify(number) { return made(kind, skipping: 0) }
            // A mobile number behind +86 or 0086.
            for prefix in ["0086", "86"] where number.count == prefix.count + 11 && number.hasPrefix(prefix) {
                if isMobile(String(number.dropFirst(prefix.count))) { return made(.mobile, skipping: prefix.count) }
            }
            return nil
        }
        if digits.count <= longest, let whole = finding(0, digits.count) { return [whole] }
        guard groupStarts.count > 1 else { return [] }
        let bounds = groupStarts + [digits.count]
        var found: [Finding] = []
        var g = 0
        while g < bounds.count - 1 {
            var h = g + 1
            while h + 1 < bounds.count, bounds[h + 1] - bounds[g] <= longest { h += 1 }
            var next = g + 1
            while h > g {
                if !(g == 0 && h == bounds.count - 1), bounds[h] - bounds[g] <= longest, let f = finding(bounds[g], bounds[h]) {
                    found.append(f)
                    next = h
                    break
                }
                h -= 1
            }
            g = next
        }
        return found
    }

    /// The digit a character stands for: ASCII, full-width and every other Unicode decimal digit, and the Chinese
    /// numerals 〇零一二三四五六七八九 (only ever read inside a run long enough to be a number).
    static func digitValue(_ c: Character) -> Character? {
        if c.isASCII { return c.isNumber ? c : nil }
        // A zero-width joiner or similar glues itself to the digit before it into one Character: look past it.
        let visible = c.unicodeScalars.filter { !isInvisible(Character($0)) }
        guard visible.count == 1, let scalar = visible.first else { return nil }
        let c = Character(scalar)
        if scalar.properties.numericType == .decimal, let value = c.wholeNumberValue, (0...9).contains(value) {
            return Character(String(value))
        }
        switch c {
        case "〇", "零": return "0"
        case "一": return "1"
        case "二": return "2"
        case "三": return "3"
        case "四": return "4"
        case "五": return "5"
        case "六": return "6"
        case "七": return "7"
        case "八": return "8"
        case "九": return "9"
        default: return nil
        }
    }

    /// The check character that ends an 18-digit ID number, however it is written.
    static func isCheckX(_ c: Character) -> Bool {
        let visible = String(c.unicodeScalars.filter { !isInvisible(Character($0)) })
        return ["X", "x", "Ｘ", "ｘ"].contains(visible)
    }

    /// What people (or someone hiding a number) put between digits.
    static func isSeparator(_ c: Character) -> Bool {
        switch c {
        case " ", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "-", "－", "‐", "‑", "‒", "–", "—", "_", ".", "·", "．", "/", "\t":
            return true
        default:
            return isInvisible(c)
        }
    }

    /// Zero-width and other format characters, which show nothing.
    static func isInvisible(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format || $0.value == 0x00AD || $0.value == 0x034F }
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    static func classify(_ run: String) -> Kind? {
        if run.count == 18, isValidIDNumber(run) { return .idNumber }
        if run.count == 15, isValidFirstGenerationIDNumber(run) { return .idNumber }
        if run.count == 11, isMobile(run) { return .mobile }
        if isBankCardShaped(run), passesLuhn(run) { return .bankCard }
        return nil
    }

    /// The 15-digit number issued before 1999: area (6), birth date yymmdd (19yy), sequence (3); no check digit.
    public static func isValidFirstGenerationIDNumber(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count == 15, chars.allSatisfy(isDigit), let province = Int(String(chars[0..<2])),
              (11...82).contains(province),
              let yy = Int(String(chars[6..<8])), let month = Int(String(chars[8..<10])), let day = Int(String(chars[10..<12]))
        else { return false }
        return CivilDate(year: 1900 + yy, month: month, day: day) != nil
    }

    /// GB 11643-1999: 17 digits (area, birth date yyyymmdd, sequence) and a check character computed with the
    /// weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
    public static func isValidIDNumber(_ text: String) -> Bool {
        let chars = Array(text.uppercased())
        guard chars.count == 18, chars[0..<17].allSatisfy(isDigit) else { return false }
        let digits = chars[0..<17].map { Int(String($0))! }
        guard digits[0] != 0,
              let year = Int(String(chars[6..<10])), let month = Int(String(chars[10..<12])), let day = Int(String(chars[12..<14])),
              (1900...2100).contains(year), CivilDate(year: year, month: month, day: day) != nil
        else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
        return chars[17] == check[sum % 11]
    }

    /// Mainland mobile numbers: 11 digits starting 13–19.
    public static func isMobile(_ text: String) -> Bool {
        let chars = Array(text)
        return chars.count == 11 && chars.allSatisfy(isDigit) && chars[0] == "1" && "3456789".contains(chars[1])
    }

    /// Card numbers issued in China: UnionPay 62…, Visa 4…, Mastercard 5…, JCB 35… with 16–19 digits, American
    /// Express 34…/37… with 15. Other long numbers (project codes, dates run together) are not read as cards,
    /// since one in ten of them passes the Luhn check by chance.
    static func isBankCardShaped(_ run: String) -> Bool {
        guard run.allSatisfy(isDigit) else { return false }
        let head = run.prefix(2)
        if run.count == 15 { return head == "34" || head == "37" }
        guard (16...19).contains(run.count) else { return false }
        return head == "62" || head.hasPrefix("4") || head.hasPrefix("5") || head == "35"
    }

    public static func passesLuhn(_ text: String) -> Bool {
        var sum = 0
        for (index, c) in text.reversed().enumerated() {
            guard var d = c.wholeNumberValue else { return false }
            if index % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// Keeps what local practice shows (first 3 and last 4 of an ID number, first 3 and last 4 of a mobile, first
    /// 4 and last 4 of a card) and stars the rest.
    public static func mask(_ text: String, kind: Kind) -> String {
        let (keepStart, keepEnd): (Int, Int) = switch kind {
        case .idNumber: (3, 4)
        case .mobile: (3, 4)
        case .bankCard: (4, 4)
        }
        let chars = Array(text)
        guard chars.count > keepStart + keepEnd else { return String(repeating: "*", count: chars.count) }
        return String(chars[..<keepStart]) + String(repeating: "*", count: chars.count - keepStart - keepEnd) + String(chars[(chars.count - keepEnd)...])
    }

    /// An e-mail address as shown where the whole address is not needed (subscription lists, the audit log):
    /// zh***@example.com.
    public static func maskEmail(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@") else { return mask(address, kind: .mobile) }
        let local = address[..<at]
        return String(local.prefix(local.count > 3 ? 2 : 1)) + "***" + address[at...]
    }

    /// The text with every finding masked ("one click" masking).
    public static func masked(_ text: String) -> String {
        var chars = Array(text)
        for finding in scan(text).reversed() {
            chars.replaceSubrange(finding.start..<(finding.start + finding.length), with: Array(finding.masked))
        }
        return String(chars)
    }
}
