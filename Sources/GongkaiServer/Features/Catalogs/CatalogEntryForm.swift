import Foundation
import GongkaiCore
import Plot
import Vapor

/// The form for one catalog entry, laid out as the template's columns, with each field's messages beside it.
struct CatalogEntryForm {
    var number = ""
    var level1 = ""
    var level2 = ""
    var level3 = ""
    var content = ""
    var basis = ""
    var timeLimit = ""
    var body = ""
    var channels: Set<String> = []
    var otherChannels = ""
    var everyone = false
    var specific = false
    var group = ""
    var proactive = false
    var onRequest = false
    var levels: Set<String> = []

    init() {}

    init(_ e: CatalogEntry) {
        number = e.number
        level1 = e.level1
        level2 = e.level2
        level3 = e.level3
        content = e.content
        basis = e.basis
        timeLimit = e.timeLimit.text
        body = e.body
        channels = Set(e.channels.required.map(\.rawValue))
        otherChannels = e.channels.others.joined(separator: "\n")
        everyone = e.audience.everyone
        specific = e.audience.specificGroup != nil
        group = e.audience.specificGroup ?? ""
        proactive = e.methods.proactive
        onRequest = e.methods.onRequest
        levels = Set(e.levels.map(\.rawValue))
    }

    /// Reads the posted fields (`channels[]`, `levels[]` are checkbox groups).
    init(_ req: Request) throws {
        let c = req.content
        func text(_ key: String) -> String { ((try? c.get(String.self, at: key)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func list(_ key: String) -> Set<String> { Set((try? c.get([String].self, at: key)) ?? []) }
        func flag(_ key: String) -> Bool { !text(key).isEmpty }
        number = text("number")
        level1 = text("level1")
        level2 = text("level2")
        level3 = text("level3")
        content = text("content")
        basis = text("basis")
        timeLimit = text("timeLimit")
        body = text("body")
        channels = list("channels")
        otherChannels = text("otherChannels")
        everyone = flag("everyone")
        specific = flag("specific")
        group = text("group")
        proactive = flag("proactive")
        onRequest = flag("onRequest")
        levels = list("levels")
    }

    static let channelOptions = DisclosureChannel.standard.filter { $0 != .other } + [.hotline12345, .other]

    var entry: CatalogEntry {
        let required = Self.channelOptions.filter { channels.contains($0.rawValue) }
        let others = otherChannels.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return CatalogEntry(
            number: number, level1: level1, level2: level2, level3: level3, content: content, basis: basis,
            timeLimit: timeLimit, body: body,
            channels: ChannelSelection(required: required, others: others).normalisedAsChecklist,
            audience: Audience(everyone: everyone, specificGroup: specific || !group.isEmpty ? group : nil),
            methods: DisclosureMethods(proactive: proactive, onRequest: onRequest),
            levels: Set(levels.compactMap(CatalogLevel.init(rawValue:))))
    }

    func render(action: String, cancel: String, lockVersion: Int, csrfToken: String, errors: ValidationErrors?,
                isNew: Bool) -> Component {
        let e = errors ?? ValidationErrors()
        let parsed = TimeLimitParser.parse(timeLimit)
        return PostForm(action: action, csrfToken: csrfToken) {
            VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(lockVersion)])
            ErrorSummary(errors: errors)
            El("fieldset", ["class": "field-group"]) {
                El("legend") { T("公开事项") }
                FieldRow(label: "序号", name: "number", value: number, errors: e.messages(for: "number"),
                         hint: isNew ? "可不填，自动按顺序编号。" : nil)
                FieldRow(label: "一级事项", name: "level1", value: level1, errors: e.messages(for: "level1"), required: true)
                FieldRow(label: "二级事项", name: "level2", value: level2, errors: e.messages(for: "level2"), required: true)
                FieldRow(label: "三级事项", name: "level3", value: level3, errors: e.messages(for: "level3"), hint: "没有可不填。")
            }
            TextAreaRow(label: "公开内容（要素）", name: "content", value: content, errors: e.messages(for: "content"),
                        hint: "用顿号分隔各要素，如：办理事项、办理条件、申请材料、办理流程。", required: true)
            TextAreaRow(label: "公开依据", name: "basis", value: basis, errors: e.messages(for: "basis"),
                        hint: "法律法规和文件名称用书名号，如《社会救助暂行办法》（国务院令第649号）。", required: true)
            FieldRow(label: "公开时限", name: "timeLimit", value: timeLimit, errors: e.messages(for: "timeLimit"),
                     hint: timeLimit.isEmpty ? "如：信息形成或者变更之日起20个工作日内。"
                        : "系统理解为：\(parsed.summary)" + (parsed.isComputable ? "" : "（无法自动计算期限，将原样保存）"),
                     required: true)
            FieldRow(label: "公开主体", name: "body", value: body, errors: e.messages(for: "body"),
                     hint: "多个主体用顿号分隔。", required: true)
            CheckboxGroup(legend: "公开渠道和载体（勾选的为必选渠道■，其余在目录中显示为□）", name: "channels[]",
                          options: Self.channelOptions.map { ($0.rawValue, $0.label) }, checked: channels,
                          errors: e.messages(for: "channels"))
            TextAreaRow(label: "其他公开渠道", name: "otherChannels", value: otherChannels, errors: [],
                        hint: "本领域特有的渠道，每行一个，如：投资项目在线审批监管平台。", required: false, rows: 2)
            El("fieldset", ["class": e.messages(for: "audience").isEmpty ? "field" : "field field-invalid", "id": "audience"]) {
                El("legend") { T("公开对象") }
                for message in e.messages(for: "audience") { El("p", ["class": "error"]) { T(message) } }
                Check(name: "everyone", label: "全社会", checked: everyone)
                Check(name: "specific", label: "特定群体", checked: specific)
                FieldRow(label: "特定群体（请写明）", name: "group", value: group, hint: "如：申请人、本村村民。")
            }
            El("fieldset", ["class": e.messages(for: "methods").isEmpty ? "field" : "field field-invalid", "id": "methods"]) {
                El("legend") { T("公开方式") }
                for message in e.messages(for: "methods") { El("p", ["class": "error"]) { T(message) } }
                Check(name: "proactive", label: "主动公开", checked: proactive)
                Check(name: "onRequest", label: "依申请公开", checked: onRequest)
            }
            CheckboxGroup(legend: "公开层级", name: "levels[]", options: CatalogLevel.allCases.map { ($0.rawValue, $0.label) },
                          checked: levels, errors: e.messages(for: "levels"))
            SubmitRow(title: isNew ? "添加事项" : "保存事项", cancelHref: cancel)
        }
    }

    struct Check: Component {
        let name: String
        let label: String
        let checked: Bool

        var body: Component {
            El("label", ["class": "check"]) {
                VoidEl("input", ["type": "checkbox", "name": name, "value": "1", "checked": checked ? "checked" : nil])
                T(" " + label)
            }
        }
    }
}

/// A labelled `<textarea>` with hint and errors.
struct TextAreaRow: Component {
    let label: String
    let name: String
    let value: String
    var errors: [String] = []
    var hint: String?
    var required = false
    var rows = 4

    var body: Component {
        El("div", ["class": errors.isEmpty ? "field" : "field field-invalid"]) {
            El("label", ["for": name]) {
                T(label)
                if required { El("span", ["class": "required", "aria-hidden": "true"]) { T(" *") } }
            }
            if let hint { El("p", ["class": "hint", "id": "\(name)-hint"]) { T(hint) } }
            for error in errors { El("p", ["class": "error", "id": "\(name)-error"]) { T(error) } }
            El("textarea", optional: ["id": name, "name": name, "rows": String(rows), "required": required ? "required" : nil,
                            "aria-invalid": errors.isEmpty ? nil : "true"]) { T(value) }
        }
    }
}
