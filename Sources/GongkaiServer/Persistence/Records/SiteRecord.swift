import Fluent
import Foundation
import GongkaiCore

/// A county-level government's portal: one deployment can serve several (集约化).
package final class SiteRecord: Model, @unchecked Sendable {
    package static let schema = "sites"

    @ID(key: .id) package var id: UUID?
    @Field(key: "slug") package var slug: String
    @Field(key: "name") var name: String
    /// 上级行政区, e.g. 江西省九江市.
    @Field(key: "parent_region") var parentRegion: String
    /// Demo sites are built from the seeds and marked 示例数据 on every page.
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "sort_order") var sortOrder: Int
    /// Internal hosts webhooks may reach, one per line: a name (oa.hukou.gov.cn), an address or a range (10.1.0.0/16).
    @Field(key: "webhook_allowed_hosts") var webhookAllowedHosts: String
    /// 主办单位 in the footer; empty means the site's 人民政府办公室.
    @Field(key: "sponsor") var sponsor: String
    /// 政府网站标识码 (10 characters, issued when the site is registered).
    @Field(key: "site_code") var siteCode: String
    /// ICP备案号, e.g. 赣ICP备05003937号.
    @Field(key: "icp_number") var icpNumber: String
    /// 公安机关备案号, e.g. 赣公网安备36042902000123号.
    @Field(key: "police_record") var policeRecord: String
    /// Where the 党政机关网站 mark links to (its certificate page); empty hides the mark.
    @Field(key: "party_mark_url") var partyMarkURL: String
    /// The 我为政府网站找错 entrance; empty means the national platform.
    @Field(key: "error_report_url") var errorReportURL: String
    /// The 索引号 pattern (`IndexNumberPattern`); empty means the standard one.
    @Field(key: "index_pattern") var indexPattern: String
    /// A line for 联系我们 besides the office's own contact details (e.g. 网站运维电话).
    @Field(key: "contact_note") var contactNote: String
    /// The 12345 hotline as printed; empty means 12345.
    @Field(key: "hotline") var hotline: String
    /// The province's 政务服务网 address.
    @Field(key: "service_url") var serviceURL: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    package init() {}

    package init(id: UUID? = nil, slug: String, name: String, parentRegion: String, isDemo: Bool, sortOrder: Int = 0) {
        self.id = id
        self.slug = slug
        self.name = name
        self.parentRegion = parentRegion
        self.isDemo = isDemo
        self.sortOrder = sortOrder
        self.webhookAllowedHosts = ""
        self.identity = SiteIdentity()
    }
}

extension SiteRecord {
    /// The footer's numbers and the 索引号 pattern, as the office set them.
    var identity: SiteIdentity {
        get {
            SiteIdentity(sponsor: sponsor, siteCode: siteCode, icpNumber: icpNumber, policeRecord: policeRecord,
                         partyMarkURL: partyMarkURL, errorReportURL: errorReportURL, indexPattern: indexPattern, contactNote: contactNote,
                         hotline: hotline, serviceURL: serviceURL)
        }
        set {
            sponsor = newValue.sponsor
            siteCode = newValue.siteCode
            icpNumber = newValue.icpNumber
            policeRecord = newValue.policeRecord
            partyMarkURL = newValue.partyMarkURL
            errorReportURL = newValue.errorReportURL
            indexPattern = newValue.indexPattern
            contactNote = newValue.contactNote
            hotline = newValue.hotline
            serviceURL = newValue.serviceURL
        }
    }

    /// The fields an audit event compares, labelled as the settings page shows them.
    var identityAuditFields: [(String, String)] {
        [("主办单位", sponsor), ("政府网站标识码", siteCode), ("ICP备案号", icpNumber), ("公安机关备案号", policeRecord),
         ("党政机关网站标识链接", partyMarkURL), ("“我为政府网站找错”链接", errorReportURL), ("索引号格式", indexPattern),
         ("联系我们补充说明", contactNote), ("政务服务便民热线", hotline), ("政务服务网网址", serviceURL)]
    }
}
