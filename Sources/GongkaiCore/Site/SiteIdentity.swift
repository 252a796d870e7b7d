import Foundation

/// What a Chinese government site says about itself at the foot of every page (国办发〔2017〕47号 政府网站发展指引:
/// 主办单位, 网站标识码, ICP备案号, 公安机关备案号, the 党政机关网站 mark, 联系我们, 网站地图 and the
/// 我为政府网站找错 entrance), and how it writes its 索引号. The same numbers head the 政府网站工作年度报表.
public struct SiteIdentity: Equatable, Sendable {
    /// Empty: the site's 人民政府办公室.
    public var sponsor: String
    public var siteCode: String
    public var icpNumber: String
    public var policeRecord: String
    /// The certificate page the 党政机关网站 mark links to; empty hides the mark.
    public var partyMarkURL: String
    /// Empty: the national 我为政府网站找错 platform.
    public var errorReportURL: String
    /// Empty: `IndexNumberPattern.standard`.
    public var indexPattern: String
    /// A line for 联系我们 beside the office's contact details, e.g. 网站运维电话.
    public var contactNote: String
    /// The 12345 政务服务便民热线 as the county's guides print it; empty means "12345".
    public var hotline: String
    /// The province's 政务服务网 (or the county's 政务服务 entrance), where guides link for 网上办理; empty hides it.
    public var serviceURL: String

    /// The national platform's entrance (政府网站找错平台 run by the 国务院办公厅).
    public static let nationalErrorReport = "https://zfwzzc.www.gov.cn/"

    public init(sponsor: String = "", siteCode: String = "", icpNumber: String = "", policeRecord: String = "",
                partyMarkURL: String = "", errorReportURL: String = "", indexPattern: String = "", contactNote: String = "",
                hotline: String = "", serviceURL: String = "") {
        self.sponsor = sponsor
        self.siteCode = siteCode
        self.icpNumber = icpNumber
        self.policeRecord = policeRecord
        self.partyMarkURL = partyMarkURL
        self.errorReportURL = errorReportURL
        self.indexPattern = indexPattern
        self.contactNote = contactNote
        self.hotline = hotline
        self.serviceURL = serviceURL
    }

    /// The hotline shown on 办事服务 and 互动交流 pages (湖口 (25): 12345 热线).
    public var shownHotline: String { hotline.isEmpty ? "12345" : hotline }

    /// The digits of the 公安机关备案号, which its register's search takes.
    public var policeRecordDigits: String { String(policeRecord.filter(\.isASCIIDigit)) }

    /// Trims every field and checks it; returns the cleaned settings or every problem at once.
    public func validated() -> Result<SiteIdentity, ValidationErrors> {
        var clean = self
        for path in [\SiteIdentity.sponsor, \.siteCode, \.icpNumber, \.policeRecord, \.partyMarkURL, \.errorReportURL,
                     \.indexPattern, \.contactNote, \.hotline, \.serviceURL] {
            clean[keyPath: path] = clean[keyPath: path].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var errors = ValidationErrors()
        if clean.sponsor.count > 60 { errors.add("sponsor", "主办单位不能超过60个字，现为\(clean.sponsor.count)个字。") }
        if !clean.siteCode.isEmpty && !(clean.siteCode.count == 10 && clean.siteCode.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("siteCode", "政府网站标识码应为10位字母或数字（开通网站时由主管单位核发，如 3604290001），现为“\(clean.siteCode)”。")
        }
        if !clean.icpNumber.isEmpty && !Self.isICPNumber(clean.icpNumber) {
            errors.add("icpNumber", "ICP备案号格式不对，应为省份简称＋ICP备＋数字＋号，例如 赣ICP备05003937号 或 赣ICP备2021001234号-1，现为“\(clean.icpNumber)”。")
        }
        if !clean.policeRecord.isEmpty && !Self.isPoliceRecord(clean.policeRecord) {
            errors.add("policeRecord", "公安机关备案号格式不对，应为省份简称＋公网安备＋14位数字＋号，例如 赣公网安备36042902000123号，现为“\(clean.policeRecord)”。")
        }
        if !clean.hotline.isEmpty && !PhoneText.isPlausible(clean.hotline) {
            errors.add("hotline", "政务服务便民热线应为电话号码，例如 12345 或 0792-12345，现为“\(clean.hotline)”。")
        }
        for (field, label, value) in [("partyMarkURL", "党政机关网站标识链接", clean.partyMarkURL), ("errorReportURL", "“我为政府网站找错”链接", clean.errorReportURL),
                                      ("serviceURL", "政务服务网网址", clean.serviceURL)]
        where !value.isEmpty && !Self.isWebAddress(value) {
            errors.add(field, "\(label)应为以 https:// 或 http:// 开头的网址，不含空格，现为“\(value)”。")
        }
        if case .failure(let problems) = IndexNumberPattern.parse(clean.indexPattern) {
            problems.problems.forEach { errors.add($0.field, $0.message) }
        }
        if clean.contactNote.count > 200 { errors.add("contactNote", "联系我们补充说明不能超过200个字，现为\(clean.contactNote.count)个字。") }
        return errors.isEmpty ? .success(clean) : .failure(errors)
    }

    /// 赣ICP备05003937号, 京ICP备2021001234号-1.
    static func isICPNumber(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 11, !chars[0].isASCII, String(chars[1..<5]) == "ICP备" else { return false }
        let rest = String(chars[5...])
        guard let mark = rest.firstIndex(of: "号") else { return false }
        let digits = rest[..<mark], tail = rest[rest.index(after: mark)...]
        guard (6...12).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else { return false }
        return tail.isEmpty || (tail.first == "-" && tail.count > 1 && tail.dropFirst().allSatisfy(\.isASCIIDigit))
    }

    /// 赣公网安备 36042902000123号 (with or without the space).
    static func isPoliceRecord(_ text: String) -> Bool {
        let chars = Array(text.replacingOccurrences(of: " ", with: ""))
        guard chars.count == 20, !chars[0].isASCII, String(chars[1..<5]) == "公网安备", chars[19] == "号" else { return false }
        return chars[5..<19].allSatisfy(\.isASCIIDigit)
    }

    static func isWebAddress(_ text: String) -> Bool {
        guard text.count <= 300, !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
              let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else { return false }
        return true
    }
}
