/// 公开层级: the level of government that discloses an entry. Templates write 县级 | 乡级; real catalogs also write
/// 区级, 镇级, 乡镇级, 村级 and the combined "乡、村级".
public enum CatalogLevel: String, CaseIterable, Sendable, Comparable, Codable {
    case county
    case township
    case village

    public var label: String {
        switch self {
        case .county: "县级"
        case .township: "乡级"
        case .village: "村级"
        }
    }

    public static func < (a: CatalogLevel, b: CatalogLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The levels one header or cell names: "县级" → [county]; "乡、村级" → [township, village]; "镇级/村级" →
    /// [township, village]; "区级" → [county] (a district is the county level). `nil` when it names none.
    public static func parse(_ text: String) -> Set<CatalogLevel>? {
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty else { return nil }
        var levels = Set<CatalogLevel>()
        for char in compact {
            switch char {
            case "县", "区", "市": levels.insert(.county)
            case "乡", "镇", "街": levels.insert(.township)
            case "村", "社": levels.insert(.village)
            default: continue
            }
        }
        // Only characters that belong to level words may remain: 级, separators, 道 (街道), 区 (社区).
        let allowed: Set<Character> = ["县", "区", "市", "乡", "镇", "街", "道", "村", "社", "级", "、", "/", "，", ",", "和", "及"]
        guard compact.allSatisfy(allowed.contains), !levels.isEmpty else { return nil }
        if compact.contains("社区") { levels.remove(.county) }
        return levels
    }
}

/// The two 附件2 templates counties fill in: 江西's (no 公开层级; 主动公开 / 依申请公开, 特定群体) and the one with
/// 公开层级 that 云南 and later templates use (主动 / 依申请, 特定群体（请写明）, 县级 / 乡级). A catalog is exported in
/// the layout it came in, so the file a county sends back looks like the one its 主管部门 issued.
public enum CatalogLayout: String, CaseIterable, Sendable, Codable {
    case jiangxi
    case yunnan

    public var label: String {
        switch self {
        case .jiangxi: "江西省格式模板（不含公开层级）"
        case .yunnan: "含公开层级的格式模板（云南省等）"
        }
    }

    /// `--layout jiangxi|yunnan` as typed (also 江西 / 云南).
    public init?(argument: String) {
        switch argument.trimmingCharacters(in: .whitespaces).lowercased() {
        case "jiangxi", "江西": self = .jiangxi
        case "yunnan", "云南": self = .yunnan
        default: return nil
        }
    }
}
