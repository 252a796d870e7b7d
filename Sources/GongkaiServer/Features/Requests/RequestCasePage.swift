import Foundation
import GongkaiCore
import Plot

/// One application in the back office (`/admin/requests/{id}`): the applicant's details, the dates and history,
/// the letters and released files, the form that records the next event, what was found for the reply (published
/// information, earlier applications, 第四十四条), and the 行政复议 / 行政诉讼 cases (table 四).
/// Display values only, built by `RequestCaseQuery.show`.
enum RequestCasePage {
    struct Model: Sendable {
        struct Letter: Sendable {
            let title: String
            let date: String
            let viewHref: String
            let wordHref: String
            /// "（默认模板）" or "（模板第2版）".
            let template: String
            let mail: Mail?
        }

        /// Where the e-mail of a letter stands (the applicant chose e-mail); a way to send it again once given up.
        struct Mail: Sendable {
            let text: String
            let kind: String
            let resendAction: String?
        }

        struct HistoryRow: Sendable {
            /// "2026-11-02　确认收到申请".
            let heading: String
            let text: String
            /// "（张三 记录于 2026年11月2日 10:00）".
            let recorded: String
        }

        struct Appeal: Sendable {
            let kind: String
            let summary: String
            let note: String
            let action: String
            let lockVersion: Int
            let result: String
            let decidedOn: String
        }

        let id: UUID
        let number: String
        /// The earlier application with the same content by the same applicant.
        let repeatOfHref: String?
        let needsHelp: Bool
        /// Periods the applicant let pass, with the reply the law then allows.
        let lapsed: [String]
        let dates: RequestPages.Dates
        /// 申请人类型, 姓名, 证件, contact and 查询码 as label and value.
        let applicant: [(label: String, value: String)]
        let information: String
        let history: [HistoryRow]
        let letters: [Letter]
        let files: [RequestPages.PublicCase.File]
        /// The record's lock version, sent back with the event form.
        let lockVersion: Int
        /// The events that may be recorded next, as value and label (first is the default).
        let kinds: [(value: String, label: String)]
        /// Units a case may be transferred to (the site's others).
        let transferUnits: [(value: String, label: String)]
        let today: String
        let query: String
        let related: RequestRelated.Found
        /// 拟作主动公开 (第四十四条), offered to those who may draft.
        let canDraft: Bool
        let appeals: [Appeal]
    }

    /// What the last submission left: problems next to fields, the typed values, a letter preview.
    struct FormState: Sendable {
        var errors: ValidationErrors?
        var input: RequestEventForm.Input?
        var preview: RequestLetter.Letter?
        var previewNote: String?
    }

