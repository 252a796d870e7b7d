import Foundation
import GongkaiCore
import Plot

/// One 办事指南 for the public.
enum ServiceGuidePortalPage {
    struct Model {
        let siteSlug: String
        let unitID: UUID
        let unit: String
        let guide: ServiceGuide
        let publishedAt: Date
        /// The page's own address, printed as a QR code.
        let address: String
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.siteSlug).path, trail: [("办事服务", SiteURL.section(slug: m.siteSlug, .services).path)],
                       current: m.guide.name)
            El("h1") { T(m.guide.name + "办事指南") }
            El("p", ["class": "lead"]) {
                A(m.unit, href: SiteURL.unitPage(slug: m.siteSlug, m.unitID).path)
                T("　\(DutyListRow.levelLabel(m.guide.level))　\(ChineseTime.date(m.publishedAt))发布")
            }
            ServiceGuideView(guide: m.guide)
            if let identity = chrome.site?.identity { ServiceContacts(identity: identity) }
            QRFigure(url: m.address, caption: "扫码或访问以下网址查看本指南的网上版本")
        }
    }
}

/// The published guides in the 办事服务 column, by unit.
struct ServiceGuideList: Component {
    let siteSlug: String
    let guides: [ServiceGuideQuery.Published]

    var body: Component {
        El("section", ["class": "card", "id": "zhinan"]) {
            El("h2") { T("办事指南（\(guides.count)）") }
            El("ul", ["class": "plain"]) {
                for g in guides {
                    El("li") {
                        A(g.guide.name, href: SiteURL.publicService(slug: siteSlug, g.id).path)
                        T("（\(g.unitName)，\(DutyListRow.levelLabel(g.guide.level))）")
                    }
                }
            }
        }
    }
}
