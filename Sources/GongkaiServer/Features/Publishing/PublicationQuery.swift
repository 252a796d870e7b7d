import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The back office's reads of published information, as the display values its pages show (decision 0009).
enum PublicationQuery {
    // MARK: The list

    /// What the list is narrowed to, as typed in its filter form.
    struct Filters: Sendable {
        /// Words of the title, 索引号 or 文号.
        var text = ""
        /// `live`, `unpublished` or `withdrawn`; empty for all.
        var state = ""
        /// The office may narrow to one unit.
        var unit: UUID?
        var after: KeysetCursor?
        var before: KeysetCursor?

        var isEmpty: Bool { text.isEmpty && state.isEmpty && unit == nil }
        /// The filters as link parameters (without the page position).
        var items: [QueryItem] {
            (text.isEmpty ? [] : [.text(text)]) + (state.isEmpty ? [] : [.state(state)]) + (unit.map { [.unit($0)] } ?? [])
        }
    }

    static var pageSize: Int { PublicationPages.pageSize }

    /// One page of the records the actor sees (all of the site for the office, its own unit's otherwise), newest
    /// first, narrowed by the filters; what waits for review is listed first to those who review.
    static func index(by acting: Acting, filters: Filters, siteSlug: String, today: CivilDate, calendar: WorkingCalendar,
                      on db: any Database) async throws -> PublicationPages.IndexModel {
        let isOffice = acting.may(.manageSite, acting.site)
        var query = PublicationRecord.query(on: db).filter(\.$site.$id == acting.siteID)
        if !isOffice { query = query.filter(\.$unit.$id == acting.access.unitID) }
        if isOffice, let unit = filters.unit { query = query.filter(\.$unit.$id == unit) }
        let words = filters.text.trimmingCharacters(in: .whitespaces)
        if !words.isEmpty {
            let pattern = "%" + words.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query = query.group(.or) { or in
                or.filter(\.$title, .custom("LIKE"), pattern)
                or.filter(\.$indexNumber, .custom("LIKE"), pattern)
                or.filter(\.$documentNumber, .custom("LIKE"), pattern)
            }
        }
        switch filters.state {
        case "live": query = query.filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil)
        case "unpublished": query = query.filter(\.$liveVersionID == nil).filter(\.$withdrawnAt == nil)
        case "withdrawn": query = query.filter(\.$withdrawnAt != nil)
        default: break
        }
        let total = try await query.copy().count()
        let page = try await Keyset.page(query.copy().with(\.$unit), size: pageSize, after: filters.after, before: filters.before,
                                         date: \.$createdAt, dateColumn: "created_at")
        let rows = try await rows(page.rows, today: today, calendar: calendar, on: db)

