import Fluent
import Foundation

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
    }
}
