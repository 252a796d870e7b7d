import Foundation
import GongkaiCore
import Plot

/// The parts of a case page below its dates and history: the letters and released files, the form that records
/// the next event, what was found for the reply (published information, earlier applications, 第四十四条), and
/// the 行政复议 / 行政诉讼 cases (table 四).
enum RequestCasePanels {
    struct Model {
        let loaded: RequestStore.Loaded
        let letters: [DisclosureRequestLetterRecord]
        /// Letters e-mailed to the applicant (by event position).
        let mails: [ApplicantMailRecord]
        let files: [DisclosureRequestFileRecord]
        let appeals: [DisclosureRequestAppealRecord]
        let related: RequestRelated.Found
        let units: [OrgUnitRecord]
        let canExtend: Bool
        let canChargeFee: Bool
        let canDraft: Bool

        var id: UUID { loaded.record.id! }
    }

    /// A period the applicant let pass: the reply the law then allows, as a suggestion.
    @ComponentBuilder
    static func lapsed(_ loaded: RequestStore.Loaded, today: CivilDate) -> Component {
        let t = loaded.timeline
        if t.stage == .awaitingCorrection, let until = t.correctionUntil, until < today {
            El("p", ["class": "notice"]) {
                T("补正期限（\(until.chinese)）已过，申请人未补正。无正当理由逾期不补正的，视为放弃申请（条例第三十条），可以答复“其他处理：申请人无正当理由逾期不补正”。")
            }
        }
        if t.stage == .awaitingPayment, let due = t.paymentDue, due < today {
            El("p", ["class": "notice"]) {
                T("缴费期限（\(due.chinese)）已过，申请人未缴纳信息处理费，视为放弃申请，可以答复“其他处理：申请人逾期未按收费通知要求缴纳费用”。")
            }
        }
    }

    @ComponentBuilder
    static func letters(_ m: Model, csrf: String) -> Component {
        El("h2") { T("告知书和提供的文件") }
        if m.letters.isEmpty && m.files.isEmpty {
            El("p", ["class": "muted"]) { T("告知补正、延长答复期限、收费通知、要求说明理由和答复时，按模板生成告知书，申请人凭查询码可以查看和下载。") }
        } else {
            El("ul", ["class": "plain-list"]) {
                for letter in m.letters {
                    El("li") {
                        El("strong") { T(letter.title) }
                        T("　\(letter.dateText)　")
                        A("查看、打印", href: SiteURL.adminRequestLetter(m.id, position: letter.eventPosition).path)
                        T("　")
                        A("下载 Word", href: SiteURL.adminRequestLetterFile(m.id, position: letter.eventPosition).path)
                        El("span", ["class": "muted"]) {
                            T(letter.templateNumber == 0 ? "（默认模板）" : "（模板第\(letter.templateNumber)版）")
                        }
                        if let mail = m.mails.first(where: { $0.eventPosition == letter.eventPosition }) {
                            mailStatus(mail)
                            if mail.abandonedAt != nil {
                                PostForm(action: SiteURL.adminRequestMailResend(m.id, mail: mail.id!).path, csrfToken: csrf, class: "inline") {
                                    El("button", ["type": "submit", "class": "button secondary"]) { T("重新发送") }
                                }
                            }
                        }
                    }
                }
                for file in m.files {
                    El("li") {
                        T("提供的文件：")
                        A(file.fileName, href: SiteURL.adminRequestFile(m.id, file: file.id!).path)
                        El("span", ["class": "muted"]) { T("（\(PublicationPages.byteSize(file.size))）") }
                    }
                }
            }
        }
    }

    /// Where the e-mail of a letter stands (the applicant chose e-mail).
    static func mailStatus(_ mail: ApplicantMailRecord) -> Component {
        let to = PersonalDataScanner.maskEmail(mail.toAddress)
        if let delivered = mail.deliveredAt { return Badge(text: "已发送至 \(to)（\(ChineseTime.dateTime(delivered))）", kind: "info") }
        if mail.abandonedAt != nil { return Badge(text: "邮件未能发送至 \(to)，已停止重试：\(mail.lastError)；请另行送达", kind: "danger") }
        return Badge(text: "邮件待发送至 \(to)" + (mail.lastError.isEmpty ? "" : "（\(mail.lastError)，将自动重试）"), kind: "warning")
    }

    static func kinds(_ stage: RequestTimeline.Stage) -> [RequestEvent.Kind] {
        switch stage {
        case .awaitingReceipt: [.received, .transferred, .note]
        case .replied: [.delivered, .note]
        default:
            [
                .correctionRequested, .correctionReceived, .consultationSent, .consultationClosed, .extended,
                .reasonsRequested, .replyDelayed,
                .feeNoticed, .feePaid, .replied, .transferred, .note,
            ]
        }
    }