        // Waiting for review: few at any time, so listed whole above the pages (scoped like the list).
        let reviews = acting.may(.reviewContent, AccessTarget(siteID: acting.siteID, unitID: acting.access.unitID))
        var toReview: [PublicationPages.Row]?
        if reviews {
            var waiting = PublicationVersionRecord.query(on: db).join(PublicationRecord.self, on: \PublicationVersionRecord.$publication.$id == \PublicationRecord.$id)
                .filter(PublicationRecord.self, \.$site.$id == acting.siteID)
                .filter(\.$status ~~ [PublicationStatus.submitted.rawValue, PublicationStatus.approved.rawValue])
            if !isOffice { waiting = waiting.filter(PublicationRecord.self, \.$unit.$id == acting.access.unitID) }
            let ids = Set(try await waiting.limit(500).all().map { $0.$publication.id })
            let records = ids.isEmpty ? [] : try await PublicationRecord.query(on: db).filter(\.$id ~~ ids).with(\.$unit).sort(\.$createdAt, .descending).all()
            toReview = try await self.rows(records, today: today, calendar: calendar, on: db)
        }
        let units = isOffice
            ? UnitQueries.ordered(try await UnitQueries.forSite(acting.siteID, includeArchived: true, on: db)).map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) }
            : []
        let base = filters.items
        return PublicationPages.IndexModel(
            portalHref: SiteURL.publications(slug: siteSlug).path, toReview: toReview, heading: isOffice ? "全部信息" : "本单位信息", rows: rows,
            total: total, filters: .init(text: filters.text, state: filters.state, unit: filters.unit?.uuidString ?? "", units: units,
                                         isFiltered: !filters.isEmpty, clearHref: SiteURL.adminPublications.path),
            newerHref: page.newer.map { SiteURL.adminPublications.path(base + [.before($0.text)]) },
            olderHref: page.older.map { SiteURL.adminPublications.path(base + [.after($0.text)]) },
            firstHref: (filters.after != nil || filters.before != nil) ? SiteURL.adminPublications.path(base) : nil)
    }

    /// The list's rows: each record's latest version, its status and whether it was published on time.
    static func rows(_ records: [PublicationRecord], today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws -> [PublicationPages.Row] {
        let ids = records.compactMap(\.id)
        let versions = ids.isEmpty ? [] : try await PublicationVersionRecord.query(on: db).filter(\.$publication.$id ~~ ids).all()
        let latest = Dictionary(grouping: versions, by: { $0.$publication.id }).mapValues { $0.max { $0.number < $1.number }! }
        let entries = versions.isEmpty ? [] : try await PublicationEntryRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id)).all()
        let entriesByVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id!, $0) })
        // The policies the 解读 among them interpret: a 解读 is due 3 working days after its policy.
        let policyIDs = Set(records.compactMap(\.interpretsID))
        let policies = policyIDs.isEmpty ? [] : try await PublicationRecord.query(on: db).filter(\.$id ~~ policyIDs).all()
        let policyDay = Dictionary(uniqueKeysWithValues: policies.map { ($0.id!, $0.publishedOn.flatMap(CivilDate.init)) })
        return records.compactMap { record in
            guard let version = latest[record.id!] else { return nil }
            let live = record.liveVersionID.flatMap { byID[$0] }
            let timed = PublicationTimeliness.assess(version: live ?? version, entries: entriesByVersion[(live ?? version).id!] ?? [],
                                                     policyPublishedOn: record.interpretsID.flatMap { policyDay[$0] ?? nil },
                                                     today: today, calendar: calendar)
            return PublicationPages.Row(
                title: version.title, href: SiteURL.adminPublication(record.id!).path, isInterpretation: record.publicationKind == .interpretation,
                unitName: record.unit.name, indexNumber: record.indexNumber, status: statusLabel(record, latest: version),
                publishedOn: record.publishedOn ?? "—", timeliness: mark(timed))
        }
    }

    static func statusLabel(_ record: PublicationRecord, latest: PublicationVersionRecord) -> String {
        if record.withdrawnAt != nil && latest.publicationStatus == .withdrawn { return "已撤回" }
        if record.isLive && latest.id != record.liveVersionID { return "已发布（第\(latest.number)版\(latest.publicationStatus.label)）" }
        return latest.publicationStatus.label
    }

    static func mark(_ t: PublicationTimeliness) -> PublicationPages.Mark? {
        guard let headline = t.headline else { return nil }
        let kind = switch headline {
        case .onTime: "ok"
        case .late, .overdue: "danger"
        case .pending: "warn"
        case .notComputable: "info"
        }
        return PublicationPages.Mark(text: headline.label, kind: kind)
    }

    // MARK: One record

    /// A record's page: its working (or latest) version, what the check before publishing found (`blocked` when a
    /// publish was just refused for it), and the steps the actor may take.
    static func show(_ full: PublicationStore.Full, blocked: [ContentSafetyFinding]?, actionError: String?, siteSlug: String, today: CivilDate,
                     calendar: WorkingCalendar, by acting: Acting, on db: any Database) async throws -> PublicationPages.ShowModel {
        let record = full.record
        let id = try record.requireID()
        let version = full.working ?? full.latest
        let words = try await SensitiveWordRecord.matcher(siteID: acting.siteID, on: db)
        let findings = blocked ?? PublicationActions.findings(full, version: version, words: words)
        let shown = full.live ?? version
        let interprets = try await record.interpretsID.asyncMap { try await PublicationRecord.find($0, on: db) } ?? nil
        let timeliness = PublicationTimeliness.assess(version: shown, entries: full.entries[shown.id!] ?? [],
                                                      policyPublishedOn: interprets?.publishedOn.flatMap(CivilDate.init), today: today, calendar: calendar)
        let interpretations = try await PublicationRecord.query(on: db).filter(\.$interpretsID == id).all()
        let may = PublicationActions.abilities(full.target, by: acting)
        let status = version.publicationStatus
        let lock = record.lockVersion
        var steps: [PublicationPages.ShowModel.Step] = []
        if may.edit && (status.isEditable || full.working == nil) {
            steps.append(.link(title: full.working == nil ? "修改（建立新版本）" : "编辑草稿", href: SiteURL.adminPublicationEdit(id).path))
        }
        if may.edit && status.isEditable { steps.append(.form(action: "submit", title: "提交审核", comment: nil)) }
        if may.review && status == .submitted { steps.append(.form(action: "approve", title: "审核通过", comment: nil)) }
        if may.review && (status == .submitted || status == .approved) {
            steps.append(.form(action: "return", title: "退回修改", comment: "退回意见（必填）"))
        }
        if may.publish && status == .approved { steps.append(.publish(needsReason: !findings.isEmpty)) }
        if may.publish && record.isLive { steps.append(.form(action: "withdraw", title: "撤回", comment: "撤回理由（必填，将记录在案）")) }
        if record.isLive && record.publicationKind != .interpretation && may.edit {
            steps.append(.link(title: "为此文件发布政策解读", href: SiteURL.adminPublicationNew.path(.interprets(id))))
        }
        let canFix = may.edit || may.review
        let safety = findings.isEmpty || status == .published ? nil : PublicationPages.ShowModel.Safety(
            blocked: blocked != nil,
            findings: findings.map { f in
                f.kind == .unreadable ? "\(f.place)：\(f.shown)。\(f.context)。" : "\(f.place)：\(f.label)“\(f.shown)”，上下文：\(f.context)"
            },
            maskAction: canFix && findings.contains(where: \.maskable) ? SiteURL.adminPublicationMask(id).path : nil,
            hasUnmaskable: findings.contains { !$0.maskable },
            overrideHint: may.publish && status == .approved)
        var disclosure = version.disclosure.label
        if let reason = version.withholdingReason.flatMap(WithholdingReason.init(rawValue:)) { disclosure += "：\(reason.label)（\(reason.article)）" }
        if !version.attributeExplanation.isEmpty { disclosure += "。\(version.attributeExplanation)" }
        let canEditFiles = may.edit && status.isEditable
        return PublicationPages.ShowModel(
            id: id, title: version.title, status: statusLabel(record, latest: full.latest), timeliness: mark(timeliness),
            portalHref: record.isLive ? SiteURL.publication(slug: siteSlug, id).path : nil, actionError: actionError,
            withdrawn: record.withdrawnAt.map { "已于\(ChineseTime.dateTime($0))撤回（\(record.withdrawnByLabel ?? "")）：\(record.withdrawnReason ?? "")" },
            safety: safety, lockVersion: lock, steps: steps,
            versionHeading: "第\(version.number)版 · \(status.label)",
            metadata: metadata(record, version: version, unitName: full.unit.name, entries: full.entries[version.id!] ?? [],
                               interprets: interprets, interpretations: interpretations, siteSlug: siteSlug, admin: true),
            disclosure: disclosure,
            timelinessLines: timeliness.lines.map { line in
                let tail: String = switch line.result {
                case .onTime(let due), .late(_, let due), .pending(_, let due), .overdue(_, let due): "，应于\(due.description)前公开"
                case .notComputable: version.formedOn == nil ? "（未填写形成或变更日期）" : ""
                }
                return ("\(line.entry)（\(line.timeLimit)）：", line.result.label, tail)
            },
            bodyHTML: version.bodyHTML,
            attachments: (full.attachments[version.id!] ?? []).map { file in
                .init(name: file.fileName, href: SiteURL.adminPublicationFile(id, attachment: file.id!).path,
                      note: "　\(PublicationPages.byteSize(file.size))" + (file.text == nil ? "（此格式不读取文字，未做个人信息检查）" : "（已检查文字）"),
                      removeAction: canEditFiles ? SiteURL.adminPublicationAttachmentRemove(id, attachment: file.id!).path : nil)
            },
            uploadAction: canEditFiles ? SiteURL.adminPublicationAttachments(id).path : nil,
            versions: full.versions.reversed().map { v in
                "第\(v.number)版 · \(v.publicationStatus.label) · \(v.createdByLabel) \(ChineseTime.dateTime(v.createdAt))"
                    + (v.publishedAt.map { " · 发布于\(ChineseTime.dateTime($0))（\(v.publishedByLabel ?? "")）" } ?? "")
                    + (v.changeNote.isEmpty ? "" : " · 修改说明：\(v.changeNote)")
                    + (v.safetyOverride.map { " · 检查提示后仍发布，理由：\($0)" } ?? "")
            },
            reviews: full.reviews.reversed().map { r in
                "\(ChineseTime.dateTime(r.at)) \(r.userLabel)：第\(r.versionNumber)版 \(PublicationPages.reviewLabel(r.action))"
                    + (r.comment.isEmpty ? "" : "——\(r.comment)")
            })
    }

    /// The metadata table's values; links go to the back office (`admin`) or the portal.
    static func metadata(_ record: PublicationRecord, version: PublicationVersionRecord, unitName: String, entries: [PublicationEntryRecord],
                         interprets: PublicationRecord?, interpretations: [PublicationRecord], siteSlug: String, admin: Bool) -> PublicationMetadata.Fields {
        func link(_ other: PublicationRecord) -> String {
            admin ? SiteURL.adminPublication(other.id!).path : SiteURL.publication(slug: siteSlug, other.id!).path
        }
        return PublicationMetadata.Fields(
            indexNumber: record.indexNumber, theme: version.theme, unitName: unitName, writtenOn: version.writtenOn ?? "—", title: version.title,
            documentNumber: version.documentNumber.isEmpty ? "—" : version.documentNumber, publishedOn: version.publishedOn ?? "尚未发布",
            validity: version.validityValue.statement, isValid: version.validity == "valid", formedOn: version.formedOn ?? "—",
            entries: entries.map { ($0.label, admin ? nil : SiteURL.entryPage(slug: siteSlug, key: $0.entryKey).path) },
            channels: (version.channelList.map(\.label) + (version.channelsOther.isEmpty ? [] : [version.channelsOther])).joined(separator: "、"),
            interprets: interprets.map { ($0.title, link($0)) },
            interpretations: interpretations.map { ($0.title, link($0)) })
    }
}
