/// A domain (领域) a catalog is compiled for: one of the 26 pilot domains of 国办发〔2019〕54号 (DOMAIN.md §4.2), or
/// one the admin adds (其他领域).
public struct CatalogDomain: Hashable, Sendable {
    /// Stable code: `pilot-01` … `pilot-26` for the pilot domains, chosen by the admin for others.
    public var code: String
    /// The name as catalog titles use it ("XX领域基层政务公开标准目录").
    public var name: String
    /// Other names seen in real catalogs and plans (征地补偿 for 农村集体土地征收, 乡村振兴 for 扶贫 …).
    public var aliases: [String]
    public var isPilot: Bool

    public init(code: String, name: String, aliases: [String] = [], isPilot: Bool) {
        self.code = code
        self.name = name
        self.aliases = aliases
        self.isPilot = isPilot
    }

    /// "生态环境领域"
    public var title: String { name + "领域" }

    /// The 26 pilot domains in the order of DOMAIN.md §4.2.
    public static let pilot: [CatalogDomain] = [
        ("重大建设项目", []), ("公共资源交易", []), ("财政预决算", ["财政预算决算"]), ("安全生产", []), ("税收管理", []),
        ("城乡规划", []), ("农村集体土地征收", ["征地补偿", "农村集体土地", "集体土地征收"]),
        ("国有土地上房屋征收与补偿", ["国有土地上房屋征收"]), ("保障性住房", []), ("农村危房改造", []), ("市政服务", []),
        ("城市综合执法", []), ("生态环境", ["环境保护"]), ("公共文化服务", ["公共文化"]), ("公共法律服务", ["公共法律"]),
        ("扶贫", ["乡村振兴", "扶贫开发"]), ("救灾", []), ("社会救助", []), ("养老服务", []), ("户籍管理", []), ("涉农补贴", []),
        ("就业", []), ("社会保险", []), ("义务教育", []), ("卫生健康", ["卫生计生"]), ("食品药品监管", ["食品药品监管领域"]),
    ].enumerated().map { index, item in
        CatalogDomain(code: "pilot-\(index + 1 < 10 ? "0" : "")\(index + 1)", name: item.0, aliases: item.1, isPilot: true)
    }

    /// Finds a domain by name or alias, ignoring a trailing 领域 and spaces ("社会救助领域", " 征地补偿 ").
    public static func find(_ text: String, in domains: [CatalogDomain]) -> CatalogDomain? {
        var key = text.filter { !$0.isWhitespace }
        if key.hasSuffix("领域") { key.removeLast(2) }
        guard !key.isEmpty else { return nil }
        return domains.first { $0.name == key } ?? domains.first { $0.aliases.contains(key) } ?? domains.first { $0.code == key }
    }
}
