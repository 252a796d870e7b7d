import GongkaiCore
import Plot

/// Where people ask and complain about services: the 12345 政务服务便民热线 and the province's 政务服务网, as the
/// office set them (站点设置). Shown on 办事服务 and 互动交流 (and on each 办事指南 when guides land).
struct ServiceContacts: Component {
    let identity: SiteIdentity

    var body: Component {
        El("aside", ["class": "card service-contacts", "aria-label": "办事咨询和投诉"]) {
            El("p") {
                T("咨询、投诉、求助：拨打")
                El("a", ["href": "tel:" + identity.shownHotline.filter { $0.isNumber || $0 == "-" }]) { T(identity.shownHotline) }
                T("政务服务便民热线。")
            }
            if !identity.serviceURL.isEmpty {
                El("p") {
                    T("网上办事：")
                    A("政务服务网", href: identity.serviceURL)
                    T("（\(identity.serviceURL)）")
                }
            }
        }
    }
}
