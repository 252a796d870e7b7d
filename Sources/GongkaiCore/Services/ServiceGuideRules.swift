import Foundation

/// 办理时限 as a guide writes it: 即办 (当场办结), or a period from 受理 read with the catalog's time-limit parser.
/// 德州's template: "即办件：统一按“即办”填写；承诺件：…承诺时限统一按“自受理之日起xx日办结”填写".
public enum ServiceTimeLimit: Equatable, Sendable {
    case immediate
    case period(Period)

    public static let immediateWords: Set<String> = ["即办", "即办件", "当场办结", "即时办结", "立即办理", "当场办理", "即时办理"]

    /// `nil` when the text cannot be read with certainty (a legal obligation is never guessed).
    public static func read(_ text: String) -> ServiceTimeLimit? {
        let compact = text.filter { !$0.isWhitespace }.trimmingCharacters(in: CharacterSet(charactersIn: "。."))
        if immediateWords.contains(compact) { return .immediate }
        let rule = TimeLimitParser.parse(compact)
        if rule.kind == .period, let period = rule.period, period.amount > 0 { return .period(period) }
        return nil
    }

    public var label: String {
        switch self {
        case .immediate: "即办"
        case .period(let p): "\(p.amount)\(p.unit.label)"
        }
    }
}

extension ServiceGuide {
    /// Vague material names the national sample check faulted ("13%对办理材料不清楚，存在类似“根据相关法律法规需要
    /// 提交的其他材料”等表述").
    static let vagueMaterials = ["其他材料", "相关材料", "其它材料", "需要提交的其他", "规定的其他", "有关材料", "等材料"]

    /// Every problem of the guide at once, each tied to its field (`materials.2.name` for the second material).
    public func validate() -> ValidationErrors {
        var errors = ValidationErrors()
        func required(_ value: String, _ field: String, _ label: String) {
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add(field, "请填写\(label)。") }
        }
        required(name, "name", "事项名称")
        if name.count > 100 { errors.add("name", "事项名称不能超过100个字。") }
        if itemType == nil { errors.add("itemType", "请选择事项类型。") }
        required(basis, "basis", "设定依据（法律法规名称和条款）")
        required(conditions, "conditions", "受理条件")
        if materials.isEmpty {
            errors.add("materials", "请列出申请材料；确实不需要任何材料的，写一项“无需提交材料”。")
        }
        for (i, m) in materials.enumerated() {
            let n = i + 1
            let nameText = m.name.trimmingCharacters(in: .whitespacesAndNewlines)
            if nameText.isEmpty { errors.add("materials.\(n).name", "第\(n)项材料没有写名称。") }
            if let vague = Self.vagueMaterials.first(where: nameText.contains) {
                errors.add("materials.\(n).name", "第\(n)项材料“\(nameText)”写得笼统（含“\(vague)”）：请逐项写明材料名称。")
            }
            if !(1...99).contains(m.copies) { errors.add("materials.\(n).copies", "第\(n)项材料的份数应为1到99。") }
            required(m.source, "materials.\(n).source", "第\(n)项材料的来源（如 申请人自备、民政部门出具）")
        }
        let realSteps = steps.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if realSteps.isEmpty { errors.add("steps", "办理流程至少要有一个步骤（每行写一步，如 申请、受理、审核、决定、送达）。") }
        if realSteps.count > 30 { errors.add("steps", "办理流程最多30步，现为\(realSteps.count)步。") }
        if statutoryLimit.isEmpty && promisedLimit.isEmpty {
            errors.add("statutoryLimit", "请填写法定办结时限或承诺办结时限（即办件写“即办”）。")
        }
        var read: [String: ServiceTimeLimit] = [:]
        for (field, label, text) in [("statutoryLimit", "法定办结时限", statutoryLimit), ("promisedLimit", "承诺办结时限", promisedLimit)] where !text.isEmpty {
            if let limit = ServiceTimeLimit.read(text) { read[field] = limit } else {
                errors.add(field, "无法识别\(label)“\(text)”：请写“即办”，或“自受理之日起N个工作日”。")
            }
        }
        if case .period(let statutory)? = read["statutoryLimit"], case .period(let promised)? = read["promisedLimit"],
           statutory.unit == promised.unit, promised.amount > statutory.amount {
            errors.add("promisedLimit", "承诺办结时限（\(promised.amount)\(promised.unit.label)）不能长于法定办结时限（\(statutory.amount)\(statutory.unit.label)）。")
        }
        switch FeeText.check(fee) {
        case .failure(let problem): errors.add("fee", problem.message)
        case .success(let text): if text != "不收费" { required(feeBasis, "feeBasis", "收费依据（收费的须写明文件名称和文号）") }
        }
        required(office, "office", "受理机构（写到科室或窗口）")
        required(place, "place", "办理地点")
        required(hours, "hours", "办理时间")
        if !hours.isEmpty && !hours.contains("节假日") {
            errors.add("hours", "办理时间应写明法定节假日是否办理，如“周一至周五 上午8:30—12:00，下午2:30—5:30（法定节假日除外）”。")
        }
        for (field, label, value) in [("phone", "咨询电话", phone), ("complaintPhone", "监督投诉电话", complaintPhone)] {
            if value.isEmpty { errors.add(field, "请填写\(label)。") } else if !PhoneText.isPlausible(value) {
                errors.add(field, "\(label)应为号码，如“0792-6322345”或“12345”，现为“\(value)”。")
            }
        }
        if online != .none {
            if onlineURL.isEmpty { errors.add("onlineURL", "\(online.label)的事项请填写网上办理的网址。") }
            else if !SiteIdentity.isWebAddress(onlineURL) { errors.add("onlineURL", "网上办理网址应以 https:// 或 http:// 开头，现为“\(onlineURL)”。") }
        }
        required(delivery, "delivery", "结果送达方式")
        for (i, item) in faq.enumerated() where !item.question.isEmpty || !item.answer.isEmpty {
            if item.question.trimmingCharacters(in: .whitespaces).isEmpty || item.answer.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.add("faq.\(i + 1)", "第\(i + 1)个常见问题要同时写问题和解答。")
            }
        }
        return errors
    }

    /// The guide with 收费 written the one accepted way, texts trimmed, empty steps and questions dropped.
    public var normalised: ServiceGuide {
        var g = self
        if case .success(let fee) = FeeText.check(fee) { g.fee = fee }
        g.steps = steps.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        g.faq = faq.filter { !$0.question.isEmpty }
        g.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return g
    }

    /// The elements as a reader sees them, in the order the guide page and the 一本通 print them.
    public var displayFields: [(String, String)] {
        [
            ("事项名称", name), ("事项类型", itemType?.label ?? ""), ("设定依据", basis), ("服务对象", audience.label), ("受理条件", conditions),
            ("法定办结时限", statutoryLimit.isEmpty ? "—" : statutoryLimit), ("承诺办结时限", promisedLimit.isEmpty ? "—" : promisedLimit),
            ("收费标准", fee), ("收费依据", feeBasis.isEmpty ? "—" : feeBasis), ("受理机构", office), ("办理地点", place), ("办理时间", hours),
            ("咨询电话", phone), ("监督投诉电话", complaintPhone), ("网上可办程度", online.label), ("结果送达", delivery),
        ]
    }
}
