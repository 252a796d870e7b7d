import Foundation

/// The contact details of a unit's disclosure office. 条例 第十二条 requires the 政府信息公开指南 to carry the
/// name, 办公地址, 办公时间, 联系电话, 传真号码 and 互联网联系方式 of the office.
public struct OrgUnitContact: Equatable, Codable, Sendable {
    public var address: String
    public var officeHours: String
    public var phone: String
    public var fax: String
    public var email: String
    public var postcode: String

    public init(
        address: String = "", officeHours: String = "", phone: String = "", fax: String = "", email: String = "",
        postcode: String = ""
    ) {
        self.address = address
        self.officeHours = officeHours
        self.phone = phone
        self.fax = fax
        self.email = email
        self.postcode = postcode
    }
}

/// The editable description of a unit, as entered in the back office or on the command line.
public struct OrgUnitDraft: Equatable, Sendable {
    public var name: String
    public var shortName: String
    public var kind: OrgUnitKind
    public var aliases: [String]
    public var contact: OrgUnitContact
    /// 统一社会信用代码 (or the older 组织机构代码), normalised; the 索引号 starts with it. Empty until the office enters it.
    public var creditCode: String

    public init(name: String, shortName: String, kind: OrgUnitKind, aliases: [String] = [], contact: OrgUnitContact,
                creditCode: String = "") {
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.aliases = aliases
        self.contact = contact
        self.creditCode = creditCode
    }

    /// Trims every field and checks it; returns the cleaned draft or every problem at once.
    public func validated() -> Result<OrgUnitDraft, ValidationErrors> {
        var errors = ValidationErrors()
        var clean = self
        clean.name = name.trimmed
        clean.shortName = shortName.trimmed
        clean.aliases = aliases.map(\.trimmed).filter { !$0.isEmpty }
        clean.contact = OrgUnitContact(
            address: contact.address.trimmed, officeHours: contact.officeHours.trimmed,
            phone: contact.phone.trimmed, fax: contact.fax.trimmed, email: contact.email.trimmed,
            postcode: contact.postcode.trimmed)
        clean.creditCode = CreditCode.normalised(creditCode)

        if clean.name.isEmpty {
            errors.add("name", "请填写单位全称。")
        } else if clean.name.count > 60 {
            errors.add("name", "单位全称不能超过60个字，现为\(clean.name.count)个字。")
        }
        if clean.shortName.count > 30 {
            errors.add("shortName", "单位简称不能超过30个字，现为\(clean.shortName.count)个字。")
        }
        if clean.contact.address.count > 120 {
            errors.add("address", "办公地址不能超过120个字。")
        }
        if clean.contact.officeHours.count > 120 {
            errors.add("officeHours", "办公时间不能超过120个字。")
        }
        for (field, label, value) in [("phone", "联系电话", clean.contact.phone), ("fax", "传真号码", clean.contact.fax)]
        where !value.isEmpty && !PhoneNumberFormat.isPlausible(value) {
            errors.add(field, "\(label)“\(value)”格式不正确：只能包含数字、空格、“-”、“+”、“、”和“转”，例如 0792-6321234。")
        }
        if !clean.contact.email.isEmpty && !EmailFormat.isPlausible(clean.contact.email) {
            errors.add("email", "电子邮箱“\(clean.contact.email)”格式不正确，例如 gkb@example.gov.cn。")
        }
        if !clean.contact.postcode.isEmpty
            && !(clean.contact.postcode.count == 6 && clean.contact.postcode.allSatisfy(\.isASCIIDigit))
        {
            errors.add("postcode", "邮政编码应为6位数字，现为“\(clean.contact.postcode)”。")
        }
        if !clean.creditCode.isEmpty, let problem = CreditCode.problem(clean.creditCode) {
            errors.add("creditCode", problem)
        }
        return errors.isEmpty ? .success(clean) : .failure(errors)
    }
}

enum PhoneNumberFormat {
    /// Government phone fields hold things like "0792-6321234", "0878-8712345、8712346" or "12345转1".
    static func isPlausible(_ text: String) -> Bool {
        let allowed = Set("0123456789-+ 、,，转()（）")
        let digits = text.filter(\.isASCIIDigit).count
        return text.allSatisfy { allowed.contains($0) } && digits >= 5 && text.count <= 60
    }
}

enum EmailFormat {
    static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), text.count <= 120
        else { return false }
        return !text.contains(where: \.isWhitespace)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
