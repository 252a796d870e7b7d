/// An application for disclosure as the applicant fills it in (第二十九条: who, how to reach them, which information,
/// in which form). Checked field by field with messages in Chinese.
public struct RequestApplication: Sendable, Equatable {
    /// 获取信息的形式 (第二十九条第三项).
    public enum ProvisionForm: String, CaseIterable, Sendable {
        case paper, email, disc, inspection

        public var label: String {
            switch self {
            case .paper: "纸质文本"
            case .email: "电子邮件"
            case .disc: "光盘（电子数据）"
            case .inspection: "当场查阅、抄录"
            }
        }
    }

    /// 获取信息的途径.
    public enum Delivery: String, CaseIterable, Sendable {
        case post, pickup, email

        public var label: String {
            switch self {
            case .post: "邮寄"
            case .pickup: "自行领取"
            case .email: "电子邮件"
            }
        }
    }

    public var applicant: ApplicantType
    public var name: String
    /// 身份证明: for a person the 居民身份证 (or another document, named in `idKind`), for an organisation the
    /// 统一社会信用代码.
    public var idKind: String
    public var idNumber: String
    /// Who acts for an organisation (联系人).
    public var contactPerson: String
    public var phone: String
    public var email: String
    public var address: String
    /// 所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述.
    public var information: String
    public var form: ProvisionForm?
    public var delivery: Delivery?
    /// 第四十三条: reading difficulty or a visual or hearing impairment — the office helps.
    public var needsHelp: Bool

    public init(applicant: ApplicantType = .naturalPerson, name: String = "", idKind: String = "居民身份证", idNumber: String = "",
                contactPerson: String = "", phone: String = "", email: String = "", address: String = "", information: String = "",
                form: ProvisionForm? = nil, delivery: Delivery? = nil, needsHelp: Bool = false) {
        self.applicant = applicant
        self.name = name
        self.idKind = idKind
        self.idNumber = idNumber
        self.contactPerson = contactPerson
        self.phone = phone
        self.email = email
        self.address = address
        self.information = information
        self.form = form
        self.delivery = delivery
        self.needsHelp = needsHelp
    }

    public static let idKinds = ["居民身份证", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "护照", "其他证件"]

    public func validate() -> ValidationErrors {
        var errors = ValidationErrors()
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        let who = applicant.isOrganisation ? "单位名称" : "姓名"
        if trimmed(name).isEmpty { errors.add("name", "请填写\(who)。") } else if name.count > 100 { errors.add("name", "\(who)最多100字。") }
        let id = trimmed(idNumber).uppercased()
        if id.isEmpty {
            errors.add("idNumber", applicant.isOrganisation ? "请填写统一社会信用代码。" : "请填写身份证件号码（条例第二十九条：申请应当包括身份证明）。")
        } else if applicant.isOrganisation {
            if id.count != 18 || !id.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) {
                errors.add("idNumber", "统一社会信用代码应为18位数字或大写字母（读到：“\(idNumber)”）。")
            }
        } else if idKind == "居民身份证" && !PersonalDataScanner.isValidIDNumber(id) {
            errors.add("idNumber", "居民身份证号码应为18位，且校验码正确（读到：“\(idNumber)”）。")
        }
        if applicant.isOrganisation && trimmed(contactPerson).isEmpty { errors.add("contactPerson", "请填写联系人姓名。") }
        let phone = trimmed(self.phone), email = trimmed(self.email), address = trimmed(self.address)
        if phone.isEmpty && email.isEmpty && address.isEmpty { errors.add("phone", "请至少留下一种联系方式（电话、电子邮箱或通信地址）。") }
        if !phone.isEmpty && (phone.count < 7 || phone.count > 20 || !phone.allSatisfy({ $0.isNumber || "-+ ".contains($0) })) {
            errors.add("phone", "联系电话只能包含数字和“-”（读到：“\(self.phone)”）。")
        }
        if !email.isEmpty && !(email.contains("@") && email.split(separator: "@").count == 2 && !email.contains(" ")) {
            errors.add("email", "电子邮箱格式不正确（读到：“\(self.email)”）。")
        }
        let wanted = trimmed(information)
        if wanted.count < 4 {
            errors.add("information", "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（至少4个字）。")
        } else if wanted.count > 3_000 {
            errors.add("information", "所需信息的描述最多3000字（现有\(wanted.count)字），内容较多的，可以分为几份申请。")
        }
        if form == nil { errors.add("form", "请选择获取信息的形式。") }
        switch delivery {
        case nil: errors.add("delivery", "请选择获取信息的途径。")
        case .post? where address.isEmpty: errors.add("address", "选择邮寄的，请填写通信地址。")
        case .email? where email.isEmpty: errors.add("email", "选择电子邮件的，请填写电子邮箱。")
        default: break
        }
        return errors
    }

    /// The same person asking for the same information again (第三十六条第六项): name, document and the words
    /// asked for, with spacing and punctuation ignored.
    public var fingerprint: String {
        [Self.fold(name), Self.fold(idNumber), Self.fold(information)].joined(separator: "|")
    }

    /// Text compared without width, case, spacing or punctuation.
    public static func fold(_ s: String) -> String {
        String(s.precomposedStringWithCompatibilityMapping.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The part of `fingerprint` that names the information: equal for different applicants asking for the same
    /// information (第四十四条).
    public static func informationKey(ofFingerprint fingerprint: String) -> String {
        String(fingerprint.split(separator: "|", omittingEmptySubsequences: false).last ?? "")
    }
}
