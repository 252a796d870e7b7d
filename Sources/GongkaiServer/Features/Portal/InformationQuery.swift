import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The portal's published information as the display values its pages show (decision 0009). Only live versions of
/// records not withdrawn reach the public.
enum InformationQuery {
    /// A line of a list (the record's unit loaded).
    static func item(_ record: PublicationRecord, slug: String) -> InformationPages.ListItem {
        InformationPages.ListItem(
            title: record.title, href: SiteURL.publication(slug: slug, record.id!).path,
            invalid: record.validity == "valid" ? nil : record.validity == "expired" ? "已失效" : "已废止",
            isInterpretation: record.publicationKind == .interpretation,
            meta: [record.$unit.value.map(\.name) ?? nil, record.documentNumber.isEmpty ? nil : record.documentNumber, record.publishedOn]
                .compactMap { $0 }.joined(separator: " · "))
    }

    /// A record as the portal shows it, at version `shown`; its policy and interpretations only while live.
    static func show(_ full: PublicationStore.Full, shown: PublicationVersionRecord, site: PageChrome.SiteInfo, on db: any Database) async throws
        -> InformationPages.ShowModel {
        let record = full.record
        let id = try record.requireID()
        let slug = site.slug
        let interprets = try await record.interpretsID.asyncMap { try await PublicationRecord.find($0, on: db) } ?? nil
        let interpretations = try await PublicationRecord.query(on: db).filter(\.$interpretsID == id)
            .filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil).all()
        let published = full.versions.filter { [.published, .superseded].contains($0.publicationStatus) }
        return InformationPages.ShowModel(
            site: site, unitName: full.unit.name, unitHref: SiteURL.unitPage(slug: slug, record.$unit.id).path,
            historic: shown.id == record.liveVersionID ? nil : (shown.number, SiteURL.publication(slug: slug, id).path),
            notInForce: shown.validity == "valid" ? nil : shown.validityValue.statement,
            metadata: PublicationQuery.metadata(record, version: shown, unitName: full.unit.name, entries: full.entries[shown.id!] ?? [],
                                                interprets: interprets?.isLive == true ? interprets : nil, interpretations: interpretations,
                                                siteSlug: slug, admin: false),
            title: shown.title, documentNumber: shown.documentNumber, bodyHTML: shown.bodyHTML,
            attachments: (full.attachments[shown.id!] ?? []).map {
                ($0.fileName, SiteURL.publicationFile(slug: slug, id, attachment: $0.id!).path, PublicationPages.byteSize($0.size))
            },
            versions: published.reversed().map { v in
                ("第\(v.number)版（\(v.publishedOn ?? "")发布）", SiteURL.publication(slug: slug, id, version: v.number).path, v.changeNote,
                 v.id == record.liveVersionID)
            },
            subscribeHref: SiteURL.subscribe(slug: slug).path(.subscribeTo(.unit(record.$unit.id))))
    }

    static func withdrawn(_ record: PublicationRecord) -> InformationPages.WithdrawnModel {
        InformationPages.WithdrawnModel(title: record.title, indexNumber: record.indexNumber,
                                        withdrawnOn: record.withdrawnAt.map(ChineseTime.date) ?? "", reason: record.withdrawnReason ?? "")
    }

    static func unit(_ unit: OrgUnitRecord, records: [PublicationRecord], total: Int, page: Int, entries: [PublicationStore.EntryOption],
                     lists: [DutyListQuery.Published] = [], site: PageChrome.SiteInfo) -> InformationPages.UnitModel {
        InformationPages.UnitModel(
            site: site, id: unit.id!, name: unit.name,
            contacts: [("办公地址", unit.address), ("办公时间", unit.officeHours), ("联系电话", unit.phone), ("传真", unit.fax),
                       ("电子邮箱", unit.email), ("邮政编码", unit.postcode)].filter { !$0.1.isEmpty },
            entries: entries, items: records.map { item($0, slug: site.slug) }, total: total, page: page,
            lists: lists.map { (kind: $0.kind, id: $0.listID, count: $0.rows.count) })
    }
}
