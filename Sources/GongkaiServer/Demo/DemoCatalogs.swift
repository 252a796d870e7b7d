import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The demo counties' catalogs, built from the example rows of each seed's 附件2 (cells as the documents give
/// them, conversion artefacts such as "(纸质媒体" included, so the demo exercises the real parsers): a county
/// department's catalog, published, and a township's catalog copied from it.
enum DemoCatalogs {
    struct Row {
        let number: String
        let level1: String
        let level2: String
        let content: String
        let basis: String
        let timeLimit: String
        let body: String
        let channels: String
        let levels: Set<CatalogLevel>?
    }

    struct Plan {
        let countyUnit: String
        let townshipUnit: String
        let domain: String
        /// The 附件2 template the seed gives (江西's has no 公开层级).
        let layout: CatalogLayout
        let rows: [Row]
    }

    static let minimumLivingBasis = "《国务院关于进一步加强和改进最低生活保障工作的意见》(国发〔2012〕45号)、各地相关政策法规文件"
    static let foodBasis = "《中华人民共和国食品安全法》《中华人民共和国政府信息公开条例》《关于全面推进政务公开工作的意见》《食品药品安全监管信息公开管理办法》"

    /// 000_b8f08208ce7f1e4d.txt (湖口县) and 004_9c044763bd50e4a6.txt (武定县), 附件2 rows 1–2.
    static let plans: [String: Plan] = [
        "hukou": Plan(countyUnit: "湖口县民政局", townshipUnit: "湖口县双钟镇人民政府", domain: "社会救助", layout: .jiangxi, rows: [
            Row(number: "1", level1: "最低生活保障", level2: "办事指南",
                content: "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间和地点、联系方式",
                basis: minimumLivingBasis, timeLimit: "制定或获取信息之日起10个工作日内", body: "县级政府民政部门、各乡（镇）场",
                channels: "■政府网站    □政府公报\n□两微一端    □发布会/听证会\n□广播电视    (纸质媒体\n■公开查阅点   ■行政服务中心\n□便民服务站    □入户/现场\n□社区/企事业单位/村公示栏(电子屏)\n□精准推送   □其他",
                levels: nil),
            Row(number: "2", level1: "", level2: "审核信息", content: "初审对象名单及相关信息", basis: minimumLivingBasis,
                timeLimit: "制定或获取信息之日起10个工作日内", body: "县级政府民政部门、各乡镇（场）",
                channels: "■政府网站    □政府公报\n□两微一端     (发布会/听证会\n□广播电视    □纸质媒体\n■公开查阅点    ■行政服务中心\n□便民服务站    □入户/现场\n□社区/企事业单位/村公示栏(电子屏)\n\n□精准推送    □其他",
                levels: nil),
        ]),
        "wuding": Plan(countyUnit: "武定县市场监督管理局", townshipUnit: "武定县狮山镇人民政府", domain: "食品药品监管", layout: .yunnan, rows: [
            Row(number: "1", level1: "行政审批", level2: "食品生产经营许可服务指南",
                content: "适用范围、审批依据、受理机构、申请条件、申请材料目录、办理基本流程、办结时限、收费依据及标准、结果送达、监督投诉渠道等",
                basis: foodBasis, timeLimit: "信息形成或变更之日起20个工作日内", body: "市场监督管理行政审批相关责任部门、科室",
                channels: "■政府网站       □政府公报\n□两微一端       □发布会/听证会   \n□广播电视       □纸质媒体\n□公开查阅点     ■政务服务中心   \n□便民服务站     □入户/现场宣传  \n□社区/企事业单位/村公示栏（电子屏）\n□精准推送       □其他        ",
                levels: [.county]),
            Row(number: "2", level1: "", level2: "食品生产经营许可基本信息",
                content: "生产经营者名称、许可证编号、法定代表人（负责人）、生产地址/经营场所、食品类别/经营项目、日常监督管理机构、投诉举报电话、有效期限等",
                basis: foodBasis, timeLimit: "信息形成或变更之日起20个工作日内", body: "市场监督管理行政审批相关责任部门、科室",
                channels: "■政府网站       □政府公报\n□两微一端       □发布会/听证会   \n□广播电视       □纸质媒体\n□公开查阅点     ■政务服务中心   \n□便民服务站     ■入户/现场宣传  \n□社区/企事业单位/村公示栏（电子屏）\n□精准推送       □其他        ",
                levels: [.county]),
        ]),
    ]

    /// The rows as entries: an empty 一级事项 means "same as the row above"; without a 公开层级 column (seed 000) an
    /// entry belongs to the catalog's own level.
    static func entries(_ rows: [Row], level: CatalogLevel) -> [CatalogEntry] {
        var above = ""
        return rows.map { row in
            if !row.level1.isEmpty { above = row.level1 }
            return CatalogEntry(number: row.number, level1: above, level2: row.level2, content: row.content, basis: row.basis,
                                timeLimit: row.timeLimit, body: row.body, channels: ChannelSelection.parse(row.channels),
                                audience: Audience(everyone: true), methods: DisclosureMethods(proactive: true, onRequest: false),
                                levels: row.levels ?? [level])
        }
    }

    /// The county department that guides each pilot domain, by words of its name (first match wins), after the
    /// division of labour in 004_9c044763bd50e4a6.txt 附件1 item (1).
    static let guideKeywords: [String: [String]] = [
        "重大建设项目": ["发展和改革"], "公共资源交易": ["发展和改革"], "财政预决算": ["财政局"], "安全生产": ["应急管理局"],
        "税收管理": ["税务局"], "城乡规划": ["自然资源局"], "农村集体土地征收": ["自然资源局"],
        "国有土地上房屋征收与补偿": ["住房和城乡建设局"], "保障性住房": ["住房和城乡建设局"], "农村危房改造": ["住房和城乡建设局"],
        "市政服务": ["住房和城乡建设局"], "城市综合执法": ["城市管理局", "住房和城乡建设局"], "生态环境": ["生态环境局"],
        "公共文化服务": ["文化和旅游局", "文化广电", "人民政府办公室"], "公共法律服务": ["司法局"], "扶贫": ["扶贫开发办公室"],
        "救灾": ["应急管理局"], "社会救助": ["民政局"], "养老服务": ["民政局"], "户籍管理": ["公安局"], "涉农补贴": ["农业农村局"],
        "就业": ["人力资源和社会保障局"], "社会保险": ["人力资源和社会保障局"], "义务教育": ["教育体育局"], "卫生健康": ["卫生健康"],
        "食品药品监管": ["市场监督管理局"],
    ]

    /// Each pilot domain gets its guiding unit and, at that unit, an empty county catalog (a draft with no entries
    /// yet), so that the coverage view shows honestly what is published and what is still being compiled.
    static func loadDomainGuides(siteID: UUID, now: Date, on db: any Database) async throws {
        let units = try await OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID).all()
            .filter { $0.archivedAt == nil && $0.unitKind != .township && $0.unitKind != .village }
        let existingGuides = try await DomainGuideRecord.query(on: db).filter(\.$site.$id == siteID).all()
        for domain in CatalogDomain.pilot {
            guard let keywords = guideKeywords[domain.name],
                  let unit = keywords.lazy.compactMap({ word in units.first { $0.name.contains(word) } }).first
            else { continue }
            if !existingGuides.contains(where: { $0.domainCode == domain.code }) {
                let guide = DomainGuideRecord()
                guide.$site.id = siteID
                guide.domainCode = domain.code
                guide.$unit.id = try unit.requireID()
                guide.updatedAt = now
                try await guide.create(on: db)
            }
            let exists = try await CatalogRecord.query(on: db).filter(\.$site.$id == siteID)
                .filter(\.$domainCode == domain.code).filter(\.$level == CatalogLevel.county.rawValue).first() != nil
            if !exists {
                _ = try await CatalogEditing.create(unit: unit, domain: domain, level: .county, copyFrom: nil, actor: .system, now: now, on: db)
            }
        }
    }

    /// Publishes the county catalog and the township copy once; a second run changes nothing.
    static func load(slug: String, siteID: UUID, now: Date, on db: any Database) async throws {
        try await loadPublished(slug: slug, siteID: siteID, now: now, on: db)
        try await loadDomainGuides(siteID: siteID, now: now, on: db)
    }

    static func loadPublished(slug: String, siteID: UUID, now: Date, on db: any Database) async throws {
        guard let plan = plans[slug], let domain = CatalogDomain.find(plan.domain, in: CatalogDomain.pilot) else { return }
        guard try await CatalogRecord.query(on: db).filter(\.$site.$id == siteID).count() == 0 else { return }
        func unit(_ name: String) async throws -> OrgUnitRecord? {
            try await OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$name == name).first()
        }
        guard let county = try await unit(plan.countyUnit), let township = try await unit(plan.townshipUnit) else { return }
        let version = try await CatalogStore.publish(entries(plan.rows, level: .county), unit: county, domain: domain,
                                                     level: .county, layout: plan.layout, actor: .system, now: now, on: db)
        // The township starts from the county's catalog, each entry keeping a link to the one it came from.
        let sources = try await CatalogEntryRecord.query(on: db).filter(\.$version.$id == version.requireID()).sort(\.$position).all()
        var copies = sources.map(\.entry)
        for index in copies.indices { copies[index].levels = [.township] }
        try await CatalogStore.publish(copies, unit: township, domain: domain, level: .township,
                                       copiedFrom: sources.map(\.id), layout: plan.layout, actor: .system, now: now, on: db)
    }
}
