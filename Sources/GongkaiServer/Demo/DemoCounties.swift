import GongkaiCore

/// The two demo counties, built from the seeds in `../shared/seeds/`. Every unit the seeds name is here, under
/// the short name the seed uses; the full names expand those short names. Townships, villages and public
/// institutions are not named by the seeds: they are marked `example` and shown with 示例. All contact details
/// are invented (the whole site carries the 示例数据 banner).
enum DemoCounties {
    struct UnitSpec {
        let name: String
        let shortName: String
        let kind: OrgUnitKind
        var aliases: [String] = []
        /// Not taken from the seeds.
        var example = false
        var children: [UnitSpec] = []
    }

    struct UserSpec {
        let name: String
        let displayName: String
        /// Full name of the unit.
        let unit: String
        let roles: Set<Role>
    }

    struct County {
        let slug: String
        let name: String
        let parentRegion: String
        let seedFile: String
        let areaCode: String
        /// 行政区划代码, the 3rd–8th characters of every local 统一社会信用代码.
        let regionCode: String
        let root: UnitSpec
        let users: [UserSpec]
    }

    /// One password for every demo account, printed on first start. Demo sites exist only on a database that
    /// has no real site; `gongkai setup` accounts never get it.
    static let password = "gongkai-demo-2020"

    static let all: [County] = [hukou, wuding]

    // 000_b8f08208ce7f1e4d.txt: 湖口县基层政务公开标准化规范化工作任务分工及进度安排.
    static let hukou = County(
        slug: "hukou", name: "湖口县", parentRegion: "江西省九江市", seedFile: "000_b8f08208ce7f1e4d.txt", areaCode: "0792", regionCode: "360429",
        root: UnitSpec(name: "湖口县人民政府", shortName: "县人民政府", kind: .countyGovernment, children: [
            UnitSpec(name: "湖口县人民政府办公室", shortName: "县政府办公室", kind: .governmentOffice, aliases: ["县政府办"]),
            UnitSpec(name: "湖口县电子政务办公室", shortName: "县电政办", kind: .governmentOffice),
            UnitSpec(name: "湖口县行政服务中心", shortName: "县行政服务中心", kind: .department),
            UnitSpec(name: "湖口县发展和改革委员会", shortName: "县发改委", kind: .department),
            UnitSpec(name: "湖口县教育体育局", shortName: "县教体局", kind: .department),
            UnitSpec(name: "湖口县公安局", shortName: "县公安局", kind: .department),
            UnitSpec(name: "湖口县民政局", shortName: "县民政局", kind: .department),
            UnitSpec(name: "湖口县司法局", shortName: "县司法局", kind: .department),
            UnitSpec(name: "湖口县财政局", shortName: "县财政局", kind: .department),
            UnitSpec(name: "湖口县人力资源和社会保障局", shortName: "县人社局", kind: .department),
            UnitSpec(name: "湖口县自然资源局", shortName: "县自然资源局", kind: .department),
            UnitSpec(name: "湖口县生态环境局", shortName: "县生态环境局", kind: .department),
            UnitSpec(name: "湖口县住房和城乡建设局", shortName: "县住建局", kind: .department),
            UnitSpec(name: "湖口县城市管理局", shortName: "县城管局", kind: .department),
            UnitSpec(name: "湖口县农业农村局", shortName: "县农业农村局", kind: .department),
            // The seed names the city-level bureau as the guiding unit for 公共文化服务.
            UnitSpec(name: "九江市文化广电新闻出版旅游局", shortName: "市文广新旅局", kind: .dispatchedAgency),
            UnitSpec(name: "湖口县卫生健康委员会", shortName: "县卫健委", kind: .department),
            UnitSpec(name: "湖口县应急管理局", shortName: "县应急管理局", kind: .department),
            UnitSpec(name: "湖口县市场监督管理局", shortName: "县市场监督管理局", kind: .department),
            UnitSpec(name: "湖口县扶贫开发办公室", shortName: "县扶贫办", kind: .department),
            UnitSpec(name: "国家税务总局湖口县税务局", shortName: "县税务局", kind: .dispatchedAgency),
            UnitSpec(name: "湖口县双钟镇人民政府", shortName: "双钟镇", kind: .township, example: true, children: [
                UnitSpec(name: "双钟镇石钟村民委员会", shortName: "石钟村", kind: .village, example: true),
                UnitSpec(name: "双钟镇月亮湖社区居民委员会", shortName: "月亮湖社区", kind: .village, example: true),
            ]),
            UnitSpec(name: "湖口县均桥镇人民政府", shortName: "均桥镇", kind: .township, example: true, children: [
                UnitSpec(name: "均桥镇均桥村民委员会", shortName: "均桥村", kind: .village, example: true),
            ]),
            UnitSpec(name: "湖口县流芳乡人民政府", shortName: "流芳乡", kind: .township, example: true, children: [
                UnitSpec(name: "流芳乡青年村民委员会", shortName: "青年村", kind: .village, example: true),
            ]),
            UnitSpec(name: "湖口县自来水公司", shortName: "县自来水公司", kind: .publicInstitution, example: true),
        ]),
        users: [
            UserSpec(name: "hukou-admin", displayName: "湖口县公开办（示例）", unit: "湖口县人民政府办公室", roles: [.admin]),
            UserSpec(name: "hukou-shuangzhong-editor", displayName: "双钟镇编辑（示例）", unit: "湖口县双钟镇人民政府",
                     roles: [.editor]),
            UserSpec(name: "hukou-shuangzhong-reviewer", displayName: "双钟镇审核（示例）", unit: "湖口县双钟镇人民政府",
                     roles: [.reviewer]),
            UserSpec(name: "hukou-minzheng", displayName: "县民政局（示例）", unit: "湖口县民政局",
                     roles: [.editor, .reviewer, .guide]),
        ])

