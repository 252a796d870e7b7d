import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A few hundred plausible information records for the demo counties (示例), dated over the two years before
/// today, so that lists, search and the timeliness views mean something. Each record fits its unit (a 食品抽检
/// notice comes from the 市场监督管理局), its catalog entry and its text; the counties' pilot domains
/// (社会救助, 食品药品监管) are covered under their entries (some published late); interpretations come from the
/// unit that issued the policy. Made from topics with a fixed seed, so every demo is the same.
package enum DemoPublications {
    struct Generator {
        var state: UInt64 = 0x2020_0921
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
    }

    /// What a record is about: who publishes it, its title for a date, its text, and the catalog entry
    /// (二级事项) it falls under when the unit's catalog has one. Every record's unit, entry and text agree.
    struct Topic: Sendable {
        let kind: PublicationKind
        let theme: String
        let numbered: Bool
        let fits: @Sendable (OrgUnitRecord) -> Bool
        /// Full name, short name, date → title. Topics repeat monthly, quarterly or yearly, and say which.
        let title: @Sendable (String, String, CivilDate) -> String
        let body: [String]
        let entry: String?
    }

    static func named(_ words: String...) -> @Sendable (OrgUnitRecord) -> Bool {
        { unit in words.contains { unit.name.contains($0) } }
    }
    static let anyDepartment: @Sendable (OrgUnitRecord) -> Bool = { [.department, .dispatchedAgency].contains($0.unitKind) }
    static let anyPublisher: @Sendable (OrgUnitRecord) -> Bool = { [.department, .dispatchedAgency, .township, .governmentOffice].contains($0.unitKind) }
    static let township: @Sendable (OrgUnitRecord) -> Bool = { $0.unitKind == .township }

    static func quarter(_ d: CivilDate) -> Int { (d.month + 2) / 3 }

    static let topics: [Topic] = [
        // 社会救助 (湖口县's pilot domain): the catalog's two entries, and the 民政局's own notices.
        Topic(kind: .document, theme: "民政、扶贫、救灾", numbered: false, fits: { township($0) || $0.name.contains("民政局") },
              title: { full, short, d in full.contains("民政局") ? "全县\(d.year)年\(d.month)月城乡低保审核确认对象名单公示" : "\(short)\(d.year)年\(d.month)月城乡低保审核对象名单公示" },
              body: ["根据《社会救助暂行办法》和最低生活保障审核确认办法，经入户调查、民主评议和审核，现将本月城乡最低生活保障审核对象名单予以公示（名单见附件，身份证号码等个人信息已作隐藏处理）。",
                     "公示期为7天。如对公示对象有异议，请于公示期内向乡（镇）人民政府民政办或县民政局反映，我们将依法核实处理。"],
              entry: "审核信息"),
        Topic(kind: .document, theme: "民政、扶贫、救灾", numbered: false, fits: { township($0) || $0.name.contains("民政局") },
              title: { _, short, d in "\(short)最低生活保障办事指南（\(d.year)年修订）" },
              body: ["办理事项：最低生活保障审核确认。办理条件：共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。",
                     "申请材料：申请书、家庭成员身份证件、收入和财产状况说明、授权核对家庭经济状况的书面声明。",
                     "办理流程：申请—受理—家庭经济状况调查—审核确认—公示—发放；办理时限为受理之日起30个工作日。",
                     "办理地点：乡（镇）人民政府便民服务中心社会救助窗口；也可由村（居）民委员会代为提交。"],
              entry: "办事指南"),
        Topic(kind: .document, theme: "民政、扶贫、救灾", numbered: true, fits: named("民政局"),
              title: { full, _, d in "\(full)关于调整\(d.year)年城乡最低生活保障标准的通知" },
              body: ["经县人民政府同意，自本年7月1日起，城市最低生活保障标准提高到每人每月820元，农村最低生活保障标准提高到每人每月640元。",
                     "各乡（镇、场）要按新标准及时调整保障金额，做到应保尽保、应退尽退，所需资金由县财政统筹安排。"],
              entry: nil),
        Topic(kind: .document, theme: "民政、扶贫、救灾", numbered: true, fits: named("民政局"),
              title: { full, _, d in "\(full)关于做好\(d.year)年度冬春临时救助工作的通知" },
              body: ["为切实保障困难群众冬春期间基本生活，对遭遇突发事件、意外伤害、重大疾病等导致基本生活暂时出现严重困难的家庭，及时给予临时救助。",
                     "临时救助实行“先行救助、后补手续”，对急难型救助对象，乡（镇）人民政府可直接审批，救助金额在2000元以内。",
                     "各乡（镇、场）要在村务公开栏公示临时救助对象和金额，接受群众监督。"],
              entry: nil),
        Topic(kind: .news, theme: "民政、扶贫、救灾", numbered: false, fits: named("民政局"),
              title: { _, short, d in "\(short)\(d.year)年第\(quarter(d))季度特困人员救助供养资金发放情况" },
              body: ["本季度全县共为特困人员发放基本生活费和照料护理补贴，资金已通过“一卡通”发放到人。",
                     "分散供养和集中供养人员的生活费标准不低于当地低保标准的1.3倍。"],
              entry: nil),

        // 食品药品监管 (武定县's pilot domain): the catalog's two entries and the 抽检 notices.
        Topic(kind: .document, theme: "市场监管、安全生产监管", numbered: false, fits: { $0.name.contains("市场监督") || (township($0) && $0.name.contains("武定")) },
              title: { _, short, d in "\(short)食品生产经营许可服务指南（\(d.year)年修订）" },
              body: ["适用范围：在本辖区从事食品销售、餐饮服务的经营者。审批依据：《中华人民共和国食品安全法》《食品经营许可和备案管理办法》。",
                     "申请材料：食品经营许可申请书、营业执照、与食品经营相适应的主要设备设施布局和操作流程等文件、食品安全管理制度。",
                     "办结时限：受理之日起10个工作日；不收费。监督投诉电话：12315。"],
              entry: "食品生产经营许可服务指南"),
        Topic(kind: .document, theme: "市场监管、安全生产监管", numbered: false, fits: { $0.name.contains("市场监督") || (township($0) && $0.name.contains("武定")) },
              title: { _, short, d in "\(short)\(d.year)年\(d.month)月食品经营许可信息公示" },
              body: ["现将本月准予许可的食品经营者名单予以公示，内容包括经营者名称、许可证编号、负责人、经营场所、经营项目、日常监督管理机构、投诉举报电话和有效期限。",
                     "公众可登录国家企业信用信息公示系统查询许可详情。"],
              entry: "食品生产经营许可基本信息"),
        Topic(kind: .news, theme: "市场监管、安全生产监管", numbered: false, fits: named("市场监督"),
              title: { _, short, d in "\(short)\(d.year)年\(d.month)月食品安全监督抽检信息公告" },
              body: ["本月共抽检食用农产品、餐饮食品、粮食加工品等120批次，其中合格118批次，不合格2批次。",
                     "对抽检不合格的食品，已责令经营者立即下架、召回，并依法立案调查。"],
              entry: nil),

        // What other departments publish.
        Topic(kind: .document, theme: "财政、金融、审计", numbered: false, fits: anyDepartment,
              title: { full, _, d in "\(full)\(d.year)年部门预算公开" },
              body: ["本部门预算包括收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算“三公”经费支出表等9张表。",
                     "本年度“三公”经费预算较上年减少，主要是严格落实过紧日子要求，压减公务接待和公务用车运行费用。"],
              entry: nil),
        Topic(kind: .news, theme: "劳动、人事、监察", numbered: false, fits: named("人力资源和社会保障局"),
              title: { _, short, d in "\(short)\(d.year)年\(d.month)月就业见习岗位信息公告" },
              body: ["本月共征集就业见习岗位45个，面向离校2年内未就业高校毕业生和16至24岁失业青年。",
                     "见习期间由见习单位发放基本生活费，并办理人身意外伤害保险。报名地点：县公共就业服务中心。"],
              entry: nil),
        Topic(kind: .document, theme: "城乡建设、环境保护", numbered: false, fits: named("住房和城乡建设局"),
              title: { _, short, d in "\(short)\(d.year)年城镇老旧小区改造项目计划公示" },
              body: ["本年度计划改造城镇老旧小区12个，涉及居民1860户，改造内容包括水电气管网、屋面防水、加装电梯和无障碍设施。",
                     "公示期10天，对项目安排有意见的，请向县住房和城乡建设局反映。"],
              entry: nil),
        Topic(kind: .document, theme: "农业、林业、水利", numbered: false, fits: named("农业农村局"),
              title: { _, short, d in "\(short)\(d.year)年耕地地力保护补贴发放情况公示" },
              body: ["本年度耕地地力保护补贴按每亩105元标准发放，补贴资金通过“一卡通”直接发放到农户。",
                     "各乡（镇）已将补贴面积和金额在村务公开栏公示，农户对补贴有异议的可向乡（镇）农业综合服务中心反映。"],
              entry: nil),
        Topic(kind: .news, theme: "安全生产监管", numbered: false, fits: named("应急管理局"),
              title: { _, short, d in "\(short)\(d.year)年\(d.month)月安全生产执法检查情况通报" },
              body: ["本月共检查生产经营单位36家，发现一般事故隐患58处，已整改52处，其余限期整改。",
                     "对存在重大事故隐患的2家企业依法责令停产整顿，并予以立案处罚。"],
              entry: nil),
        Topic(kind: .document, theme: "卫生、体育", numbered: false, fits: named("卫生健康"),
              title: { _, short, d in "\(short)\(d.year)年基本公共卫生服务项目实施方案" },
              body: ["本年度人均基本公共卫生服务经费补助标准为94元，用于居民健康档案、预防接种、慢性病患者健康管理等服务。",
                     "家庭医生签约服务重点覆盖老年人、孕产妇、儿童和慢性病患者。"],
              entry: nil),
        Topic(kind: .document, theme: "教育", numbered: true, fits: named("教育体育局"),
              title: { full, _, d in "\(full)关于印发\(d.year)年义务教育学校招生工作方案的通知" },
              body: ["义务教育学校招生坚持免试、就近入学原则，公办学校和民办学校同步招生。",
                     "符合条件的随迁子女按“两为主、两纳入”要求入学，报名时间为7月1日至7月15日。"],
              entry: nil),
        Topic(kind: .document, theme: "国土资源、能源", numbered: false, fits: named("自然资源局"),
              title: { _, short, d in "\(short)\(d.year)年\(d.month)月国有建设用地使用权挂牌出让公告" },
              body: ["经县人民政府批准，以挂牌方式出让国有建设用地使用权，地块用途、面积、起始价和竞买保证金见附件。",
                     "竞买申请人可于公告期内到县公共资源交易中心获取出让文件。"],
              entry: nil),

        // What every unit publishes.
        Topic(kind: .document, theme: "综合政务", numbered: true, fits: anyPublisher,
              title: { full, _, d in "关于印发《\(full)\(d.year)年政务公开工作要点》的通知" },
              body: ["为深入贯彻落实《中华人民共和国政府信息公开条例》，推进基层政务公开标准化规范化建设，结合本单位实际，制定本工作要点。",
                     "各股室要对照政务公开事项标准目录，做好决策、执行、管理、服务、结果全过程公开，按时更新主动公开内容。",
                     "加强政策解读，坚持“谁起草、谁解读”，政策文件与解读材料同步组织、同步审签、同步部署。"],
              entry: nil),
        Topic(kind: .news, theme: "综合政务", numbered: false, fits: anyPublisher,
              title: { _, short, d in "\(short)\(d.year)年第\(quarter(d))季度重点工作进展情况" },
              body: ["本季度各项重点工作按计划推进，政务公开、优化营商环境、民生实事等任务完成情况良好。",
                     "下一步，我们将聚焦群众关切，继续做好惠民政策落实和信息公开工作。"],
              entry: nil),
    ]

    /// Loads the records once per site (a site that already has records is left alone). Every third record is
    /// published under a catalog entry, taking the site's entries in turn so each pilot domain is covered; the
    /// rest are the units' own notices. One in ten is the interpretation of a policy its own unit issued a few
    /// days before (one of them late, so the 解读 deadline shows).
    /// - only: one site's slug (tests), or every demo site.
    package static func load(app: Application, perSite: Int = 150, only: String? = nil) async throws {
        let now = app.gongkai.now
        for site in try await SiteQueries.all(on: app.db) where site.isDemo && (only == nil || site.slug == only) {
            let siteID = try site.requireID()
            guard try await PublicationRecord.query(on: app.db).filter(\.$site.$id == siteID).count() == 0 else { continue }
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == siteID).filter(\.$archivedAt == nil).sort(\.$sortOrder).all()
                .filter { $0.unitKind != .village && $0.unitKind != .publicInstitution && $0.unitKind != .countyGovernment }
            let options = try await PublicationStore.entryOptions(siteID: siteID, unitID: nil, on: app.db)
            var random = Generator(state: UInt64(site.sortOrder) * 7919 + 17)
            var used = Set<String>()
            var policies: [(id: UUID, title: String, unit: UUID, day: CivilDate, interpreted: Bool)] = []
            var lateInterpretation = false
            for i in 0..<perSite {
                // Oldest first, spread over two years up to today.
                let publishedAt = now.addingTimeInterval(-Double(perSite - i) * (730.0 / Double(perSite)) * 86400 + Double(random.next(3600)))
                let day = ChineseTime.today(publishedAt)

                // A 解读 of a policy not yet interpreted, by the unit that issued it (谁起草、谁解读), published a day or
                // two after it; one per site 19 days after, which the 解读 deadline (3 working days) marks as late.
                if i % 10 == 9, let index = policies.lastIndex(where: { !$0.interpreted }), let unit = units.first(where: { $0.id == policies[index].unit }) {
                    policies[index].interpreted = true
                    let policy = policies[index]
                    let name = policy.title.firstMatch(of: /关于印发《(.+)》的通知/).map { String($0.1) } ?? policy.title
                    let title = "《\(name)》政策解读"
                    guard !used.contains(title) else { continue }
                    used.insert(title)
                    let late = !lateInterpretation
                    lateInterpretation = true
                    let on = policy.day.adding(days: late ? 19 : 1 + random.next(2))
                    let at = ChineseTime.parseDay(on.description)!.addingTimeInterval(36_000)
                    guard at < now else { continue }
                    let draft = PublicationDraft(
                        kind: .interpretation, title: title, documentNumber: "", theme: "综合政务", writtenOn: on.description, formedOn: on.description,
                        body: (["示例：本条信息由演示程序生成，内容为虚构。",
                                "一、出台背景：为落实上级部署，结合本地实际，\(unit.name)制定了《\(name)》。",
                                "二、主要内容：文件明确了适用范围、工作标准、办理程序和责任分工。",
                                "三、解读机关及联系方式：\(unit.name)，联系电话 \(unit.phone.isEmpty ? "见政府信息公开指南" : unit.phone)。"]).joined(separator: "\n"),
                        channels: [.governmentWebsite])
                    try await publish(draft, unit: unit, entries: [], interprets: policy.id, at: at, site: site, app: app)
                    continue
                }

                // Every third record under a catalog entry, the entries in turn; otherwise one of the unit's own topics.
                var chosen: (Topic, OrgUnitRecord, [PublicationStore.EntryOption])?
                if i % 3 == 0, !options.isEmpty {
                    let option = options[(i / 3) % options.count]
                    if let unit = units.first(where: { $0.id == option.unitID }),
                       let topic = topics.first(where: { $0.entry != nil && option.label.hasSuffix($0.entry!) && $0.fits(unit) }),
                       !used.contains(topic.title(unit.name, unit.displayShortName, day)) {
                        chosen = (topic, unit, [option])
                    }
                }
                if chosen == nil {
                    for _ in 0..<12 {
                        let unit = units[random.next(units.count)]
                        let fitting = topics.filter { $0.entry == nil && $0.fits(unit) }
                        guard !fitting.isEmpty else { continue }
                        let topic = fitting[random.next(fitting.count)]
                        if !used.contains(topic.title(unit.name, unit.displayShortName, day)) { chosen = (topic, unit, []); break }
                    }
                }
                guard let (topic, unit, entries) = chosen else { continue }
                let title = topic.title(unit.name, unit.displayShortName, day)
                guard !used.contains(title) else { continue }
                used.insert(title)
                let late = !entries.isEmpty && i % 5 == 0
                let formed = CivilDate(ChineseTime.date(publishedAt.addingTimeInterval(-Double(late ? 30 + random.next(20) : 1 + random.next(8)) * 86400)))!
                var paragraphs = ["示例：本条信息由演示程序生成，内容为虚构。"] + topic.body
                if let option = entries.first {
                    paragraphs.append("本信息按照\(option.domainName)领域基层政务公开事项标准目录“\(option.label)”事项公开，公开时限：\(option.timeLimit)。")
                }
                let abbreviation = String(unit.displayShortName.prefix(2))
                let draft = PublicationDraft(
                    kind: topic.kind, title: title,
                    documentNumber: topic.numbered ? "\(abbreviation)发〔\(day.year)〕\(1 + random.next(60))号" : "",
                    theme: topic.theme, writtenOn: formed.description, formedOn: formed.description, body: paragraphs.joined(separator: "\n"),
                    channels: [.governmentWebsite] + (random.next(2) == 0 ? [.noticeBoard] : []))
                guard let id = try await publish(draft, unit: unit, entries: entries, interprets: nil, at: publishedAt, site: site, app: app,
                                                 attach: i % 7 == 3) else { continue }
                if topic.numbered { policies.append((id, title, try unit.requireID(), day, false)) }
            }
        }
    }

    /// Drafts, checks and publishes one record as of `at` (with a small PDF when `attach`); nil when the check refuses it.
    @discardableResult
    static func publish(_ draft: PublicationDraft, unit: OrgUnitRecord, entries: [PublicationStore.EntryOption], interprets: UUID?,
                        at publishedAt: Date, site: SiteRecord, app: Application, attach: Bool = false) async throws -> UUID? {
        let siteID = try site.requireID()
        let day = ChineseTime.today(publishedAt)
        guard case .success(let checked) = draft.check(today: day, linkedToEntries: !entries.isEmpty, isRevision: false) else { return nil }
        let id = try await PublicationStore.create(checked, unit: unit, entries: entries, interprets: interprets, actor: .system,
                                                   now: publishedAt, on: app.db)
        if attach {
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
        return id
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
