/// A unit's code for the 索引号: the 统一社会信用代码 (GB 32100-2015, 18 characters) every organ, institution and
/// village committee now holds, or the older 组织机构代码 (GB 11714, 9 characters) some registers still list.
/// Both end in a check character, so a mistyped code is caught when it is entered, not years later in an index.
public enum CreditCode {
    /// The 31 characters GB 32100 uses (no I, O, S, V, Z), in the order that gives each its value.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Upper case, without the spaces and the hyphen of the old printed form (`01527000-X`).
    public static func normalised(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " && $0 != "-" && $0 != "　" })
    }

    /// What is wrong with a code as typed, in the words a clerk needs to fix it; nil when it is a valid code.
    public static func problem(_ text: String) -> String? {
        let code = Array(normalised(text))
        switch code.count {
        case 18:
            if let bad = code.first(where: { !alphabet.contains($0) }) {
                return "统一社会信用代码不能含有“\(bad)”：只用数字和除 I、O、S、V、Z 以外的大写字母。"
            }
            if !code[2..<8].allSatisfy(\.isASCIIDigit) {
                return "统一社会信用代码第3至8位是行政区划代码，应为6位数字，现为“\(String(code[2..<8]))”。"
            }
            let expected = creditCheck(code[0..<17])
            if code[17] != expected {
                return "统一社会信用代码校验位不符：按前17位计算，第18位应为“\(expected)”，现为“\(code[17])”。请核对是否抄错。"
            }
            return nil
        case 9:
            guard code[0..<8].allSatisfy({ $0.isASCIIDigit || ($0.isASCII && $0.isUppercase) }) else {
                return "组织机构代码前8位只能是数字或大写字母。"
            }
            let expected = organisationCheck(code[0..<8])
            if code[8] != expected {
                return "组织机构代码校验位不符：按前8位计算，第9位应为“\(expected)”，现为“\(code[8])”。请核对是否抄错。"
            }
            return nil
        default:
            return "应为18位统一社会信用代码（或9位组织机构代码），现为\(code.count)位。"
        }
    }

    /// Builds a valid 统一社会信用代码 from its parts (the demo's plausible codes, and tests): a 2-character
    /// registration kind (11 机关, 12 事业单位, 54 村委会, 91 企业), the 6-digit 行政区划代码 and an 8-character body;
    /// both check characters are computed.
    public static func make(kind: String, region: String, body: String) -> String {
        let organisation = Array(body.uppercased())
        let head = Array(kind + region) + organisation + [organisationCheck(organisation[...])]
        return String(head + [creditCheck(head[...])])
    }

    static func creditCheck(_ head: ArraySlice<Character>) -> Character {
        let sum = zip(head, weights).reduce(0) { $0 + (alphabet.firstIndex(of: $1.0) ?? 0) * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    static func organisationCheck(_ head: ArraySlice<Character>) -> Character {
        let sum = zip(head, organisationWeights).reduce(0) { total, pair in
            let value = pair.0.wholeNumberValue ?? (Int(pair.0.asciiValue ?? 55) - 55)
            return total + value * pair.1
        }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let digit: return Character(String(digit))
        }
    }
}
