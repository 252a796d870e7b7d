/// The written notices of 依申请公开: 补正告知 (第三十条), 延长答复期限告知 (第三十三条), 收费通知 (信息处理费管理办法),
/// 说明理由告知 (第三十五条) and the reply itself (答复告知书, 第三十六条), one template per kind and per result row of
/// table 三. Templates are plain text with placeholders in braces ("{申请人}"); the admin edits the wording, the
/// placeholders fill in the case's facts. A letter, once issued, is kept as issued (`Letter`).
public enum RequestLetter {
    public enum Kind: Hashable, Sendable {
        case correction
        case extensionNotice
        case feeNotice
        case reasons
        case reply(RequestOutcome)

        public static var all: [Kind] { [.correction, .extensionNotice, .feeNotice, .reasons] + RequestOutcome.allCases.map { .reply($0) } }

        /// Stored name of the kind ("reply.disclosed").
        public var key: String {
            switch self {
            case .correction: "correction"
            case .extensionNotice: "extension"
            case .feeNotice: "fee-notice"
            case .reasons: "reasons"
            case .reply(let outcome): "reply." + outcome.rawValue
            }
        }

        public init?(key: String) {
            if key.hasPrefix("reply."), let outcome = RequestOutcome(rawValue: String(key.dropFirst(6))) {
                self = .reply(outcome)
                return
            }
            guard let kind = Kind.all.first(where: { $0.key == key }) else { return nil }
            self = kind
        }

        /// The letter an event sends the applicant, if any.
        public init?(event: RequestEvent) {
            switch event.kind {
            case .correctionRequested: self = .correction
            case .extended: self = .extensionNotice
            case .feeNoticed: self = .feeNotice
            case .reasonsRequested: self = .reasons
            case .replied:
                guard let outcome = event.outcome else { return nil }
                self = .reply(outcome)
            default: return nil
            }
        }

        public var title: String {
            switch self {
            case .correction: "政府信息公开申请补正告知书"
            case .extensionNotice: "政府信息公开申请延期答复告知书"
            case .feeNotice: "政府信息公开信息处理费收费通知书"
            case .reasons: "政府信息公开申请说明理由告知书"
            case .reply: "政府信息公开申请答复告知书"
            }
        }

        /// How the template list names it.
        public var label: String {
            switch self {
            case .reply(let outcome): "答复：" + outcome.shortName
            default: title
            }
        }

        /// A reply must tell the applicant how to seek a remedy (条例第五十一条; 行政复议 60日, 行政诉讼 6个月).
        public var needsRemedy: Bool { if case .reply = self { true } else { false } }
    }

    /// The facts a letter is filled in with. Dates are written the Chinese way (2026年11月23日).
    public struct Facts: Sendable, Equatable {
        public var applicant: String
        public var number: String
        public var receivedOn: CivilDate
        public var information: String
        public var unitName: String
        public var issuedOn: CivilDate
        /// What the handler wrote with the event (补正事项, 延期理由, 答复要点).
        public var text: String
        public var until: CivilDate?
        public var days: Int?
        public var amount: Int?
        /// The fee calculation, one line per tier.
        public var feeLines: [String]
        public var dueOn: CivilDate?
        /// Information already published proactively (第三十六条第一项): title and address of each.
        public var published: [String]
        /// Files released with the reply.
        public var files: [String]
        /// How the information is provided (获取形式和途径).
        public var provision: String
        /// The body that hears a 行政复议 (for a county's departments and townships: the county government).
        public var reviewBody: String

        public init(applicant: String, number: String, receivedOn: CivilDate, information: String, unitName: String, issuedOn: CivilDate,
                    text: String = "", until: CivilDate? = nil, days: Int? = nil, amount: Int? = nil, feeLines: [String] = [], dueOn: CivilDate? = nil,
                    published: [String] = [], files: [String] = [], provision: String = "", reviewBody: String) {
            self.applicant = applicant
            self.number = number
            self.receivedOn = receivedOn
            self.information = information
            self.unitName = unitName
            self.issuedOn = issuedOn
            self.text = text
            self.until = until
            self.days = days
            self.amount = amount
            self.feeLines = feeLines
            self.dueOn = dueOn
            self.published = published
            self.files = files
            self.provision = provision
            self.reviewBody = reviewBody
        }
    }

    /// A letter as issued: what the applicant reads, and what the .docx and the printable page are made of.
    public struct Letter: Sendable, Equatable {
        public var title: String
        /// 文书编号 (湖口县民政局 依申请公开〔2026〕0007号).
        public var reference: String
        public var salutation: String
        public var paragraphs: [String]
        public var signature: String
        public var date: String

        public init(title: String, reference: String, salutation: String, paragraphs: [String], signature: String, date: String) {
            self.title = title
            self.reference = reference
            self.salutation = salutation
            self.paragraphs = paragraphs
            self.signature = signature
            self.date = date
        }

