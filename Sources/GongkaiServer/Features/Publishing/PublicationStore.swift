import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// Reading and writing government information records. Every change is one transaction with its audit event; a
/// published version is never edited (a change opens the next version), and a withdrawal keeps everything.
enum PublicationStore {
    /// A catalog entry information can be published under: an entry of a unit's current published catalog.
    struct EntryOption: Sendable, Hashable {
        let entryID: UUID
        let catalogID: UUID
        let unitID: UUID
        let unitName: String
        let domainCode: String
        let domainName: String
        let number: String
        let label: String
        /// The entry's 公开时限 with 同上 resolved to the text it stands for.
        let timeLimit: String

        var key: String { "\(catalogID.uuidString)-\(number)" }
    }

    static func entryOptions(siteID: UUID, unitID: UUID?, on db: any Database) async throws -> [EntryOption] {
        var catalogsQuery = CatalogRecord.query(on: db).filter(\.$site.$id == siteID).with(\.$unit)
        if let unitID { catalogsQuery = catalogsQuery.filter(\.$unit.$id == unitID) }
        let catalogs = try await catalogsQuery.all()
        guard !catalogs.isEmpty else { return [] }
        let domains = try await CatalogStore.domains(siteID: siteID, on: db)
        let versions = try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id ~~ catalogs.compactMap(\.id))
            .filter(\.$status == CatalogStatus.published.rawValue).all()
        let entries = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id)).sort(\.$position).all()
        let byVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        var options: [EntryOption] = []
        for version in versions {
            guard let catalog = catalogs.first(where: { $0.id == version.$catalog.id }) else { continue }
            let rows = byVersion[version.id!] ?? []
            let texts = rows.map(\.timeLimit)
            let rules = TimeLimitParser.parseColumn(texts)
            var level1 = ""
            for (index, row) in rows.enumerated() {
                if !row.level1.isEmpty { level1 = row.level1 }
                let source = rules[index].inheritedFromRow.map { texts[$0 - 1] } ?? row.timeLimit
                let domainName = domains.first { $0.code == catalog.domainCode }?.name ?? catalog.domainCode
                options.append(EntryOption(
                    entryID: row.id!, catalogID: catalog.id!, unitID: catalog.$unit.id, unitName: catalog.unit.name,
                    domainCode: catalog.domainCode, domainName: domainName, number: row.number,
                    label: [level1, row.level2].filter { !$0.isEmpty }.joined(separator: " / "), timeLimit: source))
            }
        }
        return options.sorted { ($0.unitName, $0.domainName, $0.number.count, $0.number) < ($1.unitName, $1.domainName, $1.number.count, $1.number) }
    }

    /// A record with all its versions, attachments, entries and review history.
    struct Full: Sendable {
        let record: PublicationRecord
        let unit: OrgUnitRecord
        let versions: [PublicationVersionRecord]
        let attachments: [UUID: [PublicationAttachmentRecord]]
        let entries: [UUID: [PublicationEntryRecord]]
        let reviews: [PublicationReviewRecord]

        var live: PublicationVersionRecord? { versions.first { $0.id == record.liveVersionID } }
        /// The version being worked on (not yet published), if any.
        var working: PublicationVersionRecord? {
            versions.last.flatMap { [.draft, .submitted, .returned, .approved].contains($0.publicationStatus) ? $0 : nil }
        }
        var latest: PublicationVersionRecord { versions.last! }
        var target: AccessTarget<UUID> {
            AccessTarget(siteID: record.$site.id, unitID: record.$unit.id, domain: entries[latest.id!]?.first?.domainCode)
        }
    }

    static func load(_ id: UUID, siteID: UUID, on db: any Database) async throws -> Full {
        guard let record = try await PublicationRecord.find(id, on: db), record.$site.id == siteID,
              let unit = try await OrgUnitRecord.find(record.$unit.id, on: db)
        else { throw Abort(.notFound, reason: "没有找到这条信息。") }
        let versions = try await PublicationVersionRecord.query(on: db).filter(\.$publication.$id == id).sort(\.$number).all()
        guard !versions.isEmpty else { throw Abort(.notFound, reason: "没有找到这条信息。") }
        let ids = versions.compactMap(\.id)
        let attachments = try await PublicationAttachmentRecord.query(on: db).filter(\.$version.$id ~~ ids).sort(\.$position).all()
        let entries = try await PublicationEntryRecord.query(on: db).filter(\.$version.$id ~~ ids).all()
        let reviews = try await PublicationReviewRecord.query(on: db).filter(\.$publicationID == id).sort(\.$at).all()
        return Full(record: record, unit: unit, versions: versions,
                    attachments: Dictionary(grouping: attachments, by: { $0.$version.id }),
                    entries: Dictionary(grouping: entries, by: { $0.$version.id }), reviews: reviews)
    }

    // MARK: Drafting

    /// Creates a record with its first version (草稿) and a new 索引号.
    static func create(_ checked: PublicationDraft.Checked, unit: OrgUnitRecord, entries: [EntryOption], interprets: UUID?,
                       actor: AuditActor, now: Date, on db: any Database) async throws -> UUID {
        let unitID = try unit.requireID()
        let year = ChineseTime.today(now).year
        return try await db.transaction { tx in
            let last = try await PublicationRecord.query(on: tx).filter(\.$unit.$id == unitID).filter(\.$indexYear == year)
                .max(\.$indexSequence) ?? 0
            let number = IndexNumber(unitCode: unitCode(unit), year: year, sequence: last + 1)
            let pattern = IndexNumberPattern(stored: try await SiteRecord.find(unit.$site.id, on: tx)?.indexPattern ?? "")
            let record = PublicationRecord()
            record.$site.id = unit.$site.id
            record.$unit.id = unitID
            record.kind = checked.draft.kind.rawValue
            record.indexNumber = pattern.render(number)
            record.indexYear = year
            record.indexSequence = number.sequence
            record.interpretsID = interprets
            record.lockVersion = 1
            record.createdAt = now
            record.createdByLabel = actor.label
            record.title = checked.draft.title
            record.documentNumber = checked.documentNumber
            record.theme = checked.draft.theme
            record.validity = validityCode(checked.validity)
            record.domainCodes = ""
            try await record.create(on: tx)
            let version = PublicationVersionRecord()
            version.$publication.id = try record.requireID()
            version.number = 1
            version.lockVersion = 1
            version.createdAt = now
            version.createdByLabel = actor.label
            apply(checked, to: version)
            try await version.create(on: tx)
            try await link(entries, versionID: version.requireID(), on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: unit.$site.id, action: "publication.create",
                                      target: target(record), after: auditFields(checked, entries: entries), at: now)
            return try record.requireID()
        }
    }

    /// Saves the working version; when the record is published and nothing is being worked on, the edit opens the
    /// next version (the published one stays as it is until the new one is published).
    static func update(_ full: Full, expectedLock: Int, checked: PublicationDraft.Checked, entries: [EntryOption],
                       actor: AuditActor, now: Date, on db: any Database) async throws {
        let before = full.working ?? full.latest
        let beforeFields = auditFields(draft(of: before), entries: [])
        try await db.transaction { tx in
            try await OptimisticLock.bump(table: "publications", id: full.record.requireID(), expected: expectedLock, column: "lock_version", on: tx)
            let version: PublicationVersionRecord
            if let working = full.working {
                guard working.publicationStatus.isEditable else {
                    throw Abort(.conflict, reason: "这一版当前为“\(working.publicationStatus.label)”，不能修改；请等待审核结果或请审核人员退回。")
                }
                version = working
                apply(checked, to: version)
                version.status = PublicationStatus.draft.rawValue
                try await version.save(on: tx)
                try await PublicationEntryRecord.query(on: tx).filter(\.$version.$id == version.requireID()).delete()
            } else {
                version = PublicationVersionRecord()
                version.$publication.id = try full.record.requireID()
                version.number = full.latest.number + 1
                version.lockVersion = 1
                version.createdAt = now
                version.createdByLabel = actor.label
                apply(checked, to: version)
                try await version.create(on: tx)
                // The new version starts with the published version's attachments.
                for attachment in full.attachments[full.latest.id!] ?? [] {
                    let copy = PublicationAttachmentRecord()
                    copy.$version.id = try version.requireID()
                    copy.position = attachment.position
                    copy.fileName = attachment.fileName
                    copy.sha256 = attachment.sha256
                    copy.contentType = attachment.contentType
                    copy.size = attachment.size
                    copy.text = attachment.text
                    try await copy.create(on: tx)
                }
            }
            try await link(entries, versionID: version.requireID(), on: tx)
            if full.record.liveVersionID == nil {
                full.record.title = checked.draft.title
                full.record.documentNumber = checked.documentNumber
                full.record.theme = checked.draft.theme
                full.record.validity = validityCode(checked.validity)
                full.record.kind = checked.draft.kind.rawValue
            }
            full.record.lockVersion = expectedLock + 1
            try await full.record.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, siteID: full.record.$site.id, action: "publication.update",
                                      target: target(full.record), before: beforeFields, after: auditFields(checked, entries: entries),
                                      summary: full.working == nil ? "新建第\(version.number)版：\(checked.draft.changeNote)" : nil, at: now)
        }
    }

    static func link(_ entries: [EntryOption], versionID: UUID, on db: any Database) async throws {
        for option in entries {
            let row = PublicationEntryRecord()
            row.$version.id = versionID
            row.catalogID = option.catalogID
            row.entryID = option.entryID
            row.entryNumber = option.number
            row.domainCode = option.domainCode
            row.label = "\(option.domainName)：\(option.label)"
            row.timeLimit = option.timeLimit
            try await row.create(on: db)
        }
    }

    static func apply(_ checked: PublicationDraft.Checked, to version: PublicationVersionRecord) {
        let draft = checked.draft
        version.status = PublicationStatus.draft.rawValue
        version.title = draft.title
        version.documentNumber = checked.documentNumber
        version.theme = draft.theme
        version.writtenOn = checked.writtenOn?.description
        version.formedOn = checked.formedOn?.description
        version.validity = validityCode(checked.validity)
        switch checked.validity {
        case .valid:
            version.validityDate = nil
            version.repealedBy = ""
        case .expired(let day):
            version.validityDate = day.description
            version.repealedBy = ""
        case .repealed(let day, let by):
            version.validityDate = day.description
            version.repealedBy = by
        }
        version.attribute = draft.determination.attribute.rawValue
        version.withholdingReason = draft.determination.reason?.rawValue
        version.attributeExplanation = draft.determination.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
        version.bodyHTML = checked.body.html
        version.bodyText = checked.body.text
        version.channels = draft.channels.map(\.rawValue).joined(separator: ",")
        version.channelsOther = draft.channelsOther.trimmingCharacters(in: .whitespacesAndNewlines)
        version.changeNote = draft.changeNote.trimmingCharacters(in: .whitespacesAndNewlines)
        version.safetyOverride = nil
    }

    /// The form's values for an existing version.
    static func draft(of v: PublicationVersionRecord, kind: PublicationKind = .document) -> PublicationDraft {
        PublicationDraft(
            kind: kind, title: v.title, documentNumber: v.documentNumber, theme: v.theme, writtenOn: v.writtenOn ?? "",
            formedOn: v.formedOn ?? "", validity: v.validity, validityDate: v.validityDate ?? "", repealedBy: v.repealedBy,
            determination: DisclosureDetermination(attribute: v.disclosure, reason: v.withholdingReason.flatMap(WithholdingReason.init(rawValue:)),
                                                   explanation: v.attributeExplanation),
            body: v.bodyHTML, channels: v.channelList, channelsOther: v.channelsOther, changeNote: "")
    }

    static func validityCode(_ validity: Validity) -> String {
        switch validity {
        case .valid: "valid"
        case .expired: "expired"
        case .repealed: "repealed"
        }
    }

    /// The 索引号's unit part: stable for the unit's life (its identifier's first eight hex digits).
    /// The unit's 统一社会信用代码; until the office enters one, the start of its internal id (still unique).
    static func unitCode(_ unit: OrgUnitRecord) -> String {
        unit.creditCode.isEmpty ? String((unit.id ?? UUID()).uuidString.prefix(8)) : unit.creditCode
    }

    static func target(_ record: PublicationRecord) -> AuditLog.Target {
        .init(type: "publication", id: record.id?.uuidString, label: "\(record.indexNumber) \(record.title)")
    }

    static func auditFields(_ checked: PublicationDraft.Checked, entries: [EntryOption]) -> [(String, String)] {
        auditFields(checked.draft, documentNumber: checked.documentNumber, entries: entries.map { "\($0.domainName)：\($0.label)" })
    }

    static func auditFields(_ draft: PublicationDraft, entries: [EntryOption]) -> [(String, String)] {
        auditFields(draft, documentNumber: draft.documentNumber, entries: entries.map(\.label))
    }

    static func auditFields(_ d: PublicationDraft, documentNumber: String, entries: [String]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("标题", d.title), ("文号", documentNumber), ("主题分类", d.theme), ("成文日期", d.writtenOn), ("形成或变更日期", d.formedOn),
            ("公开属性", d.determination.attribute.label), ("正文字数", String(RichText.sanitize(d.body).text.count)),
        ]
        if let reason = d.determination.reason { fields.append(("不予公开理由", reason.label)) }
        if !entries.isEmpty { fields.append(("对应目录事项", entries.joined(separator: "；"))) }
        return fields
    }
}
