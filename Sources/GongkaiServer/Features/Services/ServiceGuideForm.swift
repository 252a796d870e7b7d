import Foundation
import GongkaiCore
import Vapor

/// The 办事指南 form as posted: plain fields, eight material rows (`m1_name` …; empty rows are left out), steps one a
/// line, 常见问题 as "问：…" / "答：…" lines, 主题 as a checkbox group. Works without JavaScript.
struct ServiceGuideForm: Sendable {
    static let materialRows = 8

    var unit = ""
    var guide = ServiceGuide()
    /// The 常见问题 text as typed (kept when the form comes back with errors).
    var faqText = ""

    init(unit: String = "", guide: ServiceGuide = ServiceGuide()) {
        self.unit = unit
        self.guide = guide
        faqText = guide.faq.map { "问：\($0.question)\n答：\($0.answer)" }.joined(separator: "\n")
    }

    init(_ req: Request) {
        let c = req.content
        func text(_ key: String) -> String { ((try? c.get(String.self, at: key)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        unit = text("unit")
        var g = ServiceGuide()
        g.name = text("name")
        g.itemType = ServiceGuide.ItemType(label: text("itemType"))
        g.basis = text("basis")
        g.audience = ServiceGuide.Audience(rawValue: text("audience")) ?? .person
        g.conditions = text("conditions")
        for i in 1...Self.materialRows {
            let name = text("m\(i)_name")
            guard !name.isEmpty || !text("m\(i)_source").isEmpty else { continue }
            g.materials.append(ServiceMaterial(name: name, form: ServiceMaterial.Form(rawValue: text("m\(i)_form")) ?? .original,
                                               copies: Int(text("m\(i)_copies")) ?? 0, source: text("m\(i)_source"),
                                               required: text("m\(i)_required") != "no"))
        }
        g.steps = text("steps").split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        g.statutoryLimit = text("statutoryLimit")
        g.promisedLimit = text("promisedLimit")
        g.fee = text("fee")
        g.feeBasis = text("feeBasis")
        g.office = text("office")
        g.place = text("place")
        g.hours = text("hours")
        g.phone = text("phone")
        g.complaintPhone = text("complaintPhone")
        g.online = ServiceGuide.OnlineLevel(rawValue: text("online")) ?? .none
        g.onlineURL = text("onlineURL")
        g.delivery = text("delivery")
        g.level = CatalogLevel(rawValue: text("level")) ?? .county
        g.themes = ((try? c.get([String].self, at: "themes")) ?? []).compactMap(LifeEvent.init(rawValue:))
        faqText = text("faq")
        g.faq = Self.faq(faqText)
        guide = g
    }

    /// "问：…" starts a question, "答：…" its answer; other lines continue the one before.
    static func faq(_ text: String) -> [ServiceGuide.FAQ] {
        var result: [ServiceGuide.FAQ] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("问：") || line.hasPrefix("问:") {
                result.append(.init(question: String(line.dropFirst(2)), answer: ""))
            } else if line.hasPrefix("答：") || line.hasPrefix("答:") {
                if result.isEmpty { result.append(.init(question: "", answer: "")) }
                result[result.count - 1].answer += String(line.dropFirst(2))
            } else if !result.isEmpty {
                if result[result.count - 1].answer.isEmpty { result[result.count - 1].question += line } else { result[result.count - 1].answer += line }
            }
        }
        return result
    }
}