        /// The whole letter as plain text (stored, mailed, searched).
        public var text: String {
            ([title, reference, "", salutation] + paragraphs.map { "　　" + $0 } + ["", signature, date]).joined(separator: "\n")
        }
    }

    /// The placeholders and what each is filled with.
    public static let placeholders: [(name: String, meaning: String)] = [
        ("申请人", "申请人姓名或者单位名称"), ("受理编号", "受理编号，如 2026-0007"), ("收到申请日期", "收到申请之日（条例第三十一条）"),
        ("所申请信息", "申请人所描述的政府信息"), ("受理机关", "作出告知的行政机关"), ("告知日期", "本告知书的日期"),
        ("说明", "办理时填写的说明（补正事项、延期理由、答复要点等）"), ("补正期限", "补正期限的日期"), ("延长天数", "延长的工作日数"),
        ("答复期限", "（延期后的）答复期限"), ("收费金额", "信息处理费金额（元）"), ("收费计算", "按档计算的过程"),
        ("已公开信息", "已主动公开的信息名称和网址"), ("提供的信息", "随答复提供的文件"), ("获取方式", "获取信息的形式和途径"),
        ("复议机关", "受理行政复议申请的机关"),
    ]

    static let remedy = "如对本答复不服，可以自收到本告知书之日起60日内依法向{复议机关}申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
    static let opening = "本机关于{收到申请日期}收到您提出的政府信息公开申请（受理编号：{受理编号}），您申请获取“{所申请信息}”。"

    /// The wording a site starts with; the admin may change it (`check` keeps it usable).
    public static func defaultTemplate(_ kind: Kind) -> String {
        let body: String
        switch kind {
        case .correction:
            body = "\(opening)\n经审查，您的申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您作出补正，需要补正的事项如下：{说明}\n请于{补正期限}前补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
        case .extensionNotice:
            body = "\(opening)\n因{说明}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，本机关将于{答复期限}前作出答复。"
        case .feeNotice:
            body = "\(opening)\n您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关决定收取信息处理费{收费金额}元，计算如下：\n{收费计算}\n请于收到本通知次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
        case .reasons:
            body = "\(opening)\n您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您说明理由：{说明}"
        case .reply(let outcome):
            body = "\(opening)\n\(replyParagraph(outcome))\n\(remedy)"
        }
        return body
    }

    static func replyParagraph(_ outcome: RequestOutcome) -> String {
        let basis = "根据\(outcome.article)的规定"
        switch outcome {
        case .disclosed:
            return "经审查，您申请的政府信息属于公开范围，\(basis)，现予以公开。{已公开信息}{提供的信息}获取方式：{获取方式}。{说明}"
        case .partlyDisclosed:
            return "经审查，您申请的政府信息中含有不应当公开的内容，但能够作区分处理，\(basis)，本机关向您提供可以公开的内容，对不予公开的内容说明理由如下：{说明}{提供的信息}获取方式：{获取方式}。"
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurities, .withheldThirdParty, .withheldInternalAffairs,
             .withheldProcessInformation, .withheldEnforcementFile, .withheldAdministrativeQuery:
            return "经审查，您申请的政府信息\(withholdingGround(outcome))，\(basis)，本机关决定不予公开。理由：{说明}"
        case .unavailableNotHeld:
            return "经检索，本机关没有您申请公开的政府信息（本机关不掌握相关政府信息），\(basis)，特此告知。{说明}"
        case .unavailableNeedsCreation:
            return "经审查，您申请的信息需要本机关对现有政府信息进行加工、分析才能形成，\(basis)，本机关不予提供。{说明}"
        case .unavailableUnclearAfterCorrection:
            return "本机关已告知您补正，补正后申请内容仍不明确，无法确定您所需的政府信息，\(basis)，本机关无法提供。{说明}"
        case .notProcessedPetition:
            return "您以政府信息公开申请的形式进行信访、投诉、举报等活动，\(basis)，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。{说明}"
        case .notProcessedRepeat:
            return "本机关已就您提出的相同政府信息公开申请作出答复，\(basis)，不予重复处理。{说明}"
        case .notProcessedPublication:
            return "您申请获取的是政府公报、报刊、书籍等公开出版物，\(basis)，您可以通过以下途径获取：{说明}"
        case .notProcessedExcessive:
            return "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为理由不合理，\(basis)，不予处理。{说明}"
        case .notProcessedConfirmation:
            return "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的范围，\(basis)，不予处理。{说明}"
        case .otherNotCorrected:
            return "本机关已一次性告知您补正，您无正当理由逾期未补正，\(basis)，视为放弃申请，本机关不再处理该政府信息公开申请。{说明}"
        case .otherFeeUnpaid:
            return "本机关已向您发出信息处理费收费通知，您逾期未缴纳费用，根据\(outcome.article)的规定，视为放弃申请，本机关不再处理该政府信息公开申请。{说明}"
        case .other:
            return "\(basis)，告知如下：{说明}"
        }
    }

