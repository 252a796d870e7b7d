import Foundation

/// One row of a 权责清单 or 公共服务清单, as the unit wrote it. A 权责 row uses 职权类型, 子项, 责任事项 and
/// 追责情形; a 公共服务 row uses 服务对象, 服务内容, 办理时限, 收费, 咨询电话 and its level (县/乡/村(社区)).
public struct DutyListRow: Equatable, Sendable, Codable {
    public var code: String
    public var powerType: PowerType?
    public var name: String
    public var subItem: String
    public var basis: String
    public var subject: String
    public var duties: String
    public var accountability: String
    public var audience: String
    public var content: String
    public var timeLimit: String
    public var fee: String
    public var phone: String
    public var level: CatalogLevel?
    public var note: String

    public init(code: String = "", powerType: PowerType? = nil, name: String = "", subItem: String = "", basis: String = "",
                subject: String = "", duties: String = "", accountability: String = "", audience: String = "", content: String = "",
                timeLimit: String = "", fee: String = "", phone: String = "", level: CatalogLevel? = nil, note: String = "") {
        self.code = code
        self.powerType = powerType
        self.name = name
        self.subItem = subItem
        self.basis = basis
        self.subject = subject
        self.duties = duties
        self.accountability = accountability
        self.audience = audience
        self.content = content
        self.timeLimit = timeLimit
        self.fee = fee
        self.phone = phone
        self.level = level
        self.note = note
    }

    /// The field as text, as it is shown and exported.
    public func text(_ field: DutyListField) -> String {
        switch field {
        case .code: code
        case .powerType: powerType?.label ?? ""
        case .name: name
        case .subItem: subItem
        case .basis: basis
        case .subject: subject
        case .duties: duties
        case .accountability: accountability
        case .audience: audience
        case .content: content
        case .timeLimit: timeLimit
        case .fee: fee
        case .phone: phone
        case .level: level.map(Self.levelLabel) ?? ""
        case .note: note
        }
    }

    /// A 公共服务 row's level as lists print it: the village level is 村（社区）级.
    public static func levelLabel(_ level: CatalogLevel) -> String {
        switch level {
        case .county: "县级"
        case .township: "乡镇级"
        case .village: "村（社区）级"
        }
    }

    /// What identifies a row across versions: its type, name and 子项 (a 许可 keeps its name from the 行政许可事项目录).
    public var key: String {
        [powerType?.label ?? "", name, subItem].filter { !$0.isEmpty }.joined(separator: " / ")
    }

    /// Every problem of the row for its list, tied to the field (`DutyListField.rawValue`); the texts trimmed and
    /// 收费 written the one accepted way come back in `normalised`.
    public func validate(for kind: DutyListKind) -> ValidationErrors {
        var errors = ValidationErrors()
        let required = kind.required
        for field in kind.fields where required.contains(field) {
            if field == .fee { continue }
            if text(field).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.add(field.rawValue, "\(field.title(in: kind))不能为空。")
            }
        }
        if kind == .service, case .failure(let problem) = FeeText.check(fee) { errors.add(DutyListField.fee.rawValue, problem.message) }
        if !phone.isEmpty, !PhoneText.isPlausible(phone) {
            errors.add(DutyListField.phone.rawValue, "咨询电话应为号码，如“0792-6322345”或“12345”（读到：“\(phone)”）。")
        }
        for field in kind.fields where text(field).count > 4000 {
            errors.add(field.rawValue, "\(field.title(in: kind))太长（\(text(field).count)字，最多4000字）。")
        }
        if name.count > 200 { errors.add(DutyListField.name.rawValue, "\(DutyListField.name.title(in: kind))太长（最多200字）。") }
        return errors
    }

    /// The row with spaces trimmed and 收费 as stored ("免费" → "不收费").
    public var normalised: DutyListRow {
        var row = self
        func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        row.code = trim(code); row.name = trim(name); row.subItem = trim(subItem); row.basis = trim(basis)
        row.subject = trim(subject); row.duties = trim(duties); row.accountability = trim(accountability)
        row.audience = trim(audience); row.content = trim(content); row.timeLimit = trim(timeLimit)
        row.phone = trim(phone); row.note = trim(note)
        if case .success(let fee) = FeeText.check(fee) { row.fee = fee } else { row.fee = trim(fee) }
        return row
    }
}

/// Telephone numbers as guides and lists print them: digits with an area code, a hyphen, spaces, an extension
/// ("转"), several numbers separated by "、" or "/"; the hotlines (12345) count.
public enum PhoneText {
    public static func isPlausible(_ text: String) -> Bool {
        let allowed = Set("0123456789-－ ()（）、/,，;；转")
        guard text.allSatisfy(allowed.contains) else { return false }
        return text.filter(\.isNumber).count >= 5
    }
}

/// What changed between two versions of a 清单, row by row (matched by `DutyListRow.key`) and field by field.
public enum DutyListDiff {
    public enum Change: Equatable, Sendable {
        case added(DutyListRow)
        case removed(DutyListRow)
        case changed(key: String, fields: [CatalogDiff.FieldChange])
    }

    public static func compare(_ old: [DutyListRow], _ new: [DutyListRow], kind: DutyListKind) -> [Change] {
        var oldByKey: [String: DutyListRow] = [:]
        for row in old where oldByKey[row.key] == nil { oldByKey[row.key] = row }
        let newKeys = Set(new.map(\.key))
        var changes: [Change] = []
        for row in new {
            guard let before = oldByKey[row.key] else { changes.append(.added(row)); continue }
            let fields = kind.fields.compactMap { field -> CatalogDiff.FieldChange? in
                before.text(field) == row.text(field) ? nil
                    : CatalogDiff.FieldChange(label: field.title(in: kind), old: before.text(field), new: row.text(field))
            }
            if !fields.isEmpty { changes.append(.changed(key: row.key, fields: fields)) }
        }
        for row in old where !newKeys.contains(row.key) { changes.append(.removed(row)) }
        return changes
    }
}
