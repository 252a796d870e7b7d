import Foundation
import GongkaiCore
import Plot
import Vapor

/// Adding or changing one row of a 清单 draft in the browser (an import replaces them all; this changes one).
enum DutyListRowPage {
    /// The row as typed: every field by its `DutyListField` name.
    struct Form: Content {
        var code: String?
        var powerType: String?
        var name: String?
        var subItem: String?
        var basis: String?
        var subject: String?
        var duties: String?
        var accountability: String?
        var audience: String?
        var content: String?
        var timeLimit: String?
        var fee: String?
        var phone: String?
        var level: String?
        var note: String?
        var lock_version: Int?

        init(_ row: DutyListRow = DutyListRow()) {
            code = row.code; powerType = row.powerType?.rawValue; name = row.name; subItem = row.subItem; basis = row.basis
            subject = row.subject; duties = row.duties; accountability = row.accountability; audience = row.audience
            content = row.content; timeLimit = row.timeLimit; fee = row.fee; phone = row.phone; level = row.level?.rawValue; note = row.note
        }

        var row: DutyListRow {
            DutyListRow(code: code ?? "", powerType: powerType.flatMap(PowerType.init(rawValue:)), name: name ?? "", subItem: subItem ?? "",
                        basis: basis ?? "", subject: subject ?? "", duties: duties ?? "", accountability: accountability ?? "",
                        audience: audience ?? "", content: content ?? "", timeLimit: timeLimit ?? "", fee: fee ?? "", phone: phone ?? "",
                        level: level.flatMap(CatalogLevel.init(rawValue:)), note: note ?? "")
        }
    }

    struct Model {
        let listLabel: String
        let listHref: String
        let kind: DutyListKind
        /// "修改第3项（第2版草稿）".
        let heading: String
        let action: String
        let lockVersion: Int
        let row: DutyListRow
        let problem: String?
    }

    static let longFields: Set<DutyListField> = [.basis, .duties, .accountability, .content, .note]

    static func render(_ m: Model, errors: ValidationErrors?, chrome: PageChrome) -> String {
        let e = errors ?? ValidationErrors()
        return Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) {
                A("清单", href: SiteURL.adminLists.path)
                T(" › ")
                A(m.listLabel, href: m.listHref)
            }
            El("h1") { T(m.heading) }
            if let problem = m.problem { El("p", ["class": "error-summary", "role": "alert"]) { T(problem) } }
            ErrorSummary(errors: errors)
            PostForm(action: m.action, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "lock_version", "value": String(m.lockVersion)])
                for field in m.kind.fields {
                    let label = field.title(in: m.kind), name = field.rawValue
                    let required = m.kind.required.contains(field)
                    switch field {
                    case .powerType:
                        SelectRow(label: label, name: name, options: [("", "请选择")] + PowerType.allCases.map { ($0.rawValue, $0.label) },
                                  selected: m.row.powerType?.rawValue ?? "", errors: e.messages(for: name), required: true)
                    case .level:
                        SelectRow(label: label, name: name, options: CatalogLevel.allCases.map { ($0.rawValue, DutyListRow.levelLabel($0)) },
                                  selected: m.row.level?.rawValue ?? CatalogLevel.county.rawValue, errors: e.messages(for: name), required: true)
                    case _ where longFields.contains(field):
                        TextAreaRow(label: label, name: name, value: m.row.text(field), errors: e.messages(for: name),
                                    hint: field == .duties ? "按环节逐行写，如 1.受理责任：…… 2.审查责任：……" : nil, required: required)
                    default:
                        FieldRow(label: label, name: name, value: m.row.text(field), type: field == .phone ? "tel" : "text", errors: e.messages(for: name),
                                 hint: field == .fee ? "不收费的写“不收费”，不要写“无”或空着。" : nil, required: required)
                    }
                }
                SubmitRow(title: "保存", cancelHref: m.listHref)
            }
        }
    }
}