    static func render(_ m: Model, form: FormState = FormState(), chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("政府信息公开申请 \(m.number)") }
            if let repeatOf = m.repeatOfHref {
                El("p", ["class": "notice"]) {
                    T("同一申请人此前提出过相同内容的申请（")
                    A("查看", href: repeatOf)
                    T("）。已作出答复的，可以按条例第三十六条第六项告知不予重复处理。")
                }
            }
            if m.needsHelp { El("p", ["class": "notice"]) { T("申请人有阅读困难或者视听障碍，请提供必要的帮助（条例第四十三条）。") } }
            for text in m.lapsed { El("p", ["class": "notice"]) { T(text) } }
            RequestPages.dates(m.dates)
            El("h2") { T("申请人") }
            El("dl", ["class": "kv"]) {
                for (label, value) in m.applicant {
                    El("dt") { T(label) }
                    El("dd") { T(value) }
                }
            }
            El("h2") { T("所申请的信息") }
            El("p") { T(m.information) }
            El("h2") { T("办理经过") }
            El("ol", ["class": "history"]) {
                for row in m.history {
                    El("li") {
                        El("strong") { T(row.heading) }
                        T("　" + row.text)
                        El("span", ["class": "muted"]) { T(row.recorded) }
                    }
                }
            }
            letters(m, csrf: chrome.csrfToken)
            if let preview = form.preview {
                El("section", ["class": "card", "id": "preview", "role": "status"]) {
                    El("h2") { T("告知书预览（尚未记录、尚未发出）") }
                    RequestLetterPages.letter(preview)
                    El("p", ["class": "hint"]) { T("确认无误后，在下面的表单中点击“记录”；如附有文件，请重新选择。") }
                }
            }
            if let note = form.previewNote { El("p", ["class": "notice", "role": "status"]) { T(note) } }
            eventForm(m, errors: form.errors, form: form.input, csrf: chrome.csrfToken)
            related(m, csrf: chrome.csrfToken)
            appeals(m, csrf: chrome.csrfToken)
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
                        T("　\(letter.date)　")
                        A("查看、打印", href: letter.viewHref)
                        T("　")
                        A("下载 Word", href: letter.wordHref)
                        El("span", ["class": "muted"]) { T(letter.template) }
                        if let mail = letter.mail {
                            Badge(text: mail.text, kind: mail.kind)
                            if let resend = mail.resendAction {
                                PostForm(action: resend, csrfToken: csrf, class: "inline") {
                                    El("button", ["type": "submit", "class": "button secondary"]) { T("重新发送") }
                                }
                            }
                        }
                    }
                }
                for file in m.files {
                    El("li") {
                        T("提供的文件：")
                        A(file.name, href: file.href)
                        El("span", ["class": "muted"]) { T("（\(file.size)）") }
                    }
                }
            }
        }
    }

    @ComponentBuilder
    static func eventForm(_ m: Model, errors: ValidationErrors?, form: RequestEventForm.Input?, csrf: String) -> Component {
        let offers = Set(m.kinds.map(\.value))
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
            VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(m.lockVersion)])
            SelectRow(
                label: "办理事项", name: "kind", options: m.kinds,
                selected: form?.kind ?? m.kinds.first?.value ?? "",
                errors: errors?.messages(for: "kind") ?? [])
            FieldRow(
                label: "日期", name: "on", value: form?.on ?? m.today, type: "date",
                errors: errors?.messages(for: "on") ?? [],
                hint: "确认收到、告知、收到补正、答复、送达等发生的日期。")
            TextAreaRow(
                label: "说明", name: "text", value: form?.text ?? "", errors: errors?.messages(for: "text") ?? [],
                hint: "补正事项、延长理由和同意的负责人、不予公开的理由、答复要点或内部备注，写入告知书。“办理备注”不向申请人显示。", rows: 3)
            if offers.contains(RequestEvent.Kind.correctionRequested.rawValue) {
                El("fieldset") {
                    El("legend") { T("告知补正、确定延迟答复期限时") }
                    FieldRow(
                        label: "期限日期", name: "until", value: form?.until ?? "", type: "date",
                        errors: errors?.messages(for: "until") ?? [],
                        hint: "补正期限由本机关确定，应当合理（条例第三十条）。")
                }
            }
            if offers.contains(RequestEvent.Kind.extended.rawValue) {
                El("fieldset") {
                    El("legend") { T("延长答复期限时") }
                    FieldRow(
                        label: "延长的工作日数", name: "days", value: form?.days.map(String.init) ?? "", type: "number",
                        errors: errors?.messages(for: "days") ?? [],
                        hint: "最长20个工作日，只能延长一次，须经政府信息公开工作机构负责人同意（条例第三十三条）。")
                }
            }
            if offers.contains(RequestEvent.Kind.feeNoticed.rawValue) {
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
            if offers.contains(RequestEvent.Kind.replied.rawValue) {
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
            if offers.contains(RequestEvent.Kind.transferred.rawValue) {
                El("fieldset") {
                    El("legend") { T("转办时") }
                    SelectRow(
                        label: "转至", name: "transferTo",
                        options: [("", "—")] + m.transferUnits,
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
    static func related(_ m: Model, csrf: String) -> Component {
        El("h2", ["id": "find"]) { T("查找已公开信息和以往申请") }
        El("form", ["method": "get", "action": SiteURL.adminRequest(m.id).path(fragment: "find"), "class": "search-box"]) {
            El("label", ["for": "q", "class": "visually-hidden"]) { T("关键词") }
            VoidEl(
                "input",
                [
                    "type": "search", "id": "q", "name": "q", "value": m.query,
                    "placeholder": "关键词或文号，如 低保 或 湖府办发〔2020〕12号",
                ])
            El("button", ["type": "submit", "class": "button secondary"]) { T("查找") }
        }
        if !m.query.isEmpty {
            El("h3") { T("已主动公开的信息") }
            if m.related.publications.isEmpty { El("p", ["class": "muted"]) { T("没有找到“\(m.query)”。") } }
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
            if m.related.earlier.isEmpty { El("p", ["class": "muted"]) { T("没有内容含“\(m.query)”的以往申请。") } }
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
        for (i, appeal) in m.appeals.enumerated() {
            El("section", ["class": "card"]) {
                El("p") {
                    El("strong") { T(appeal.kind) }
                    T(appeal.summary)
                    if !appeal.note.isEmpty { T("　" + appeal.note) }
                }
                PostForm(action: appeal.action, csrfToken: csrf, class: "form compact") {
                    VoidEl("input", ["type": "hidden", "name": "lockVersion", "value": String(appeal.lockVersion)])
                    SelectRow(
                        label: "结果", name: "result", options: TableFour.Result.allCases.map { ($0.rawValue, $0.label) },
                        selected: appeal.result, errors: [], id: "appeal-\(i)-result")
                    FieldRow(label: "审结日期", name: "decidedOn", value: appeal.decidedOn, type: "date", errors: [], id: "appeal-\(i)-decidedOn")
                    FieldRow(label: "说明", name: "note", value: appeal.note, errors: [], id: "appeal-\(i)-note")
                    SubmitRow(title: "保存结果")
                }
            }
        }
        PostForm(action: SiteURL.adminRequestAppeals(m.id).path, csrfToken: csrf) {
            SelectRow(
                label: "类别", name: "kind", options: TableFour.Kind.allCases.map { ($0.rawValue, $0.label) },
                selected: TableFour.Kind.review.rawValue, errors: [], id: "appeal-kind")
            FieldRow(label: "提出日期", name: "filedOn", value: "", type: "date", errors: [], id: "appeal-filedOn")
            FieldRow(label: "说明", name: "note", value: "", errors: [], hint: "复议机关或法院、案号等。", id: "appeal-note")
            SubmitRow(title: "记录复议或诉讼")
        }
    }
}

extension RequestPages.Dates {
    /// A case received on 2 November 2026 and extended: counted, paused for a consultation, counted again.
    static var mock: Self {
        Self(number: "2026-0007", unitName: "湖口县民政局", channel: "在线提交", received: "2026年11月2日（与申请人确认之日）",
             stage: "办理中", due: "2026年12月14日（星期一）", replied: nil,
             segments: [.init(period: "计入", from: "2026-11-03", through: "2026-11-09", workingDays: "5", note: "自收到申请之日的次日起算"),
                        .init(period: "不计入", from: "2026-11-10", through: "2026-11-16", workingDays: "5", note: "征求第三方意见")],
             unconfirmedYears: nil)
    }
}

extension RequestCasePage.Model {
    /// A case handled by 县民政局: a letter whose e-mail was given up on, a released file, a 复议 on record, and
    /// another applicant who asked for the same information (第四十四条).
    static var mock: Self {
        let id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7))
        return Self(
            id: id, number: "2026-0007", repeatOfHref: SiteURL.adminRequest(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3))).path,
            needsHelp: true, lapsed: [], dates: .mock,
            applicant: [("申请人类型", "公民"), ("姓名", "张三"), ("居民身份证", "360429199001011234"),
                        ("联系方式", "13800000000；zhang@example.cn"), ("获取形式和途径", "电子数据，电子邮件"), ("查询码", "K7QM-3XHD-9PRT")],
            information: "湖口县2025年城乡低保资金分配文件（湖府办发〔2025〕12号）",
            history: [.init(heading: "2026-11-02　确认收到申请", text: "收到申请。", recorded: "（民政局编辑 记录于 2026年11月2日 09:30）"),
                      .init(heading: "2026-11-10　征求意见", text: "征求第三方或者其他机关意见（所需时间不计算在答复期限内）。",
                            recorded: "（民政局编辑 记录于 2026年11月10日 15:00）")],
            letters: [.init(title: "征求意见告知书", date: "2026年11月10日", viewHref: SiteURL.adminRequestLetter(id, position: 1).path,
                            wordHref: SiteURL.adminRequestLetterFile(id, position: 1).path, template: "（默认模板）",
                            mail: .init(text: "邮件未能发送至 z***@example.cn，已停止重试：550 mailbox unavailable；请另行送达", kind: "danger",
                                        resendAction: SiteURL.adminRequestMailResend(id, mail: id).path))],
            files: [.init(name: "低保资金分配表.pdf", href: SiteURL.adminRequestFile(id, file: id).path, size: "120 KB")],
            lockVersion: 3,
            kinds: [("consultationClosed", "征求意见结束"), ("extended", "延长答复期限"), ("replied", "作出答复"), ("transferred", "转办"), ("note", "办理备注")],
            transferUnits: [("00000000-0000-0000-0000-000000000009", "湖口县财政局")], today: "2026-12-04", query: "低保",
            related: .init(publications: [.init(id: id, title: "2025年城乡低保资金分配方案", indexNumber: "0FA01F2A/2025-00012",
                                                unitName: "湖口县民政局", publishedOn: "2025-03-02")],
                           earlier: [], sameInformation: [.init(id: id, number: "2026-0004", receivedOn: "2026-10-20", information: "低保资金分配",
                                                                outcome: "予以公开")]),
            canDraft: true,
            appeals: [.init(kind: "行政复议", summary: "　2026-11-20 提出　尚未审结", note: "九江市人民政府", action: SiteURL.adminRequestAppeal(id, appeal: id).path,
                            lockVersion: 0, result: "pending", decidedOn: "")])
    }
}