    @ComponentBuilder
    static func eventForm(
        _ m: Model, errors: ValidationErrors?, form: RequestEventForm.Input?, today: CivilDate, csrf: String
    ) -> Component {
        let r = m.loaded.record
        let kinds = kinds(m.loaded.timeline.stage).filter {
            ($0 != .extended || m.canExtend) && ($0 != .feeNoticed || m.canChargeFee)
        }
        El("h2", ["id": "record"]) { T("记录办理事项") }
        ErrorSummary(errors: errors)
        El(
            "form",
            [
                "method": "post", "action": SiteURL.adminRequestEvents(m.id).path, "enctype": "multipart/form-data",
                "class": "form", "accept-charset": "UTF-8",
            ]
        ) {
            VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrf])
            VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(r.lockVersion)])
            SelectRow(
                label: "办理事项", name: "kind", options: kinds.map { ($0.rawValue, RequestTimeline.label($0)) },
                selected: form?.kind ?? kinds[0].rawValue,
                errors: errors?.messages(for: "kind") ?? [])
            FieldRow(
                label: "日期", name: "on", value: form?.on ?? today.description, type: "date",
                errors: errors?.messages(for: "on") ?? [],
                hint: "确认收到、告知、收到补正、答复、送达等发生的日期。")
            TextAreaRow(
                label: "说明", name: "text", value: form?.text ?? "", errors: errors?.messages(for: "text") ?? [],
                hint: "补正事项、延长理由和同意的负责人、不予公开的理由、答复要点或内部备注，写入告知书。“办理备注”不向申请人显示。", rows: 3)
            if kinds.contains(.correctionRequested) {
                El("fieldset") {
                    El("legend") { T("告知补正、确定延迟答复期限时") }
                    FieldRow(
                        label: "期限日期", name: "until", value: form?.until ?? "", type: "date",
                        errors: errors?.messages(for: "until") ?? [],
                        hint: "补正期限由本机关确定，应当合理（条例第三十条）。")
                }
            }
            if kinds.contains(.extended) {
                El("fieldset") {
                    El("legend") { T("延长答复期限时") }
                    FieldRow(
                        label: "延长的工作日数", name: "days", value: form?.days.map(String.init) ?? "", type: "number",
                        errors: errors?.messages(for: "days") ?? [],
                        hint: "最长20个工作日，只能延长一次，须经政府信息公开工作机构负责人同意（条例第三十三条）。")
                }
            }
            if kinds.contains(.feeNoticed) {
                El("fieldset") {
                    El("legend") { T("发出收费通知时（信息处理费）") }
                    SelectRow(
                        label: "计收方式", name: "feeMethod",
                        options: [("", "—")] + ProcessingFee.Method.allCases.map { ($0.rawValue, $0.label) },
                        selected: form?.feeMethod ?? "", errors: errors?.messages(for: "feeMethod") ?? [],
                        hint: "按件：同一申请人本月向本单位的申请累计计算；按量：本申请提供的页数。金额按超额累进自动计算。")
                    FieldRow(
                        label: "本申请的件数或页数", name: "feeCount", value: form?.feeCount.map(String.init) ?? "",
                        type: "number",
                        errors: errors?.messages(for: "feeCount") ?? [])
                }
            }
            if kinds.contains(.replied) {
                El("fieldset") {
                    El("legend") { T("答复时") }
                    SelectRow(
                        label: "办理结果", name: "outcome",
                        options: [("", "—")] + RequestOutcome.allCases.map { ($0.rawValue, $0.shortName) },
                        selected: form?.outcome ?? "", errors: errors?.messages(for: "outcome") ?? [],
                        hint: "与年度报告表三的分类一致。")
                    FieldRow(
                        label: "已主动公开的信息（索引号）", name: "publication", value: form?.publication ?? "",
                        errors: errors?.messages(for: "publication") ?? [],
                        hint: "所申请信息已经主动公开的，填写该信息的索引号，告知书写明获取途径（条例第三十六条第一项）。可在下方“查找”中检索。")
                    El("div", ["class": "field"]) {
                        El("label", ["for": "files"]) { T("提供给申请人的文件") }
                        El("p", ["class": "hint"]) {
                            T("予以公开、部分公开时可附上；\(StoredFiles.acceptedDescription)，单个不超过20MB，按内容识别类型。")
                        }
                        for message in errors?.messages(for: "files") ?? [] {
                            El("p", ["class": "error"]) { T(message) }
                        }
                        VoidEl("input", ["type": "file", "id": "files", "name": "files[]", "multiple": "multiple"])
                    }
                }
            }
            if kinds.contains(.transferred) {
                El("fieldset") {
                    El("legend") { T("转办时") }
                    SelectRow(
                        label: "转至", name: "transferTo",
                        options: [("", "—")]
                            + m.units.filter { $0.id != r.$unit.id }.map { ($0.id!.uuidString, $0.name) },
                        selected: form?.transferTo ?? "",
                        errors: errors?.messages(for: "transferTo") ?? [], hint: "申请的信息由本站点另一单位掌握的，转该单位办理；答复期限继续计算。")
                }
            }
            El("div", ["class": "actions"]) {
                El("button", ["type": "submit", "class": "button"]) { T("记录") }
                El("button", ["type": "submit", "name": "preview", "value": "1", "class": "button secondary"]) { T("预览告知书") }
            }
        }
    }

    @ComponentBuilder
    static func related(_ m: Model, query: String?, csrf: String) -> Component {
        El("h2", ["id": "find"]) { T("查找已公开信息和以往申请") }
        El("form", ["method": "get", "action": SiteURL.adminRequest(m.id).path(fragment: "find"), "class": "search-box"]) {
            El("label", ["for": "q", "class": "visually-hidden"]) { T("关键词") }
            VoidEl(
                "input",
                [
                    "type": "search", "id": "q", "name": "q", "value": query ?? "",
                    "placeholder": "关键词或文号，如 低保 或 湖府办发〔2020〕12号",
                ])
            El("button", ["type": "submit", "class": "button secondary"]) { T("查找") }
        }
        if let query, !query.isEmpty {
            El("h3") { T("已主动公开的信息") }
            if m.related.publications.isEmpty { El("p", ["class": "muted"]) { T("没有找到“\(query)”。") } }
            El("ul", ["class": "plain-list"]) {
                for p in m.related.publications {
                    El("li") {
                        A(p.title, href: SiteURL.adminPublication(p.id).path)
                        T("　索引号 ")
                        El("code") { T(p.indexNumber) }
                        El("span", ["class": "muted"]) { T("　\(p.unitName)　\(p.publishedOn)") }
                    }
                }
            }
            El("h3") { T("以往的申请") }
            if m.related.earlier.isEmpty { El("p", ["class": "muted"]) { T("没有内容含“\(query)”的以往申请。") } }
            El("ul", ["class": "plain-list"]) {
                for e in m.related.earlier {
                    El("li") {
                        A(e.number, href: SiteURL.adminRequest(e.id).path)
                        T("　\(e.receivedOn)　\(e.information)　（\(e.outcome)）")
                    }
                }
            }
        }
        if !m.related.sameInformation.isEmpty {
            El("section", ["class": "card"]) {
                El("h3") { T("其他申请人申请了相同的政府信息") }
                El("ul", ["class": "plain-list"]) {
                    for e in m.related.sameInformation {
                        El("li") { T("\(e.number)　\(e.receivedOn)　（\(e.outcome)）") }
                    }
                }
                El("p") {
                    T("多个申请人就相同政府信息提出公开申请，且该信息属于可以公开的，可以纳入主动公开的范围（条例第四十四条）。")
                }
                if m.canDraft {
                    PostForm(action: SiteURL.adminRequestProactive(m.id).path, csrfToken: csrf, class: "inline") {
                        El("button", ["type": "submit", "class": "button secondary"]) { T("拟作主动公开：新建信息草稿") }
                    }
                }
            }
        }
    }

    @ComponentBuilder
    static func appeals(_ m: Model, csrf: String) -> Component {
        El("h2", ["id": "appeals"]) { T("行政复议、行政诉讼") }
        El("p", ["class": "hint"]) { T("申请人对本申请的处理申请行政复议或者提起行政诉讼的，在此记录，计入年度报告第四部分。") }
        for appeal in m.appeals {
            El("section", ["class": "card"]) {
                El("p") {
                    El("strong") { T(TableFour.Kind(rawValue: appeal.kind)?.label ?? appeal.kind) }
                    T(
                        "　\(appeal.filedOn) 提出　" + (TableFour.Result(rawValue: appeal.result)?.label ?? appeal.result)
                            + (appeal.decidedOn.map { "（\($0)）" } ?? ""))
                    if !appeal.note.isEmpty { T("　" + appeal.note) }
                }
                PostForm(
                    action: SiteURL.adminRequestAppeal(m.id, appeal: appeal.id!).path, csrfToken: csrf,
                    class: "form compact"
                ) {
                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(appeal.lockVersion)])
                    SelectRow(
                        label: "结果", name: "result", options: TableFour.Result.allCases.map { ($0.rawValue, $0.label) },
                        selected: appeal.result, errors: [])
                    FieldRow(label: "审结日期", name: "decidedOn", value: appeal.decidedOn ?? "", type: "date", errors: [])
                    FieldRow(label: "说明", name: "note", value: appeal.note, errors: [])
                    SubmitRow(title: "保存结果")
                }
            }
        }
        PostForm(action: SiteURL.adminRequestAppeals(m.id).path, csrfToken: csrf) {
            SelectRow(
                label: "类别", name: "kind", options: TableFour.Kind.allCases.map { ($0.rawValue, $0.label) },
                selected: TableFour.Kind.review.rawValue, errors: [])
            FieldRow(label: "提出日期", name: "filedOn", value: "", type: "date", errors: [])
            FieldRow(label: "说明", name: "note", value: "", errors: [], hint: "复议机关或法院、案号等。")
            SubmitRow(title: "记录复议或诉讼")
        }
    }
}
