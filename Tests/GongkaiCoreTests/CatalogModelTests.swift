import Testing

@testable import GongkaiCore

@Suite("Catalog model")
struct CatalogModelTests {
    /// The channel cell of seed 000's first row, as the document gives it (note "(纸质媒体": a □ lost in conversion).
    static let seed000Channels = """
        ■政府网站    □政府公报
        □两微一端    □发布会/听证会
        □广播电视    (纸质媒体
        ■公开查阅点   ■行政服务中心
        □便民服务站    □入户/现场
        □社区/企事业单位/村公示栏(电子屏)
        □精准推送   □其他
        """

    @Test("channel cells: ■/□ in one cell with line breaks, template variants, Wingdings letters, free text")
    func channels() {
        let seed = ChannelSelection.parse(Self.seed000Channels)
        #expect(seed.required == [.governmentWebsite, .readingPoint, .serviceCenter])
        #expect(seed.optional.count == 10)
        #expect(seed.optional.contains(.print) && seed.optional.contains(.noticeBoard) && seed.optional.contains(.other))
        #expect(seed.others.isEmpty)

        let seed004 = ChannelSelection.parse("■政府网站       □政府公报\n□公开查阅点     ■政务服务中心   \n□便民服务站     ■入户/现场宣传  \n□社区/企事业单位/村公示栏（电子屏）\n□精准推送       □其他        ")
        #expect(seed004.required == [.governmentWebsite, .serviceCenter, .doorToDoor])

        let wingdings = ChannelSelection.parse("t政府网站 o政府公报 t两微一端")
        #expect(wingdings.required == [.governmentWebsite, .newMedia] && wingdings.optional == [.gazette])

        let later = ChannelSelection.parse("■政府网站 ■12345政务服务热线 □纸质载体 ■其他：信用中国网站\n投资项目在线审批监管平台")
        #expect(later.required == [.governmentWebsite, .hotline12345, .other])
        #expect(later.optional == [.print])
        #expect(later.others == ["信用中国网站", "投资项目在线审批监管平台"])

        let words = ChannelSelection.parse("政府网站、公共资源交易平台")
        #expect(words.required == [.governmentWebsite] && words.others == ["公共资源交易平台"])
        #expect(ChannelSelection.parse("□政府网站 □政府公报").isEmpty)
    }

    @Test("levels as catalogs write them")
    func levels() {
        #expect(CatalogLevel.parse("县级") == [.county])
        #expect(CatalogLevel.parse("区级") == [.county])
        #expect(CatalogLevel.parse("乡级") == [.township])
        #expect(CatalogLevel.parse("镇级") == [.township])
        #expect(CatalogLevel.parse("乡、村级") == [.township, .village])
        #expect(CatalogLevel.parse("镇级/村级") == [.township, .village])
        #expect(CatalogLevel.parse("社区") == [.village])
        #expect(CatalogLevel.parse("省级") == nil)
        #expect(CatalogLevel.parse("") == nil)
    }

    @Test("the 26 pilot domains, found by name, alias or with 领域")
    func domains() {
        #expect(CatalogDomain.pilot.count == 26)
        #expect(Set(CatalogDomain.pilot.map(\.name)).count == 26)
        #expect(Set(CatalogDomain.pilot.map(\.code)).count == 26)
        #expect(CatalogDomain.find("社会救助领域", in: CatalogDomain.pilot)?.code == "pilot-18")
        #expect(CatalogDomain.find("征地补偿", in: CatalogDomain.pilot)?.name == "农村集体土地征收")
        #expect(CatalogDomain.find(" 乡村振兴 ", in: CatalogDomain.pilot)?.name == "扶贫")
        #expect(CatalogDomain.find("行政审批", in: CatalogDomain.pilot) == nil)
    }

