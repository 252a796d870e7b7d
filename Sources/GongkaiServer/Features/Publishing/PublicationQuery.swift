import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The back office's reads of published information, as the display values its pages show (decision 0009).
enum PublicationQuery {
    // MARK: The list

    /// Every record the actor sees (all of the site for the office, its own unit's otherwise), newest first, with
    /// what waits for review shown first to those who review.
    static func index(by acting: Acting, siteSlug: String, today: CivilDate, calendar: WorkingCalendar, on db: any Database) async throws
        -> PublicationPages.IndexModel {
        let isOffice = acting.may(.manageSite, acting.site)
        var query = PublicationRecord.query(on: db).filter(\.$site.$id == acting.siteID).with(\.$unit)
        if !isOffice { query = query.filter(\.$unit.$id == acting.access.unitID) }
        let records = try await query.sort(\.$createdAt, .descending).limit(500).all()
        let ids = records.compactMap(\.id)
        let versions = ids.isEmpty ? [] : try await PublicationVersionRecord.query(on: db).filter(\.$publication.$id ~~ ids).all()
        let latest = Dictionary(grouping: versions, by: { $0.$publication.id }).mapValues { $0.max { $0.number < $1.number }! }
        let entries = versions.isEmpty ? [] : try await PublicationEntryRecord.query(on: db).filter(\.$version.$id ~~ versions.compactMap(\.id)).all()
        let entriesByVersion = Dictionary(grouping: entries, by: { $0.$version.id })
        var rows: [PublicationPages.Row] = []
        var toReview: [PublicationPages.Row] = []
        for record in records {
            guard let version = latest[record.id!] else { continue }
            let live = versions.first { $0.id == record.liveVersionID }
            let timed = PublicationTimeliness.assess(version: live ?? version, entries: entriesByVersion[(live ?? version).id!] ?? [],
                                                     today: today, calendar: calendar)
            let row = PublicationPages.Row(
                title: version.title, href: SiteURL.adminPublication(record.id!).path, isInterpretation: record.publicationKind == .interpretation,
                unitName: record.unit.name, indexNumber: record.indexNumber, status: statusLabel(record, latest: version),
                publishedOn: record.publishedOn ?? "—", timeliness: mark(timed))
            rows.append(row)
            if [.submitted, .approved].contains(version.publicationStatus) { toReview.append(row) }
        }
        let reviews = acting.may(.reviewContent, AccessTarget(siteID: acting.siteID, unitID: acting.access.unitID))
        return PublicationPages.IndexModel(portalHref: SiteURL.publications(slug: siteSlug).path, toReview: reviews ? toReview : nil,
                                           heading: isOffice ? "全部信息" : "本单位信息", rows: rows)
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
        let timeliness = PublicationTimeliness.assess(version: shown, entries: full.entries[shown.id!] ?? [], today: today, calendar: calendar)
        let interprets = try await record.interpretsID.asyncMap { try await PublicationRecord.find($0, on: db) } ?? nil
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