    // 004_9c044763bd50e4a6.txt: 武定县基层政务公开标准化规范化工作任务分工及进度安排.
    static let wuding = County(
        slug: "wuding", name: "武定县", parentRegion: "云南省楚雄彝族自治州", seedFile: "004_9c044763bd50e4a6.txt",
        areaCode: "0878", regionCode: "532329",
        root: UnitSpec(name: "武定县人民政府", shortName: "县人民政府", kind: .countyGovernment, children: [
            UnitSpec(name: "武定县人民政府办公室", shortName: "县政府办公室", kind: .governmentOffice, aliases: ["县政府办"]),
            UnitSpec(name: "武定县发展和改革局", shortName: "县发展和改革局", kind: .department),
            UnitSpec(name: "武定县教育体育局", shortName: "县教育体育局", kind: .department),
            UnitSpec(name: "武定县公安局", shortName: "县公安局", kind: .department),
            UnitSpec(name: "武定县民政局", shortName: "县民政局", kind: .department),
            UnitSpec(name: "武定县司法局", shortName: "县司法局", kind: .department),
            UnitSpec(name: "武定县财政局", shortName: "县财政局", kind: .department),
            UnitSpec(name: "武定县人力资源和社会保障局", shortName: "县人力资源和社会保障局", kind: .department),
            UnitSpec(name: "武定县自然资源局", shortName: "县自然资源局", kind: .department),
            UnitSpec(name: "楚雄彝族自治州生态环境局武定分局", shortName: "州生态环境局武定分局", kind: .dispatchedAgency),
            UnitSpec(name: "武定县住房和城乡建设局", shortName: "县住房城乡建设局", kind: .department),
            UnitSpec(name: "武定县农业农村局", shortName: "县农业农村局", kind: .department),
            UnitSpec(name: "武定县文化和旅游局", shortName: "县文化和旅游局", kind: .department),
            UnitSpec(name: "武定县卫生健康局", shortName: "县卫生健康局", kind: .department),
            UnitSpec(name: "武定县应急管理局", shortName: "县应急局", kind: .department),
            UnitSpec(name: "武定县市场监督管理局", shortName: "县市场监管局", kind: .department),
            UnitSpec(name: "武定县扶贫开发办公室", shortName: "县扶贫办", kind: .department),
            // Item (1) says 县政务服务局 and item (10) 县政务服务管理局: one bureau, two names.
            UnitSpec(name: "武定县政务服务管理局", shortName: "县政务服务管理局", kind: .department, aliases: ["县政务服务局"]),
            UnitSpec(name: "国家税务总局武定县税务局", shortName: "县税务局", kind: .dispatchedAgency),
            UnitSpec(name: "武定县狮山镇人民政府", shortName: "狮山镇", kind: .township, example: true, children: [
                UnitSpec(name: "狮山镇城区社区居民委员会", shortName: "城区社区", kind: .village, example: true),
                UnitSpec(name: "狮山镇香水村民委员会", shortName: "香水村", kind: .village, example: true),
            ]),
            UnitSpec(name: "武定县插甸镇人民政府", shortName: "插甸镇", kind: .township, example: true, children: [
                UnitSpec(name: "插甸镇插甸村民委员会", shortName: "插甸村", kind: .village, example: true),
            ]),
            UnitSpec(name: "武定县东坡傣族乡人民政府", shortName: "东坡傣族乡", kind: .township, example: true, children: [
                UnitSpec(name: "东坡傣族乡东坡村民委员会", shortName: "东坡村", kind: .village, example: true),
            ]),
            UnitSpec(name: "武定县人民医院", shortName: "县人民医院", kind: .publicInstitution, example: true),
        ]),
        users: [
            UserSpec(name: "wuding-admin", displayName: "武定县公开办（示例）", unit: "武定县人民政府办公室", roles: [.admin]),
            UserSpec(name: "wuding-shishan-editor", displayName: "狮山镇编辑（示例）", unit: "武定县狮山镇人民政府",
                     roles: [.editor]),
            UserSpec(name: "wuding-shishan-reviewer", displayName: "狮山镇审核（示例）", unit: "武定县狮山镇人民政府",
                     roles: [.reviewer]),
            UserSpec(name: "wuding-minzheng", displayName: "县民政局（示例）", unit: "武定县民政局",
                     roles: [.editor, .reviewer, .guide]),
        ])
}
