import Plot

/// A site's home: the 政府信息公开 column set and the entries for 依申请公开, 办事服务 and 互动交流.
enum SiteHome {
    struct Model {
        let site: PageChrome.SiteInfo
        var latest: [InformationPages.ListItem] = []
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("\(model.site.name)人民政府信息公开") }
            El("p", ["class": "lead"]) {
                T("根据《中华人民共和国政府信息公开条例》，本专栏集中发布\(model.site.name)人民政府及其部门、乡镇主动公开的政府信息，提供检索、查阅和下载。")
            }
            InformationPages.searchBox(slug: model.site.slug, query: "")
            El("h2", ["class": "section-title"]) { T("政府信息公开") }
            El("div", ["class": "grid"]) {
                for section in PortalSection.disclosureColumns { card(section, model.site) }
            }
            El("h2", ["class": "section-title"]) { T("办事与互动") }
            El("div", ["class": "grid"]) {
                for section in PortalSection.entries { card(section, model.site) }
            }
            El("h2", ["class": "section-title"]) { T("最新信息") }
            if model.latest.isEmpty {
                EmptyState(title: "暂无最新信息",
                           text: "各单位按照标准目录发布政府信息后，最新发布的信息将按时间顺序显示在这里。")
            } else {
                InformationPages.itemList(model.latest)
                El("p") {
                    A("更多政府信息", href: SiteURL.publications(slug: model.site.slug).path)
                    T("　")
                    A("订阅（Atom）", href: SiteURL.feed(slug: model.site.slug, scope: .site).path)
                }
            }
        }
    }

    static func card(_ section: PortalSection, _ site: PageChrome.SiteInfo) -> Component {
        El("div", ["class": "card"]) {
            A(section.title, href: SiteURL.section(slug: site.slug, section).path, class: "card-title")
            El("p", ["class": "muted"]) { T(SectionPage.summary(section)) }
        }
    }
}
