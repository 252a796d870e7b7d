import Foundation
import Plot

/// One portal section. Until later features fill them, each says plainly what will appear; the 指南 shows the
/// county office's text (GuideController) and lists every unit's disclosure office with the contact details
/// 条例 第十二条 requires.
enum SectionPage {
    struct UnitRow {
        let id: UUID
        let name: String
        let kindLabel: String
        let depth: Int
        let isExample: Bool
        let address: String
        let officeHours: String
        let phone: String
        let fax: String
        let email: String
    }

    struct Model {
        let section: PortalSection
        let units: [UnitRow]
        var catalogs: [CatalogStore.Published] = []
        var compiling: [CatalogStore.Compiling] = []
        var siteSlug = ""
        /// The county office's text of the 指南 (sanitised); the default text until it writes its own.
        var guideHTML = DefaultGuideText.html
        var guideUpdated: Date?
    }

    static func summary(_ section: PortalSection) -> String {
        switch section {
        case .guide: "政府信息的分类、编排体系、获取方式，以及各单位政府信息公开工作机构的地址、时间和联系方式。"
        case .system: "政府信息发布、政策解读、依申请公开、公文公开属性源头认定等工作制度。"
        case .statutory: "按26个试点领域政务公开事项标准目录分类的法定主动公开内容。"
        case .annualReports: "各单位按统一格式编制的政府信息公开工作年度报告。"
        case .apply: "向行政机关申请获取政府信息，并凭查询码查看办理进度和答复。"
        case .services: "政务服务事项、办事指南和企业群众办事一本通。"
        case .interaction: "留言咨询、意见征集和在线访谈。"
        }
    }

    static func emptyText(_ section: PortalSection) -> (String, String) {
        switch section {
        case .guide: ("", "")
        case .system: ("暂未发布制度文件", "公开办发布的政务公开工作制度将列在这里，每项制度可在线查阅和下载。")
        case .statutory: ("标准目录尚未发布", "各单位编制的政务公开事项标准目录经审核发布后，将按 县级 → 单位 → 领域 → 一级事项 → 二级事项 显示在这里，每个事项下列出已发布的政府信息。")
        case .annualReports: ("暂无年度报告", "县级人民政府部门应于每年1月31日前公布上一年度政府信息公开工作年度报告，县级人民政府应于每年3月31日前公布本级政府年度报告；发布后将列在这里。")
        case .apply: ("在线申请尚未开通", "开通后可以在这里在线提交政府信息公开申请（无需注册账号），并凭查询码查看办理进度、答复期限和答复文书。在此之前，请按“政府信息公开指南”中的地址和电话，以信件、传真或当面方式提出申请。")
        case .services: ("办事服务尚未上线", "政务服务事项、办事指南和“办事一本通”发布后将集中显示在这里，并提供统一的办事入口。")
        case .interaction: ("互动交流尚未开通", "开通后可以在这里留言咨询、参与重大行政决策意见征集；留言的答复情况将公开显示。")
        }
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: model.siteSlug).path, current: model.section.title)
            El("h1") { T(model.section.title) }
            El("p", ["class": "lead"]) { T(summary(model.section)) }
            if model.section == .guide {
                guide(model)
            } else if model.section == .apply {
                El("div", ["class": "card"]) {
                    El("p") { T("在线提交政府信息公开申请，无需注册账号；提交后凭查询码查看办理进度、答复期限和答复文书。") }
                    El("p") {
                        A("在线申请", href: SiteURL.requestApply(slug: model.siteSlug).path, class: "button")
                        T("　")
                        A("查询办理进度", href: SiteURL.requestTrack(slug: model.siteSlug, code: nil).path, class: "button secondary")
                    }
                    El("p", ["class": "hint"]) { T("也可以按“政府信息公开指南”中的地址和电话，以信件、传真或当面方式提出申请。") }
                }
            } else if model.section == .statutory && !model.catalogs.isEmpty {
                CatalogPortal.render(model.catalogs, compiling: model.compiling, slug: model.siteSlug)
            } else {
                let (title, text) = emptyText(model.section)
                EmptyState(title: title, text: text)
            }
            if model.section == .interaction, let identity = chrome.site?.identity { ServiceContacts(identity: identity) }
            if model.section == .apply, let site = chrome.site {
                El("p") {
                    T("行政机关应当自收到申请之日起20个工作日内答复（条例第三十三条）。")
                    A("期限怎样计算", href: SiteURL.publicDeadlines(slug: site.slug, year: nil).path)
                }
            }
        }
    }

    @ComponentBuilder
    static func guide(_ model: Model) -> Component {
        El("div", ["class": "rich-text"]) { RawHTML(model.guideHTML) }
        El("p") {
            T("查找政府信息：")
            A("浏览全部政府信息", href: SiteURL.publications(slug: model.siteSlug).path)
            T("　")
            A("搜索", href: SiteURL.search(slug: model.siteSlug).path)
            T("　")
            A("订阅推送", href: SiteURL.subscribe(slug: model.siteSlug).path)
        }
        if let updated = model.guideUpdated {
            El("p", ["class": "muted"]) { T("本指南更新于\(ChineseTime.date(updated))。") }
        }
        El("h2") { T("政府信息公开工作机构") }
        if model.units.isEmpty {
            EmptyState(title: "尚未登记单位", text: "公开办在工作平台登记本县各单位后，各单位的地址、办公时间和联系方式将列在这里。")
        } else {
            El("div", ["class": "table-wrap", "tabindex": "0"]) {
                El("table") {
                    El("thead") {
                        El("tr") {
                            for heading in ["单位名称", "办公地址", "办公时间", "联系电话", "传真号码", "电子邮箱"] {
                                El("th", ["scope": "col"]) { T(heading) }
                            }
                        }
                    }
                    El("tbody") {
                        for unit in model.units {
                            El("tr") {
                                El("td") {
                                    T(String(repeating: "　", count: unit.depth))
                                    A(unit.name, href: SiteURL.unitPage(slug: model.siteSlug, unit.id).path)
                                    if unit.isExample { Badge(text: "示例", kind: "demo") }
                                }
                                El("td") { T(unit.address.isEmpty ? "—" : unit.address) }
                                El("td") { T(unit.officeHours.isEmpty ? "—" : unit.officeHours) }
                                El("td") { T(unit.phone.isEmpty ? "—" : unit.phone) }
                                El("td") { T(unit.fax.isEmpty ? "—" : unit.fax) }
                                El("td") { T(unit.email.isEmpty ? "—" : unit.email) }
                            }
                        }
                    }
                }
            }
        }
    }
}
