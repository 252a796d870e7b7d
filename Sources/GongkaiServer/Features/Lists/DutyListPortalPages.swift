import Foundation
import GongkaiCore
import Plot

/// The portal's 办事服务 column and the published 清单: per site (how many powers of each kind each unit holds) and
/// per unit (every row, with 依据, 主体 and 责任, "向社会公布，接受社会监督"). Tables become label/value blocks on a phone.
enum DutyListPortalPages {
    struct UnitSummary {
        let listID: UUID
        let unit: String
        let count: Int
        let publishedAt: Date
        let version: Int
        /// Rows per column of the site table: the ten 职权类型, or the three levels.
        let counts: [Int]
    }

    struct SectionModel {
        let siteSlug: String
        let power: [UnitSummary]
        let service: [UnitSummary]
        var guides: [ServiceGuideQuery.Published] = []
    }

    static func columns(_ kind: DutyListKind) -> [String] {
        kind == .power ? PowerType.allCases.map(\.label) : CatalogLevel.allCases.map(DutyListRow.levelLabel)
    }

    static func counts(_ rows: [DutyListRow], kind: DutyListKind) -> [Int] {
        kind == .power ? PowerType.allCases.map { t in rows.filter { $0.powerType == t }.count }
            : CatalogLevel.allCases.map { l in rows.filter { $0.level == l }.count }
    }

    static func section(_ m: SectionModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.siteSlug).path, current: "办事服务")
            El("h1") { T("办事服务") }
            El("p", ["class": "lead"]) { T("政务服务事项、办事指南和企业群众办事一本通；各单位的权责清单和公共服务清单。") }
            if let identity = chrome.site?.identity { ServiceContacts(identity: identity) }
            if !m.guides.isEmpty { ServiceGuideList(siteSlug: m.siteSlug, guides: m.guides) }
            if m.power.isEmpty && m.service.isEmpty {
                EmptyState(title: "清单尚未发布", text: "各单位的权责清单和公共服务清单经本单位和公开办审核发布后，将列在这里，可在线查阅和下载。")
            }
            for (kind, units) in [(DutyListKind.power, m.power), (.service, m.service)] where !units.isEmpty {
                El("section", ["class": "card", "id": kind.pathName]) {
                    El("h2") { T(kind.title) }
                    El("p") {
                        T("\(units.count)个单位已发布，共\(units.reduce(0) { $0 + $1.count })项。")
                        A("查看\(kind.title)汇总", href: SiteURL.publicLists(slug: m.siteSlug, kind: kind).path)
                    }
                    El("ul", ["class": "plain"]) {
                        for u in units {
                            El("li") {
                                A(u.unit, href: SiteURL.publicList(slug: m.siteSlug, kind: kind, u.listID).path)
                                T("（\(u.count)项，\(ChineseTime.date(u.publishedAt))发布）")
                            }
                        }
                    }
                }
            }
        }
    }

    struct SiteModel {
        let siteSlug: String
        let kind: DutyListKind
        let units: [UnitSummary]
    }

    static func site(_ m: SiteModel, chrome: PageChrome) -> String {
        let columns = columns(m.kind)
        return Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.siteSlug).path, trail: [("办事服务", SiteURL.section(slug: m.siteSlug, .services).path)],
                       current: m.kind.title)
            El("h1") { T(m.kind.title) }
            El("p", ["class": "lead"]) {
                T(m.kind == .power
                  ? "各单位行使的行政职权及其依据、实施主体、责任事项和追责情形，向社会公布，接受社会监督。下表按职权类型统计，点击单位查看全部事项。"
                  : "各单位提供的公共服务事项及其服务对象、办理依据、时限、收费和咨询电话，分县级、乡镇级和村（社区）级。点击单位查看全部事项。")
            }
            if m.units.isEmpty {
                EmptyState(title: "尚未发布", text: "各单位的\(m.kind.title)经审核发布后将列在这里。")
            } else {
                DataTable(headers: ["单位"] + columns + ["合计"], class: "stack") {
                    for u in m.units {
                        El("tr") {
                            El("td", ["data-label": "单位"]) { A(u.unit, href: SiteURL.publicList(slug: m.siteSlug, kind: m.kind, u.listID).path) }
                            for (title, n) in zip(columns, u.counts) { El("td", ["data-label": title]) { T(n == 0 ? "—" : String(n)) } }
                            El("td", ["data-label": "合计"]) { T(String(u.count)) }
                        }
                    }
                    El("tr", ["class": "total"]) {
                        El("td", ["data-label": "单位"]) { T("合计") }
                        for (i, title) in columns.enumerated() {
                            El("td", ["data-label": title]) { T(String(m.units.reduce(0) { $0 + $1.counts[i] })) }
                        }
                        El("td", ["data-label": "合计"]) { T(String(m.units.reduce(0) { $0 + $1.count })) }
                    }
                }
            }
        }
    }

    struct UnitModel {
        let siteSlug: String
        let kind: DutyListKind
        let listID: UUID
        let unit: String
        let version: Int
        let publishedAt: Date
        let rows: [DutyListRow]
    }

    static func unit(_ m: UnitModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            Breadcrumb(home: SiteURL.site(slug: m.siteSlug).path,
                       trail: [("办事服务", SiteURL.section(slug: m.siteSlug, .services).path),
                               (m.kind.title, SiteURL.publicLists(slug: m.siteSlug, kind: m.kind).path)],
                       current: m.unit)
            El("h1") { T(m.unit + m.kind.title) }
            El("p", ["class": "lead"]) { T("第\(m.version)版，\(ChineseTime.date(m.publishedAt))发布，共\(m.rows.count)项。") }
            El("p", ["class": "downloads"]) {
                T("下载：")
                for (format, label) in [("xlsx", "Excel 表格"), ("csv", "CSV"), ("json", "JSON")] {
                    A(label, href: SiteURL.publicListDownload(slug: m.siteSlug, kind: m.kind, m.listID, format: format).path)
                    T(" ")
                }
            }
            if m.kind == .power {
                El("p") {
                    T(zip(PowerType.allCases, counts(m.rows, kind: .power)).filter { $0.1 > 0 }.map { "\($0.0.label)\($0.1)项" }.joined(separator: "，") + "。")
                }
            }
            DutyListTable(kind: m.kind, rows: m.rows)
        }
    }
}

extension DutyListKind {
    /// The kind as the portal's address spells it (pinyin, like every portal path).
    var pathName: String { self == .power ? "quanze" : "fuwu" }

    init?(pathName: String) {
        switch pathName {
        case "quanze": self = .power
        case "fuwu": self = .service
        default: return nil
        }
    }
}