    /// The ground of a 不予公开 in the words of 第十四条至第十六条 (the table's short labels do not read as a sentence).
    static func withholdingGround(_ outcome: RequestOutcome) -> String {
        switch outcome {
        case .withheldStateSecret: "属于依法确定的国家秘密"
        case .withheldProhibitedByLaw: "属于法律、行政法规禁止公开的政府信息"
        case .withheldThreeSecurities: "公开后可能危及国家安全、公共安全、经济安全、社会稳定"
        case .withheldThirdParty: "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"
        case .withheldInternalAffairs: "属于本机关的内部事务信息（人事管理、后勤管理、内部工作流程等）"
        case .withheldProcessInformation: "属于本机关在履行行政管理职能过程中形成的过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"
        case .withheldEnforcementFile: "属于行政执法案卷信息"
        case .withheldAdministrativeQuery: "属于行政查询事项，可以通过相应的查询途径办理"
        default: ""
        }
    }

    public struct TemplateProblem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A template the admin saved must still work: only known placeholders, something to say, and for a reply the
    /// remedy notice (行政复议 and 行政诉讼 with their periods).
    public static func check(_ template: String, kind: Kind) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        let text = template.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count < 10 { problems.append(.init(description: "告知书内容太短（至少10个字）。")) }
        if text.count > 5_000 { problems.append(.init(description: "告知书内容最多5000字（现有\(text.count)字）。")) }
        let known = Set(placeholders.map(\.name))
        let unknown = names(in: text).filter { !known.contains($0) }
        if !unknown.isEmpty {
            problems.append(.init(description: "不认识的占位符：\(unknown.map { "{\($0)}" }.joined(separator: "、"))。可用的占位符见下表。"))
        }
        if text.filter({ $0 == "{" }).count != text.filter({ $0 == "}" }).count {
            problems.append(.init(description: "花括号“{”“}”不成对，占位符应写成 {申请人} 这样。"))
        }
        if kind.needsRemedy && !(text.contains("行政复议") && text.contains("行政诉讼") && text.contains("60日") && text.contains("6个月")) {
            problems.append(.init(description: "答复告知书须告知救济途径：60日内申请行政复议、6个月内提起行政诉讼。"))
        }
        return problems
    }

    static func names(in text: String) -> [String] {
        var found: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}" {
                if let name = current, !found.contains(name) { found.append(name) }
                current = nil
            } else if current != nil { current?.append(ch) }
        }
        return found
    }

    /// Fills a template with a case's facts. Empty facts leave no trace ("{已公开信息}" with nothing published).
    public static func render(_ template: String, kind: Kind, facts f: Facts) -> Letter {
        func list(_ items: [String], lead: String) -> String {
            items.isEmpty ? "" : lead + items.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "；") + "。"
        }
        var text = f.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty, let last = text.last, !"。！？；.!?".contains(last) { text += "。" }
        let values: [String: String] = [
            "申请人": f.applicant, "受理编号": f.number, "收到申请日期": f.receivedOn.chinese, "所申请信息": f.information,
            "受理机关": f.unitName, "告知日期": f.issuedOn.chinese, "说明": text, "补正期限": f.until?.chinese ?? "",
            "延长天数": f.days.map(String.init) ?? "", "答复期限": f.dueOn?.chinese ?? "", "收费金额": f.amount.map(String.init) ?? "",
            "收费计算": f.feeLines.joined(separator: "；"), "已公开信息": list(f.published, lead: "该信息已经主动公开，您可以通过以下途径获取："),
            "提供的信息": list(f.files, lead: "随本告知书提供："), "获取方式": f.provision, "复议机关": f.reviewBody,
        ]
        var filled = ""
        var current: String?
        for ch in template {
            if ch == "{" { current = "" } else if ch == "}", let name = current {
                filled += values[name] ?? "{\(name)}"
                current = nil
            } else if current != nil { current?.append(ch) } else { filled.append(ch) }
        }
        if let open = current { filled += "{" + open }
        let paragraphs = filled.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // 受理编号 2026-0007 → 〔2026〕0007号.
        let parts = f.number.split(separator: "-", maxSplits: 1).map(String.init)
        let reference = parts.count == 2 ? "\(f.unitName)依申请公开〔\(parts[0])〕\(parts[1])号" : "\(f.unitName)依申请公开〔\(f.issuedOn.year)〕\(f.number)号"
        return Letter(title: kind.title, reference: reference, salutation: f.applicant + "：",
                      paragraphs: paragraphs, signature: f.unitName, date: f.issuedOn.chinese)
    }
}
