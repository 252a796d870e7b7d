import Foundation
import GongkaiCore
import Plot

/// The one page frame of Gongkai, for the portal and the back office: self-hosted CSS, no script needed,
/// zh-CN, a skip link, a large-text switch for older readers, and a print style.
enum Layout {
    static func render(_ chrome: PageChrome, @ComponentBuilder content: @escaping () -> Component) -> String {
        let siteTitle = chrome.site?.name ?? "政务公开平台"
        let fullTitle = chrome.title == siteTitle ? siteTitle : "\(chrome.title) - \(siteTitle)"
        var htmlClasses: [String] = []
        if chrome.largeText { htmlClasses.append("large-text") }
        if chrome.area == .backOffice { htmlClasses.append("back-office") }

        let document = HTML(
            .attribute(named: "lang", value: "zh-CN"),
            .attribute(named: "class", value: htmlClasses.joined(separator: " ")),
            .head(
                .encoding(.utf8),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: HTMLEscape.text(fullTitle)),
                // Plot writes attribute values as given: every one is escaped here, since a feed address can carry
                // what a visitor typed into a filter.
                .link(.rel(.stylesheet), .href(HTMLEscape.attribute(SiteURL.asset("gongkai.css").path))),
                .link(.rel(.icon), .href(HTMLEscape.attribute(SiteURL.asset("favicon.svg").path)), .type("image/svg+xml")),
                .unwrap(chrome.feedURL ?? chrome.site.map { SiteURL.feed(slug: $0.slug, scope: .site).path }) { feed in
                    .link(.rel(.alternate), .type("application/atom+xml"), .href(HTMLEscape.attribute(feed)),
                          .attribute(named: "title", value: "订阅：\(HTMLEscape.attribute(siteTitle))"))
                }
            ),
            .body(
                .component(frame(chrome, content: content))
            )
        )
        return document.render()
    }

    @ComponentBuilder
    private static func frame(_ chrome: PageChrome, content: @escaping () -> Component) -> Component {
        A("跳到正文", href: "#main", class: "skip-link")
        if chrome.site?.isDemo == true {
            El("aside", ["class": "demo-banner", "aria-label": "示例数据说明"]) {
                T("示例数据：本站点由演示程序根据试点文件生成，单位联系方式和标“示例”的内容均为虚构，仅供试用。")
            }
        }
        header(chrome)
        El("main", ["id": "main", "class": "container"]) {
            if let flash = chrome.flash {
                El("p", ["class": "flash", "role": "status"]) { T(flash) }
            }
            content()
        }
        footer(chrome)
    }

    @ComponentBuilder
    private static func header(_ chrome: PageChrome) -> Component {
        El("header", ["class": "site-header"]) {
            El("div", ["class": "container header-row"]) {
                El("div", ["class": "brand"]) {
                    if chrome.area == .backOffice {
                        A("政务公开工作平台", href: SiteURL.admin.path, class: "brand-name")
                        if let staff = chrome.staff { El("span", ["class": "brand-sub"]) { T(staff.siteName) } }
                    } else if let site = chrome.site {
                        A(site.name + "人民政府", href: SiteURL.site(slug: site.slug).path, class: "brand-name")
                        El("span", ["class": "brand-sub"]) { T("政府信息公开") }
                    } else {
                        A("政务公开平台", href: SiteURL.home.path, class: "brand-name")
                    }
                }
                El("div", ["class": "tools"]) {
                    A(chrome.largeText ? "标准字号" : "大字版",
                      href: SiteURL.textSize(large: !chrome.largeText, back: chrome.currentPath).path,
                      class: "tool-link")
                    if let staff = chrome.staff {
                        if chrome.area == .portal { A("工作平台", href: SiteURL.admin.path, class: "tool-link") }
                        El("span", ["class": "who"]) { T(staff.displayName) }
                        PostForm(action: SiteURL.adminLogout.path, csrfToken: chrome.csrfToken, class: "inline") {
                            El("button", ["type": "submit", "class": "link-button"]) { T("退出") }
                        }
                    }
                }
            }
            navigation(chrome)
        }
    }

    @ComponentBuilder
    private static func navigation(_ chrome: PageChrome) -> Component {
        if chrome.area == .backOffice, let staff = chrome.staff {
            El("nav", ["class": "main-nav", "aria-label": "工作平台导航"]) {
                El("ul", ["class": "container"]) {
                    navItem("首页", SiteURL.admin.path, chrome)
                    navItem("单位", SiteURL.adminUnits.path, chrome)
                    navItem("标准目录", SiteURL.adminCatalogs.path, chrome)
                    navItem("清单", SiteURL.adminLists.path, chrome)
                    navItem("办事指南", SiteURL.adminServices.path, chrome)
                    navItem("信息发布", SiteURL.adminPublications.path, chrome)
                    navItem("依申请公开", SiteURL.adminRequests.path, chrome)
                    navItem("工作方案", SiteURL.adminPlans.path, chrome)
                    navItem("内容检查", SiteURL.adminContentCheck.path, chrome)
                    navItem(staff.unreadNotifications > 0 ? "通知（\(staff.unreadNotifications)）" : "通知", SiteURL.adminNotifications.path, chrome)
                    if staff.managesSite {
                        navItem("账号", SiteURL.adminUsers.path, chrome)
                        navItem("公开指南", SiteURL.adminGuide.path, chrome)
                        navItem("站点设置", SiteURL.adminSite.path, chrome)
                        navItem("订阅推送", SiteURL.adminSubscriptions.path, chrome)
                        navItem("操作日志", SiteURL.adminAudit.path, chrome)
                    }
                    navItem("工作日日历", SiteURL.adminCalendar.path, chrome)
                    navItem("API令牌", SiteURL.adminTokens.path, chrome)
                    navItem("查看门户", SiteURL.site(slug: staff.siteSlug).path, chrome)
                }
            }
        } else if let site = chrome.site {
            El("nav", ["class": "main-nav", "aria-label": "栏目导航"]) {
                El("ul", ["class": "container"]) {
                    navItem("首页", SiteURL.site(slug: site.slug).path, chrome)
                    navItem("政府信息", SiteURL.publications(slug: site.slug).path, chrome)
                    for section in PortalSection.disclosureColumns + PortalSection.entries {
                        navItem(section.title, SiteURL.section(slug: site.slug, section).path, chrome)
                    }
                }
            }
        } else {
            EmptyComponent()
        }
    }

    private static func navItem(_ title: String, _ href: String, _ chrome: PageChrome) -> Component {
        let current = chrome.currentPath == href
            || (href != SiteURL.admin.path && !href.hasSuffix("/") && chrome.currentPath.hasPrefix(href))
        return El("li") {
            if current {
                El("a", ["href": href, "aria-current": "page"]) { T(title) }
            } else {
                A(title, href: href)
            }
        }
    }

    /// What Chinese government sites carry at their foot (政府网站发展指引): who runs the site, its registration
    /// numbers, 联系我们, 网站地图 and the 我为政府网站找错 entrance. Numbers not yet set are left out, not faked.
    @ComponentBuilder
    private static func footer(_ chrome: PageChrome) -> Component {
        El("footer", ["class": "site-footer"]) {
            El("div", ["class": "container"]) {
                if let site = chrome.site {
                    let identity = site.identity
                    El("ul", ["class": "footer-links"]) {
                        El("li") { A("联系我们", href: SiteURL.siteContact(slug: site.slug).path) }
                        El("li") { A("网站地图", href: SiteURL.siteMap(slug: site.slug).path) }
                        El("li") { A("我为政府网站找错", href: identity.errorReportURL.isEmpty ? SiteIdentity.nationalErrorReport : identity.errorReportURL) }
                        El("li") { A("期限怎样计算", href: SiteURL.publicDeadlines(slug: site.slug, year: nil).path) }
                        if chrome.area == .portal && chrome.staff == nil {
                            El("li") { A("工作人员登录", href: SiteURL.adminLogin(next: nil).path) }
                        }
                    }
                    El("p") {
                        T("主办单位：\(site.sponsor)")
                        if !identity.siteCode.isEmpty { T("　网站标识码：\(identity.siteCode)") }
                    }
                    if !identity.icpNumber.isEmpty || !identity.policeRecord.isEmpty {
                        El("p") {
                            if !identity.icpNumber.isEmpty { A(identity.icpNumber, href: "https://beian.miit.gov.cn/") }
                            if !identity.icpNumber.isEmpty && !identity.policeRecord.isEmpty { T("　") }
                            if !identity.policeRecord.isEmpty {
                                A(identity.policeRecord, href: "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=\(identity.policeRecordDigits)")
                            }
                        }
                    }
                    if !identity.partyMarkURL.isEmpty {
                        El("p") {
                            El("a", ["href": identity.partyMarkURL, "class": "party-mark", "title": "党政机关网站标识"]) { T("党政机关") }
                        }
                    }
                } else if chrome.area == .portal && chrome.staff == nil {
                    El("p") { A("工作人员登录", href: SiteURL.adminLogin(next: nil).path) }
                }
                El("p", ["class": "muted"]) { T("本平台不使用任何外部脚本、字体或统计服务。") }
            }
        }
    }
}
