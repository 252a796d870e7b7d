/// What the handling unit records of a 行政复议 or 行政诉讼 against its handling of an application (table 四):
/// when it was brought, and later its result. The dates are checked here so that the page, the command line and
/// any later API give the same answer.
public enum AppealRecording {
    /// A case brought on `filedOn` (as typed) against an application received on `received`.
    public static func checkFiling(kind: String?, filedOn: String?, received: CivilDate?, today: CivilDate) -> Result<(TableFour.Kind, CivilDate), ValidationErrors> {
        var errors = ValidationErrors()
        let kind = TableFour.Kind(rawValue: kind ?? "")
        if kind == nil { errors.add("kind", "请选择行政复议或行政诉讼。") }
        let filed = CivilDate(filedOn ?? "")
        if let filed, filed <= today {
            if let received, filed < received { errors.add("filedOn", "提出日期（\(filed)）早于收到申请之日（\(received)）。") }
        } else {
            errors.add("filedOn", "请填写提出复议或诉讼的日期（不晚于今天），如 2026-11-23（读到：“\(filedOn ?? "")”）。")
        }
        guard errors.isEmpty, let kind, let filed else { return .failure(errors) }
        return .success((kind, filed))
    }

    /// The result of a case brought on `filed`: a decided one needs the day it was decided, between then and today.
    public static func checkResult(result: String?, decidedOn: String?, filed: CivilDate?, today: CivilDate) -> Result<(TableFour.Result, CivilDate?), ValidationErrors> {
        guard let result = TableFour.Result(rawValue: result ?? "") else { return .failure(ValidationErrors(field: "result", message: "请选择结果。")) }
        if result == .pending { return .success((result, nil)) }
        guard let decided = CivilDate(decidedOn ?? ""), decided <= today, filed.map({ decided >= $0 }) ?? true else {
            let from = filed.map { "不早于提出日期\($0)，" } ?? ""
            return .failure(ValidationErrors(field: "decidedOn", message: "已审结的，请填写审结日期（\(from)不晚于今天）。"))
        }
        return .success((result, decided))
    }
}
