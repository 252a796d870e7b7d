import Foundation
import GongkaiCore
import Plot

/// Adding or changing one entry of a catalog's open draft.
enum CatalogEntryPage {
    struct Model {
        let catalogLabel: String
        let catalogHref: String
        /// "修改事项（第2版草稿）".
        let heading: String
        let problem: String?
        let form: CatalogEntryForm
        let action: String
        let lockVersion: Int
        let isNew: Bool
    }

    static func render(_ m: Model, errors: ValidationErrors?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p", ["class": "breadcrumb"]) {
                A("标准目录", href: SiteURL.adminCatalogs.path)
                T(" › ")
                A(m.catalogLabel, href: m.catalogHref)
            }
            El("h1") { T(m.heading) }
            if let problem = m.problem { El("p", ["class": "error-summary", "role": "alert"]) { T(problem) } }
            m.form.render(action: m.action, cancel: m.catalogHref, lockVersion: m.lockVersion, csrfToken: chrome.csrfToken, errors: errors, isNew: m.isNew)
        }
    }
}
