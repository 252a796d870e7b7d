/// 公开对象: everyone (全社会), and/or a specific group (特定群体/特定群众) with who it is.
public struct Audience: Equatable, Sendable {
    public var everyone: Bool
    /// Who the specific group is ("申请人", "村民"); `""` when the cell only carries a tick.
    public var specificGroup: String?

    public init(everyone: Bool, specificGroup: String? = nil) {
        self.everyone = everyone
        self.specificGroup = specificGroup
    }

    public var label: String {
        [everyone ? "全社会" : nil, specificGroup.map { $0.isEmpty ? "特定群体" : "特定群体（\($0)）" }]
            .compactMap { $0 }.joined(separator: "、")
    }
}

/// 公开方式: proactive (主动公开), on request (依申请公开), or both.
public struct DisclosureMethods: Equatable, Sendable {
    public var proactive: Bool
    public var onRequest: Bool

    public init(proactive: Bool, onRequest: Bool) {
        self.proactive = proactive
        self.onRequest = onRequest
    }

    public var label: String {
        [proactive ? "主动公开" : nil, onRequest ? "依申请公开" : nil].compactMap { $0 }.joined(separator: "、")
    }
}

/// One row of a 政务公开事项标准目录.
public struct CatalogEntry: Equatable, Sendable {
    /// 序号 as written (it restarts per 一级事项 in some catalogs, so it is not an identity).
    public var number: String
    public var level1: String
    public var level2: String
    public var level3: String
    /// 公开内容（要素）as written; `elements` is the list it names.
    public var content: String
    /// 公开依据 as written; `references` are the 《…》 titles and document numbers found in it.
    public var basis: String
    public var timeLimit: TimeLimitRule
    /// 公开主体 as written; `bodies` splits it.
    public var body: String
    public var channels: ChannelSelection
    public var audience: Audience
    public var methods: DisclosureMethods
    public var levels: Set<CatalogLevel>

    public init(number: String = "", level1: String, level2: String, level3: String = "", content: String,
                basis: String, timeLimit: String, body: String, channels: ChannelSelection, audience: Audience,
                methods: DisclosureMethods, levels: Set<CatalogLevel>) {
        self.number = number
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.content = content
        self.basis = basis
        self.timeLimit = TimeLimitParser.parse(timeLimit)
        self.body = body
        self.channels = channels
        self.audience = audience
        self.methods = methods
        self.levels = levels
    }

    public var elements: [String] { CatalogText.elements(content) }
    public var references: [CatalogText.Reference] { CatalogText.references(basis) }
    public var bodies: [String] { CatalogText.bodies(body) }

    /// What identifies an entry across versions: its place in the 事项 hierarchy.
    public var key: String { [level1, level2, level3].filter { !$0.isEmpty }.joined(separator: " › ") }

    /// Every problem, with the field it belongs to, in Chinese.
    public func validate() -> ValidationErrors {
        var errors = ValidationErrors()
        if level1.trimmingSpaces.isEmpty { errors.add("level1", "请填写一级事项。") }
        if level2.trimmingSpaces.isEmpty { errors.add("level2", "请填写二级事项。") }
        if content.trimmingSpaces.isEmpty { errors.add("content", "请填写公开内容（要素）。") }
        if basis.trimmingSpaces.isEmpty { errors.add("basis", "请填写公开依据。") }
        if timeLimit.text.trimmingSpaces.isEmpty { errors.add("timeLimit", "请填写公开时限。") }
        if body.trimmingSpaces.isEmpty { errors.add("body", "请填写公开主体。") }
        if channels.isEmpty { errors.add("channels", "请至少选择一个必选的公开渠道和载体（■）。") }
        if !audience.everyone && audience.specificGroup == nil { errors.add("audience", "请选择公开对象：全社会或特定群体。") }
        if !methods.proactive && !methods.onRequest { errors.add("methods", "请选择公开方式：主动公开或依申请公开。") }
        if levels.isEmpty { errors.add("levels", "请选择公开层级：县级、乡级或村级。") }
        for (field, value, limit) in [("level1", level1, 100), ("level2", level2, 200), ("level3", level3, 200),
                                       ("content", content, 4000), ("basis", basis, 4000), ("body", body, 500)]
            where value.count > limit {
            errors.add(field, "内容过长（\(value.count)字，最多\(limit)字）。")
        }
        // A catalog says what is disclosed, never about whom: personal data in it would be published with it.
        for (field, value) in [("level1", level1), ("level2", level2), ("level3", level3), ("content", content),
                               ("basis", basis), ("body", body), ("audience", audience.specificGroup ?? "")] {
            if let found = PersonalDataScanner.scan(value).first {
                errors.add(field, "含有个人信息（\(found.kind.label) \(found.masked)）。标准目录只写应公开的事项，请删去后再保存。")
            }
        }
        return errors
    }
}
