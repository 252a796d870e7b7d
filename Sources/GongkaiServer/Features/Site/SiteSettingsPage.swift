import Foundation
import GongkaiCore
import Plot

/// `/admin/site`: what the portal's footer says about the site, and how 索引号 are written.
enum SiteSettingsPage {
    struct Model: Sendable {
        let siteName: String
        let identity: SiteIdentity
        /// The digest of the settings the form was read at.
        let basedOn: String
        /// The next 索引号 of one unit under the current pattern, as an example.
        let indexExample: String
        /// Units still without a 统一社会信用代码 (their 索引号 use an internal code until one is entered).
        let unitsWithoutCode: [String]
        let portalHref: String
    }

    static func render(_ m: Model, errors: ValidationErrors?, chrome: PageChrome) -> String {
        let errors = errors ?? ValidationErrors()
        let identity = m.identity
        return Layout.render(chrome) {
            El("h1") { T("站点设置") }
            El("p", ["class": "lead"]) {
                T("门户每个页面的页脚显示主办单位、政府网站标识码、ICP备案号和公安机关备案号（政府网站发展指引），并提供“联系我们”“网站地图”和“我为政府网站找错”入口。未填写的编号不显示。")
            }
            El("p") { A("在门户查看", href: m.portalHref) }
            ErrorSummary(errors: errors.isEmpty ? nil : errors)
            PostForm(action: SiteURL.adminSite.path, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "basedOn", "value": m.basedOn])
                El("h2") { T("页脚") }
                FieldRow(label: "主办单位", name: "sponsor", value: identity.sponsor, errors: errors.messages(for: "sponsor"),
                         hint: "不填写时显示“\(m.siteName)人民政府办公室”。")
                FieldRow(label: "政府网站标识码", name: "siteCode", value: identity.siteCode, errors: errors.messages(for: "siteCode"),
                         hint: "10位，网站开设时由主管单位核发，例如 3604290001。", autocomplete: "off")
                FieldRow(label: "ICP备案号", name: "icpNumber", value: identity.icpNumber, errors: errors.messages(for: "icpNumber"),
                         hint: "例如 赣ICP备05003937号。", autocomplete: "off")
                FieldRow(label: "公安机关备案号", name: "policeRecord", value: identity.policeRecord, errors: errors.messages(for: "policeRecord"),
                         hint: "例如 赣公网安备36042902000123号。", autocomplete: "off")
                FieldRow(label: "党政机关网站标识链接", name: "partyMarkURL", value: identity.partyMarkURL, type: "url",
                         errors: errors.messages(for: "partyMarkURL"),
                         hint: "网站取得党政机关网站标识后，填写其证书页面的网址；填写后页脚显示“党政机关”标识。", autocomplete: "off")
                FieldRow(label: "“我为政府网站找错”链接", name: "errorReportURL", value: identity.errorReportURL, type: "url",
                         errors: errors.messages(for: "errorReportURL"),
                         hint: "不填写时链接到全国政府网站找错平台（\(SiteIdentity.nationalErrorReport)）。", autocomplete: "off")
                TextAreaRow(label: "“联系我们”补充说明", name: "contactNote", value: identity.contactNote,
                            errors: errors.messages(for: "contactNote"),
                            hint: "显示在“联系我们”页面，例如 网站运维电话、办公室传真。县政府办公室的地址和电话取自“单位”中的登记信息。", rows: 3)
                El("h2") { T("办事服务") }
                FieldRow(label: "政务服务便民热线", name: "hotline", value: identity.hotline, type: "tel", errors: errors.messages(for: "hotline"),
                         hint: "显示在“办事服务”“互动交流”栏目；不填写时显示 12345。", autocomplete: "off")
                FieldRow(label: "政务服务网网址", name: "serviceURL", value: identity.serviceURL, type: "url", errors: errors.messages(for: "serviceURL"),
                         hint: "本省政务服务网（或本县政务服务入口）的网址，“办事服务”栏目的网上办事链接到这里；不填写时不显示。",
                         autocomplete: "off")
                El("h2") { T("索引号") }
                FieldRow(label: "索引号格式", name: "indexPattern", value: identity.indexPattern, errors: errors.messages(for: "indexPattern"),
                         hint: "用 \(IndexNumberPattern.code)、\(IndexNumberPattern.year)、\(IndexNumberPattern.sequence) 三个占位符，各出现一次；不填写时为 \(IndexNumberPattern.standard.text)。已生成的索引号不会改变。",
                         autocomplete: "off")
                El("p", ["class": "hint"]) { T("按当前格式，下一条信息的索引号形如：") ; El("code") { T(m.indexExample) } }
                if !m.unitsWithoutCode.isEmpty {
                    El("p", ["class": "hint"]) {
                        T("以下\(m.unitsWithoutCode.count)个单位尚未填写统一社会信用代码，其索引号暂用系统内部编号：\(m.unitsWithoutCode.prefix(8).joined(separator: "、"))\(m.unitsWithoutCode.count > 8 ? "等" : "")。请在")
                        A("单位", href: SiteURL.adminUnits.path)
                        T("中填写。")
                    }
                }
                SubmitRow(title: "保存站点设置")
            }
        }
    }
}

extension SiteSettingsPage.Model {
    static let mock = Self(
        siteName: "湖口县", identity: SiteIdentity(siteCode: "3604290001", icpNumber: "赣ICP备05003937号"),
        basedOn: "0123456789abcdef", indexExample: "11360429MB1201X/2026-00001", unitsWithoutCode: ["湖口县自来水公司"],
        portalHref: "/sites/hukou/")
}
