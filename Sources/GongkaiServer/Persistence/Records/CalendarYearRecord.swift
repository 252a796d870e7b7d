import Fluent
import Foundation

/// One version of one year's holiday arrangement, entered by an admin (form, upload or command line). The
/// bundled 2020–2026 notices are not rows: a row for a year replaces the bundled data for that year.
final class CalendarYearRecord: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    enum Source: String {
        case form, upload, restore, commandLine = "command-line"

        var label: String {
            switch self {
            case .form: "后台表单"
            case .upload: "后台上传文件"
            case .restore: "恢复历史版本"
            case .commandLine: "命令行导入"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "notice_number") var noticeNumber: String
    /// The year in `HolidayNoticeFile` format.
    @Field(key: "definition_csv") var definitionCSV: String
    @Field(key: "source") var source: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by_user_id") var createdByUserID: UUID?
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    init() {}

    var sourceLabel: String { Source(rawValue: source)?.label ?? source }
}
