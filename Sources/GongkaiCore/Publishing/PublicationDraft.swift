import Foundation

/// What an editor fills in for a government information record, checked field by field. The clock of the
/// catalog's 公开时限 starts from 形成日期 (条例 第二十六条: 自该政府信息形成或者变更之日起), so a record that fulfils a
/// catalog entry needs it.
public struct PublicationDraft: Hashable, Sendable {
    public var kind: PublicationKind
    public var title: String
    public var documentNumber: String
    public var theme: String
    /// 成文日期
    public var writtenOn: String
    /// 形成或变更日期
    public var formedOn: String
    public var validity: String
    public var validityDate: String
    public var repealedBy: String
    public var determination: DisclosureDetermination
    public var body: String
    public var channels: [DisclosureChannel]
    public var channelsOther: String
    /// What changed, for a new version of a published record.
    public var changeNote: String

    public init(kind: PublicationKind = .document, title: String = "", documentNumber: String = "", theme: String = "综合政务",
                writtenOn: String = "", formedOn: String = "", validity: String = "valid", validityDate: String = "",
                repealedBy: String = "", determination: DisclosureDetermination = DisclosureDetermination(attribute: .proactive),
                body: String = "", channels: [DisclosureChannel] = [.governmentWebsite], channelsOther: String = "",
                changeNote: String = "") {
        self.kind = kind
        self.title = title
        self.documentNumber = documentNumber
        self.theme = theme
        self.writtenOn = writtenOn
        self.formedOn = formedOn
        self.validity = validity
        self.validityDate = validityDate
        self.repealedBy = repealedBy
        self.determination = determination
        self.body = body
        self.channels = channels
        self.channelsOther = channelsOther
        self.changeNote = changeNote
    }

    /// The draft as it will be stored: 文号 in its standard form, body sanitised, dates as ISO.
    public struct Checked: Hashable, Sendable {
        public let draft: PublicationDraft
        public let documentNumber: String
        public let writtenOn: CivilDate?
        public let formedOn: CivilDate?
        public let validity: Validity
        public let body: RichText
    }

    /// - Parameters:
    ///   - linkedToEntries: the record fulfils catalog entries (形成日期 is then required).
    ///   - isRevision: a new version of a published record (a change note is then required).
    public func check(today: CivilDate, linkedToEntries: Bool, isRevision: Bool) -> Result<Checked, ValidationErrors> {
        var errors = ValidationErrors()
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.add("title", "请填写标题。") }
        if title.count > 200 { errors.add("title", "标题最多200字（现有\(title.count)字）。") }
        var number = ""
        switch DocumentNumber.validate(documentNumber) {
        case .success(let parsed): number = parsed?.description ?? ""
        case .failure(let e): errors.add("documentNumber", e.summary)
        }
        if !ThemeCategory.all.contains(theme) { errors.add("theme", "请选择主题分类。") }
        func date(_ text: String, field: String, name: String, required: Bool) -> CivilDate? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if required { errors.add(field, "请填写\(name)，格式如 2020-09-21。") }
                return nil
            }
            guard let day = CivilDate(trimmed) else {
                errors.add(field, "\(name)应写成 2020-09-21 这样的日期（读到：“\(trimmed)”）。")
                return nil
            }
            if day > today { errors.add(field, "\(name)不能晚于今天（\(today.description)）。") }
            return day
        }
        let written = date(writtenOn, field: "writtenOn", name: "成文日期", required: false)
        let formed = date(formedOn, field: "formedOn", name: "形成或变更日期", required: linkedToEntries)
        if let written, let formed, formed < written {
            errors.add("formedOn", "形成或变更日期不能早于成文日期（\(written.description)）。")
        }
        var validity = Validity.valid
        switch Validity.from(status: self.validity, date: validityDate, repealedBy: repealedBy, publishedOn: nil) {
        case .success(let v): validity = v
        case .failure(let e): for p in e.problems { errors.add(p.field, p.message) }
        }
        for p in determination.validate().problems { errors.add(p.field, p.message) }
        let body = RichText.sanitize(self.body)
        if body.text.count > 200_000 { errors.add("body", "正文最多20万字（现有\(body.text.count)字），较长的内容请作为附件上传。") }
        if body.text.isEmpty && kind == .interpretation { errors.add("body", "政策解读请填写解读内容。") }
        if channels.isEmpty && channelsOther.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add("channels", "请至少选择一个公开渠道。")
        }
        if isRevision && changeNote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add("changeNote", "修改已发布的信息时，请说明修改了什么（将显示在历史版本中）。")
        }
        guard errors.isEmpty else { return .failure(errors) }
        var cleaned = self
        cleaned.title = title
        return .success(Checked(draft: cleaned, documentNumber: number, writtenOn: written, formedOn: formed, validity: validity, body: body))
    }
}
