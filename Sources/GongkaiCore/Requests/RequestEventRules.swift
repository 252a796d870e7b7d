import Foundation

/// One event of a case as typed (in the back office's form or through the API), before it is checked.
public struct RequestEventDraft: Sendable, Equatable {
    public var kind: String?
    public var on: String?
    public var days: Int?
    public var until: String?
    public var outcome: String?
    public var text: String?
    public var feeMethod: String?
    public var feeCount: Int?
    /// replied: the 索引号 of the published record the information is in (已主动公开).
    public var publication: String?
    /// transferred: the unit that takes the case over.
    public var transferTo: String?
    /// How many files come with it.
    public var files = 0

    public init(kind: String? = nil, on: String? = nil, days: Int? = nil, until: String? = nil, outcome: String? = nil, text: String? = nil,
                feeMethod: String? = nil, feeCount: Int? = nil, publication: String? = nil, transferTo: String? = nil, files: Int = 0) {
        self.kind = kind
        self.on = on
        self.days = days
        self.until = until
        self.outcome = outcome
        self.text = text
        self.feeMethod = feeMethod
        self.feeCount = feeCount
        self.publication = publication
        self.transferTo = transferTo
        self.files = files
    }

    public var eventKind: RequestEvent.Kind? { RequestEvent.Kind(rawValue: kind ?? "") }
    public var method: ProcessingFee.Method? { ProcessingFee.Method(rawValue: feeMethod ?? "") }
    public var publicationIndex: String { (publication ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// What the checks need to know from outside the draft, looked up by the caller first.
public struct RequestEventFacts: Sendable, Equatable {
    /// feeNoticed: the fee worked out from the tiers for the method and count typed (never an amount as typed).
    public var fee: (amount: Int, lines: [String])?
    /// replied with a 索引号: whether a published record has it.
    public var publicationFound = false
    /// transferred: the name of the unit chosen, when it is another unit of the same site.
    public var transferUnitName: String?
    /// delivered without a text: how the information was provided (from the application).
    public var provision = ""

    public init(fee: (amount: Int, lines: [String])? = nil, publicationFound: Bool = false, transferUnitName: String? = nil, provision: String = "") {
        self.fee = fee
        self.publicationFound = publicationFound
        self.transferUnitName = transferUnitName
        self.provision = provision
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.fee?.amount == b.fee?.amount && a.fee?.lines == b.fee?.lines && a.publicationFound == b.publicationFound
            && a.transferUnitName == b.transferUnitName && a.provision == b.provision
    }
}

/// The legal checks of one event, field by field (条例第三十条 补正, 第三十三条 延期, 第四十二条 收费, 转办, 答复):
/// every problem is tied to its field. Whether the event fits the case's history is `RequestTimeline`'s question.
public enum RequestEventRules {
    public static func check(_ d: RequestEventDraft, today: CivilDate, facts: RequestEventFacts) -> Result<RequestEvent, ValidationErrors> {
        var errors = ValidationErrors()
        let kind = d.eventKind
        let on = CivilDate(d.on ?? "")
        if kind == nil { errors.add("kind", "请选择办理事项（读到：“\(d.kind ?? "")”）。") }
        if on == nil { errors.add("on", "请填写日期，如 2026-11-23（读到：“\(d.on ?? "")”）。") }
        if let on, on > today { errors.add("on", "日期不能晚于今天（\(today)）。") }
        let until = (d.until ?? "").isEmpty ? nil : CivilDate(d.until ?? "")
        if !(d.until ?? "").isEmpty && until == nil { errors.add("until", "日期格式应为 2026-11-23（读到：“\(d.until ?? "")”）。") }
        let outcome = RequestOutcome(rawValue: d.outcome ?? "")
        var text = (d.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var amount: Int?
        switch kind {
        case .correctionRequested?:
            if text.isEmpty { errors.add("text", "请一次性写明需要补正的事项（条例第三十条）。") }
            if until == nil { errors.add("until", "请给出合理的补正期限。") } else if let until, let on, until <= on { errors.add("until", "补正期限应晚于告知日期。") }
        case .extended?:
            if text.isEmpty { errors.add("text", "请写明延长的理由和同意的负责人。") }
            if d.days == nil { errors.add("days", "请填写延长的工作日数（最长20个）。") }
        case .replyDelayed?:
            if until == nil { errors.add("until", "请填写确定的延迟答复日期。") }
        case .feeNoticed?:
            let count = d.feeCount ?? 0
            if d.method == nil { errors.add("feeMethod", "请选择按件计收或按量计收（只能选一种，条例第三条）。") }
            if count <= 0 { errors.add("feeCount", "请填写本申请的件数或页数。") }
            if let method = d.method, count > 0, let fee = facts.fee {
                if fee.amount == 0 {
                    errors.add("feeCount", "按\(method == .byPiece ? "件" : "量")计算不需收费（\(fee.lines.joined(separator: "；"))），不发收费通知。")
                }
                amount = fee.amount
                text = "\(method.label)：" + fee.lines.joined(separator: "；") + "；合计\(fee.amount)元"
            }
        case .replied?:
            if outcome == nil { errors.add("outcome", "请选择办理结果（与年度报告表三的分类一致）。") }
            if !d.publicationIndex.isEmpty && !facts.publicationFound {
                errors.add("publication", "没有已发布的、索引号为“\(d.publicationIndex)”的信息。")
            }
            if let outcome, !outcome.releasesInformation, d.files > 0 { errors.add("files", "“\(outcome.shortName)”不向申请人提供信息，不能附文件。") }
        case .transferred?:
            if let name = facts.transferUnitName {
                text = name + (text.isEmpty ? "" : "；" + text)
            } else {
                errors.add("transferTo", "请选择本站点内、负责该信息的另一个单位。")
            }
        case .delivered?:
            if text.isEmpty { text = facts.provision }
        case .note?:
            if text.isEmpty { errors.add("text", "请填写备注内容。") }
        default: break
        }
        if kind != .replied && d.files > 0 { errors.add("files", "只有答复时可以附上提供给申请人的文件。") }
        if d.files > 20 { errors.add("files", "每次最多20个文件。") }
        guard errors.isEmpty, let kind, let on else { return .failure(errors) }
        return .success(RequestEvent(kind, on: on, days: kind == .extended ? d.days : nil, until: until, outcome: kind == .replied ? outcome : nil,
                                     amount: amount, text: text))
    }
}
