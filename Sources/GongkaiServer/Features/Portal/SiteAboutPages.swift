import Foundation
import GongkaiCore
import Plot

/// 联系我们 and 网站地图, the two pages every government site's footer links to.
enum SiteAboutPages {
    struct ContactModel: Sendable {
        let slug: String
        let sponsor: String
        /// The 人民政府办公室's own contact details (label, value), as the unit records hold them.
        let office: (name: String, rows: [(label: String, value: String)])?
        let note: String
        let errorReportURL: String
    }

    static func contact(_ m: ContactModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.slug).path, current: "联系我们")
            El("h1") { T("联系我们") }
            El("p", ["class": "lead"]) { T("本网站由\(m.sponsor)主办。") }
            if let office = m.office {
                El("section", ["class": "card"]) {
                    El("h2") { T(office.name) }
                    El("dl", ["class": "kv"]) {
                        for row in office.rows {
                            El("dt") { T(row.label) }
                            El("dd") {
                                if row.label == "电子邮箱" {
                                    A(row.value, href: "mailto:\(row.value)")
                                } else {
                                    T(row.value)
                                }
                            }
                        }
                    }
                }
            }
            if !m.note.isEmpty { El("p") { T(m.note) } }
            El("ul") {
                El("li") {
                    T("各单位政府信息公开工作机构的地址、办公时间和电话见")
                    A("政府信息公开指南", href: SiteURL.section(slug: m.slug, .guide).path)
                    T("。")
                }
                El("li") {
                    T("申请获取政府信息，请使用")
                    A("依申请公开", href: SiteURL.section(slug: m.slug, .apply).path)
                    T("，在线提交后凭查询码查看进度。")
                }
                El("li") {
                    T("发现本网站内容错误、链接无法打开等问题，请通过")
                    A("我为政府网站找错", href: m.errorReportURL)
                    T("告诉我们。")
                }
            }
        }
    }

    struct MapModel: Sendable {
        let slug: String
        /// Publishing units in tree order (name, page, depth).
        let units: [(name: String, href: String, depth: Int)]
    }

    static func map(_ m: MapModel, chrome: PageChrome) -> String {
        let slug = m.slug
        return Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: slug).path, current: "网站地图")
            El("h1") { T("网站地图") }
            El("div", ["class": "site-map"]) {
                group("政府信息公开", PortalSection.disclosureColumns.map { ($0.title, SiteURL.section(slug: slug, $0).path) })
                group("政府信息", [("全部政府信息", SiteURL.publications(slug: slug).path), ("站内搜索", SiteURL.search(slug: slug).path),
                                   ("订阅更新（邮件）", SiteURL.subscribe(slug: slug).path),
                                   ("订阅更新（Atom）", SiteURL.feed(slug: slug, scope: .site).path)])
                group("依申请公开", [("依申请公开说明", SiteURL.section(slug: slug, .apply).path), ("在线申请", SiteURL.requestApply(slug: slug).path),
                                     ("查询办理进度", SiteURL.requestTrack(slug: slug, code: nil).path)])
                group("服务与互动", [(PortalSection.services.title, SiteURL.section(slug: slug, .services).path),
                                     (PortalSection.interaction.title, SiteURL.section(slug: slug, .interaction).path)])
                group("关于本站", [("联系我们", SiteURL.siteContact(slug: slug).path),
                                   ("期限怎样计算（工作日与节假日）", SiteURL.publicDeadlines(slug: slug, year: nil).path)])
                El("section") {
                    El("h2") { T("发布机构") }
                    El("ul", ["class": "tree-list"]) {
                        for unit in m.units {
                            El("li", ["class": "depth-\(min(unit.depth, 3))"]) { A(unit.name, href: unit.href) }
                        }
                    }
                }
            }
        }
    }

    static func group(_ title: String, _ links: [(String, String)]) -> Component {
        El("section") {
            El("h2") { T(title) }
            El("ul") {
                for (label, href) in links { El("li") { A(label, href: href) } }
            }
        }
    }
}

extension SiteAboutPages.ContactModel {
    static let mock = Self(slug: "hukou", sponsor: "湖口县人民政府办公室",
                           office: ("湖口县人民政府办公室", [("办公地址", "湖口县双钟镇（示例地址）"), ("联系电话", "0792-6321007"), ("电子邮箱", "gkb@example.gov.cn")]),
                           note: "网站运维电话：0792-6320000", errorReportURL: SiteIdentity.nationalErrorReport)
}
