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
                    A(area == .backOffice && req.staff != nil ? "返回工作平台首页" : "返回首页",
                      href: area == .backOffice && req.staff != nil ? SiteURL.admin.path : SiteURL.home.path,
                      class: "button")
                }
            }
        }
    }
}
