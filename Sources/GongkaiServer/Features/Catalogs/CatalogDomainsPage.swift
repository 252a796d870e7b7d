import Foundation
import GongkaiCore
import Plot

/// `/admin/catalogs/domains`: the domains and their guiding units; a form for the office, a table for everyone else.
enum CatalogDomainsPage {
    static func render(_ m: CatalogDomainsActions.Model, errors: ValidationErrors?, newName: String, chrome: PageChrome) -> String {
            let (domains, canManage, unitOptions) = (m.domains, m.canManage, m.unitOptions)
            let e = errors ?? ValidationErrors()
            return Layout.render(chrome) {
                El("p", ["class": "breadcrumb"]) { A("标准目录", href: SiteURL.adminCatalogs.path) }
                El("h1") { T("领域与指导单位") }
                El("p", ["class": "lead"]) {
                    T("26个试点领域（国办发〔2019〕54号）和本县增加的其他领域。指导单位中具有“指导单位”角色的账号审核乡级目录。")
                }
                ErrorSummary(errors: errors)
                PostForm(action: SiteURL.adminCatalogDomains.path, csrfToken: chrome.csrfToken) {
                    DataTable(headers: ["领域", "类别", "指导单位"]) {
                        for domain in domains {
                            let current = m.guides[domain.code] ?? ""
                            El("tr") {
                                El("th", ["scope": "row"]) { T(domain.name) }
                                El("td") { T(domain.isPilot ? "试点领域" : "其他领域") }
                                El("td") {
                                    if canManage {
                                        El("label", ["class": "visually-hidden", "for": "guide-\(domain.code)"]) { T("\(domain.name)的指导单位") }
                                        El("select", ["id": "guide-\(domain.code)", "name": "guide[\(domain.code)]"]) {
                                            for option in unitOptions {
                                                if option.value == current {
                                                    El("option", ["value": option.value, "selected": "selected"]) { T(option.label) }
                                                } else {
                                                    El("option", ["value": option.value]) { T(option.label) }
                                                }
                                            }
                                        }
                                    } else {
                                        T(unitOptions.first { $0.value == current }?.label ?? "（未指定）")
                                    }
                                }
                            }
                        }
                    }
                    if canManage {
                        FieldRow(label: "增加其他领域", name: "newDomain", value: newName, errors: e.messages(for: "newDomain"),
                                 hint: "如：政务服务、重大行政决策。不填则只保存指导单位。")
                        SubmitRow(title: "保存")
                    }
                }
            }
    }
}
