/// Numbers as Chinese officials write them in catalogs: 20, ２０ (full-width), 二十, 十五, 两.
public enum ChineseNumerals {
    private static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

    /// Full-width digits ０–９ become ASCII digits; everything else is kept.
    public static func halfWidthDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! : scalar
        }))
    }

    public static func isNumeral(_ c: Character) -> Bool {
        c.isASCII && c.isNumber || digits[c] != nil || units[c] != nil
    }

    /// The value of a run of ASCII digits or of Chinese numerals (一百二十, 二十, 十五, 三〇); `nil` otherwise.
    public static func value(_ text: String) -> Int? {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        guard !text.isEmpty, text.allSatisfy({ digits[$0] != nil || units[$0] != nil }) else { return nil }
        if !text.contains(where: { units[$0] != nil }) {
            // 二〇 style: digit by digit
            return text.reduce(0) { $0 * 10 + digits[$1]! }
        }
        var total = 0
        var pending: Int?
        for c in text {
            if let d = digits[c] {
                guard pending == nil else { return nil }
                pending = d
            } else if let u = units[c] {
                total += (pending ?? 1) * u
                pending = nil
            }
        }
        return total + (pending ?? 0)
    }
}
