import Fluent
import Foundation
import GongkaiCore

/// A unit of a site's organisation tree (DESIGN.md: OrgUnit).
package final class OrgUnitRecord: Model, @unchecked Sendable {
    package static let schema = "org_units"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "site_id") package var site: SiteRecord
    @OptionalParent(key: "parent_id") var parent: OrgUnitRecord?
    @Field(key: "kind") var kind: String
    @Field(key: "name") package var name: String
    @Field(key: "short_name") var shortName: String
    /// Other names documents use for the unit, separated by "、".
    @Field(key: "aliases") var aliases: String
    @Field(key: "address") var address: String
    @Field(key: "office_hours") var officeHours: String
    @Field(key: "phone") var phone: String
    @Field(key: "fax") var fax: String
    @Field(key: "email") var email: String
    @Field(key: "postcode") var postcode: String
    /// 统一社会信用代码 (or 组织机构代码): the start of the unit's 索引号.
    @Field(key: "credit_code") var creditCode: String
    /// A name made up for the demo (not taken from the seeds): shown with the mark 示例.
    @Field(key: "is_example") var isExample: Bool
    @Field(key: "sort_order") var sortOrder: Int
    /// Archived units keep their history but take no new work.
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @Field(key: "archive_reason") var archiveReason: String
    /// Optimistic lock: an edit must name the version it started from.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    package init() {}

    package init(id: UUID? = nil, siteID: UUID, parentID: UUID?, draft: OrgUnitDraft, isExample: Bool, sortOrder: Int) {
        self.id = id
        self.$site.id = siteID
        self.$parent.id = parentID
        self.isExample = isExample
        self.sortOrder = sortOrder
        self.archiveReason = ""
        self.version = 1
        apply(draft)
    }

    var unitKind: OrgUnitKind { OrgUnitKind(rawValue: kind) ?? .department }
    var aliasList: [String] { aliases.split(separator: "、").map(String.init) }
    var displayShortName: String { shortName.isEmpty ? name : shortName }

    var draft: OrgUnitDraft {
        OrgUnitDraft(
            name: name, shortName: shortName, kind: unitKind, aliases: aliasList,
            contact: OrgUnitContact(
                address: address, officeHours: officeHours, phone: phone, fax: fax, email: email, postcode: postcode),
            creditCode: creditCode)
    }

    func apply(_ draft: OrgUnitDraft) {
        kind = draft.kind.rawValue
        name = draft.name
        shortName = draft.shortName
        aliases = draft.aliases.joined(separator: "、")
        address = draft.contact.address
        officeHours = draft.contact.officeHours
        phone = draft.contact.phone
        fax = draft.contact.fax
        email = draft.contact.email
        postcode = draft.contact.postcode
        creditCode = draft.creditCode
    }

    /// The fields an audit event compares, labelled as the page shows them.
    var auditFields: [(String, String)] {
        [("单位全称", name), ("简称", shortName), ("类型", unitKind.label), ("别名", aliases), ("办公地址", address),
         ("办公时间", officeHours), ("联系电话", phone), ("传真号码", fax), ("电子邮箱", email), ("邮政编码", postcode), ("统一社会信用代码", creditCode)]
    }
}
