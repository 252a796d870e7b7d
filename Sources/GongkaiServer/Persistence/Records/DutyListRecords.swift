import Fluent
import Foundation
import GongkaiCore

/// A unit's 权责清单 or 公共服务清单. Its content lives in versions.
final class DutyListRecord: Model, @unchecked Sendable {
    static let schema = "duty_lists"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: SiteRecord
    @Parent(key: "unit_id") var unit: OrgUnitRecord
    @Field(key: "kind") var kind: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(siteID: UUID, unitID: UUID, kind: DutyListKind, at now: Date) {
        self.$site.id = siteID
        self.$unit.id = unitID
        self.kind = kind.rawValue
        self.createdAt = now
    }

    var listKind: DutyListKind { DutyListKind(rawValue: kind) ?? .power }
}

/// One numbered version of a list and where it is in review.
final class DutyListVersionRecord: Model, @unchecked Sendable {
    static let schema = "duty_list_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "list_id") var list: DutyListRecord
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @Field(key: "lock_version") var lockVersion: Int
    /// The file it was imported from, or how it was made ("在线修订").
    @Field(key: "source_name") var sourceName: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by_label") var createdByLabel: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "unit_approved_by_label") var unitApprovedByLabel: String?
    @OptionalField(key: "return_comment") var returnComment: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by_label") var publishedByLabel: String?
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    init() {}

    init(listID: UUID, number: Int, status: DutyListStatus, sourceName: String, by label: String, at now: Date) {
        self.$list.id = listID
        self.number = number
        self.status = status.rawValue
        self.lockVersion = 1
        self.sourceName = sourceName
        self.createdAt = now
        self.createdByLabel = label
    }

    var listStatus: DutyListStatus { DutyListStatus(rawValue: status) ?? .draft }
}

/// One row of one version. Rows of a published version are never updated.
final class DutyListRowRecord: Model, @unchecked Sendable {
    static let schema = "duty_list_rows"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: DutyListVersionRecord
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: String
    @Field(key: "power_type") var powerType: String
    @Field(key: "name") var name: String
    @Field(key: "sub_item") var subItem: String
    @Field(key: "basis") var basis: String
    @Field(key: "subject") var subject: String
    @Field(key: "duties") var duties: String
    @Field(key: "accountability") var accountability: String
    @Field(key: "audience") var audience: String
    @Field(key: "content") var content: String
    @Field(key: "time_limit") var timeLimit: String
    @Field(key: "fee") var fee: String
    @Field(key: "phone") var phone: String
    @Field(key: "level") var level: String
    @Field(key: "note") var note: String

    init() {}

    init(versionID: UUID, position: Int, row: DutyListRow) {
        self.$version.id = versionID
        self.position = position
        code = row.code
        powerType = row.powerType?.rawValue ?? ""
        name = row.name
        subItem = row.subItem
        basis = row.basis
        subject = row.subject
        duties = row.duties
        accountability = row.accountability
        audience = row.audience
        content = row.content
        timeLimit = row.timeLimit
        fee = row.fee
        phone = row.phone
        level = row.level?.rawValue ?? ""
        note = row.note
    }

    var row: DutyListRow {
        DutyListRow(code: code, powerType: PowerType(rawValue: powerType), name: name, subItem: subItem, basis: basis, subject: subject,
                    duties: duties, accountability: accountability, audience: audience, content: content, timeLimit: timeLimit,
                    fee: fee, phone: phone, level: CatalogLevel(rawValue: level), note: note)
    }
}
