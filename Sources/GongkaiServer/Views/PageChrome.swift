import Foundation
import GongkaiCore
import Vapor

/// What every page's frame needs to know, taken from the request once.
struct PageChrome: Sendable {
    enum Area: Sendable { case portal, backOffice }

    struct SiteInfo: Sendable {
        let slug: String
        let name: String
        let parentRegion: String
        let isDemo: Bool

        /// 主办单位 as the footer and 联系我们 name it.
        var sponsor: String { identity.sponsor.isEmpty ? "\(name)人民政府办公室" : identity.sponsor }
        /// What the footer shows: 主办单位 and the registration numbers.
        var identity = SiteIdentity()
    }

    var title: String
    var area: Area
    var site: SiteInfo?
    var staff: Staff?
    var csrfToken: String
    var largeText: Bool
    var currentPath: String
    var flash: String?
    var feedURL: String?

    init(req: Request, title: String, area: Area, site: SiteInfo? = nil) {
        self.title = title
        self.area = area
        self.site = site
        self.staff = req.staff
        self.csrfToken = req.csrfToken
        self.largeText = req.cookies[GongkaiCookie.largeText]?.string == "1"
        self.currentPath = req.url.string
        self.flash = req.query[String.self, at: "notice"].flatMap(Notice.init(rawValue:))?.message
    }

    /// A chrome for rendering without a request (view tests, benchmarks).
    init(title: String, area: Area, site: SiteInfo? = nil, staff: Staff? = nil) {
        self.title = title
        self.area = area
        self.site = site
        self.staff = staff
        self.csrfToken = "test-token"
        self.largeText = false
        self.currentPath = "/"
    }
}

extension PageChrome.SiteInfo {
    init(_ record: SiteRecord) {
        self.init(slug: record.slug, name: record.name, parentRegion: record.parentRegion, isDemo: record.isDemo,
                  identity: record.identity)
    }
}
