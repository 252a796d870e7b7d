/// Deadlines written as dates in work plans: "2020年9月底前", "2020年\n9月底", "2020年10月底前", "2020年12月31日前",
/// "2020年底前". The trailing 前 does not change the date: "9月底前" means done by 2020-09-30.
public enum DeadlineText {
    public static func date(_ text: String) -> CivilDate? {
        let compact = ChineseNumerals.halfWidthDigits(text).filter { !$0.isWhitespace && $0 != "\u{3000}" }
        var rest = Substring(compact)
        for suffix in ["以前", "之前", "前"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        if rest.hasSuffix("完成") { rest = rest.dropLast(2) }
        guard let yearEnd = rest.firstIndex(of: "年"), let year = Int(rest[..<yearEnd]), (1000...9999).contains(year)
        else { return nil }
        var tail = rest[rest.index(after: yearEnd)...]
        if tail == "底" || tail == "年底" { return CivilDate.lastDay(ofYear: year, month: 12) }
        guard let monthEnd = tail.firstIndex(of: "月"), let month = monthNumber(tail[..<monthEnd]), (1...12).contains(month)
        else { return nil }
        tail = tail[tail.index(after: monthEnd)...]
        if tail == "底" || tail == "末" || tail == "月底" { return CivilDate.lastDay(ofYear: year, month: month) }
        if tail.hasSuffix("日") || tail.hasSuffix("号"), let day = Int(tail.dropLast()) {
            return CivilDate(year: year, month: month, day: day)
        }
        return nil
    }

    private static func monthNumber(_ text: Substring) -> Int? {
        ChineseNumerals.value(String(text))
    }
}
