import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A few hundred plausible information records for the demo counties (示例), dated over the two years before
/// today, so that lists, search and the timeliness views mean something: notices with 文号, 低保 lists under the
/// township's catalog entry (some published late), budgets, inspection notices, interpretations linked to their
/// policies, and small PDF attachments. Made from templates with a fixed seed, so every demo is the same.
package enum DemoPublications {
    struct Generator {
        var state: UInt64 = 0x2020_0921
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
    }

    static let phrases = [
        "为深入贯彻落实《中华人民共和国政府信息公开条例》，推进基层政务公开标准化规范化建设，结合本地实际，制定本方案。",
        "各单位要高度重视，明确分管领导和具体工作人员，确保各项工作任务按时保质完成。",
        "对符合条件的城乡困难群众，按照“应保尽保、应退尽退”的原则，做好最低生活保障审核确认工作。",
        "申请人可通过政务服务中心窗口、便民服务站或网上办事大厅提出申请，办理时限为20个工作日。",
        "本次监督抽检共抽取食品样品120批次，其中合格118批次，不合格2批次，已依法责令整改。",
        "2026年全县城乡低保标准分别提高到每人每月820元和640元，自2026年7月1日起执行。",
        "各乡（镇、场）要在村务公开栏公示审核对象名单，公示期不少于7天，接受群众监督。",
        "如对公示内容有异议，请于公示期内向乡镇人民政府民政办或县民政局反映，联系电话0792-6312345。",
        "医保参保缴费标准调整后，个人缴费部分按规定享受财政补助，特困人员由医疗救助资金全额资助。",
        "下一步，我们将继续完善政务公开事项标准目录，推动决策、执行、管理、服务、结果全过程公开。",
        "专项资金严格实行专账管理、专款专用，任何单位和个人不得截留、挤占、挪用。",
        "请各村（居）民委员会于每月5日前报送上月工作进展情况，逾期未报的予以通报。",
    ]

    struct Template: Sendable {
        let kind: PublicationKind
        let title: @Sendable (String, Int, Int) -> String
        let theme: String
        let numbered: Bool
        /// The catalog entry (二级事项) records of this template are published under, if any.
        let entry: String?
    }

    static let templates: [Template] = [
        Template(kind: .document, title: { u, y, _ in "关于印发《\(u)\(y)年政务公开工作要点》的通知" }, theme: "综合政务", numbered: true, entry: nil),
        Template(kind: .document, title: { "\($0)\($1)年\($2)月城乡低保审核对象名单公示" }, theme: "民政、扶贫、救灾", numbered: false, entry: "审核信息"),
        Template(kind: .document, title: { u, y, _ in "\(u)关于调整\(y)年城乡最低生活保障标准的通知" }, theme: "民政、扶贫、救灾", numbered: true, entry: nil),
        Template(kind: .document, title: { u, y, _ in "\(u)\(y)年部门预算公开" }, theme: "财政、金融、审计", numbered: false, entry: nil),
        Template(kind: .news, title: { "\($0)\($1)年\($2)月食品安全监督抽检信息公告" }, theme: "市场监管、安全生产监管", numbered: false, entry: nil),
        Template(kind: .document, title: { u, y, _ in "\(u)关于做好\(y)年度冬春临时救助工作的通知" }, theme: "民政、扶贫、救灾", numbered: true, entry: nil),
        Template(kind: .news, title: { "\($0)\($1)年第\(($2 + 2) / 3)季度重点工作进展情况" }, theme: "综合政务", numbered: false, entry: nil),
        Template(kind: .document, title: { u, y, _ in "\(u)最低生活保障办事指南（\(y)年修订）" }, theme: "民政、扶贫、救灾", numbered: false, entry: "办事指南"),
    ]

    /// Loads the records once per site (a site that already has records is left alone).
    package static func load(app: Application, perSite: Int = 150) async throws {
        let now = app.gongkai.now
        for site in try await SiteQueries.all(on: app.db) where site.isDemo {
            let siteID = try site.requireID()
            guard try await PublicationRecord.query(on: app.db).filter(\.$site.$id == siteID).count() == 0 else { continue }
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == siteID).filter(\.$archivedAt == nil).sort(\.$sortOrder).all()
                .filter { $0.unitKind != .village }
            let options = try await PublicationStore.entryOptions(siteID: siteID, unitID: nil, on: app.db)
            var random = Generator(state: UInt64(site.sortOrder) * 7919 + 17)
            var policies: [(UUID, String)] = []
            for i in 0..<perSite {
                // Oldest first, spread over two years up to today.
                let publishedAt = now.addingTimeInterval(-Double(perSite - i) * (730.0 / Double(perSite)) * 86400 + Double(random.next(3600)))
                let day = ChineseTime.today(publishedAt)
                var template = templates[random.next(templates.count)]
                let linked = template.entry.map { entry in options.filter { $0.label.contains(entry) } } ?? []
                let unit: OrgUnitRecord
                if let option = linked.first, let owner = units.first(where: { $0.id == option.unitID }), random.next(3) > 0 {
                    unit = owner
                } else {
                    unit = units[random.next(units.count)]
                    if template.entry != nil { template = templates[0] }
                }
                let entries = linked.filter { $0.unitID == unit.id }
                let late = !entries.isEmpty && i % 5 == 0
                let formed = CivilDate(ChineseTime.date(publishedAt.addingTimeInterval(-Double(late ? 30 + random.next(20) : 1 + random.next(8)) * 86400)))!
                let paragraphs = (0..<(2 + random.next(6))).map { _ in phrases[random.next(phrases.count)] }
                let body = (["示例：本条信息由演示程序生成，内容为虚构。"] + paragraphs).joined(separator: "\n")
                let abbreviation = String(unit.displayShortName.prefix(2))
                var draft = PublicationDraft(
                    kind: template.kind, title: template.title(unit.displayShortName, day.year, day.month),
                    documentNumber: template.numbered ? "\(abbreviation)发〔\(day.year)〕\(1 + random.next(60))号" : "",
                    theme: template.theme, writtenOn: formed.description, formedOn: formed.description, body: body,
                    channels: [.governmentWebsite] + (random.next(2) == 0 ? [.noticeBoard] : []))
                var interprets: UUID?
                if i % 10 == 9, let policy = policies.last {
                    draft.kind = .interpretation
                    draft.title = "《\(policy.1)》政策解读"
                    draft.documentNumber = ""
                    interprets = policy.0
                }
                guard case .success(let checked) = draft.check(today: day, linkedToEntries: !entries.isEmpty, isRevision: false) else { continue }
                let id = try await PublicationStore.create(checked, unit: unit, entries: entries, interprets: interprets, actor: .system,
                                                           now: publishedAt, on: app.db)
                if template.numbered && interprets == nil { policies.append((id, draft.title)) }
                if i % 7 == 3 {
                    let full = try await PublicationStore.load(id, siteID: siteID, on: app.db)
                    try await PublicationActions.attach(pdf(title: draft.title), fileName: "\(draft.title.prefix(30)).pdf", full: full,
                                                        expectedLock: full.record.lockVersion, files: app.storedFiles,
                                                        by: Acting(access: AccessActor(siteID: siteID, unitID: unit.requireID(), roles: [.editor]),
                                                                   audit: .system, via: .cli),
                                                        at: publishedAt, on: app.db)
                }
                let full = try await PublicationStore.load(id, siteID: siteID, on: app.db)
                let version = full.latest
                version.status = PublicationStatus.published.rawValue
                version.publishedAt = publishedAt
                version.publishedOn = day.description
                version.publishedByLabel = "系统（示例数据）"
                let context = PublicationActions.Context(actor: .system, userID: nil, now: publishedAt, words: SensitiveWords([]),
                                                         baseURL: app.gongkai.publicBaseURL, siteSlug: site.slug)
                try await app.db.transaction { tx in
                    try await version.save(on: tx)
                    try await PublicationActions.publish(version, full: full, context: context, on: tx)
                }
            }
        }
    }

    /// A one-page PDF saying what it is (valid enough for every reader; the text is ASCII-only by design).
    static func pdf(title: String) -> Data {
        let text = "Gongkai demo attachment (sample data)"
        let stream = "BT /F1 14 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        _ = title
        return Data(out.utf8)
    }
}