    @Test("content elements, legal references and bodies are split without losing the text")
    func texts() {
        #expect(CatalogText.elements("办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间和地点、联系方式")
            == ["办理事项", "办理条件", "最低生活保障标准", "申请材料", "办理流程", "办理时间和地点", "联系方式"])
        #expect(CatalogText.elements("适用范围、审批依据、结果送达、监督投诉渠道等").last == "监督投诉渠道")
        let seed = CatalogText.references("《国务院关于进一步加强和改进最低生活保障工作的意见》(国发〔2012〕45号)、各地相关政策法规文件")
        #expect(seed == [.init(title: "国务院关于进一步加强和改进最低生活保障工作的意见", documentNumber: "国发〔2012〕45号")])
        let many = CatalogText.references("《中华人民共和国食品安全法》《中华人民共和国政府信息公开条例》《关于全面推进政务公开工作的意见》")
        #expect(many.map(\.title) == ["中华人民共和国食品安全法", "中华人民共和国政府信息公开条例", "关于全面推进政务公开工作的意见"])
        let tagged = CatalogText.references("【规章】●财政部《财政预决算领域基层政务公开标准指引》；1.财办发〔2019〕77号")
        #expect(tagged.count == 2 && tagged[1].documentNumber == "财办发〔2019〕77号")
        #expect(CatalogText.bodies("县级政府民政部门、各乡（镇、场）") == ["县级政府民政部门", "各乡（镇、场）"])
    }

    static func seedEntry() -> CatalogEntry {
        CatalogEntry(number: "1", level1: "最低生活保障", level2: "办事指南",
                     content: "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间和地点、联系方式",
                     basis: "《国务院关于进一步加强和改进最低生活保障工作的意见》(国发〔2012〕45号)、各地相关政策法规文件",
                     timeLimit: "制定或获取信息之日起10个工作日内", body: "县级政府民政部门、各乡（镇）场",
                     channels: ChannelSelection.parse(seed000Channels), audience: Audience(everyone: true),
                     methods: DisclosureMethods(proactive: true, onRequest: false), levels: [.county, .township])
    }

    @Test("an entry validates every field and carries the parsed time limit")
    func validation() {
        let entry = Self.seedEntry()
        #expect(entry.validate().isEmpty)
        #expect(entry.timeLimit.period == .workingDays(10) && entry.timeLimit.triggers == ["制定", "获取"])
        var empty = entry
        empty.level2 = " "
        empty.channels = ChannelSelection()
        empty.methods = DisclosureMethods(proactive: false, onRequest: false)
        empty.levels = []
        let errors = empty.validate()
        #expect(errors.messages(for: "level2") == ["请填写二级事项。"])
        #expect(!errors.messages(for: "channels").isEmpty && !errors.messages(for: "methods").isEmpty)
        #expect(!errors.messages(for: "levels").isEmpty)
        #expect(Audience(everyone: true, specificGroup: "申请人").label == "全社会、特定群体（申请人）")
    }

    @Test("a township catalog needs the unit's reviewer and then the guiding unit; a county catalog the reviewer only")
    func workflow() throws {
        #expect(try CatalogWorkflow.apply(.submit, to: .draft, level: .township, approvals: [], entryCount: 3) == .submitted)
        #expect(throws: CatalogWorkflow.Refusal.self) { try CatalogWorkflow.apply(.submit, to: .draft, level: .county, approvals: [], entryCount: 0) }
        #expect(throws: CatalogWorkflow.Refusal.self) { try CatalogWorkflow.apply(.approve(.guide), to: .submitted, level: .township, approvals: [], entryCount: 3) }
        #expect(try CatalogWorkflow.apply(.approve(.unit), to: .submitted, level: .township, approvals: [], entryCount: 3) == .submitted)
        #expect(try CatalogWorkflow.apply(.approve(.guide), to: .submitted, level: .township, approvals: [.unit], entryCount: 3) == .approved)
        #expect(try CatalogWorkflow.apply(.approve(.unit), to: .submitted, level: .county, approvals: [], entryCount: 3) == .approved)
        #expect(throws: CatalogWorkflow.Refusal.self) { try CatalogWorkflow.apply(.returnForChanges(.unit, comment: " "), to: .submitted, level: .county, approvals: [], entryCount: 3) }
        #expect(try CatalogWorkflow.apply(.returnForChanges(.guide, comment: "补充公开依据"), to: .submitted, level: .township, approvals: [.unit], entryCount: 3) == .returned)
        #expect(throws: CatalogWorkflow.Refusal.self) { try CatalogWorkflow.apply(.publish, to: .submitted, level: .county, approvals: [], entryCount: 3) }
        #expect(try CatalogWorkflow.apply(.publish, to: .approved, level: .county, approvals: [.unit], entryCount: 3) == .published)
        #expect(!CatalogStatus.published.isEditable && CatalogStatus.returned.isEditable)
    }

    @Test("versions compare entry by entry and field by field")
    func diff() {
        let a = Self.seedEntry()
        var b = a
        b.timeLimit = TimeLimitParser.parse("信息形成或者变更之日起20个工作日内")
        var c = a
        c.level2 = "审核信息"
        let changes = CatalogDiff.compare([a], [b, c])
        #expect(changes.count == 2)
        #expect(changes[0] == .changed(key: "最低生活保障 › 办事指南", fields: [
            .init(label: "公开时限", old: "制定或获取信息之日起10个工作日内", new: "信息形成或者变更之日起20个工作日内"),
        ]))
        #expect(changes[1] == .added(c))
        #expect(CatalogDiff.compare([a, c], [a]) == [.removed(c)])
        #expect(CatalogDiff.compare([a], [a]).isEmpty)
    }
}

@Suite("Catalog reviews: who gives which")
struct CatalogReviewsTests {
    let catalog = AccessTarget(siteID: "hukou", unitID: "shuangzhong", domain: "社会救助")

    @Test("the unit's reviewer gives the unit's review; the domain's guide the guide's, on township catalogs only; the admin both")
    func reviews() {
        let reviewer = AccessActor(siteID: "hukou", unitID: "shuangzhong", roles: [.reviewer])
        let guide = AccessActor(siteID: "hukou", unitID: "minzheng", roles: [.guide], guidedDomains: ["社会救助"])
        let otherGuide = AccessActor(siteID: "hukou", unitID: "jiaoti", roles: [.guide], guidedDomains: ["义务教育"])
        let admin = AccessActor(siteID: "hukou", unitID: "office", roles: [.admin])
        #expect(CatalogWorkflow.reviews(by: reviewer, of: catalog, level: .township) == [.unit])
        #expect(CatalogWorkflow.reviews(by: guide, of: catalog, level: .township) == [.guide])
        #expect(CatalogWorkflow.reviews(by: guide, of: catalog, level: .county) == [])
        #expect(CatalogWorkflow.reviews(by: otherGuide, of: catalog, level: .township) == [])
        #expect(CatalogWorkflow.reviews(by: admin, of: catalog, level: .township) == [.unit, .guide])
        #expect(CatalogWorkflow.reviews(by: AccessActor(siteID: "wuding", unitID: "office", roles: [.admin]), of: catalog, level: .township) == [])
    }
}
