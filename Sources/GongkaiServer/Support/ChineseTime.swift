import Foundation
import GongkaiCore

/// Dates and times as Chinese government pages write them, always in China Standard Time.
package enum ChineseTime {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = zone
        f.dateFormat = format
        return f
    }

    static func clock(_ date: Date) -> String { formatter("HH:mm").string(from: date) }
    static func dateTime(_ date: Date) -> String { formatter("yyyy-MM-dd HH:mm:ss").string(from: date) }
    static func date(_ date: Date) -> String { formatter("yyyy-MM-dd").string(from: date) }
    /// Today's date in China, for deadlines.
    package static func today(_ now: Date) -> CivilDate { CivilDate(date(now))! }

    /// Parses `yyyy-MM-dd` as the start of that day in China.
    static func parseDay(_ text: String) -> Date? {
        formatter("yyyy-MM-dd").date(from: text)
    }
}
