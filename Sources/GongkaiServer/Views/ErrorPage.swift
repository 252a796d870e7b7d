import Plot
import Vapor

/// The page shown for 404, 403, 500 … in Chinese, with a way back.
enum ErrorPage {
    static func render(status: HTTPResponseStatus, message: String, req: Request) -> String {
        let title = switch status.code {
        case 404: "页面不存在"
        case 403: "没有权限"
        case 401: "需要登录"
        case 429: "请求过于频繁"
        case 500...: "服务器错误"
        default: "无法完成请求"
        }
        let area: PageChrome.Area = req.url.path.hasPrefix("/admin") ? .backOffice : .portal
        let chrome = PageChrome(req: req, title: title, area: area)
        return Layout.render(chrome) {
            El("section", ["class": "error-page"]) {
                El("h1") { T(title) }
                El("p", ["class": "lead"]) { T(message) }
                El("p", ["class": "muted"]) { T("错误代码：\(status.code)") }
                El("p") {
                    if let back = back(req) {
                        A("返回上一页", href: back, class: "button")
                        T(" ")
                    }
                    A(area == .backOffice && req.staff != nil ? "返回工作平台首页" : "返回首页",
                      href: area == .backOffice && req.staff != nil ? SiteURL.admin.path : SiteURL.home.path,
                      class: back(req) == nil ? "button" : "button secondary")
                }
            }
        }
    }

    /// The page the person came from (a refused form's own page, say), when it is a page of this site: the way
    /// back to the item rather than to the home page.
    static func back(_ req: Request) -> String? {
        guard let referer = req.headers.first(name: .referer), let url = URLComponents(string: referer), let host = url.host,
              let own = req.headers.first(name: .host)?.split(separator: ":").first, host == own
        else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        let safe = SiteURL.safeBackPath(path, fallback: "")
        return safe.isEmpty || safe == req.url.string ? nil : safe
    }
}
