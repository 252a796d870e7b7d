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

    public static func scan(_ text: String) -> [Finding] {
        var findings: [Finding] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]) else { i += 1; continue }
            var j = i
            while j < chars.count, isDigit(chars[j]) { j += 1 }
            // An ID number may end in X.
            var end = j
            if j - i == 17, j < chars.count, chars[j] == "X" || chars[j] == "x" { end = j + 1 }
            // A digit run glued to letters (a product code, a URL) is not personal data.
            let glued = (i > 0 && chars[i - 1].isASCII && chars[i - 1].isLetter) || (end < chars.count && chars[end].isASCII && chars[end].isLetter)
            let run = String(chars[i..<end])
            if !glued, let kind = classify(run) {
                findings.append(Finding(kind: kind, start: i, length: end - i, text: run))
            }
            i = end
        }
        return findings
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    static func classify(_ run: String) -> Kind? {
        if run.count == 18, isValidIDNumber(run) { return .idNumber }
        if run.count == 11, isMobile(run) { return .mobile }
        if isBankCardShaped(run), passesLuhn(run) { return .bankCard }
        return nil
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
