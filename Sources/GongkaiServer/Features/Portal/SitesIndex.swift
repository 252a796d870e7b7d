import Plot

/// `/` when the deployment serves several counties (集约化): one card per site.
enum SitesIndex {
    struct Model {
        let sites: [PageChrome.SiteInfo]
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("政务公开平台") }
            if model.sites.isEmpty {
                EmptyState(title: "尚未建立站点",
                           text: "系统管理员可以在服务器上运行 gongkai setup 创建本县（市、区）的站点和第一个管理员账号。")
            } else {
                El("p", ["class": "lead"]) { T("本平台集约化承载以下县（市、区）人民政府的政府信息公开专栏，请选择：") }
                El("div", ["class": "grid"]) {
                    for site in model.sites {
                        El("div", ["class": "card"]) {
                            A(site.name + "人民政府", href: SiteURL.site(slug: site.slug).path, class: "card-title")
                            if site.isDemo { Badge(text: "示例数据", kind: "demo") }
                            El("p", ["class": "muted"]) { T(site.parentRegion + site.name) }
                        }
                    }
                }
            }
        }
    }
}
